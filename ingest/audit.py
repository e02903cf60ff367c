"""Read a folder of reports without storing them and say how well each was read, against gold if given.

Gold files are the hand-read answer keys (`{"file", "agency", "year", "facts": {key: {"value",
"state"}}}`; the format of `../shared/gold/facts` and `../shared/wild/gold`). A cell is right when
state and value match; `not read` when we did not read it (not_read or unreadable: honest); wrong
otherwise — a different number, `blank` for a printed number, or a number for a printed blank.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ingest.parse import parse_file
from ingest.pipeline import collect_files
from nianbao.catalogue import expand_abbreviations
from nianbao.errors import BadReportFile
from nianbao.models import CellState, Report

_UNNAMED = re.compile(r"name not printed|not printed|(?:inferred )?from (?:the )?(?:URL|domain)|none in excerpt|replaced by spam|某")
_NOTE = re.compile(r"\s*[\(（\[][^)）\]]*[)）\]]\s*")
_SUFFIX_VARIANTS = ("人民政府", "办事处")


@dataclass
class FileAudit:
    file: str
    status: str  # read | refused
    message: str = ""
    layout: str = ""
    agency: Optional[str] = None
    year: Optional[int] = None
    template: Optional[str] = None
    cells_read: int = 0
    cells_not_read: int = 0
    rules_passed: int = 0
    rules_failed: int = 0
    confidence: float = 0.0
    complete: bool = False
    gold: Optional[str] = None
    right: int = 0
    not_read: int = 0
    wrong: int = 0
    wrong_cells: list[str] = field(default_factory=list)
    agency_verdict: str = ""  # right | unknown | wrong ('' without gold)
    year_right: Optional[bool] = None


@dataclass
class AuditTotals:
    files: int = 0
    refused: int = 0
    cells_read: int = 0
    cells_not_read: int = 0
    rules_passed: int = 0
    rules_failed: int = 0
    gold_files: int = 0
    gold_cells: int = 0
    right: int = 0
    not_read: int = 0
    wrong: int = 0
    agency_right: int = 0
    agency_unknown: int = 0
    agency_wrong: int = 0
    year_right: int = 0


def load_gold(dirs: Iterable[Path]) -> dict[str, dict]:
    """Gold answer keys by the stem of the file they describe."""
    out: dict[str, dict] = {}
    for d in dirs:
        for path in sorted(Path(d).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(gold, dict) and "facts" in gold:
                out[Path(gold.get("file") or path.name).stem] = gold
    return out


def _core(name: str) -> str:
    from ingest.script import to_simplified

    # one spelling per organ on both sides: traditional characters, 简称 (人社局, 经开区, 管委会)
    return expand_abbreviations(re.sub(r"\s+", "", _NOTE.sub("", to_simplified(name, force=True))).strip("[]"))


def agency_verdict(ours: Optional[str], gold: dict) -> str:
    """right / unknown (we say we do not know, and the page does not print the name) / wrong."""
    unnamed = bool(_UNNAMED.search(gold.get("agency", "") + " " + gold.get("agency_printed", "")))
    if not ours:
        return "unknown" if unnamed else "wrong"
    theirs, mine = _core(gold["agency"]), _core(ours)
    for suffix in ("",) + _SUFFIX_VARIANTS:  # 中塘镇 vs 中塘镇人民政府
        a, b = mine.removesuffix(suffix), theirs.removesuffix(suffix)
        if a == b or _region_extension(a, b) or _region_extension(b, a):
            return "right"
    return "wrong"


def _region_extension(longer: str, shorter: str) -> bool:
    """`重庆市武隆区统计局` vs `武隆区统计局`: the same name with region names in front."""
    return longer.endswith(shorter) and len(shorter) >= 3 and _only_regions(longer[: len(longer) - len(shorter)])


def _only_regions(prefix: str) -> bool:
    """Is `prefix` made only of administrative division names (`重庆市`, `天津市滨海新区`)?"""
    return bool(prefix) and bool(re.fullmatch(r"(?:[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|州|盟|地区|县|区|旗))+", prefix))


def _compare(report: Report, gold: dict, audit: FileAudit) -> None:
    facts = {f.key: f for f in report.facts}
    for key, g in gold["facts"].items():
        f = facts.get(key)
        if f is None or f.state in (CellState.NOT_READ, CellState.UNREADABLE):
            audit.not_read += 1
            continue
        same_state = f.state.value == g["state"]
        same_value = (f.value is None and g.get("value") is None) or (
            f.value is not None and g.get("value") is not None and abs(f.value - g["value"]) < 1e-6)
        if same_state and same_value:
            audit.right += 1
        else:
            audit.wrong += 1
            audit.wrong_cells.append(f"{key}: read {f.state.value} {f.raw!r}, gold {g['state']} {g.get('value')}")
    audit.agency_verdict = agency_verdict(report.agency_full or report.agency, gold)
    if audit.agency_verdict == "wrong" and report.agency and report.agency_full != report.agency:
        audit.agency_verdict = agency_verdict(report.agency, gold)
    audit.year_right = report.year == gold.get("year")


def audit_file(path: Path, gold: Optional[dict] = None) -> FileAudit:
    try:
        report = parse_file(path)
    except BadReportFile as e:
        audit = FileAudit(str(path), "refused", e.reason)
        if gold:
            audit.gold = Path(gold.get("file", "")).name
            audit.not_read = len(gold["facts"])
            audit.agency_verdict = "wrong"
            audit.year_right = False
        return audit
    q = report.quality
    audit = FileAudit(str(path), "read", "", q.layout, report.agency_full or report.agency, report.year,
                      report.template, q.cells_read, q.cells_not_read, q.rules_passed, q.rules_failed,
                      q.confidence, q.complete)
    if gold:
        audit.gold = Path(gold.get("file", "")).name
        _compare(report, gold, audit)
    return audit


def audit_paths(paths: Iterable[Path], gold_dirs: Iterable[Path] = (), progress=None) -> tuple[list[FileAudit], AuditTotals]:
    """Audit every report file under `paths`; compare with gold where a gold file names it."""
    golds = load_gold(gold_dirs)
    files = collect_files(paths)
    audits = []
    for i, path in enumerate(files):
        audits.append(audit_file(path, golds.get(path.stem)))
        if progress:
            progress(i + 1, len(files), path.name)
    return audits, totals(audits)


def totals(audits: list[FileAudit]) -> AuditTotals:
    t = AuditTotals(files=len(audits))
    for a in audits:
        t.refused += a.status == "refused"
        t.cells_read += a.cells_read
        t.cells_not_read += a.cells_not_read
        t.rules_passed += a.rules_passed
        t.rules_failed += a.rules_failed
        if a.gold is None:
            continue
        t.gold_files += 1
        t.gold_cells += a.right + a.not_read + a.wrong
        t.right += a.right
        t.not_read += a.not_read
        t.wrong += a.wrong
        t.agency_right += a.agency_verdict == "right"
        t.agency_unknown += a.agency_verdict == "unknown"
        t.agency_wrong += a.agency_verdict == "wrong"
        t.year_right += bool(a.year_right)
    return t


def total_line(t: AuditTotals) -> str:
    line = (f"TOTAL {t.files} files, {t.refused} refused; cells read {t.cells_read}, not read {t.cells_not_read}; "
            f"rules passed {t.rules_passed}, failed {t.rules_failed}")
    if t.gold_files:
        pct = 100.0 * t.right / t.gold_cells if t.gold_cells else 100.0
        line += (f"\nGOLD  {t.gold_files} files, {t.gold_cells} cells: right {t.right} ({pct:.1f} %), "
                 f"not read {t.not_read}, wrong {t.wrong}; agency right {t.agency_right}, unknown (not printed) "
                 f"{t.agency_unknown}, wrong {t.agency_wrong}; year right {t.year_right}/{t.gold_files}")
    return line


def as_json(audits: list[FileAudit], t: AuditTotals) -> str:
    return json.dumps({"files": [asdict(a) for a in audits], "totals": asdict(t)}, ensure_ascii=False, indent=1)
