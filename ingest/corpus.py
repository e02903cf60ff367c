"""A synthetic national corpus for scale benchmarks: a store of N reports cloned from a real store.

Each clone is one of the base store's reports (its sections, cells, findings and narrative figures)
given another agency (a real county from the gazetteer, across all provinces, with a department, the
government or a street office as the base report was), a year its template was in use, and its
numbers multiplied by a small whole factor (sums stay sums, so the balance rules still hold and
rankings are not all ties). Cloning in SQL is what makes 100,000 reports possible on one machine in
minutes; it measures answering, not reading (`nianbao bench` measures reading separately).
"""
from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path
from typing import Callable, Optional

from ingest.gazetteer import divisions
from ingest.store import connect, db_path, server_url, transaction

DEPARTMENTS = ("统计局", "财政局", "教育局", "司法局", "民政局", "自然资源和规划局", "生态环境局", "交通运输局",
               "农业农村局", "文化和旅游局", "卫生健康局", "市场监督管理局", "医疗保障局", "审计局", "应急管理局")
STREETS = ("城关", "东城", "西城", "南湖", "北苑", "新华", "人民路", "解放路", "中山", "建设路", "朝阳", "和平")
YEARS = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024)}
_TABLES = ("report_texts", "sections", "facts", "findings", "narrative")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    # (PostgreSQL's tables number findings and narrative rows in a `rowid` column the server fills)
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "rowid"]


def _names(kind: str, province: str, city: str, county: str, n: int) -> str:
    if kind == "government":
        return f"{city}{county}人民政府"
    if kind == "street_office":
        return f"{city}{county}{STREETS[n % len(STREETS)]}街道办事处"
    return f"{city}{county}{DEPARTMENTS[n % len(DEPARTMENTS)]}"


def build_corpus(base_db: Path, out_db: Path, reports: int, seed: int = 7,
                 progress: Optional[Callable[[int], None]] = None, clones: Optional[list[dict]] = None) -> int:
    """Write a store of `reports` clones of `base_db`'s reports into `out_db` (replaced). Returns the count.
    `clones`, when given, receives each clone's id, base report id, file, agency, region and year."""
    out_db = Path(out_db)
    url = server_url()
    if out_db.exists():
        shutil.rmtree(out_db)
    if url:  # on a PostgreSQL server both stores are schemas of one database: the base is read in place
        from ingest import postgres
        postgres.drop(url, out_db)
        base = f'"{postgres.schema_of(Path(base_db))}"'
    else:
        base = "base"
    conn = connect(out_db)
    rng = random.Random(seed)
    try:
        if not url:
            conn.execute("ATTACH DATABASE ? AS base", (str(db_path(Path(base_db))),))
        bases = [dict(r) for r in conn.execute(
            f"SELECT id, agency_kind, template FROM {base}.reports WHERE year IS NOT NULL AND template IS NOT NULL")]
        if not bases:
            raise ValueError(f"{base_db} holds no report with a year and a template to clone")
        counties = [d for d in divisions() if d.county]
        rng.shuffle(counties)
        report_cols = _columns(conn, "reports")
        sel = {c: c for c in report_cols}
        sel.update(id=":id", file=":file", source_path=":file", agency=":agency", agency_full=":agency",
                   province=":province", city=":city", county=":county", township=":township", year=":year",
                   region_ambiguous="0", region_candidates="'[]'")
        insert_report = (f"INSERT INTO reports ({', '.join(report_cols)}) SELECT "
                         f"{', '.join(sel[c] for c in report_cols)} FROM {base}.reports WHERE id = :base")
        inserts = {}
        for table in _TABLES:
            cols = _columns(conn, table)
            picked = [":id" if c == "report_id" else c for c in cols]
            if table == "facts":
                picked = [f"{c} * :factor" if c in ("value", "raw_value") else
                          "CASE WHEN value IS NULL THEN raw ELSE printf('%.15g', value * :factor) END" if c == "raw"
                          else c for c in picked]
            inserts[table] = (f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(picked)} "
                              f"FROM {base}.{table} WHERE report_id = :base")
        seen: set[tuple[str, int]] = set()
        made = 0
        batch = 500
        while made < reports:
            with transaction(conn):
                for _ in range(min(batch, reports - made)):
                    base = bases[made % len(bases)]
                    kind = base["agency_kind"] or "department"
                    for attempt in range(1000):
                        d = counties[(made * 7 + attempt) % len(counties)]
                        year = rng.choice(YEARS.get(base["template"], (2020,)))
                        agency = _names(kind, d.province, d.city or "", d.county or "", made + attempt)
                        if (agency, year) not in seen:
                            break
                    seen.add((agency, year))
                    params = dict(id=f"syn{made:07d}", file=f"synthetic/{made:07d}.txt", agency=agency,
                                  province=d.province, city=d.city, county=d.county,
                                  township=(agency.split(d.county or "", 1)[-1].removesuffix("办事处")
                                            if kind == "street_office" else None),
                                  year=year, base=base["id"], factor=rng.randint(1, 40))
                    conn.execute(insert_report, params)
                    if clones is not None:
                        clones.append(params | {"agency_full": agency})
                    for table in _TABLES:
                        conn.execute(inserts[table], {k: params[k] for k in ("id", "base", "factor")
                                                      if f":{k}" in inserts[table]})
                    made += 1
            if progress:
                progress(made)
        if not url:
            conn.execute("DETACH DATABASE base")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return made
