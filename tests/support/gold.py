"""Build `Report`s straight from the hand-checked gold JSON (fixtures for tests that must not
depend on the parser, e.g. QA tests of SQL planning)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from nianbao.models import CellState, Fact, ReadingQuality, Region, Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD_DIR = FIXTURES / "gold"
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data" / "samples"
SAMPLE_FILES = sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))


def load_gold(name: str) -> dict:
    return json.loads((GOLD_DIR / f"{Path(name).stem}.json").read_text(encoding="utf-8"))


def gold_report(name: str) -> Report:
    from ingest.metadata import agency_kind

    g = load_gold(name)
    facts = []
    for key, v in g["facts"].items():
        table, row, col = key.split(".")
        facts.append(Fact(
            table=table, row=row, col=col, value=v.get("value"), state=CellState(v["state"]),
            unit="yuan" if key.endswith(".amount") else "count", raw=v.get("raw") or "", line=v.get("line"),
            unit_printed=v.get("unit_printed"), unit_assumed=v.get("unit_assumed"),
            unit_reason=v.get("unit_reason"), raw_value=v.get("raw_value"),
        ))
    file = Path(g["file"]).name
    text = (SAMPLES_DIR / file).read_text(encoding="utf-8") if (SAMPLES_DIR / file).exists() else ""
    return Report(
        id=hashlib.sha256(file.encode()).hexdigest()[:16], file=file, source_path=file,
        # (the Hongze golds carry no kind: the reader infers it from the name, as a real ingest does)
        agency=g["agency"], agency_full=g.get("agency_full"), agency_kind=g.get("agency_kind") or agency_kind(g["agency"]),
        region=Region(province=g["province"], city=g["city"], county=g["county"], township=g["township"]),
        year=g["year"], template=g["template"], published=g["published"],
        lines=text.split("\n"), facts=facts,
        # hand-checked: every cell read as printed
        quality=ReadingQuality(cells_expected=len(facts), cells_read=sum(f.state is not CellState.ABSENT for f in facts),
                               confidence=1.0),
    )


# The seven hand-checked reports by name, as the QA mechanism tests compute their expected answers from them
SAMPLE_GOLDS = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE_GOLDS = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
ALL_GOLDS = [*SAMPLE_GOLDS.values(), *HONGZE_GOLDS.values()]


def printed(gold: dict, key: str):
    """The number a gold cell holds; None where it is blank, absent or not read (never 0 for them)."""
    f = gold["facts"].get(key) or {}
    return f.get("value") if f.get("state") == "number" else None
