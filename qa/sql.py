"""Read-only, parameterised, time-boxed SQL built from a plan. The SQL text goes back in the answer."""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional, Sequence

from nianbao.errors import UserError
from qa.models import Plan, RegionFilter

FACT_COLUMNS = ("r.id AS report_id, r.file, r.year, r.template, f.key, f.value, f.state, f.unit, f.raw, f.line,"
                " f.unit_assumed, f.unit_reason, f.unit_printed, f.raw_value, f.note, r.confidence")


class QueryTimeout(UserError):
    """A query ran past the time limit."""


_LIMIT: ContextVar[Optional[tuple[str, ...]]] = ContextVar("nianbao_report_limit", default=None)


@contextmanager
def limited_to(report_ids: Optional[Sequence[str]]) -> Iterator[None]:
    """Within this block every query and passage search sees only `report_ids` (None: no limit)."""
    token = _LIMIT.set(tuple(report_ids) if report_ids is not None else None)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def within_limit(ids: Optional[list[str]]) -> Optional[list[str]]:
    """`ids` (None = all reports) narrowed to the active limit."""
    limit = _LIMIT.get()
    if limit is None:
        return ids
    return [i for i in (ids if ids is not None else limit) if i in limit]


@dataclass
class Scope:
    """Which reports a question is about."""

    report_ids: Optional[list[str]] = None
    years: list[int] = field(default_factory=list)
    region: Optional[RegionFilter] = None
    agency_kind: Optional[str] = None
    template: Optional[str] = None
    more_regions: list[RegionFilter] = field(default_factory=list)
    organ: Optional[str] = None  # agencies whose name holds this organ word (统计局); `organ_out`: all but them
    organ_out: bool = False
    region_out: Optional[RegionFilter] = None  # all reports but this region's
    agencies_out: list[str] = field(default_factory=list)  # all reports but these agencies'

    @classmethod
    def of(cls, plan: Plan, report_ids: Optional[list[str]] = None) -> "Scope":
        return cls(report_ids=report_ids, years=list(plan.years), region=plan.region, agency_kind=plan.agency_kind,
                   template=plan.template,
                   more_regions=list(plan.more_regions), organ=plan.organ, organ_out=plan.organ_out,
                   region_out=plan.region_out, agencies_out=list(plan.agencies_out))

    def where(self) -> tuple[list[str], dict[str, Any]]:
        # other versions of a report (same agency and year, another file) are stored, never answered from
        clauses: list[str] = ["r.version_of IS NULL"]
        params: dict[str, Any] = {}
        if self.report_ids is not None:
            clauses.append(_among("r.id", "rid", self.report_ids, params))
        limit = _LIMIT.get()
        if limit is not None:  # the chat's filters (year, region, agency) scope every query
            clauses.append(_among("r.id", "lim", list(limit), params))
        if self.years:
            clauses.append(f"r.year IN ({_names('year', len(self.years))})")
            params.update(_values("year", self.years))
        regions = [r for r in [self.region, *self.more_regions] if r is not None and not r.is_empty()]
        ors = []
        for i, region in enumerate(regions):
            ands = []
            for level in ("province", "city", "county", "township"):
                value = getattr(region, level)
                if value:
                    name = level if i == 0 else f"{level}{i}"
                    ands.append(f"r.{level} = :{name}")
                    params[name] = value
            ors.append(" AND ".join(ands))
        if ors:
            clauses.append(ors[0] if len(ors) == 1 else "(" + " OR ".join(f"({o})" for o in ors) + ")")
        if self.region_out is not None and not self.region_out.is_empty():
            levels = [(lv, v) for lv in ("province", "city", "county", "township")
                      if (v := getattr(self.region_out, lv))]
            params.update({f"out_{lv}": v for lv, v in levels})
            same = " AND ".join(f"r.{lv} IS :out_{lv}" for lv, _ in levels)  # IS: a report with no province stays in
            clauses.append(f"NOT ({same})")
        if self.agencies_out:
            clauses.append(f"COALESCE(r.agency_full, r.agency) NOT IN ({_names('out', len(self.agencies_out))})")
            params.update(_values("out", self.agencies_out))
        if self.agency_kind:
            clauses.append("r.agency_kind = :agency_kind")
            params["agency_kind"] = self.agency_kind
        if self.organ:
            clauses.append(f"COALESCE(r.agency_full, r.agency, '') {'NOT ' if self.organ_out else ''}LIKE :organ")
            params["organ"] = f"%{self.organ}%"
        if self.template:
            clauses.append("r.template = :template")
            params["template"] = self.template
        return clauses, params


LONG_LIST = 20  # more values than this go in as one JSON array parameter (short SQL, one bound value)


def _among(column: str, prefix: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    """`column IN (…)` over `values`: one parameter each, or for a long list one JSON array (json_each)."""
    if len(values) > LONG_LIST:
        params[prefix] = json.dumps(list(values), ensure_ascii=False)
        return f"{column} IN (SELECT value FROM json_each(:{prefix}))"
    params.update(_values(prefix, values))
    return f"{column} IN ({_names(prefix, len(values))})"


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the answer prints them: a long JSON list cut to its first values and its length."""
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, str) and v.startswith("[") and len(v) > 200:
            items = json.loads(v)
            out[k] = f"{json.dumps(items[:5], ensure_ascii=False)[:-1]}, … ({len(items)} values)]"
        else:
            out[k] = v
    return out


def _names(prefix: str, n: int) -> str:
    return ", ".join(f":{prefix}{i}" for i in range(n)) or "NULL"


def _values(prefix: str, values: Sequence[Any]) -> dict[str, Any]:
    return {f"{prefix}{i}": v for i, v in enumerate(values)}


class Runner:
    """Runs SELECTs on a read-only connection under a time limit and keeps the SQL it ran."""

    def __init__(self, conn: sqlite3.Connection, timeout_s: float = 2.0):
        self.conn = conn
        self.timeout_s = timeout_s
        self.log: list[str] = []
        conn.execute("PRAGMA query_only = ON")
        self.limit_time = getattr(conn, "limit_time", None)  # a server connection: the server's own timeout
        if self.limit_time is not None:
            self.limit_time(timeout_s)

    def rows(self, sql: str, params: Optional[dict[str, Any]] = None, show: bool = True) -> list[sqlite3.Row]:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            raise ValueError("only SELECT statements are run for questions")
        deadline = time.monotonic() + self.timeout_s
        if self.limit_time is None:
            self.conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
        try:
            result = self.conn.execute(sql, params or {}).fetchall()
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                raise QueryTimeout(f"the query took longer than {self.timeout_s:g} s; narrow the question "
                                   "(a year, a region or an agency)") from e
            raise
        finally:
            if self.limit_time is None:
                self.conn.set_progress_handler(None, 0)
        if show:
            self.record(sql, params)
        return result

    def record(self, sql: str, params: Optional[dict[str, Any]] = None) -> None:
        """Keep `sql` among the statements the answer shows (one run with show=False that it used after all)."""
        self.log.append(sql.strip() + (f"\n-- params: {_shown(params)}" if params else ""))

    def tuples(self, sql: str, params: Optional[dict[str, Any]] = None, show: bool = True) -> list[tuple]:
        """`rows` as plain tuples (no column names: for loops over many thousands of rows)."""
        factory = self.conn.row_factory
        self.conn.row_factory = None
        try:
            return self.rows(sql, params, show)
        finally:
            self.conn.row_factory = factory

    def text(self) -> Optional[str]:
        return ";\n\n".join(self.log) + ";" if self.log else None


def facts_sql(keys: list[str], scope: Scope, order: str = "r.year, r.file") -> tuple[str, dict[str, Any]]:
    clauses, params = scope.where()
    clauses.insert(0, f"f.key IN ({_names('key', len(keys))})")
    params.update(_values("key", keys))
    sql = (f"SELECT {FACT_COLUMNS}\nFROM reports AS r\nJOIN facts AS f ON f.report_id = r.id\n"
           f"WHERE {' AND '.join(clauses)}\nORDER BY {order}")
    return sql, params


def reports_sql(scope: Scope) -> tuple[str, dict[str, Any]]:
    clauses, params = scope.where()
    where = f"\nWHERE {' AND '.join(clauses)}" if clauses else ""
    sql = ("SELECT r.id, r.file, r.agency, r.agency_full, r.agency_kind, r.province, r.city, r.county, r.township,"
           f" r.year, r.template\nFROM reports AS r{where}\nORDER BY r.year, r.file")
    return sql, params


def sum_sql(key: str, scope: Scope, agg: str) -> tuple[str, dict[str, Any]]:
    """SUM / AVG / COUNT of one printed cell over the scope (blank, absent, unreadable cells excluded)."""
    func = {"sum": "SUM(f.value)", "avg": "AVG(f.value)", "count": "COUNT(*)"}[agg]
    clauses, params = scope.where()
    clauses[:0] = ["f.key = :key", "f.state = 'number'"]
    params["key"] = key
    sql = (f"SELECT {func} AS result, COUNT(DISTINCT r.id) AS reports\nFROM reports AS r\n"
           f"JOIN facts AS f ON f.report_id = r.id\nWHERE {' AND '.join(clauses)}")
    return sql, params
