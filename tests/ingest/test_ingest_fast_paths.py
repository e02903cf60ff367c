"""The shortcuts that make ingest fast change nothing it stores or finds (issue 14, parse+store):

- workers send a report as its rows (`store.ReportRows`), not as a pydantic Report: the rows are the ones
  `save_report(conn, report)` writes, and survive pickling unchanged;
- region names are found by jumping to characters that start one (`Gazetteer.find_all`): the same
  matches as trying every position, on generated text mixing real names, overlapping chains and noise;
- a large ingest into a store that already holds more reports than it adds keeps the window index row by
  row (rebuilding it would sort the whole store).
"""
from __future__ import annotations

import pickle
import random
import sqlite3

import pytest

from ingest import store
from ingest.gazetteer import gazetteer
from ingest.parse import parse_file
from ingest.pipeline import Parsed, ingest_paths, parse_all
from tests.support.backends import sqlite_only
from tests.support.gold import SAMPLES_DIR

SAMPLES = sorted(SAMPLES_DIR.glob("*.txt"))


def _dump(db) -> dict[str, list[tuple]]:
    """Every row of every table, but the clock (reports.ingested_at)."""
    conn = sqlite3.connect(store.db_path(db))
    try:
        out = {}
        for t in ("reports", "facts", "sections", "findings", "narrative", "report_texts"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] != "ingested_at"]
            out[t] = sorted(map(tuple, conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()), key=repr)
        return out
    finally:
        conn.close()


@sqlite_only
def test_rows_sent_by_workers_store_exactly_what_the_report_stores(tmp_path):
    reports = [parse_file(p) for p in SAMPLES]
    direct, via_rows = tmp_path / "direct", tmp_path / "rows"
    for db, make in ((direct, lambda r: r), (via_rows, lambda r: pickle.loads(pickle.dumps(Parsed.of(r).rows)))):
        conn = store.connect(db)
        try:
            for r in reports:
                store.save_report(conn, make(r))
        finally:
            conn.close()
    a, b = _dump(direct), _dump(via_rows)
    assert len(a["facts"]) > 900 and len(a["reports"]) == 5 and a["narrative"] and a["findings"] is not None
    assert a == b


def test_parsed_says_what_the_ingest_line_says():
    report = parse_file(SAMPLES[1])
    parsed = Parsed.of(report)
    q = report.quality
    assert (parsed.agency, parsed.year, parsed.template) == (report.agency, report.year, report.template)
    assert parsed.read.startswith(f"{q.cells_read} of {q.cells_expected} cells read, confidence {q.level}")
    assert parsed.rows.id == report.id and len(parsed.rows.facts) == len(report.facts)


def test_the_pool_and_this_process_give_the_same_rows(tmp_path):
    files = [SAMPLES[i % len(SAMPLES)] for i in range(20)]  # ≥ PARALLEL_MIN: parsed by the worker pool
    copies = []
    for i, f in enumerate(files):
        p = tmp_path / f"{i:02d}_{f.name}"
        p.write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(p)
    pooled = list(parse_all(copies))
    assert all(isinstance(x, Parsed) for x in pooled)
    for path, got in zip(copies, pooled):
        assert got.rows == Parsed.of(parse_file(path)).rows


def _find_all_every_position(g, text: str) -> list[tuple[int, str]]:
    """The plain definition: at each position the longest name, then past it."""
    found, i = [], 0
    while i < len(text):
        n = g._longest_at(text, i)
        if n:
            found.append((i, text[i:i + n]))
            i += n
        else:
            i += 1
    return found


@pytest.mark.parametrize("seed", range(40))
def test_region_names_are_found_as_trying_every_position_finds_them(seed):
    g = gazetteer()
    rng = random.Random(seed)
    names = sorted(g._names)
    noise = "的年度政府信息公开工作报告统计局人民区县市省，。、 \n0123456789（）ABC"
    parts = []
    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(rng.choice(names))
        elif roll < 0.55:  # a chain (重庆市武隆区) or a name cut short: overlapping candidates
            a = rng.choice(names)
            parts.append(a + rng.choice(names) if rng.random() < 0.5 else a[:-1])
        else:
            parts.append("".join(rng.choice(noise) for _ in range(rng.randint(1, 12))))
    text = "".join(parts)
    assert g.find_all(text) == _find_all_every_position(g, text)


def test_region_names_in_a_real_report(tmp_path):
    g = gazetteer()
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert g.find_all(text) == _find_all_every_position(g, text) and g.find_all(text)


def _has_cover(db) -> bool:
    conn = sqlite3.connect(store.db_path(db))
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'facts_cover'").fetchone() is not None
    finally:
        conn.close()


@sqlite_only
def test_a_large_ingest_into_a_larger_store_keeps_the_index_row_by_row(tmp_path, monkeypatch):
    db = tmp_path / "db"
    ingest_paths([SAMPLES_DIR], db, index_passages=False)  # 5 reports stored
    monkeypatch.setattr(store, "BULK_FROM", 2)  # three files count as a large ingest ...
    few = tmp_path / "few"
    few.mkdir()
    for i, f in enumerate(SAMPLES[:3]):
        (few / f"extra_{i}.txt").write_text(f.read_text(encoding="utf-8") + f"\n<!-- copy {i} -->\n", encoding="utf-8")
    seen = []
    ingest_paths([few], db, index_passages=False, progress=lambda i, n, name: seen.append(_has_cover(db)))
    assert seen == [True, True, True]  # ... but fewer than the 5 stored: the index is never dropped
    many = tmp_path / "many"
    many.mkdir()
    for i in range(9):
        f = SAMPLES[i % len(SAMPLES)]
        (many / f"more_{i}.txt").write_text(f.read_text(encoding="utf-8") + f"\n<!-- more {i} -->\n", encoding="utf-8")
    seen.clear()
    ingest_paths([many], db, index_passages=False, progress=lambda i, n, name: seen.append(_has_cover(db)))
    assert seen and not any(seen) and _has_cover(db)  # 9 ≥ the 8 stored: built once, at the end
