"""Answers over many reports: the SQL-computed cells agree with the row-by-row rules for every key and
every cell state; answers over a cloned corpus stay small, exact and complete on request; the cached
name index follows the store; an older store is migrated without losing a report."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from ingest import store
from ingest.corpus import build_corpus
from ingest.store import connect, connect_readonly, load_report, save_report
from nianbao.keys import all_keys
from nianbao.models import CellState
from qa.api import answer
from qa.cells import fast_cells, fetch_cells, hydrate, scope_reports
from qa.lexicon import GROUPS
from qa.names import NameIndex
from qa.outcome import MAX_ITEMS, SHOW
from qa.sql import Runner, Scope
from tests.support.backends import remove_store, sqlite_only
from tests.support.gold import SAMPLE_FILES, gold_report
from tests.support.qa_store import PDF_GOLD, build_store

STATES = [CellState.BLANK, CellState.NOT_READ, CellState.UNREADABLE, CellState.ABSENT]


def _damaged(seed: int):
    """An edit that gives about one cell in six another state (blank, not read, unreadable, absent) or
    a guessed unit: every branch of the row-by-row rules gets cells."""
    rng = random.Random(seed)

    def edit(report):
        for f in report.facts:
            roll = rng.random()
            if roll < 0.16:
                f.state = rng.choice(STATES)
                f.value = None
            elif roll < 0.2 and f.state == CellState.NUMBER:
                f.unit_assumed, f.unit_printed = f.unit or "count", None
        report.facts = [f for f in report.facts if rng.random() > 0.03]  # a few rows not stored at all
        return report
    return edit


def _keys() -> list[str]:
    """Every stored key and every virtual key (a group of rows) in every column its rows have."""
    keys = list(all_keys())
    for group, _rows in GROUPS.items():
        table, row = group.split(".")
        cols = {k.split(".")[2] for k in all_keys() if k.startswith(f"{table}.")}
        keys += [f"{table}.{row}.{c}" for c in sorted(cols)]
    return keys


@pytest.fixture(scope="module")
def damaged_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("damaged")
    build_store(db, [*SAMPLE_FILES, *PDF_GOLD], edit=_damaged(11))
    return db


@pytest.mark.parametrize("order", [None, "DESC", "ASC"])
def test_sql_cells_agree_with_the_row_rules_for_every_key(damaged_store, order):
    conn = connect_readonly(damaged_store)
    try:
        runner = Runner(conn)
        index = NameIndex.from_conn(conn)
        reports = scope_reports(runner, Scope())
        compared = declined = 0
        states = set()
        for key in _keys():
            fast = fast_cells(runner, key, Scope(), index, order)
            if fast is None:
                declined += 1
                continue
            rows = {c.report.id: c for c in fetch_cells(runner, [key], Scope(), reports)[key]}
            assert sorted(c.report.id for c in fast) == sorted(rows), key
            for c in fast:
                r = rows[c.report.id]
                assert c.ok == r.ok, (key, c.report.file, c.why, r.why)
                if c.ok:
                    assert c.value == r.value and c.unit == r.unit and bool(c.guessed) == bool(r.guessed), key
                else:
                    assert c.why == r.why, (key, c.report.file)
                    states.add(r.why.split(" (")[0])
                compared += 1
            ok = [c for c in fast if c.ok]
            assert [c.report.id for c in hydrate(ok)] == [c.report.id for c in ok]
            if order:  # printed numbers first, in value order
                values = [c.value for c in ok]
                assert values == sorted(values, reverse=order == "DESC")
                assert fast[:len(ok)] == ok
        assert compared > 1000 and declined < len(_keys()) / 4
        assert {"cell printed blank", "cell not read from this report"} <= {s.split(" (")[0] for s in states}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = build_store(tmp_path_factory.mktemp("base"), [*SAMPLE_FILES, *PDF_GOLD])
    db = tmp_path_factory.mktemp("corpus")
    assert build_corpus(base, db, 400) == 400
    return db


def _printed(db, key: str) -> list[tuple[str, float]]:
    conn = store.connect_readonly(db)
    try:
        return conn.execute("SELECT report_id, value FROM facts WHERE key = ? AND state = 'number'", (key,)).fetchall()
    finally:
        conn.close()


def test_a_ranking_over_hundreds_of_reports_is_exact_and_small(corpus):
    top = answer("哪个单位的政府集中采购金额最高？", db_dir=corpus)
    printed = _printed(corpus, "active.procurement.amount")
    assert top.status == "answered" and top.value == max(v for _, v in printed)
    assert [i.value for i in top.items] == [top.value] * len(top.items)
    a = answer("各单位政府集中采购金额排名", db_dir=corpus)
    assert a.status == "answered" and a.value == top.value
    assert len(a.items) == MAX_ITEMS and a.items_total > MAX_ITEMS
    assert [i.value for i in a.items] == sorted((i.value for i in a.items), reverse=True)
    assert "见明细表" in a.text and len(a.text) < 3000
    assert len(json.dumps(a.contract(), ensure_ascii=False).encode()) < 50_000
    cited = {c.report for c in a.citations}
    assert cited and cited <= {i.report for i in a.items}  # receipts for what the answer carries
    assert a.citations_total >= len(a.citations)
    conn = store.connect_readonly(corpus)
    try:
        lacking = conn.execute("SELECT COUNT(*) FROM reports WHERE template = '2021'").fetchone()[0]
    finally:
        conn.close()
    assert lacking > MAX_ITEMS  # more reports left out than an answer lists: counted, and said
    assert a.coverage.skipped_total == lacking and len(a.coverage.skipped) == MAX_ITEMS
    assert f"等{lacking}份" in a.text
    full = answer("各单位政府集中采购金额排名", db_dir=corpus, max_items=None)
    assert len(full.items) == a.items_total and full.items_total is None
    assert full.items[:MAX_ITEMS] == a.items
    assert sorted(i.value for i in full.items) == sorted(v for _, v in printed if v)  # every nonzero figure


def test_an_aggregate_over_hundreds_of_reports_is_the_sql_sum(corpus):
    a = answer("2020年各单位一共收到多少件申请？", db_dir=corpus)
    assert a.status == "answered"
    conn = store.connect_readonly(corpus)
    try:
        total, n = conn.execute(
            "SELECT SUM(f.value), COUNT(*) FROM facts f JOIN reports r ON r.id = f.report_id"
            " WHERE f.key = 'requests.new.total' AND f.state = 'number' AND r.year = 2020").fetchone()
    finally:
        conn.close()
    assert a.value == total and n > SHOW
    assert a.items_total == n and len(a.items) == min(n, MAX_ITEMS)
    assert f"{n}份年报" in a.text
    assert len(json.dumps(a.contract(), ensure_ascii=False).encode()) < 50_000
    assert len(a.query or "") < 5000  # long id lists go in as one JSON parameter, printed cut


def test_the_name_index_follows_the_store(tmp_path):
    db = build_store(tmp_path / "db", SAMPLE_FILES)
    before = answer("洪泽区政府2024年收到多少件申请？", db_dir=db)
    assert before.status != "answered"
    conn = connect(db)
    try:
        save_report(conn, gold_report(PDF_GOLD[1]))
    finally:
        conn.close()
    after = answer("洪泽区政府2024年收到多少件申请？", db_dir=db)
    assert after.status == "answered" and after.value is not None
    # the store made again at the same path, with other reports: nothing of the old index is used
    remove_store(db)
    build_store(db, [PDF_GOLD[0]])
    again = answer("鹿城区统计局2020年收到多少件申请？", db_dir=db)
    assert again.status != "answered"


@sqlite_only
def test_an_older_store_is_migrated_with_every_report_whole(tmp_path):
    new = build_store(tmp_path / "new", SAMPLE_FILES[:2])
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    old = sqlite3.connect(store.db_path(old_dir), isolation_level=None)
    for migration in store.MIGRATIONS[:3]:  # the schema as it was before report texts had their own table
        migration(old)
    old.execute("PRAGMA user_version = 3")
    src = sqlite3.connect(store.db_path(new))
    cols = [r[1] for r in old.execute("PRAGMA table_info(reports)")]
    for row in src.execute("SELECT r.*, t.text FROM reports r JOIN report_texts t ON t.report_id = r.id"):
        names = [d[0] for d in src.execute("SELECT r.*, t.text FROM reports r JOIN report_texts t"
                                           " ON t.report_id = r.id LIMIT 0").description]
        values = dict(zip(names, row, strict=True))
        old.execute(f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [values[c] for c in cols])
    fact_cols = [r[1] for r in old.execute("PRAGMA table_info(facts)")]
    for row in src.execute(f"SELECT {', '.join(fact_cols)} FROM facts ORDER BY report_id, seq"):
        old.execute(f"INSERT INTO facts VALUES ({', '.join('?' * len(fact_cols))})", row)
    for table in ("sections", "findings", "narrative"):
        for row in src.execute(f"SELECT * FROM {table}"):
            old.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", row)
    old.close()
    src.close()
    migrated = connect(old_dir)
    fresh = connect(new)
    try:
        assert migrated.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
        for rid in store.report_ids(fresh):
            a, b = load_report(migrated, rid), load_report(fresh, rid)
            assert a.lines == b.lines and len(a.lines) > 50
            assert [(f.key, f.value, f.state) for f in a.facts] == [(f.key, f.value, f.state) for f in b.facts]
        assert store.generation(migrated) is not None
    finally:
        migrated.close()
        fresh.close()


@pytest.fixture(scope="module")
def damaged_corpus(damaged_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("damaged_corpus")
    assert build_corpus(damaged_store, db, 300, seed=3) == 300
    return db


WINDOWED = [  # rankings and totals a large scope answers from a Window; each over keys of one row, of
    # several rows (a group), amounts, with cells blank / not read / absent / guessed in the store
    "哪个单位的政府集中采购金额最高？", "Which district spent most on procurement?",
    "行政处罚决定数最少的是哪个单位？", "本年新收申请最多的三个单位是哪些？", "行政复议总计最多的前5个单位",
    "2020年各单位一共收到多少件申请？", "各单位行政许可决定数平均是多少？", "所有街道的行政复议总计合计多少？",
    "2020年政府集中采购金额合计", "Total administrative reconsideration cases of all agencies in 2023",
    "按行政处罚决定数从高到低排列各单位", "Rank the agencies by administrative penalty decisions, lowest first",
]


@pytest.mark.parametrize("question", WINDOWED)
def test_a_window_over_a_large_scope_says_what_every_cell_says(damaged_corpus, question, monkeypatch):
    """The same answer from the first entries and counts in SQL as from every cell of the scope."""
    import qa.cells
    monkeypatch.setattr(qa.cells, "WINDOW_FROM", 10 ** 9)
    full = answer(question, db_dir=damaged_corpus)
    monkeypatch.setattr(qa.cells, "WINDOW_FROM", 0)
    calls = []
    real = qa.cells.window_cells
    monkeypatch.setattr("qa.ranking.window_cells", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    win = answer(question, db_dir=damaged_corpus)
    assert calls and all(calls) and full.status == "answered", (full.status, full.text)
    assert "SELECT 's'" in win.query and "SELECT 's'" not in (full.query or "")  # the window served it
    assert win.text == full.text
    assert (win.value, win.unit, win.items_total, win.citations_total) == \
        (full.value, full.unit, full.items_total, full.citations_total)
    assert [i.model_dump() for i in win.items] == [i.model_dump() for i in full.items]
    assert sorted(c.model_dump_json() for c in win.citations) == sorted(c.model_dump_json() for c in full.citations)
    assert set(win.coverage.used) == set(full.coverage.used)
    assert [s.model_dump() for s in win.coverage.skipped] == [s.model_dump() for s in full.coverage.skipped], \
        (len(win.coverage.skipped), len(full.coverage.skipped), win.coverage.skipped_total, full.coverage.skipped_total)
    assert (win.coverage.used_total, win.coverage.skipped_total) == (full.coverage.used_total, full.coverage.skipped_total)


def test_a_small_window_counts_ties_and_totals_beyond_what_it_holds(damaged_corpus):
    """A window of 3 entries over 300 reports: how many share the first value, and every count, equal
    what every cell says (ties past the window are counted by a second query)."""
    from qa.cells import window_cells
    conn = connect_readonly(damaged_corpus)
    try:
        runner = Runner(conn)
        index = NameIndex.from_conn(conn)
        beyond = 0
        for key in ["active.procurement.amount", "active.penalty.decisions", "requests.new.total",
                    "review.reconsideration.total", "active.licensing.decisions"]:
            for order in ("DESC", "ASC"):
                win = window_cells(runner, key, Scope(), index, order, "DESC", f"value {order}, year DESC, file",
                                   size=3, zero_head=2, minimum=0)
                cells = fast_cells(runner, key, Scope(), index, order)
                ok = [c for c in cells if c.ok]
                assert win is not None and win.ok == len(ok) and win.left_out_total == len(cells) - len(ok), key
                assert win.zeros == sum(1 for c in ok if c.value == 0)
                assert abs(win.total - sum(c.value for c in ok)) < 1e-6 * max(1.0, abs(win.total))
                assert [c.report.id for c in win.top] == [c.report.id for c in ok[:3]], (key, order)
                first = win.top[0].value
                want = sum(1 for c in ok if c.value == first)
                assert win.equal(first) == want, (key, order)
                beyond += want > 3
        assert beyond  # at least one key ties past the window: the counting query ran
    finally:
        conn.close()
