"""SQLite store of reports, sections, facts, findings. Schema in numbered migrations."""
from __future__ import annotations

import bisect
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from nianbao.errors import UserError
from nianbao.models import (
    CellState, Fact, Finding, NarrativeNumber, ReadingQuality, Region, Report, Section, SubPart,
)

DB_FILENAME = "nianbao.sqlite3"


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Statements one by one (executescript would commit the migration's transaction half-way)."""
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


def _m1(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY, file TEXT NOT NULL, source_path TEXT NOT NULL,
            source_format TEXT, agency TEXT, agency_full TEXT, agency_kind TEXT,
            province TEXT, city TEXT, county TEXT, township TEXT,
            region_ambiguous INTEGER NOT NULL DEFAULT 0, region_candidates TEXT,
            year INTEGER, template TEXT, published TEXT, document_number TEXT,
            warnings TEXT, text TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX reports_source ON reports(source_path);
        CREATE TABLE sections (
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            number TEXT NOT NULL, heading TEXT, start_line INTEGER, end_line INTEGER,
            text TEXT, subparts TEXT
        );
        CREATE INDEX sections_report ON sections(report_id);
        CREATE TABLE facts (
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key TEXT NOT NULL, tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,
            value REAL, state TEXT NOT NULL, unit TEXT, raw TEXT, line INTEGER,
            unit_printed TEXT, unit_assumed TEXT, unit_reason TEXT, raw_value REAL,
            candidates TEXT, note TEXT,
            PRIMARY KEY (report_id, key)
        );
        CREATE INDEX facts_key ON facts(key);
        CREATE TABLE findings (
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            rule TEXT NOT NULL, message TEXT NOT NULL, cells TEXT,
            expected REAL, printed REAL, line INTEGER
        );
        CREATE INDEX findings_report ON findings(report_id);
        CREATE TABLE narrative (
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            text TEXT, value REAL, line INTEGER, cells TEXT, table_value REAL, agrees INTEGER
        );
        """
    )


def _m2(conn: sqlite3.Connection) -> None:
    # cascade deletes on re-ingest scanned the whole narrative table without it
    conn.execute("CREATE INDEX IF NOT EXISTS narrative_report ON narrative(report_id)")


def _m3(conn: sqlite3.Connection) -> None:
    # how well the tables were read (layout, cells read / not read, rules, confidence), as JSON, plus the
    # confidence alone so answers can filter or flag low-confidence tables without parsing JSON
    conn.execute("ALTER TABLE reports ADD COLUMN quality TEXT")
    conn.execute("ALTER TABLE reports ADD COLUMN confidence REAL")


def _m4(conn: sqlite3.Connection) -> None:
    # a number every change of the reports table moves on, so a reader can keep what it built from the
    # reports (the name index) until the next ingest instead of rebuilding it for every question
    # (with a random identity: a store deleted and made again at the same path is another store)
    conn.execute("CREATE TABLE store_state (id INTEGER PRIMARY KEY CHECK (id = 1), store TEXT NOT NULL,"
                 " generation INTEGER NOT NULL)")
    conn.execute("INSERT INTO store_state VALUES (1, lower(hex(randomblob(8))), 0)")
    for name, event in (("reports_added", "INSERT"), ("reports_removed", "DELETE"), ("reports_changed", "UPDATE")):
        conn.execute(f"CREATE TRIGGER {name} AFTER {event} ON reports"
                     " BEGIN UPDATE store_state SET generation = generation + 1; END")
    conn.execute("CREATE INDEX reports_year ON reports(year)")


def _m5(conn: sqlite3.Connection) -> None:
    # shaped for questions over many reports (every question scans report rows and looks up one or two
    # cells per report):
    # - a report's text in its own table: the text (tens of KB, before the confidence column) made each
    #   report row many pages long: 10,000 rows took 70 ms to scan instead of 17;
    # - facts stored in (report_id, key) order (WITHOUT ROWID): a cell is one B-tree search, not an index
    #   search and then a table search (about 20 % off every per-report lookup)
    conn.execute("CREATE TABLE report_texts (report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,"
                 " text TEXT NOT NULL)")
    conn.execute("INSERT INTO report_texts SELECT id, text FROM reports")
    conn.execute("ALTER TABLE reports DROP COLUMN text")
    cols = [r[1] for r in conn.execute("PRAGMA table_info(facts)")]
    conn.execute(
        "CREATE TABLE facts_by_report ("
        " report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,"
        " key TEXT NOT NULL, tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,"
        " value REAL, state TEXT NOT NULL, unit TEXT, raw TEXT, line INTEGER,"
        " unit_printed TEXT, unit_assumed TEXT, unit_reason TEXT, raw_value REAL,"
        " candidates TEXT, note TEXT, seq INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (report_id, key)) WITHOUT ROWID")
    conn.execute(f"INSERT INTO facts_by_report ({', '.join(cols)}, seq) SELECT {', '.join(cols)}, rowid FROM facts")
    conn.execute("DROP TABLE facts")
    conn.execute("ALTER TABLE facts_by_report RENAME TO facts")
    conn.execute("CREATE INDEX facts_key ON facts(key)")


def _m6(conn: sqlite3.Connection) -> None:
    # PDF reports: the line each page starts on (JSON list, page 1 first), so a cited cell names its page
    conn.execute("ALTER TABLE reports ADD COLUMN page_starts TEXT")


def _m7(conn: sqlite3.Connection) -> None:
    # versions of one report (same agency, same year, other files: a re-publication, the same report as
    # PDF and as HTML, an edited copy): all are kept, and answers use one, the best-reading; the others
    # name it in version_of (NULL: the version answers use)
    conn.execute("ALTER TABLE reports ADD COLUMN version_of TEXT")
    # an index on the very expression the versions of a report are found by: one search per stored report
    # (by year alone, each save scanned a year's reports: quadratic over a national corpus); the name
    # first, so questions by year keep the plain year index (`_m8`)
    conn.execute(f"CREATE INDEX reports_agency_year ON reports({AGENCY_NAME}, year)")
    groups = conn.execute(f"SELECT {AGENCY_NAME}, year FROM reports"
                          f" WHERE {AGENCY_NAME} IS NOT NULL AND year IS NOT NULL"
                          f" GROUP BY {AGENCY_NAME}, year HAVING COUNT(*) > 1").fetchall()
    for name, year in groups:
        settle_versions(conn, name, year)  # every version was answered from: the best-reading stays so


def _m8(conn: sqlite3.Connection) -> None:
    # stores migrated by the first `_m7` have the versions index with the year first, which SQLite then
    # picked for every question by year (28 ms instead of 20 ms for one year of 10,000 reports)
    conn.execute("DROP INDEX IF EXISTS reports_agency_year")
    conn.execute(f"CREATE INDEX reports_agency_year ON reports({AGENCY_NAME}, year)")


FACTS_COVER = "CREATE INDEX IF NOT EXISTS facts_cover ON facts(key, report_id, state, value, unit, unit_assumed)"


def _m9(conn: sqlite3.Connection) -> None:
    # rankings and totals over a national corpus read one key of every report: an index holding the
    # columns they read (state, value, unit) answers them from the index alone, in report-id order
    # (the join to reports then walks its ids in order); it starts with (key, report_id), so it also
    # serves every query the plain key index served
    conn.execute("DROP INDEX IF EXISTS facts_key")
    conn.execute(FACTS_COVER)
    # ... and the report columns such a query reads of each report it meets, by id: a narrow index
    # (a few MB at 100,000 reports) instead of the wide report rows
    conn.execute("CREATE INDEX IF NOT EXISTS reports_narrow"
                 " ON reports(id, version_of, template, year, agency_kind, file, confidence)")


MIGRATIONS = [_m1, _m2, _m3, _m4, _m5, _m6, _m7, _m8, _m9]


def page_starts(line_pages: Optional[list[int]]) -> Optional[list[int]]:
    """[first line of page 1, of page 2, …] (1-based lines) from the page of every line."""
    if not line_pages:
        return None
    starts: list[int] = []
    for line, page in enumerate(line_pages, start=1):
        while len(starts) < page:
            starts.append(line)
    return starts


def page_of(starts: Optional[list[int]], line: Optional[int]) -> Optional[int]:
    """The page (1-based) a line is on, from `page_starts`."""
    if not starts or not line:
        return None
    return bisect.bisect_right(starts, line)


def generation(conn: sqlite3.Connection) -> Optional[tuple[str, int]]:
    """The store's identity and change counter (None for a store older than them: then cache nothing)."""
    try:
        row = conn.execute("SELECT store, generation FROM store_state WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else (row[0], int(row[1]))


def db_path(db_dir: Path) -> Path:
    return Path(db_dir) / DB_FILENAME


def server_url() -> Optional[str]:
    """The PostgreSQL server the facts live on (`NIANBAO_DB_URL`), or None for the folder's SQLite file.
    Read here, at the one place every store connection is made, so every command, the app and the
    tests' subprocesses follow the same setting."""
    return os.environ.get("NIANBAO_DB_URL") or None


def where(db_dir: Path) -> str:
    """Where the store of `db_dir` is, for messages."""
    url = server_url()
    if url:
        from ingest import postgres
        return f"{postgres.shown(url)}, schema {postgres.schema_of(db_dir)}"
    return str(db_path(db_dir))


def exists(db_dir: Path) -> bool:
    """Whether the data folder has a store (on the server: whether its schema was made)."""
    url = server_url()
    if url:
        from ingest import postgres
        return postgres.exists(url, Path(db_dir))
    return db_path(db_dir).exists()


def version_key(db_dir: Path) -> tuple:
    """Changes whenever the store changes: a cache key, so the app sees what the CLI ingests too."""
    if server_url():
        conn = connect_readonly(db_dir)
        try:
            return ("server", generation(conn))
        finally:
            conn.close()
    out = []
    for suffix in ("", "-wal"):
        path = Path(str(db_path(db_dir)) + suffix)
        st = path.stat() if path.exists() else None
        out.append((st.st_mtime_ns, st.st_size) if st else None)
    return tuple(out)


def connect(db_dir: Path) -> sqlite3.Connection:
    """Open (and migrate) the store in `db_dir` for writing (on the PostgreSQL server NIANBAO_DB_URL names,
    if one: a connection with the same interface, ingest/postgres.py)."""
    db_dir = Path(db_dir)
    if (url := server_url()) is not None:
        from ingest import postgres
        return postgres.connect(url, db_dir)  # type: ignore[return-value]
    db_dir.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are ours (BEGIN IMMEDIATE takes the write lock up front, so a
    # second writer waits up to WRITE_WAIT_S for it instead of failing with "database is locked")
    conn = sqlite3.connect(db_path(db_dir), timeout=WRITE_WAIT_S, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # switching to WAL needs a moment alone with the file; the busy timeout does not cover it
        _while_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: each report's transaction is atomic, fewer fsyncs
        fresh = conn.execute("PRAGMA user_version").fetchone()[0] == 0
        others = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if fresh and others:  # another program's database: never write our tables into it
            raise sqlite3.DatabaseError(f"it holds other tables ({', '.join(others[:3])})")
        _while_locked(lambda: migrate(conn))
        if not fresh:  # an ingest stopped during a bulk load (`bulk`) left the window index out: back in
            _while_locked(lambda: conn.execute(FACTS_COVER))
    except sqlite3.OperationalError as e:
        conn.close()
        if _locked(e):
            raise UserError(f"the store {db_path(db_dir)} stayed locked by another writer for "
                            f"{WRITE_WAIT_S:.0f} s; try again when it has finished") from None
        raise _damaged(db_path(db_dir), e) from None
    except sqlite3.DatabaseError as e:
        conn.close()
        raise _damaged(db_path(db_dir), e) from None
    return conn


def _locked(e: sqlite3.OperationalError) -> bool:
    return "locked" in str(e) or "busy" in str(e)


def _while_locked(step):
    """Run `step`, trying again while another connection holds the lock (up to WRITE_WAIT_S)."""
    deadline = time.monotonic() + WRITE_WAIT_S
    pause = 0.02
    while True:
        try:
            return step()
        except sqlite3.OperationalError as e:
            if not _locked(e) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _damaged(path: Path, e: Exception) -> UserError:
    return UserError(f"the store {path} is damaged or not a nianbao store ({e}); move it away and run "
                     "`nianbao ingest` again (the report files are not touched), or restore a backup")


def connect_readonly(db_dir: Path) -> sqlite3.Connection:
    """Open the store read-only (for anything built from a question)."""
    if (url := server_url()) is not None:
        from ingest import postgres
        return postgres.connect(url, Path(db_dir), readonly=True)  # type: ignore[return-value]
    path = db_path(Path(db_dir))
    if not path.exists():
        connect(Path(db_dir)).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        tables = _while_locked(lambda: {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")})
    except sqlite3.DatabaseError as e:
        conn.close()
        raise _damaged(path, e) from None
    if not {"reports", "facts", "sections"} <= tables:
        conn.close()
        raise _damaged(path, "tables missing")
    if conn.execute("PRAGMA user_version").fetchone()[0] < len(MIGRATIONS):
        # a store written by an older version: brought up to date once (a write), then read as usual
        conn.close()
        try:
            connect(Path(db_dir)).close()
        except sqlite3.OperationalError as e:
            raise UserError(f"the store {path} is from an older version and could not be upgraded ({e}); "
                            "open it once with write access (for example `nianbao ingest` of any file)") from None
        return connect_readonly(db_dir)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    with transaction(conn):  # one writer migrates; another waits, then finds the version current
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                migration(conn)
                conn.execute(f"PRAGMA user_version = {number}")


WRITE_WAIT_S = 120.0  # how long a writer waits for another one (a whole report is one short transaction)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


BULK_FROM = 200  # files in one ingest from which the window index may be built once, at the end


BULK_CHECKPOINT_PAGES = 16384


@contextmanager
def bulk(conn: sqlite3.Connection, files: int) -> Iterator[None]:
    """Storing `files` reports: from BULK_FROM of them on a SQLite store, and at least as many as it holds
    already, the window index (facts_cover, keyed by cell key: each report's ~200 rows land on ~200 pages
    spread over the whole index, ~1.6 MB of log per report) is left out while they are stored and built once
    at the end, by one sort (1,000 reports: 9.5 s against 8.0 s with the sort; 10,000: 469 s against 370 s).
    The sort covers the whole store, so a small ingest into a large store keeps the index row by row.
    Questions asked meanwhile are answered, more slowly; an ingest killed meanwhile gets it back from the
    next writer that opens the store (`connect`)."""
    if not isinstance(conn, sqlite3.Connection) or files < 2:
        yield
        return
    # each report's commit appends its pages to the write-ahead log; copying the log back into the store
    # (a checkpoint, with its fsyncs) every 1,000 pages, SQLite's default, came every ~25 reports and cost
    # a quarter of the storing time; every 16,384 pages (64 MB of log) it comes every ~400
    conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
    try:
        if files < BULK_FROM or files < conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]:
            yield
            return
        _while_locked(lambda: conn.execute("DROP INDEX IF EXISTS facts_cover"))
        try:
            yield
        finally:
            _while_locked(lambda: conn.execute(FACTS_COVER))
    finally:
        conn.execute("PRAGMA wal_autocheckpoint = 1000")


AGENCY_NAME = "COALESCE(agency_full, agency)"  # what makes two files versions of one report (with the year)


@dataclass
class Saved:
    """What storing one report changed, beyond the report itself."""
    removed: list[str] = field(default_factory=list)  # reports of the same file replaced (rows gone)
    removed_labels: list[str] = field(default_factory=list)  # their "agency year"
    superseded: list[str] = field(default_factory=list)  # other versions answers stop using (rows kept)
    used_instead: Optional[str] = None  # this report is a version answers do not use: the one they use
    other_versions: list[tuple[str, str, int]] = field(default_factory=list)  # (id, file, cells read), incl. used

    @property
    def unindexed(self) -> list[str]:
        """Ids whose passages leave the index (only the version answers use is searched)."""
        return self.removed + self.superseded


def save_report(conn: sqlite3.Connection, report: Union[Report, ReportRows]) -> Saved:
    """Store one report in one transaction; replaces the same id and older versions of the same file.

    Another file with the same agency and year is another version of the report: both are kept, and
    answers use the one that reads better (more cells read, then higher confidence); on a tie the
    version stored now (the user gave it as the new one); the same report stored again keeps its place.
    A worse-reading version never displaces a better one.
    """
    report = report if isinstance(report, ReportRows) else report_rows(report)
    with transaction(conn):
        old = conn.execute(f"SELECT id, version_of, {AGENCY_NAME}, year FROM reports WHERE id = ? OR source_path = ?",
                           (report.id, report.source_path)).fetchall()
        again = [r for r in old if r[0] == report.id]  # the same report stored again (a re-run, a re-parse)
        for rid, *_ in old:
            conn.execute("DELETE FROM reports WHERE id = ?", (rid,))
        _insert(conn, report)
        saved = Saved(removed=[r[0] for r in old if r[0] != report.id],
                      removed_labels=[f"{r[2] or '?'} {r[3] or '?'}" for r in old if r[0] != report.id])
        name, year = report.name, report.year
        if name and year is not None:
            members = _versions(conn, name, year)
            if len(members) > 1:
                mine = next(m for m in members if m[0] == report.id)
                others = [m for m in members if m[0] != report.id]
                used = [m for m in others if m[3] is None]
                incumbent = max(used or others, key=lambda m: (m[1], m[2]))
                # stored again, a report keeps its place (re-running a folder never flips which version is
                # used); new, it takes over unless it reads worse
                wins = again[0][1] is None if again else (mine[1], mine[2]) >= (incumbent[1], incumbent[2])
                winner = mine if wins else incumbent
                saved.superseded = [m[0] for m in others if m[3] is None and m[0] != winner[0]]
                saved.used_instead = None if wins else winner[0]
                saved.other_versions = [(m[0], m[4], m[1]) for m in others]
                _settle(conn, winner, members)
        for _, _, other_name, other_year in old:  # a removed report may have been its group's used version
            if (other_name, other_year) != (name, year):
                settle_versions(conn, other_name, other_year)
    return saved


def _versions(conn: sqlite3.Connection, name: str, year: int) -> list[tuple]:
    """(id, cells read, confidence, version_of, file) of every stored version of one agency's report."""
    rows = conn.execute(
        f"SELECT id, json_extract(quality, '$.cells_read'), confidence, version_of, file"
        f" FROM reports WHERE {AGENCY_NAME} = ? AND year = ?", (name, year)).fetchall()
    return [(r[0], r[1] or 0, r[2] or 0, r[3], r[4]) for r in rows]


def settle_versions(conn: sqlite3.Connection, name: Optional[str], year: Optional[int]) -> None:
    """Make exactly one version of the agency's year the used one: the one used now if there is one
    (the best-reading if several), else the best-reading (after the used version was removed)."""
    if name is None or year is None:
        return
    members = _versions(conn, name, year)
    if members:
        used = [m for m in members if m[3] is None]
        _settle(conn, max(used or members, key=lambda m: (m[1], m[2])), members)


def _settle(conn: sqlite3.Connection, winner: tuple, members: list[tuple]) -> None:
    conn.execute("UPDATE reports SET version_of = NULL WHERE id = ? AND version_of IS NOT NULL", (winner[0],))
    conn.executemany("UPDATE reports SET version_of = ? WHERE id = ? AND version_of IS NOT ?",
                     [(winner[0], m[0], winner[0]) for m in members if m[0] != winner[0]])


@dataclass(frozen=True)
class ReportRows:
    """A report as the rows it is stored as, built where it was parsed. Ingest workers send these to the
    process that stores reports: plain tuples pickle and unpickle several times faster than a Report's
    ~200 pydantic objects, and the JSON of each row is made in the worker, so the storing process (one per
    ingest, the bottleneck on few cores) only writes."""
    id: str
    source_path: str
    name: Optional[str]  # the agency's full name: versions of one report share it and the year
    year: Optional[int]
    report: tuple
    text: str
    sections: list[tuple]
    facts: list[tuple]
    findings: list[tuple]
    narrative: list[tuple]


def report_rows(r: Report) -> ReportRows:
    g = r.region
    return ReportRows(
        r.id, r.source_path, r.agency_full or r.agency, r.year,
        (r.id, r.file, r.source_path, r.source_format, r.agency, r.agency_full, r.agency_kind,
         g.province, g.city, g.county, g.township, int(g.ambiguous), json.dumps(g.candidates, ensure_ascii=False),
         r.year, r.template, r.published, r.document_number,
         json.dumps(r.warnings, ensure_ascii=False),
         r.quality.model_dump_json(), r.quality.confidence,
         json.dumps(page_starts(r.line_pages)) if r.line_pages else None),
        "\n".join(r.lines),
        [(r.id, s.number, s.heading, s.start_line, s.end_line, s.text,
          json.dumps([p.model_dump() for p in s.subparts], ensure_ascii=False)) for s in r.sections],
        [(r.id, f.key, f.table, f.row, f.col, f.value, f.state.value, f.unit, f.raw, f.line,
          f.unit_printed, f.unit_assumed, f.unit_reason, f.raw_value,
          json.dumps(f.candidates) if f.candidates else "[]", f.note, seq) for seq, f in enumerate(r.facts)],
        [(r.id, x.rule, x.message, json.dumps(x.cells), x.expected, x.printed, x.line) for x in r.findings],
        [(r.id, n.text, n.value, n.line, json.dumps(n.cells), n.table_value,
          None if n.agrees is None else int(n.agrees)) for n in r.narrative],
    )


def _insert(conn: sqlite3.Connection, rows: ReportRows) -> None:
    conn.execute(
        "INSERT INTO reports (id, file, source_path, source_format, agency, agency_full, agency_kind,"
        " province, city, county, township, region_ambiguous, region_candidates, year, template,"
        " published, document_number, warnings, quality, confidence, page_starts)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.report)
    conn.execute("INSERT INTO report_texts VALUES (?, ?)", (rows.id, rows.text))
    conn.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?)", rows.sections)
    conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.facts)
    if rows.findings:
        conn.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?)", rows.findings)
    if rows.narrative:
        conn.executemany("INSERT INTO narrative VALUES (?,?,?,?,?,?,?)", rows.narrative)


def delete_report(conn: sqlite3.Connection, report_id: str) -> bool:
    with transaction(conn):
        row = conn.execute(f"SELECT {AGENCY_NAME}, year FROM reports WHERE id = ?", (report_id,)).fetchone()
        cur = conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
        if row is not None:
            settle_versions(conn, row[0], row[1])
    return cur.rowcount > 0


def report_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM reports ORDER BY file, id")]


def used_report_ids(conn: sqlite3.Connection) -> list[str]:
    """The reports answers use: all but the other versions of a report (the passage index holds these)."""
    return [r[0] for r in conn.execute("SELECT id FROM reports WHERE version_of IS NULL ORDER BY file, id")]


def load_report(conn: sqlite3.Connection, report_id: str) -> Optional[Report]:
    """Rebuild a full `Report` from the store."""
    row = conn.execute("SELECT r.*, t.text FROM reports AS r LEFT JOIN report_texts AS t ON t.report_id = r.id"
                       " WHERE r.id = ?", (report_id,)).fetchone()
    if row is None:
        return None
    lines = (row["text"] or "").split("\n")
    region = Region(province=row["province"], city=row["city"], county=row["county"],
                    township=row["township"], ambiguous=bool(row["region_ambiguous"]),
                    candidates=json.loads(row["region_candidates"] or "[]"))
    sections = [
        Section(number=s["number"], heading=s["heading"], start_line=s["start_line"],
                end_line=s["end_line"], text=s["text"],
                subparts=[SubPart(**p) for p in json.loads(s["subparts"] or "[]")])
        for s in conn.execute("SELECT * FROM sections WHERE report_id = ? ORDER BY start_line", (report_id,))
    ]
    facts = [
        Fact(table=f["tbl"], row=f["row"], col=f["col"], value=f["value"], state=CellState(f["state"]),
             unit=f["unit"], raw=f["raw"] or "", line=f["line"], unit_printed=f["unit_printed"],
             unit_assumed=f["unit_assumed"], unit_reason=f["unit_reason"], raw_value=f["raw_value"],
             candidates=json.loads(f["candidates"] or "[]"), note=f["note"])
        for f in conn.execute("SELECT * FROM facts WHERE report_id = ? ORDER BY seq", (report_id,))
    ]
    findings = [
        Finding(rule=x["rule"], message=x["message"], cells=json.loads(x["cells"] or "[]"),
                expected=x["expected"], printed=x["printed"], line=x["line"])
        for x in conn.execute("SELECT * FROM findings WHERE report_id = ? ORDER BY rowid", (report_id,))
    ]
    narrative = [
        NarrativeNumber(text=n["text"], value=n["value"], line=n["line"], cells=json.loads(n["cells"] or "[]"),
                        table_value=n["table_value"], agrees=None if n["agrees"] is None else bool(n["agrees"]))
        for n in conn.execute("SELECT * FROM narrative WHERE report_id = ? ORDER BY rowid", (report_id,))
    ]
    return Report(
        id=row["id"], file=row["file"], source_path=row["source_path"], source_format=row["source_format"],
        agency=row["agency"], agency_full=row["agency_full"], agency_kind=row["agency_kind"], region=region,
        year=row["year"], template=row["template"], published=row["published"],
        document_number=row["document_number"], lines=lines,
        sections=sections, facts=facts, findings=findings, narrative=narrative,
        warnings=json.loads(row["warnings"] or "[]"),
        quality=ReadingQuality.model_validate_json(row["quality"]) if row["quality"] else ReadingQuality(),
        line_pages=_line_pages(row["page_starts"], len(lines)),
    )


def _line_pages(starts_json: Optional[str], n: int) -> Optional[list[int]]:
    starts = json.loads(starts_json) if starts_json else None
    return [page_of(starts, line) or 1 for line in range(1, n + 1)] if starts else None


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # table names are constants
            for t in ("reports", "sections", "facts", "findings", "narrative")}
