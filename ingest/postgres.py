"""The store on a PostgreSQL server (`NIANBAO_DB_URL=postgresql://…`): the dialect layer.

The store's SQL is written once, for SQLite (the embedded default). Rather than a second copy of every
statement or an ORM over hand-tuned queries, a connection here speaks the sqlite3 interface the code
already uses (`execute`, `executemany`, rows by index and by name, `row_factory`, sqlite3's exception
types) and rewrites each statement once (cached) into PostgreSQL:

- parameters: `?` and `:name` → `%s` and `%(name)s` (psycopg's client-side binding, so an untyped NULL
  parameter is fine, as in SQLite); a literal `%` is doubled;
- SQLite functions → their PostgreSQL equivalents: `json_each(x)` → `json_array_elements_text`,
  `json_extract(x, '$.k' | '$[n]')` → `->` / `->>`, `total(x)` → `COALESCE(SUM(x), 0)`,
  `group_concat` → `string_agg`; `IS ?` → `IS NOT DISTINCT FROM`; `LIKE` → `ILIKE` (SQLite's LIKE
  ignores ASCII case);
- SQLite sorts NULL first ascending and last descending; PostgreSQL the other way: every ORDER BY term
  says NULLS FIRST / LAST so lists come out in the same order on both;
- `BEGIN IMMEDIATE` (SQLite's one writer at a time) → BEGIN plus a transaction-scoped advisory lock on the
  store, so writers on several machines settle report versions one at a time as they do on SQLite;
- the few PRAGMAs the code reads → the catalogue queries that answer them.

The schema is the one the SQLite migrations build (`MIGRATIONS` in ingest/store.py), written out for
PostgreSQL as `SCHEMA` at the same version: a store made here starts at that version, and a new SQLite
migration must come with its PostgreSQL statement (a test holds the two schemas' columns equal).

One server database holds many stores: each data folder (`--db`) is one schema, named from the folder's
resolved path as the Chroma server's collection is, so a folder's facts and passages stay paired.
"""
from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

from nianbao.errors import UserError

SCHEMA_VERSION = 9  # = len(ingest.store.MIGRATIONS); tests/ingest/test_postgres_dialect.py holds them equal

# text columns compare byte-wise (COLLATE "C"), as SQLite's do: the same ORDER BY file gives the same order
SCHEMA = """
CREATE TABLE reports (
    id TEXT COLLATE "C" PRIMARY KEY, file TEXT COLLATE "C" NOT NULL, source_path TEXT COLLATE "C" NOT NULL,
    source_format TEXT COLLATE "C", agency TEXT COLLATE "C", agency_full TEXT COLLATE "C",
    agency_kind TEXT COLLATE "C", province TEXT COLLATE "C", city TEXT COLLATE "C", county TEXT COLLATE "C",
    township TEXT COLLATE "C", region_ambiguous INTEGER NOT NULL DEFAULT 0, region_candidates TEXT COLLATE "C",
    year INTEGER, template TEXT COLLATE "C", published TEXT COLLATE "C", document_number TEXT COLLATE "C",
    warnings TEXT COLLATE "C", ingested_at TEXT COLLATE "C" DEFAULT CAST(CURRENT_TIMESTAMP AS TEXT),
    quality TEXT COLLATE "C", confidence DOUBLE PRECISION, page_starts TEXT COLLATE "C",
    version_of TEXT COLLATE "C"
);
CREATE INDEX reports_source ON reports(source_path);
CREATE INDEX reports_year ON reports(year);
CREATE INDEX reports_agency_year ON reports((COALESCE(agency_full, agency)), year);
CREATE INDEX reports_narrow ON reports(id, version_of, template, year, agency_kind, file, confidence);
CREATE TABLE report_texts (
    report_id TEXT COLLATE "C" PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE, text TEXT NOT NULL
);
CREATE TABLE sections (
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    number TEXT COLLATE "C" NOT NULL, heading TEXT COLLATE "C", start_line INTEGER, end_line INTEGER,
    text TEXT COLLATE "C", subparts TEXT
);
CREATE INDEX sections_report ON sections(report_id);
CREATE TABLE facts (
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key TEXT COLLATE "C" NOT NULL, tbl TEXT COLLATE "C" NOT NULL, row TEXT COLLATE "C" NOT NULL,
    col TEXT COLLATE "C" NOT NULL, value DOUBLE PRECISION, state TEXT COLLATE "C" NOT NULL, unit TEXT COLLATE "C",
    raw TEXT COLLATE "C", line INTEGER, unit_printed TEXT COLLATE "C", unit_assumed TEXT COLLATE "C",
    unit_reason TEXT COLLATE "C", raw_value DOUBLE PRECISION, candidates TEXT, note TEXT COLLATE "C",
    seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, key)
);
CREATE INDEX facts_cover ON facts(key, report_id, state, value, unit, unit_assumed);
CREATE TABLE findings (
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rule TEXT COLLATE "C" NOT NULL, message TEXT COLLATE "C" NOT NULL, cells TEXT,
    expected DOUBLE PRECISION, printed DOUBLE PRECISION, line INTEGER,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX findings_report ON findings(report_id);
CREATE TABLE narrative (
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    text TEXT COLLATE "C", value DOUBLE PRECISION, line INTEGER, cells TEXT, table_value DOUBLE PRECISION,
    agrees INTEGER, rowid BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX narrative_report ON narrative(report_id);
CREATE TABLE store_state (id INTEGER PRIMARY KEY CHECK (id = 1), store TEXT NOT NULL, generation INTEGER NOT NULL);
INSERT INTO store_state VALUES (1, substr(md5(random()::text || clock_timestamp()::text), 1, 16), 0);
CREATE FUNCTION store_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE store_state SET generation = generation + 1; RETURN NULL; END $$;
CREATE TRIGGER reports_changed AFTER INSERT OR UPDATE OR DELETE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION store_changed();
CREATE TABLE store_version (version INTEGER NOT NULL)
"""

FOLDERS_TABLE = ("CREATE TABLE IF NOT EXISTS public.nianbao_stores (schema_name TEXT PRIMARY KEY,"
                 " folder TEXT NOT NULL, created TEXT DEFAULT CAST(CURRENT_TIMESTAMP AS TEXT))")


def schema_of(db_dir: Path) -> str:
    """The schema holding the store of the data folder `db_dir` (its resolved path, hashed)."""
    return "nb_" + hashlib.sha256(str(Path(db_dir).resolve()).encode("utf-8")).hexdigest()[:12]


def _unreachable(url: str, e: Exception) -> UserError:
    first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return UserError(f"cannot reach the PostgreSQL server at {shown(url)} (NIANBAO_DB_URL): {first}")


def shown(url: str) -> str:
    """`url` without its password (for messages)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


# ---------------------------------------------------------------------------------------------- rewriting

_LITERAL = re.compile(r"'(?:[^']|'')*'")


def _mask(sql: str) -> tuple[str, list[str]]:
    """`sql` with each string literal replaced by a marker (rewrites never touch what is inside quotes)."""
    literals: list[str] = []

    def keep(m: re.Match) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    return _LITERAL.sub(keep, sql), literals


def _unmask(sql: str, literals: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: literals[int(m.group(1))], sql)


def _args(sql: str, start: int) -> tuple[list[str], int]:
    """The comma-separated arguments of the call whose '(' is at `start`, and the index after its ')'."""
    depth, args, begin = 0, [], start + 1
    for i in range(start, len(sql)):
        ch = sql[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                args.append(sql[begin:i].strip())
                return args, i + 1
        elif ch == "," and depth == 1:
            args.append(sql[begin:i].strip())
            begin = i + 1
    raise ValueError(f"unbalanced parentheses in SQL: {sql[:200]!r}")


def _calls(sql: str, name: str, rewrite) -> str:
    """Every call `name(...)` in `sql` replaced by `rewrite(args)` (inner calls first)."""
    pattern = re.compile(rf"\b{name}\s*\(", re.IGNORECASE)
    while (m := pattern.search(sql)) is not None:
        args, end = _args(sql, m.end() - 1)
        inner = [_calls(a, name, rewrite) for a in args]
        sql = sql[:m.start()] + rewrite(inner) + sql[end:]
    return sql


def _json_path(args: list[str], literals: list[str]) -> str:
    target, path = args[0], args[1]
    m = re.fullmatch(r"\x00(\d+)\x00", path)
    spec = literals[int(m.group(1))][1:-1] if m else ""
    if re.fullmatch(r"\$\.\w+", spec):  # an object member: jsonb, loaded as the JSON value it is
        literals.append(f"'{spec[2:]}'")
        return f"(CAST({target} AS jsonb) -> \x00{len(literals) - 1}\x00)"
    if re.fullmatch(r"\$\[\d+\]", spec):  # an array item, as text
        return f"(CAST({target} AS jsonb) ->> {int(spec[2:-1])})"
    raise ValueError(f"json_extract path {spec!r} has no PostgreSQL rewrite")


def _group_concat(args: list[str]) -> str:
    first = args[0]
    distinct = re.match(r"DISTINCT\s+", first, re.IGNORECASE)
    body = first[distinct.end():] if distinct else first
    sep = args[1] if len(args) > 1 else "','"
    return f"string_agg({'DISTINCT ' if distinct else ''}CAST({body} AS TEXT), {sep})"


def _printf(args: list[str], literals: list[str]) -> str:
    m = re.fullmatch(r"\x00(\d+)\x00", args[0])
    if m and literals[int(m.group(1))] == "'%.15g'":  # PostgreSQL writes a float8 as its shortest exact digits
        return f"CAST({args[1]} AS TEXT)"
    raise ValueError(f"printf({args[0]!r}) has no PostgreSQL rewrite")


_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|FETCH|WINDOW)\b", re.IGNORECASE)


def _nulls_as_sqlite(sql: str) -> str:
    """Each ORDER BY term with SQLite's NULL placement (first ascending, last descending)."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER\s+BY\b", sql, re.IGNORECASE):
        if m.start() < pos:
            continue
        i, depth, terms, begin = m.end(), 0, [], m.end()
        while i < len(sql):
            ch = sql[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (ch == ";" or _ORDER_END.match(sql, i) and not re.match(r"\w", sql[i - 1])):
                break
            elif ch == "," and depth == 0:
                terms.append(sql[begin:i])
                begin = i + 1
            i += 1
        terms.append(sql[begin:i])
        fixed = []
        for term in terms:
            bare = term.rstrip()
            if re.search(r"\bNULLS\s+(FIRST|LAST)$", bare, re.IGNORECASE) or not bare.strip():
                fixed.append(term)
            elif re.search(r"\bDESC$", bare, re.IGNORECASE):
                fixed.append(f"{bare} NULLS LAST{term[len(bare):]}")
            else:
                fixed.append(f"{bare} NULLS FIRST{term[len(bare):]}")
        out.append(sql[pos:m.end()] + ",".join(fixed))
        pos = i
    out.append(sql[pos:])
    return "".join(out)


_PRAGMA_READS = {
    "query_only = on": "SET default_transaction_read_only = on",
    "integrity_check": "SELECT 'ok'",
    # a connection's foreign keys off (a test writing what an old store without the cascade held): the
    # server's replica role skips the foreign-key triggers for this session
    "foreign_keys = on": "SET session_replication_role = origin",
    "foreign_keys = off": "SET session_replication_role = replica",
}


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """One SQLite statement of this code base as PostgreSQL (see the module's note)."""
    masked, literals = _mask(sql)
    stripped = masked.strip().rstrip(";").strip()
    if stripped.upper().startswith("PRAGMA"):
        body = re.sub(r"\s+", " ", stripped[6:].strip()).lower()
        if (m := re.fullmatch(r"table_info\((\w+)\)", body)) is not None:
            return ("SELECT ordinal_position - 1, column_name FROM information_schema.columns"
                    f" WHERE table_schema = current_schema() AND table_name = '{m.group(1)}' ORDER BY ordinal_position")
        if body in _PRAGMA_READS:
            return _PRAGMA_READS[body]
        raise ValueError(f"PRAGMA {body} has no PostgreSQL equivalent")
    masked = _calls(masked, "json_each", lambda a: f"json_array_elements_text(CAST({a[0]} AS json))")
    masked = _calls(masked, "json_extract", lambda a: _json_path(a, literals))
    masked = _calls(masked, "total", lambda a: f"COALESCE(SUM({a[0]}), 0.0)")
    masked = _calls(masked, "group_concat", _group_concat)
    masked = _calls(masked, "printf", lambda a: _printf(a, literals))
    masked = re.sub(r"\bIS\s+NOT\s+(?=[?:])", "IS DISTINCT FROM ", masked, flags=re.IGNORECASE)
    masked = re.sub(r"\bIS\s+(?=[?:])", "IS NOT DISTINCT FROM ", masked, flags=re.IGNORECASE)
    masked = re.sub(r"\bLIKE\b", "ILIKE", masked)
    masked = _nulls_as_sqlite(masked)
    masked = masked.replace("%", "%%")
    masked = re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", masked)
    masked = masked.replace("?", "%s")
    return _unmask(masked, [lit.replace("%", "%%") for lit in literals])


# ---------------------------------------------------------------------------------------------- connection

class Row:
    """A result row read by index or by column name, like sqlite3.Row."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: tuple, index: dict[str, int]):
        self._values = values
        self._index = index

    def __getitem__(self, key):
        return self._values[self._index[key]] if isinstance(key, str) else self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other) -> bool:
        return isinstance(other, Row) and self._values == other._values and self._index == other._index

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values))!r})"


def _named_rows(cursor):
    index = {c.name: i for i, c in enumerate(cursor.description or [])}
    return lambda values: Row(tuple(values), index)


def _tuple_rows(cursor):
    return tuple


def _as_sqlite_error(e: Exception) -> sqlite3.Error:
    """A psycopg error as the sqlite3 exception type the code already handles (the same kinds of failure)."""
    import psycopg.errors as pe

    if isinstance(e, pe.QueryCanceled):
        return sqlite3.OperationalError(f"interrupted ({e})")
    if isinstance(e, pe.IntegrityError):
        return sqlite3.IntegrityError(str(e))
    if isinstance(e, pe.OperationalError):
        return sqlite3.OperationalError(str(e))
    return sqlite3.DatabaseError(str(e))


class PgConnection:
    """A psycopg connection that speaks the sqlite3 interface of this code base (see the module's note)."""

    def __init__(self, raw, schema: str, url: str, readonly: bool):
        self.raw = raw
        self.schema = schema
        self.url = url
        self.readonly = readonly
        self._row_factory: Any = sqlite3.Row

    @property
    def row_factory(self):
        return self._row_factory

    @row_factory.setter
    def row_factory(self, factory) -> None:
        self._row_factory = factory

    def _cursor(self):
        return self.raw.cursor(row_factory=_tuple_rows if self._row_factory is None else _named_rows)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()):
        stripped = sql.strip().upper()
        if stripped == "BEGIN IMMEDIATE":  # one writer at a time per store, as SQLite's write lock
            return self._run("BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema()))", ())
        return self._run(translate(sql), params)

    def _run(self, sql: str, params):
        import psycopg

        cur = self._cursor()
        try:
            cur.execute(sql, params if params is not None else ())
        except psycopg.Error as e:
            raise _as_sqlite_error(e) from e
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]):
        import psycopg

        rows = list(rows)
        cur = self._cursor()
        if rows:
            try:
                cur.executemany(translate(sql), rows)
            except psycopg.Error as e:
                raise _as_sqlite_error(e) from e
        return cur

    def limit_time(self, seconds: float) -> None:
        """Every later statement is cancelled after `seconds` (the question time limit)."""
        self._run(f"SET statement_timeout = {max(1, int(seconds * 1000))}", ())

    def commit(self) -> None:  # autocommit: the code's own BEGIN / COMMIT mark transactions
        pass

    def close(self) -> None:
        if self.readonly and _give_back(self):
            return
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _float_numeric(conn) -> None:
    """NUMERIC results (SUM and AVG of integers) as float, as SQLite gives them."""
    from psycopg.types.numeric import FloatLoader

    conn.adapters.register_loader("numeric", FloatLoader)


# Read-only connections are kept for the next question of this process (a new one costs ~18 ms, more than
# a whole lookup): at most IDLE_MAX per store, handed to one user at a time, checked before reuse.
IDLE_MAX = 4
_IDLE: dict[tuple[str, str], list] = {}
_IDLE_LOCK = threading.Lock()


def _give_back(conn: PgConnection) -> bool:
    """Keep a closed-by-its-user read-only connection for reuse; False when it is not fit to keep."""
    from psycopg.pq import TransactionStatus

    raw = conn.raw
    if raw.closed or raw.info.transaction_status != TransactionStatus.IDLE:
        return False
    try:
        raw.execute("SET statement_timeout = 0")  # a question's time limit is set by the next one
    except Exception:  # noqa: BLE001 - a broken connection is simply not kept
        return False
    with _IDLE_LOCK:
        idle = _IDLE.setdefault((conn.url, conn.schema), [])
        if len(idle) >= IDLE_MAX:
            return False
        idle.append(raw)
    return True


def _reuse(url: str, schema: str):
    from psycopg.pq import TransactionStatus

    with _IDLE_LOCK:
        idle = _IDLE.get((url, schema), [])
        while idle:
            raw = idle.pop()
            if not raw.closed and raw.info.transaction_status == TransactionStatus.IDLE:
                return raw
            raw.close()
    return None


def _forget(url: str, schema: str) -> None:
    with _IDLE_LOCK:
        for raw in _IDLE.pop((url, schema), []):
            raw.close()


def connect(url: str, db_dir: Path, readonly: bool = False) -> PgConnection:
    """The store of the data folder `db_dir` on the server at `url` (made at the current schema version
    the first time a writer opens it). A read-only connection may be one kept from an earlier question."""
    if readonly and (kept := _reuse(url, schema_of(db_dir))) is not None:
        return PgConnection(kept, schema_of(db_dir), url, readonly=True)
    try:
        import psycopg
    except ImportError:
        raise UserError("NIANBAO_DB_URL names a PostgreSQL server, but the psycopg package is not installed: "
                        "`pip install 'psycopg[binary]'` (or `pip install -e .[postgres]`)") from None
    schema = schema_of(db_dir)
    if not readonly:
        Path(db_dir).mkdir(parents=True, exist_ok=True)  # the data folder still holds the rest (index, models)
    try:
        raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor, connect_timeout=10)
    except psycopg.Error as e:
        raise _unreachable(url, e) from None
    _float_numeric(raw)
    conn = PgConnection(raw, schema, url, readonly)
    try:
        version = _version(raw, schema)
        if version is None:
            if readonly:  # nothing stored yet: make the empty store, as the SQLite reader does
                raw.close()
                connect(url, db_dir).close()
                return connect(url, db_dir, readonly=True)
            _create(raw, schema, db_dir)
        elif version > SCHEMA_VERSION:
            raise UserError(f"the store {schema} on {shown(url)} was written by a newer nianbao (schema {version}); "
                            "upgrade nianbao")
        raw.execute(f'SET search_path TO "{schema}"')
        if readonly:
            raw.execute("SET default_transaction_read_only = on")
    except BaseException:
        raw.close()
        raise
    return conn


def _version(raw, schema: str) -> Optional[int]:
    row = raw.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'store_version'",
                      (schema,)).fetchone()
    if row is None:
        return None
    got = raw.execute(f'SELECT version FROM "{schema}".store_version').fetchone()
    return None if got is None else int(got[0])


def _create(raw, schema: str, db_dir: Path) -> None:
    """The store's schema and tables, in one transaction (a second writer waits, then finds them made)."""
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (schema,))
        if _version(raw, schema) is not None:
            return
        raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        raw.execute(f'SET LOCAL search_path TO "{schema}"')
        for statement in _statements(SCHEMA):
            raw.execute(statement)
        raw.execute("INSERT INTO store_version VALUES (%s)", (SCHEMA_VERSION,))
        raw.execute(FOLDERS_TABLE)
        raw.execute("INSERT INTO public.nianbao_stores (schema_name, folder) VALUES (%s, %s)"
                    " ON CONFLICT (schema_name) DO NOTHING", (schema, str(Path(db_dir).resolve())))


def _statements(script: str) -> list[str]:
    """`script` split at the semicolons that end statements (not those inside a $$ function body)."""
    out, current, in_body = [], [], False
    for part in re.split(r"(\$\$|;)", script):
        if part == "$$":
            in_body = not in_body
        if part == ";" and not in_body:
            out.append("".join(current).strip())
            current = []
        else:
            current.append(part)
    out.append("".join(current).strip())
    return [s for s in out if s]


def drop(url: str, db_dir: Path) -> None:
    """Remove the store of `db_dir` from the server (tests; `nianbao` never drops a store by itself)."""
    import psycopg

    schema = schema_of(db_dir)
    _forget(url, schema)  # kept connections of this process point at the schema dropped
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        raw.execute(FOLDERS_TABLE)
        raw.execute("DELETE FROM public.nianbao_stores WHERE schema_name = %s", (schema,))


def exists(url: str, db_dir: Path) -> bool:
    """Whether the store of `db_dir` was made on the server."""
    import psycopg

    with _IDLE_LOCK:
        if _IDLE.get((url, schema_of(db_dir))):
            return True  # connections are kept only for a store that was made
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as raw:
            return _version(raw, schema_of(db_dir)) is not None
    except psycopg.Error as e:
        raise _unreachable(url, e) from None
