"""The PostgreSQL dialect layer (ingest/postgres.py): statements rewritten as the module says, on
generated statements as well as the store's own; and, against a real server, the same schema as the
SQLite migrations build and the same rows back for the same statements."""
from __future__ import annotations

import json
import random
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest import store
from ingest.postgres import SCHEMA_VERSION, _statements, SCHEMA, translate


def test_the_schema_version_follows_the_migrations():
    # a new SQLite migration must come with its PostgreSQL statement (SCHEMA) and this number
    assert SCHEMA_VERSION == len(store.MIGRATIONS)


@pytest.mark.parametrize("sql,expected", [
    ("SELECT id FROM reports WHERE id = ? AND year = ?", "SELECT id FROM reports WHERE id = %s AND year = %s"),
    ("SELECT 1 WHERE a = :name AND b = :name2", "SELECT 1 WHERE a = %(name)s AND b = %(name2)s"),
    ("SELECT value FROM json_each(:ids)", "SELECT value FROM json_array_elements_text(CAST(%(ids)s AS json))"),
    ("SELECT total(f.value) FROM facts f", "SELECT COALESCE(SUM(f.value), 0.0) FROM facts f"),
    ("SELECT group_concat(DISTINCT year) FROM per", "SELECT string_agg(DISTINCT CAST(year AS TEXT), ',') FROM per"),
    ("UPDATE r SET v = ? WHERE id = ? AND v IS NOT ?", "UPDATE r SET v = %s WHERE id = %s AND v IS DISTINCT FROM %s"),
    ("SELECT 1 WHERE r.city IS :c AND r.x IS NULL", "SELECT 1 WHERE r.city IS NOT DISTINCT FROM %(c)s AND r.x IS NULL"),
    ("SELECT 1 WHERE s.text LIKE :w0", "SELECT 1 WHERE s.text ILIKE %(w0)s"),
    ("SELECT json_extract(quality, '$.cells_read') FROM reports", "SELECT (CAST(quality AS jsonb) -> 'cells_read') FROM reports"),
    ("SELECT 1 FROM facts f WHERE f.report_id = json_extract(j.value, '$[0]')",
     "SELECT 1 FROM facts f WHERE f.report_id = (CAST(j.value AS jsonb) ->> 0)"),
    ("PRAGMA query_only = ON", "SET default_transaction_read_only = on"),
])
def test_statements_are_rewritten(sql, expected):
    assert translate(sql) == expected


def test_quoted_text_is_left_as_written_and_percent_signs_are_escaped():
    sql = "SELECT ':x ? LIKE total(1)' AS s, 'a%' AS p FROM t WHERE a LIKE :p"
    assert translate(sql) == "SELECT ':x ? LIKE total(1)' AS s, 'a%%' AS p FROM t WHERE a ILIKE %(p)s"


def test_every_order_by_term_places_nulls_as_sqlite_does():
    sql = ("SELECT * FROM (SELECT a FROM t ORDER BY value DESC, year, COALESCE(x, y) ASC LIMIT 5) AS t\n"
           "UNION ALL SELECT ROW_NUMBER() OVER (ORDER BY b DESC) FROM u ORDER BY 1")
    assert translate(sql) == (
        "SELECT * FROM (SELECT a FROM t ORDER BY value DESC NULLS LAST, year NULLS FIRST,"
        " COALESCE(x, y) ASC NULLS FIRST LIMIT 5) AS t\n"
        "UNION ALL SELECT ROW_NUMBER() OVER (ORDER BY b DESC NULLS LAST) FROM u ORDER BY 1 NULLS FIRST")


def test_a_construct_with_no_rewrite_is_refused_not_passed_on():
    with pytest.raises(ValueError):
        translate("SELECT json_extract(x, '$.a.b') FROM t")
    with pytest.raises(ValueError):
        translate("PRAGMA journal_mode = WAL")


def test_function_bodies_keep_their_semicolons():
    statements = _statements(SCHEMA)
    body = [s for s in statements if s.startswith("CREATE FUNCTION")]
    assert len(body) == 1 and body[0].rstrip().endswith("$$") and "RETURN NULL;" in body[0]
    assert all(s for s in statements)


# ------------------------------------------------------------------------------------------ a real server

def _need_postgres():
    from tests.support.postgres_server import bin_dir

    pytest.importorskip("psycopg")
    if bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)")


@pytest.fixture(scope="module")
def pg_url():
    import os

    if os.environ.get("NIANBAO_DB_URL"):
        yield os.environ["NIANBAO_DB_URL"]
        return
    _need_postgres()
    from tests.support.postgres_server import postgres_server

    with postgres_server() as url:
        yield url


@contextmanager
def _both(tmp_path: Path, pg_url: str, monkeypatch):
    """A SQLite store and a PostgreSQL store of the same folder name, both holding the gold reports."""
    from tests.support.qa_store import PDF_GOLD, build_store
    from tests.support.gold import SAMPLE_FILES, gold_report

    monkeypatch.delenv("NIANBAO_DB_URL", raising=False)
    lite = build_store(tmp_path / "lite", SAMPLE_FILES, extra=[gold_report(n) for n in PDF_GOLD])
    monkeypatch.setenv("NIANBAO_DB_URL", pg_url)
    pg = build_store(tmp_path / "pg", SAMPLE_FILES, extra=[gold_report(n) for n in PDF_GOLD])
    monkeypatch.delenv("NIANBAO_DB_URL", raising=False)
    lite_conn = store.connect_readonly(lite)
    monkeypatch.setenv("NIANBAO_DB_URL", pg_url)
    pg_conn = store.connect_readonly(pg)
    try:
        yield lite_conn, pg_conn
    finally:
        lite_conn.close()
        pg_conn.close()


def test_the_server_schema_has_the_columns_the_migrations_make(tmp_path, pg_url, monkeypatch):
    with _both(tmp_path, pg_url, monkeypatch) as (lite, pg):
        for table in ("reports", "report_texts", "sections", "facts", "findings", "narrative", "store_state"):
            lite_cols = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            pg_cols = [r[1] for r in pg.execute(f"PRAGMA table_info({table})") if r[1] != "rowid"]
            assert pg_cols == lite_cols, table


def _generated_queries(rng: random.Random, n: int, ids: list[str]) -> list[tuple[str, dict]]:
    """Statements of the shapes the question code builds (filters, NULL-able sort keys, aggregates, IS,
    json lists, LIKE), with random choices: both stores must return the same rows in the same order."""
    keys = ["requests.new.total", "active.procurement.amount", "review.total.total", "active.penalty.decisions",
            "results.grant.total", "requests.carried_over.total"]
    out = []
    for _ in range(n):
        params: dict = {}
        where = ["r.version_of IS NULL"]
        if rng.random() < 0.5:
            params["key"] = rng.choice(keys)
            where.append("f.key = :key")
        if rng.random() < 0.4:
            params["year"] = rng.choice([2019, 2020, 2023, 2024, 2030])
            where.append("r.year = :year")
        if rng.random() < 0.3:
            params["prov"] = rng.choice(["浙江省", "福建省", None])
            where.append("r.province IS :prov")
        if rng.random() < 0.3:
            params["ids"] = json.dumps(rng.sample([*ids, "not-stored"], 3))
            where.append("r.id NOT IN (SELECT value FROM json_each(:ids))")
        if rng.random() < 0.2:
            params["like"] = rng.choice(["%统计局%", "%Street%", "%街道%"])
            where.append("COALESCE(r.agency_full, r.agency, '') LIKE :like")
        order = ", ".join(rng.sample(["f.value DESC", "f.value", "r.year DESC", "r.file", "f.unit_assumed",
                                      "r.township DESC"], 3)) + ", r.id, f.key"
        if rng.random() < 0.3:
            sql = (f"SELECT r.year, COUNT(*), total(f.value), SUM(CASE WHEN f.state = 'number' THEN 1 ELSE 0 END),"
                   f" group_concat(DISTINCT f.state) IS NOT NULL FROM reports r JOIN facts f ON f.report_id = r.id"
                   f" WHERE {' AND '.join(where)} GROUP BY r.year ORDER BY r.year DESC")
        else:
            sql = (f"SELECT r.id, r.file, r.year, f.key, f.value, f.state, f.unit_assumed, r.township"
                   f" FROM reports r JOIN facts f ON f.report_id = r.id WHERE {' AND '.join(where)}"
                   f" ORDER BY {order} LIMIT {rng.choice([5, 50, 1000])}")
        out.append((sql, params))
    return out


def _norm(rows) -> list[tuple]:
    def one(v):
        return round(v, 6) if isinstance(v, float) else (int(v) if isinstance(v, bool) else v)
    return [tuple(one(v) for v in r) for r in rows]


def test_generated_statements_return_the_same_rows_on_both(tmp_path, pg_url, monkeypatch):
    with _both(tmp_path, pg_url, monkeypatch) as (lite, pg):
        compared = 0
        ids = [r[0] for r in lite.execute("SELECT id FROM reports")]
        for sql, params in _generated_queries(random.Random(5), 150, ids):
            expected = _norm(lite.execute(sql, params).fetchall())
            got = _norm(pg.execute(sql, params).fetchall())
            assert got == expected, sql
            compared += bool(expected)
        assert compared > 60  # most statements returned rows (the test compares something)


def test_server_errors_arrive_as_the_sqlite_errors_the_code_handles(tmp_path, pg_url, monkeypatch):
    with _both(tmp_path, pg_url, monkeypatch) as (_lite, pg):
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            pg.limit_time(0.001)
            pg.execute("SELECT pg_sleep(1)")
        pg.limit_time(5)
        with pytest.raises(sqlite3.DatabaseError):
            pg.execute("INSERT INTO reports (id) VALUES ('x')")  # a read-only connection
        row = pg.execute("SELECT id, year FROM reports WHERE year = ? ORDER BY id", (2024,)).fetchone()
        same = _lite.execute("SELECT id, year FROM reports WHERE year = ? ORDER BY id", (2024,)).fetchone()
        assert row["id"] == row[0] == same["id"] and dict(row) == {"id": same["id"], "year": 2024}
        assert re.fullmatch(r"nb_[0-9a-f]{12}", pg.schema)


def test_read_only_connections_are_kept_for_the_next_question(tmp_path, pg_url, monkeypatch):
    from ingest import postgres
    from qa.api import answer

    with _both(tmp_path, pg_url, monkeypatch) as (_lite, pg):
        pg.limit_time(0.5)
        raw = pg.raw
    # closed by its user: kept, and handed to the next reader with no time limit left over
    again = store.connect_readonly(tmp_path / "pg")
    try:
        assert again.raw is raw and again.execute("SHOW statement_timeout").fetchone()[0] == "0"
    finally:
        again.close()
    first = answer("鹿城区统计局2020年收到多少件申请？", db_dir=tmp_path / "pg")
    assert first.status == "answered" and first.value == 1
    # the store dropped and made again at the same folder: nothing kept points at the old one
    postgres.drop(pg_url, tmp_path / "pg")
    assert not store.exists(tmp_path / "pg")
    from tests.support.qa_store import build_store
    from tests.support.gold import SAMPLE_FILES
    build_store(tmp_path / "pg", SAMPLE_FILES[:1])
    assert answer("鹿城区统计局2020年收到多少件申请？", db_dir=tmp_path / "pg").status != "answered"
