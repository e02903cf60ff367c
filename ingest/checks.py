"""Balance rules R1–R4 (勾稽关系) and narrative-vs-table comparisons; failures become findings.

An equation that needs a blank or unreadable cell is skipped, never evaluated with 0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ingest.cells import norm
from nianbao import keys
from nianbao.models import CellState, Fact, Finding, NarrativeNumber, Report, Section

APPLICANT_COLS = keys.REQUEST_COLS[:6]


def _values(facts: dict[str, Fact], names: list[str]) -> Optional[list[float]]:
    out = []
    for name in names:
        f = facts.get(name)
        if f is None or f.state is not CellState.NUMBER:
            return None
        out.append(f.value)
    return out


def _equation(facts, rule: str, left: list[str], right: list[str], what: str) -> Optional[Finding]:
    lv, rv = _values(facts, left), _values(facts, right)
    if lv is None or rv is None:
        return None
    if abs(sum(lv) - sum(rv)) < 1e-6:
        return None
    expected, printed = (sum(lv), sum(rv)) if len(right) == 1 else (sum(rv), sum(lv))
    return Finding(rule=rule, message=f"{what}: {' + '.join(_fmt(v) for v in lv)} = {_fmt(sum(lv))}"
                   f" ≠ {' + '.join(_fmt(v) for v in rv)} = {_fmt(sum(rv))}",
                   cells=left + right, expected=expected, printed=printed, line=facts[right[0]].line)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _outcome_rows(facts: dict[str, Fact], template: str) -> list[str]:
    rows = list(keys.OUTCOME_ROWS_2021 if template == "2021" else keys.OUTCOME_ROWS_2019)
    if template == "2021" and facts.get("requests.other.person") and \
            facts["requests.other.person"].state is not CellState.ABSENT:
        rows = [r for r in rows if not r.startswith("other_")] + ["other"]
    return rows


@dataclass(frozen=True)
class Equation:
    """One balance equation that could be evaluated, and whether it holds."""

    rule: str
    left: list[str]
    right: list[str]
    what: str
    finding: Optional[Finding]  # None when it holds (or cannot be evaluated)
    evaluable: bool = True  # False: a cell of it is blank, not read or unreadable (listed only on request)

    @property
    def holds(self) -> bool:
        return self.finding is None

    @property
    def cells(self) -> list[str]:
        return self.left + self.right


def equations(facts: dict[str, Fact], template: Optional[str], every: bool = False) -> list[Equation]:
    """Every balance equation of a report's cells (key → fact) that can be evaluated: none of its cells is
    blank, not read or unreadable (such an equation is skipped, never evaluated with 0). `every`: the others
    too, marked not `evaluable` (a question about one of them is told it cannot be checked)."""
    template = template or "2019"
    eqs: list[tuple[str, list[str], list[str], str]] = []
    for col in keys.REQUEST_COLS:
        new, carried_in, handled, carried_out = (f"requests.{r}.{col}" for r in
                                                 ("new", "carried_in", "handled", "carried_out"))
        eqs.append(("R1", [new, carried_in], [handled, carried_out],
                    f"R1 [{col}] new + carried_in vs handled + carried_out"))
        eqs.append(("R2", [f"requests.{r}.{col}" for r in _outcome_rows(facts, template)],
                    [handled], f"R2 [{col}] sum of outcomes vs handled"))
    for row, _ in keys.request_rows(template):
        if facts.get(f"requests.{row}.total") and facts[f"requests.{row}.total"].state is CellState.ABSENT:
            continue
        eqs.append(("R3", [f"requests.{row}.{c}" for c in APPLICANT_COLS],
                    [f"requests.{row}.total"], f"R3 [{row}] applicants vs total"))
    for row, _ in keys.REVIEW_ROWS:
        eqs.append(("R4", [f"review.{row}.{c}" for c in keys.REVIEW_COLS[:4]],
                    [f"review.{row}.total"], f"R4 [{row}] results vs total"))
    out = []
    for rule, left, right, what in eqs:
        evaluable = _values(facts, left) is not None and _values(facts, right) is not None
        if evaluable or every:
            out.append(Equation(rule, left, right, what, _equation(facts, rule, left, right, what), evaluable))
    return out


def _equations(report: Report) -> list[tuple[bool, Optional[Finding]]]:
    """(holds, finding if it does not) of every equation of the report that can be evaluated."""
    return [(e.holds, e.finding) for e in equations({f.key: f for f in report.facts}, report.template)]


def balance_findings(report: Report) -> list[Finding]:
    return [f for _, f in _equations(report) if f is not None]


def balance_tally(report: Report) -> tuple[int, int]:
    """(equations holding, equations failing) among those that can be evaluated."""
    results = _equations(report)
    return sum(ok for ok, _ in results), sum(not ok for ok, _ in results)


# Narrative restatements: pattern → the cells whose sum it restates.
_W = r"[^。；，,;]{0,14}?"
NARRATIVE_PATTERNS: list[tuple[re.Pattern, list[str]]] = [
    (re.compile(rf"(?:受理|收到|新收|接收){_W}(?:依申请公开|政府信息公开申请|信息公开申请|申请){_W}(?P<n>\d+)\s*[件起个]"),
     ["requests.new.total"]),
    (re.compile(rf"(?:受理|收到|接收)(?P<n>\d+)\s*[件起个]{_W}(?:申请)"), ["requests.new.total"]),
    (re.compile(r"予以公开(?P<n>\d+)\s*件"), ["requests.granted.total"]),
    (re.compile(r"部分公开(?P<n>\d+)\s*件"), ["requests.partial.total"]),
    (re.compile(r"不予公开(?P<n>\d+)\s*件"), [f"requests.{r}.total" for r in keys.OUTCOME_ROWS_2019 if r.startswith("withheld")]),
    (re.compile(r"无法提供(?P<n>\d+)\s*件"), [f"requests.{r}.total" for r in keys.OUTCOME_ROWS_2019 if r.startswith("unavailable")]),
    (re.compile(r"(?:立案查处|作出行政处罚|行政处罚决定|行政处罚)(?P<n>\d+)\s*[起件个]"), ["active.penalty.decisions"]),
    (re.compile(r"行政复议(?P<n>\d+)\s*[起件]"), ["review.reconsideration.total"]),
]


def narrative_claims(sections: list[Section]) -> list[NarrativeNumber]:
    """Numbers the prose restates from a table (`共受理依申请公开4件`), not yet compared."""
    out: list[NarrativeNumber] = []
    for section in sections:
        if section.number not in ("一", "二", "三", "六"):
            continue
        for offset, raw_line in enumerate(section.text.split("\n")):
            line = norm(raw_line)
            if "\t" in raw_line or "|" in raw_line or len(line) < 8:
                continue
            for pattern, cells in NARRATIVE_PATTERNS:
                out += [NarrativeNumber(text=m.group(0), value=float(m.group("n")),
                                        line=section.start_line + offset, cells=cells)
                        for m in pattern.finditer(line)]
    return out


def pins(claims: list[NarrativeNumber]) -> dict[str, Decimal]:
    """Single-cell claims, to help split scraped rows (a claim made twice with two values pins nothing)."""
    values: dict[str, set[float]] = {}
    for c in claims:
        if len(c.cells) == 1:
            values.setdefault(c.cells[0], set()).add(c.value)
    return {k: Decimal(int(v.pop())) for k, v in values.items() if len(v) == 1}  # claims are whole counts


def narrative_numbers(report: Report, claims: Optional[list[NarrativeNumber]] = None) -> list[NarrativeNumber]:
    """Numbers the prose restates from a table, each compared with the table."""
    facts = {f.key: f for f in report.facts}
    out = []
    for claim in claims if claims is not None else narrative_claims(report.sections):
        nn = claim.model_copy()
        table = _values(facts, nn.cells)
        if table is not None:
            nn.table_value = sum(table)
            nn.agrees = abs(nn.table_value - nn.value) < 1e-6
        out.append(nn)
    return out


def narrative_findings(numbers: list[NarrativeNumber]) -> list[Finding]:
    return [Finding(rule="narrative", message=f"narrative says “{n.text}” ({_fmt(n.value)}) but the table says "
                    f"{_fmt(n.table_value)}", cells=n.cells, expected=n.table_value, printed=n.value, line=n.line)
            for n in numbers if n.agrees is False]


def cell_findings(report: Report) -> list[Finding]:
    out = []
    for f in report.facts:
        if f.state is CellState.UNREADABLE:
            cand = f" (candidates: {', '.join(_fmt(c) for c in f.candidates)})" if f.candidates else ""
            out.append(Finding(rule="unreadable", message=f"{f.key}: “{f.raw}” cannot be read as a number{cand}",
                               cells=[f.key], line=f.line))
        if f.unit_assumed:
            out.append(Finding(rule="unit_guess", message=f"{f.key}: unit guessed as {f.unit_assumed}: {f.unit_reason}",
                               cells=[f.key], line=f.line))
    return out
