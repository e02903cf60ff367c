"""Scraped rows whose cells run together (`规范性文件898989`, `行政处罚2648-18538`) → cells.

A row's run is cut into its n cells only in ways a report could print (no leading zeros, a sign only
in 本年增/减, decimals only in money) and, in sections 三/四, that balance (R3, R4 inside a run; R1, R2
across rows). A cell gets a value only when every surviving reading agrees on it, else it is
unreadable with its candidates: a wrong number is far worse than a missing one. Pure, no I/O. A blank
cell leaves no trace in a run: section 二 has no rule to notice, so its rows are trusted to be whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterator, Mapping, NamedTuple, Optional, Sequence

from ingest.cells import norm
from nianbao import keys

Vec = tuple[Optional[Decimal], ...]  # None: a blank cell that vanished from the run
MAX_READINGS = 20_000
MAX_STATES = 50_000  # distinct partial sums kept while balancing R1/R2 across rows
_STEPS_PER_READING = 3  # search steps allowed per reading kept: a pathological run ends quickly
_LOST_READINGS = 2_000  # readings with a lost cell kept per row; a row with more is left unreadable
_OTHER_SPLIT = ("other_no_correction", "other_no_fee", "other_misc")
REVIEW_FLAT = tuple(f"{r}.{c}" for r, _ in keys.REVIEW_ROWS for c in keys.REVIEW_COLS)


class TooManyReadings(Exception):
    """A run cuts in more ways than the guard allows (its cells are then reported unreadable)."""


@dataclass(frozen=True)
class Run:
    """One table row as scraped: its key and the run of digits after the label."""

    key: str  # row key (`new`, `penalty`), or `review` for the whole section-四 row
    text: str  # exactly as printed: `640020470`, `2648-18538`, `1975338元`
    line: int
    n: int  # cells to cut the run into
    columns: tuple[str, ...]
    allow_negative: frozenset[str] = frozenset()  # `change` (本年增/减)
    allow_decimal: frozenset[str] = frozenset()  # money `amount`
    max_decimals: int = 2  # raised to 4 when the run ends in 万元

    def __post_init__(self) -> None:
        if self.n != len(self.columns):
            raise ValueError(f"run {self.key!r}: n={self.n} but {len(self.columns)} columns {self.columns}")


@dataclass
class CellReading:
    value: Optional[Decimal]  # set only when exactly one value fits
    raw: str  # this cell's text as printed when determined, else the whole run
    candidates: list[Decimal] = field(default_factory=list)  # values seen across fitting readings
    unit: Optional[str] = None  # 元 / 万元 printed at the end of the run (last cell only)
    note: str = ""  # why it is unreadable

    @property
    def determined(self) -> bool:
        return self.value is not None


@dataclass
class Solution:
    cells: dict[str, dict[str, CellReading]]  # row → column → reading
    notes: list[str] = field(default_factory=list)
    fallback: bool = False  # the rows could not all balance together; read by per-row rules only


class _Reading(NamedTuple):
    parts: tuple[str, ...]  # as printed
    values: Vec


class _Chain(NamedTuple):  # Σ sign·row = target, per column: R2 (outcomes = handled), R1 (new+in-out = handled)
    rule: str
    terms: tuple[tuple[str, int], ...]
    target: str


def make_run(table: str, key: str, text: str, line: int, template: str = "2019") -> Run:
    """A `Run` with the template's width and column rules, e.g. `make_run("active", "penalty", "2648-18538", 62)`."""
    if table == "requests":
        return Run(key, text, line, 7, keys.REQUEST_COLS)
    if table == "review":
        return Run("review", text, line, 15, REVIEW_FLAT)
    if table != "active":
        raise ValueError(f"unknown table {table!r}; expected active, requests or review")
    specs = {s.key: s for s in keys.active_rows(template)}
    if key not in specs:
        raise ValueError(f"no active row {key!r} in the {template} template; expected one of {sorted(specs)}")
    cols = specs[key].cols
    # 4 decimals: 2021 fees are 万元 by header, and 2019 procurement prints 万元 amounts unlabelled (6.0248).
    return Run(key, text, line, len(cols), cols, frozenset({"change"}) & set(cols),
               frozenset({"amount"}) & set(cols), max_decimals=4)


def _prepare(run: Run) -> tuple[str, Optional[str], int]:
    """Normalised characters (full-width → ASCII, no spaces or commas), trailing unit, decimals allowed."""
    text = norm(run.text).replace(",", "").replace("−", "-")
    unit = next((u for u in ("万元", "元") if text.endswith(u)), None)
    return text.removesuffix(unit or ""), unit, max(run.max_decimals, 4) if unit == "万元" else run.max_decimals


@lru_cache(maxsize=32)
def _grammar(negative: bool, decimals: int) -> tuple[re.Pattern, re.Pattern]:
    """(a whole cell, a prefix that can still grow into one): the prefix lets the search stop early."""
    sign = "-?" if negative else ""
    whole = rf"(?:0|{sign}[1-9]\d*)" + (rf"(?:\.\d{{1,{decimals}}})?" if decimals else "")
    prefix = rf"{sign}|(?:0|{sign}[1-9]\d*)" + (rf"(?:\.\d{{0,{decimals}}})?" if decimals else "")
    return re.compile(whole), re.compile(prefix)


class _Cutter:
    """Cuts one run into cells, counting its steps so that a pathological run stops early."""

    def __init__(self, run: Run, limit: int):
        self.run, self.limit, self.steps = run, limit, limit * _STEPS_PER_READING
        self.text, _, decimals = _prepare(run)
        self.grammars = [_grammar(c in run.allow_negative, decimals if c in run.allow_decimal else 0)
                         for c in run.columns]

    def _tick(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise TooManyReadings(f"{self.run.key}: {self.run.text!r} cuts in too many ways")

    def fill(self, i: int, k: int, j: int, m: int, target: Optional[Decimal]) -> Iterator[tuple[str, ...]]:
        """Cuts of text[i:k] into the m cells from column j on, adding up to `target` when given
        (then the cells are whole counts, so a longer part is always a larger one)."""
        if m == 0:
            if i == k and not target:
                yield ()
            return
        whole, prefix = self.grammars[j]
        for e in [k] if m == 1 else range(i + 1, k - m + 2):
            self._tick()
            part = self.text[i:e]
            if not prefix.fullmatch(part):
                break  # no longer part from i is a number either
            if not whole.fullmatch(part):
                continue
            rest = None if target is None else target - Decimal(part)
            if rest is not None and rest < 0:
                break
            if rest is not None and m > 1 and not _total_fits(k - e, m - 1, len(str(rest))):
                continue  # the cells left cannot add up to `rest` with the digits left
            for tail in self.fill(e, k, j + 1, m - 1, rest):
                yield (part,) + tail

    def groups(self, i: int, j: int, g: int, memo: dict) -> list[tuple[str, ...]]:
        """Cuts of text[i:] into the cells from column j on, in groups of g whose last cell is the
        total of the others (R3: one group of 7; R4: three of 5). The total is chosen first, so the
        cells before it are searched against a known sum."""
        if (i, j) in memo:
            return memo[i, j]
        n, size, last = len(self.grammars), len(self.text), j + g - 1
        out: list[tuple[str, ...]] = [()] if j == n and i == size else []
        for k in range(i + g - 1, size) if j < n else ():  # the total starts at k
            for end in [size] if last == n - 1 else range(k + 1, size - (n - last - 1) + 1):
                self._tick()
                total = self.text[k:end]
                if not self.grammars[last][1].fullmatch(total):
                    break
                if not self.grammars[last][0].fullmatch(total) or not _total_fits(k - i, g - 1, len(total)):
                    continue
                heads = list(self.fill(i, k, j, g - 1, Decimal(total)))
                tails = self.groups(end, j + g, g, memo) if heads else []
                out += [h + (total,) + t for h in heads for t in tails]
                if len(out) > self.limit:
                    raise TooManyReadings(f"{self.run.key}: {self.run.text!r} has more than {self.limit} readings")
        memo[i, j] = out
        return out


def _total_fits(width: int, cells: int, digits: int) -> bool:
    """Can `cells` counts in `width` characters add up to `digits` digits? (each ≤ total < cells·10^longest)"""
    return width <= cells * digits and digits <= width - cells + 1 + len(str(cells - 1))


@lru_cache(maxsize=64)
def _split(run: Run, limit: int, sum_group: int = 0) -> Optional[tuple[_Reading, ...]]:
    """Valid cuts; with `sum_group`, only those whose groups add up (R3, R4). None past the guard."""
    cutter = _Cutter(run, limit)
    if sum_group and (run.allow_negative or run.allow_decimal or run.n % sum_group):
        raise ValueError(f"run {run.key!r}: sum groups need whole counts in groups of {sum_group}")
    try:
        cuts = cutter.groups(0, 0, sum_group, {}) if sum_group else \
            list(islice(cutter.fill(0, len(cutter.text), 0, run.n, None), limit + 1))
    except TooManyReadings:
        return None
    if len(cuts) > limit:
        return None
    return tuple(_Reading(parts, tuple(Decimal(p) for p in parts)) for parts in cuts)


def readings(run: Run, max_readings: int = MAX_READINGS) -> list[Vec]:
    """All syntactically valid cuts of the run (no balance rule). Raises TooManyReadings past the guard."""
    reads = _split(run, max_readings)
    if reads is None:
        raise TooManyReadings(f"{run.key}: {run.text!r} cuts in more than {max_readings} ways")
    return [r.values for r in reads]


def _with_lost_cells(run: Run, reads: list[_Reading], limit: int) -> list[_Reading]:
    """`reads` plus the requests run read as 6 printed cells and a vanished blank one (None) where R3
    allows it (a printed total ≥ the others); past the guard, one reading blank everywhere."""
    cuts = _split(replace(run, n=run.n - 1, columns=run.columns[1:]), min(limit, _LOST_READINGS))  # counts alike
    if cuts is None:
        return list(reads) + [_Reading(("",) * run.n, (None,) * run.n)]
    return list(reads) + [_Reading(r.parts[:i] + ("",) + r.parts[i:], r.values[:i] + (None,) + r.values[i:])
                          for i in range(run.n) for r in cuts if i == run.n - 1 or r.values[-1] >= sum(r.values[:-1])]


def _cells(run: Run, reads: Sequence[_Reading], why: str = "") -> dict[str, CellReading]:
    """Per column: the value when all trusted (`why` empty) `reads` agree on it, else unreadable."""
    out, unit = {}, _prepare(run)[1]
    for i, col in enumerate(run.columns):
        values = {r.values[i] for r in reads}
        known = sorted(v for v in values if v is not None)
        cell_unit = unit if i == run.n - 1 else None
        if len(values) == 1 and known and not why:
            out[col] = CellReading(known[0], reads[0].parts[i] + (cell_unit or ""), [], cell_unit)
        else:
            note = why or ("the row may have lost a blank cell, perhaps this one" if None in values else
                           f"{len(reads)} readings of {run.text!r} fit; this cell differs between them")
            out[col] = CellReading(None, run.text, known, cell_unit, note)
    return out


def _read_row(table: str, run: Run, limit: int, pinned: Mapping[str, Decimal],
              notes: list[str]) -> tuple[Sequence[_Reading], Optional[dict[str, CellReading]]]:
    """The readings that fit the row on its own (cut, own rule, pins), or else its cells, unreadable."""
    rule = {"requests": 7, "review": 5}.get(table, 0)
    reads = _split(run, limit, rule)
    reads = reads and _apply_pins(table, run, list(reads), pinned, notes)
    if reads:
        return reads, None
    why = f"{run.text!r} cuts in more than {limit} ways" if reads is None else \
        f"no cut of {run.text!r} into {run.n} cells" + {7: " fits R3", 5: " fits R4"}.get(rule, "")
    notes.append(f"{run.key}: {why}")
    bare = _split(run, limit) if reads is not None else None  # no second pathological search
    return (), _cells(run, bare or (), why if bare is not None or reads is None else f"{why}; too many ways to cut it")


def _apply_pins(table: str, run: Run, reads: list[_Reading], pinned: Mapping[str, Decimal],
                notes: list[str]) -> list[_Reading]:
    """Narrative restatements fix a cell; one that fits no reading is a narrative/table disagreement,
    noted and not applied (the table is what the report printed)."""
    prefix = f"{table}." if table == "review" else f"{table}.{run.key}."
    for col in [k[len(prefix):] for k in pinned if k.startswith(prefix) and k[len(prefix):] in run.columns]:
        value = Decimal(str(pinned[prefix + col]))
        kept = [r for r in reads if r.values[run.columns.index(col)] == value]
        if not kept and reads:
            notes.append(f"{run.key}.{col}: pinned {value} fits no reading of {run.text!r}; ignored")
        reads = kept or reads
    return reads


def _add(a: Vec, x: Vec, sign: int) -> Vec:
    return tuple(None if p is None or q is None else p + sign * q for p, q in zip(a, x))  # blank: any value


def _matching(these: set[Vec], those: set[Vec]) -> set[Vec]:
    """Members of `these` equal to one of `those` wherever both are printed (None fits anything)."""
    if not any(None in v for v in these | those):
        return these & those
    if len(these) * len(those) > 20 * MAX_STATES:
        raise TooManyReadings("too many sums with lost cells to compare")
    return {a for a in these if any(all(p is None or q is None or p == q for p, q in zip(a, b)) for b in those)}


def _forward(chain: _Chain, domains: dict[str, list[_Reading]], proj: Callable[[_Reading], Vec],
             goal: set[Vec]) -> list[set[Vec]]:
    """Partial sums reachable after each term (over non-negative terms, none above every goal)."""
    layers = [{tuple(Decimal(0) for _ in next(iter(goal)))}]
    growing = all(s > 0 for _, s in chain.terms) and all(
        v is None or v >= 0 for row, _ in chain.terms for r in domains[row] for v in proj(r))
    top = tuple(None if None in col else max(col) for col in zip(*goal)) if growing else None
    for row, sign in chain.terms:
        xs = {proj(r) for r in domains[row]}
        sums = (_add(a, x, sign) for a in layers[-1] for x in xs)
        nxt = {s for s in sums if top is None or all(t is None or v is None or v <= t for v, t in zip(s, top))}
        if len(nxt) > MAX_STATES:
            raise TooManyReadings(f"{chain.rule}: more than {MAX_STATES} partial sums")
        layers.append(nxt)
    return layers


def _balance(domains: dict[str, list[_Reading]], chains: Sequence[_Chain],
             proj: Callable[[_Reading], Vec]) -> Optional[dict[str, list[_Reading]]]:
    """The readings in at least one assignment satisfying every chain (exactly, for the projection
    `proj`); None if there is none. Chains share only their target row, so each is solved alone."""
    target = chains[0].target
    goal = {proj(r) for r in domains[target]}
    layers = []
    for chain in chains:
        layers.append(_forward(chain, domains, proj, goal))
        goal = _matching(goal, layers[-1][-1])
        if not goal:
            return None
    out = dict(domains)
    out[target] = [r for r in domains[target] if proj(r) in goal]
    for chain, forward in zip(chains, layers):
        reach = _matching(forward[-1], goal)
        for k in range(len(chain.terms) - 1, -1, -1):
            row, sign = chain.terms[k]
            xs = {proj(r) for r in out[row]}
            hits = [(a, x) for a in forward[k] for x in xs if _add(a, x, sign) in reach]
            keep = {x for _, x in hits}
            out[row] = [r for r in out[row] if proj(r) in keep]
            reach = {a for a, _ in hits}
    return out


def _solve_chains(domains: dict[str, list[_Reading]], chains: Sequence[_Chain],
                  notes: list[str]) -> Optional[dict[str, list[_Reading]]]:
    """Column by column first (cheap, prunes most), then whole rows at once (exact); None: no balance."""
    if not chains:
        return domains
    width = len(next(iter(domains.values()))[0].values)
    columns = [lambda r, c=c: (r.values[c],) for c in range(width)] if any(len(v) > 1 for v in domains.values()) else []
    try:
        for proj in columns + [lambda r: r.values]:
            if (pruned := _balance(domains, chains, proj)) is None:
                return None
            domains = pruned
        return domains
    except TooManyReadings as err:  # sound: stopping early keeps too many readings, never too few
        notes.append(f"rows balanced only partly ({err})")
        return domains


def _request_chains(template: str, runs: Mapping[str, Run], ok: set[str], notes: list[str]) -> list[_Chain]:
    outcome = list(keys.OUTCOME_ROWS_2021 if template == "2021" else keys.OUTCOME_ROWS_2019)
    if template == "2021" and "other" in runs and not any(r in runs for r in _OTHER_SPLIT):
        outcome = [r for r in outcome if r not in _OTHER_SPLIT] + ["other"]  # one undivided 其他处理 row
    chains = [_Chain("R2", tuple((r, 1) for r in outcome), "handled"),
              _Chain("R1", (("new", 1), ("carried_in", 1), ("carried_out", -1)), "handled")]
    missing = {c: [r for r in [row for row, _ in c.terms] + [c.target] if r not in ok] for c in chains}
    notes += [f"{c.rule} not applied: no usable reading for {', '.join(m)}" for c, m in missing.items() if m]
    return [c for c, m in missing.items() if not m]


def solve_requests(runs: Mapping[str, Run], template: str, pinned: Optional[Mapping[str, Decimal]] = None,
                   max_readings: int = MAX_READINGS) -> Solution:
    """Section 三: each row cut under R3, then all rows balanced together under R1 and R2. `pinned`
    (`{"requests.new.total": 4}`) holds narrative restatements. Once the table shows a lost cell (a
    row cannot be cut) or cannot balance, any row may have lost a blank cell too, so those readings
    join in; if still nothing balances, rows are read on their own (`fallback`)."""
    notes: list[str] = []
    cells: dict[str, dict[str, CellReading]] = {}
    base: dict[str, list[_Reading]] = {}
    for key, run in runs.items():
        reads, unread = _read_row("requests", run, max_readings, {}, notes)
        if unread:
            cells[key] = unread
        else:
            base[key] = list(reads)
    chains = _request_chains(template, runs, set(base), notes)
    for lost in (True,) if len(base) < len(runs) else (False, True):
        tried: list[str] = []
        domains = {k: _apply_pins("requests", runs[k], _with_lost_cells(runs[k], r, max_readings) if lost else r,
                                  pinned or {}, tried) for k, r in base.items()}
        solved = _solve_chains(domains, chains, tried)
        if solved is not None:
            break
    if solved is None and pinned:
        retry = solve_requests(runs, template, None, max_readings)
        if not retry.fallback:
            retry.notes.append("pinned narrative numbers contradict the balanced table; not applied")
            return retry
    cells.update({key: _cells(runs[key], reads) for key, reads in (solved or domains).items()})
    if solved is None:
        tried.append(f"{'/'.join(c.rule for c in chains)} cannot hold for any combination of readings, even "
                     "allowing for lost cells: the report breaks a rule; rows read on their own (R3)")
    return Solution({k: cells[k] for k in runs}, notes + tried, solved is None)


def solve_review(run: Run, pinned: Optional[Mapping[str, Decimal]] = None,
                 max_readings: int = MAX_READINGS) -> Solution:
    """Section 四: one run of 15 cells, three groups each balanced by R4."""
    if run.columns != REVIEW_FLAT:
        raise ValueError(f"a review run has the 15 columns {REVIEW_FLAT}; make it with make_run('review', …)")
    notes: list[str] = []
    reads, unread = _read_row("review", run, max_readings, pinned or {}, notes)
    flat = unread or _cells(run, reads)
    return Solution({r: {c: flat[f"{r}.{c}"] for c in keys.REVIEW_COLS} for r, _ in keys.REVIEW_ROWS}, notes)


def solve_active(runs: Mapping[str, Run], pinned: Optional[Mapping[str, Decimal]] = None,
                 max_readings: int = MAX_READINGS, lost_cells: bool = False) -> Solution:
    """Section 二: no balance rule, so a cell is read only when every valid cut agrees on it
    (`100` → 1, 0, 0; `1975338元` for procurement stays open unless a narrative number pins it)."""
    notes: list[str] = []
    rows = {key: _read_row("active", run, max_readings, pinned or {}, notes) for key, run in runs.items()}
    if lost_cells or any(unread for _, unread in rows.values()):
        # the table shows that its blank cells vanish (a row too short to cut, or the caller saw it in
        # another table): any row may have lost one, so a cell is read only if that reading agrees too
        rows = {k: (_with_blank_cell(runs[k], reads, max_readings) if reads and runs[k].n > 1 else reads, unread)
                for k, (reads, unread) in rows.items()}
    return Solution({k: unread or _cells(runs[k], reads) for k, (reads, unread) in rows.items()}, notes)


def _with_blank_cell(run: Run, reads: Sequence[_Reading], limit: int) -> list[_Reading]:
    """`reads` plus the readings with one cell printed blank, which leaves no trace in a run of digits
    (`行政处罚111` may be 11, blank, 1): a cell is read only when these agree with the full readings
    too. Past the guard, one reading blank everywhere (so nothing is read)."""
    out = list(reads)
    for i in range(run.n):
        cols = run.columns[:i] + run.columns[i + 1:]
        short = replace(run, n=run.n - 1, columns=cols, allow_negative=run.allow_negative & set(cols),
                        allow_decimal=run.allow_decimal & set(cols))
        cuts = _split(short, min(limit, _LOST_READINGS))
        if cuts is None:
            return out + [_Reading(("",) * run.n, (None,) * run.n)]
        out += [_Reading(r.parts[:i] + ("",) + r.parts[i:], r.values[:i] + (None,) + r.values[i:]) for r in cuts]
    return out
