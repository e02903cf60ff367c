"""Versions of one report (same agency and year, other files): every version is stored, answers and the
passage index use the best-reading one, and each ingest line says which is used and why (issue: a
reformatted copy that read worse silently replaced the good version, 198 → 38 numbers; an edited copy
at another path made the original's report disappear)."""
from __future__ import annotations

import shutil
from pathlib import Path

from ingest import store
from ingest.pipeline import ingest_paths
from nianbao.config import load_settings
from qa.api import answer
from tests.support.backends import sqlite_only
from tests.support.gold import SAMPLES_DIR
from vectorstore.index import open_index

SAMPLE = SAMPLES_DIR / "000_2133ae744f48d674.txt"  # 福州市鼓楼区统计局 2020, 198 of 198 cells read
QUESTION = "福州市鼓楼区统计局2020年本年新收政府信息公开申请总数是多少？"


def _worse(path: Path) -> Path:
    """The same report with a run of table rows lost (what a reformatted copy that reads worse gives)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:39] + lines[70:]), encoding="utf-8")
    return path


def _state(db: Path) -> dict[str, tuple]:
    conn = store.connect_readonly(db)
    try:
        return {r[0]: (r[1], r[2], json_cells(r[3])) for r in conn.execute(
            "SELECT file, id, version_of, quality FROM reports")}
    finally:
        conn.close()


def json_cells(quality: str) -> int:
    import json
    return json.loads(quality)["cells_read"]


def _index_ids(db: Path, settings) -> set[str]:
    return open_index(settings, db).indexed_report_ids()


def _files_cited(got) -> set[str]:
    return {c.file for c in got.citations}


def test_a_worse_reading_version_is_kept_beside_the_better_one_and_says_so(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "good.txt")
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    ingest_paths([src / "good.txt"], db, settings)
    summary = ingest_paths([_worse(src / "worse.txt")], db, settings)
    line = summary.results[0].message
    assert summary.results[0].status in ("ok", "warnings")
    assert "good.txt (198 cells read), reads better and stays the one answers use" in line, line
    state = _state(db)
    assert set(state) == {"good.txt", "worse.txt"}  # nothing lost
    assert state["good.txt"][1] is None and state["worse.txt"][1] == state["good.txt"][0]
    assert state["worse.txt"][2] < 198
    assert _index_ids(db, settings) == {state["good.txt"][0]}  # one version searched
    got = answer(QUESTION, settings=settings)
    assert got.status == "answered" and _files_cited(got) == {"good.txt"} and len(got.items) == 1, got.text
    again = ingest_paths([src / "worse.txt"], db, settings)  # the same worse file again: nothing flips
    assert "stays the one answers use" in again.results[0].message and _state(db) == state


def test_a_better_or_equal_version_takes_over_and_the_old_one_stays_stored(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    ingest_paths([_worse(src / "worse.txt")], db, settings)
    shutil.copy(SAMPLE, src / "good.txt")
    line = ingest_paths([src / "good.txt"], db, settings).results[0].message
    assert "answers now use this version of the report instead of worse.txt" in line and "stays stored" in line
    state = _state(db)
    assert state["worse.txt"][1] == state["good.txt"][0] and state["good.txt"][1] is None
    assert _index_ids(db, settings) == {state["good.txt"][0]}
    # an edited copy at another path that reads as well: the newer is used, the original kept and named
    edited = src / "edited.txt"
    edited.write_text(SAMPLE.read_text(encoding="utf-8") + "\n附：本报告于次年更正。\n", encoding="utf-8")
    line = ingest_paths([edited], db, settings).results[0].message
    assert "instead of good.txt (198 cells read)" in line
    state = _state(db)
    assert len(state) == 3 and [f for f, s in state.items() if s[1] is None] == ["edited.txt"]
    assert _files_cited(answer(QUESTION, settings=settings)) == {"edited.txt"}
    for order in ([edited, src / "good.txt"], [src / "good.txt", edited]):  # re-runs, either order: no flip
        ingest_paths(order, db, settings)
        assert _state(db) == state


def test_when_the_used_version_is_replaced_by_other_content_the_best_remaining_one_is_used(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    shutil.copy(SAMPLE, src / "a.txt")
    ingest_paths([src / "a.txt", _worse(src / "b.txt")], db, settings)
    shutil.copy(SAMPLES_DIR / "004_5206fb2196a31c52.txt", src / "a.txt")  # a.txt now holds another report
    line = ingest_paths([src / "a.txt"], db, settings).results[0].message
    assert "replaced 福州市鼓楼区统计局 2020 (the earlier content of this file)" in line
    state = _state(db)
    assert state["b.txt"][1] is None  # the remaining version of 鼓楼区统计局 2020 is used again
    assert _index_ids(db, settings) == {s[0] for s in state.values()}
    assert _files_cited(answer(QUESTION, settings=settings)) == {"b.txt"}


@sqlite_only
def test_a_store_from_before_versions_is_upgraded_with_one_used_version_per_report(tmp_path):
    db = tmp_path / "db"
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "good.txt")
    ingest_paths([src / "good.txt", _worse(src / "worse.txt")], db, index_passages=False)
    conn = store.connect(db)  # back to the shape of version 6: no version_of, every report answered from
    conn.execute("DROP INDEX reports_agency_year")
    conn.execute("DROP INDEX reports_narrow")  # indexes of later versions (9)
    conn.execute("ALTER TABLE reports DROP COLUMN version_of")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    state = _state(db)  # the read-only open upgrades it
    assert state["good.txt"][1] is None and state["worse.txt"][1] == state["good.txt"][0]
    got = answer(QUESTION, settings=load_settings(db=db, embed_model="hash"))
    assert _files_cited(got) == {"good.txt"}
