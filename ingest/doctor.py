"""`nianbao doctor [--repair]`: check that the store is whole and the passage index in step with it.

Checks (each a line of the report, `ok` or what is wrong and what to do):
- SQLite's own integrity check;
- rows of facts, sections, findings, narrative or text whose report is gone (orphans);
- reports stored without their text;
- versions of one report: exactly one version of each agency's year is the one answers use;
- the passage index: readable, no passages of reports the store does not answer from (stale), none
  missing for a report it does (missing).

`repair` fixes what can be fixed from the store (orphans deleted, versions settled, the index put in
step, an unreadable index set aside and rebuilt); a file SQLite finds damaged cannot be mended in place
and the report says how to rebuild it from the report files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest import store
from nianbao.errors import from_chromadb

CHILD_TABLES = ("facts", "sections", "findings", "narrative", "report_texts")


@dataclass
class Check:
    name: str
    problems: int = 0
    detail: str = ""
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return self.problems == 0 or self.repaired


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return all(c.ok for c in self.checks)


USED = "CASE WHEN version_of IS NULL THEN 1 ELSE 0 END"  # the version answers use (as a number: SQLite and PostgreSQL)


def examine(db_dir: Path, settings=None, repair: bool = False, index: bool = True) -> DoctorReport:
    """Every check of the store at `db_dir` (and of its passage index unless `index` is False)."""
    out = DoctorReport()
    conn = store.connect(db_dir) if repair else store.connect_readonly(db_dir)
    try:
        out.checks.append(_integrity(conn))
        out.checks.append(_orphans(conn, repair))
        out.checks.append(_texts(conn))
        out.checks.append(_versions(conn, repair))
        out.counts = {"reports": conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0],
                      "answered from": len(store.used_report_ids(conn)),
                      "facts": conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]}
    finally:
        conn.close()
    if index:
        out.checks.append(_index(db_dir, settings, repair, out.counts))
    return out


def _integrity(conn) -> Check:
    """SQLite's own check of the file (rows whose report is gone are the orphan check's)."""
    bad = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    return Check("sqlite integrity", len(bad), f"{'; '.join(bad[:3])}: the file is damaged; ingest the report files "
                                               "again into a new --db folder (the store is rebuilt from them)"
                 if bad else "")


def _orphans(conn, repair: bool) -> Check:
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t} WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
              for t in CHILD_TABLES}
    total = sum(counts.values())
    check = Check("orphan rows", total, ", ".join(f"{n} in {t}" for t, n in counts.items() if n))
    if total and repair:
        with store.transaction(conn):
            for t in CHILD_TABLES:
                conn.execute(f"DELETE FROM {t} WHERE report_id NOT IN (SELECT id FROM reports)")
        check.repaired = True
    return check


def _texts(conn) -> Check:
    missing = [r[0] for r in conn.execute(
        "SELECT file FROM reports WHERE id NOT IN (SELECT report_id FROM report_texts) ORDER BY file")]
    return Check("report texts", len(missing),
                 f"stored without text: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}; "
                 "ingest those files again" if missing else "")


def _versions(conn, repair: bool) -> Check:
    """Each agency's year has exactly one version answers use, and every other version names it."""
    name = store.AGENCY_NAME
    groups = conn.execute(
        f"SELECT {name}, year, SUM({USED}) FROM reports WHERE {name} IS NOT NULL AND year IS NOT NULL"
        f" GROUP BY {name}, year HAVING SUM({USED}) != 1").fetchall()
    dangling = conn.execute("SELECT COUNT(*) FROM reports AS r WHERE version_of IS NOT NULL AND NOT EXISTS"
                            " (SELECT 1 FROM reports AS u WHERE u.id = r.version_of AND u.version_of IS NULL)"
                            ).fetchone()[0]
    check = Check("report versions", len(groups) + dangling,
                  f"{len(groups)} reports with no or several versions answered from, {dangling} versions naming "
                  "a report that is not answered from" if groups or dangling else "")
    if check.problems and repair:
        with store.transaction(conn):
            conn.execute("UPDATE reports SET version_of = NULL WHERE version_of IS NOT NULL AND NOT EXISTS"
                         " (SELECT 1 FROM reports AS u WHERE u.id = reports.version_of)")
            for group_name, year, _ in groups:
                store.settle_versions(conn, group_name, year)
            for group_name, year in conn.execute(
                    f"SELECT DISTINCT {name}, year FROM reports AS r WHERE version_of IS NOT NULL AND NOT EXISTS"
                    " (SELECT 1 FROM reports AS u WHERE u.id = r.version_of AND u.version_of IS NULL)").fetchall():
                store.settle_versions(conn, group_name, year)
        check.repaired = True
    return check


def _index(db_dir: Path, settings, repair: bool, counts: dict[str, int]) -> Check:
    from ingest.pipeline import _used_ids, index_drift
    from nianbao.config import load_settings
    from vectorstore.index import open_index

    settings = settings or load_settings(db=db_dir)
    used = set(_used_ids(db_dir))
    try:
        index = open_index(settings, db_dir)
        stale, missing = index_drift(index, used)
        counts["passages"] = index.count()
    except Exception as e:  # noqa: BLE001 - only the index's own failures are a finding; others propagate
        if not from_chromadb(e):
            raise
        check = Check("passage index", 1, f"cannot be read ({type(e).__name__}: {str(e)[:120]}); "
                                          "`nianbao doctor --repair` sets it aside and rebuilds it from the store")
        return _repair_index(db_dir, settings, check) if repair else check
    detail = ", ".join(part for part in (
        f"passages of {len(stale)} reports the store does not answer from" if stale else "",
        f"{len(missing)} reports without passages" if missing else "") if part)
    check = Check("passage index", len(stale) + len(missing), detail)
    return _repair_index(db_dir, settings, check) if repair and check.problems else check


def _repair_index(db_dir: Path, settings, check: Check) -> Check:
    from ingest.pipeline import IngestSummary, _index

    summary = IngestSummary()
    _index(db_dir, settings, [], [], None, summary)  # reconciles: stale removed, missing indexed, or rebuilt
    check.repaired = True
    if summary.index_rebuilt:
        check.detail += f" ({summary.index_rebuilt})"
    return check


def render(report: DoctorReport, repair: bool) -> str:
    lines = []
    for c in report.checks:
        state = "ok      " if c.problems == 0 else "repaired" if c.repaired else "PROBLEM "
        lines.append(f"{state}  {c.name}" + (f": {c.detail}" if c.detail else ""))
    lines.append("counts: " + ", ".join(f"{k} {v:,}" for k, v in report.counts.items()))
    if not report.healthy and not repair:
        lines.append("run `nianbao doctor --repair` to fix what can be fixed from the store")
    return "\n".join(lines)
