"""Money cells: stored in yuan, the printed unit kept beside it, a guessed unit always flagged."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from nianbao.models import Fact

WAN = Decimal(10000)


def _to_float(d: Decimal) -> float:
    return float(d.quantize(Decimal("0.01"))) if d != d.to_integral_value() else float(int(d))


def apply_money_unit(fact: Fact, number: Decimal, cell_unit: Optional[str], header_unit: Optional[str],
                     projects: Optional[float] = None) -> None:
    """Set value (yuan), unit_printed / unit_assumed / unit_reason on a money fact in place.

    A unit printed in the cell wins, then the header's; otherwise the unit is guessed from the size
    of the number (and the number of projects) and flagged as guessed.
    """
    fact.unit = "yuan"
    printed = cell_unit if cell_unit in ("元", "万元") else header_unit
    if printed:
        fact.unit_printed = printed
        fact.value = _to_float(number * WAN if printed == "万元" else number)
        fact.unit_reason = f"unit {printed} printed in the {'cell' if printed == cell_unit else 'header'}"
        if printed == "万元":
            fact.raw_value = float(number)
        return
    fact.raw_value = float(number)
    per_project = number / Decimal(str(projects)) if projects else number
    if number != 0 and (number < 100 or per_project < 100):
        fact.unit_assumed = "万元"
        fact.value = _to_float(number * WAN)
        fact.unit_reason = (f"{fact.raw} printed with no unit; as 元 it would be {per_project:,.2f} 元 per project,"
                            " implausible, so read as 万元")
    else:
        fact.unit_assumed = "yuan"
        fact.value = _to_float(number)
        fact.unit_reason = (f"{fact.raw} printed with no unit; read as 元 (as 万元 it would be "
                            f"{number * WAN:,.0f} 元, implausible for one agency's year)")
