"""Score answers against QA cases (the rules of shared/gold/QA.md); reused by the eval harness.

A case: {"id", "question", "turns"?, "expect": {"kind", ...}, "cite": [...]}. An answer: an `Answer` or
its contract dict. Agency names are compared through `resolve` (name -> report ids, from the store), so
鄞州区统计局 and 宁波市鄞州区统计局 count as the same agency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union

from qa.models import Answer

Resolver = Callable[[str], set[str]]
TOLERANCE = 0.005


@dataclass
class CaseScore:
    id: str
    kind: str
    correct: bool
    reason: str = ""
    citation_recall: Optional[float] = None


def _as_dict(answer: Union[Answer, dict]) -> dict[str, Any]:
    return answer.contract() if isinstance(answer, Answer) else answer


def _norm(name: str) -> str:
    return re.sub(r"[\s（）()]", "", name or "")


def same_agency(item: dict, expected: str, resolve: Optional[Resolver]) -> bool:
    label, report = item.get("label") or "", item.get("report")
    if resolve is not None:
        want = resolve(expected)
        if want:
            return (report in want) or bool(resolve(label) & want)
    a, b = _norm(label), _norm(expected)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def close(value: Any, expected: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if expected == 0:
        return abs(value) < 1e-9
    return abs(value - expected) <= TOLERANCE * abs(expected)


def _list_ok(items: list[dict], expect: dict, resolve: Optional[Resolver]) -> tuple[bool, str]:
    values = expect.get("values", [])
    if len(items) != len(values):
        return False, f"{len(items)} items, expected {len(values)}"
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    match = (lambda it, v: close(it.get("value"), v)) if numeric else (lambda it, v: same_agency(it, v, resolve))
    if expect.get("ordered"):
        bad = [i for i, (it, v) in enumerate(zip(items, values, strict=True)) if not match(it, v)]
        return (not bad), (f"item {bad[0] + 1} differs" if bad else "")
    free = list(items)
    for v in values:
        hit = next((it for it in free if match(it, v)), None)
        if hit is None:
            return False, f"{v!r} missing"
        free.remove(hit)
    return True, ""


def _correct(ans: dict, expect: dict, resolve: Optional[Resolver]) -> tuple[bool, str]:
    kind = expect["kind"]
    items = ans.get("items") or []
    if kind == "unanswerable":
        numeric = isinstance(ans.get("value"), (int, float)) and not isinstance(ans.get("value"), bool)
        return ans.get("status") == "no_data" and not numeric, f"status {ans.get('status')}"
    if ans.get("status") != "answered":
        return False, f"status {ans.get('status')}"
    if kind == "number":
        ok = ans.get("unit") == expect.get("unit") and close(ans.get("value"), float(expect["value"]))
        return ok, f"value {ans.get('value')!r} {ans.get('unit')}"
    if kind == "agency":
        ok = bool(items) and same_agency(items[0], expect["value"], resolve)
        return ok, f"top item {items[0].get('label') if items else None!r}"
    if kind == "list":
        return _list_ok(items, expect, resolve)
    if kind == "boolean":
        return ans.get("value") is expect["value"], f"value {ans.get('value')!r}"
    if kind == "passages":
        ok = any(c.get("file") in expect["files"] and c.get("section") in expect["sections"]
                 for c in ans.get("citations") or [])
        return ok, "no passage citation from the expected file/section" if not ok else ""
    raise ValueError(f"unknown expect.kind {kind!r}")


def citation_recall(ans: dict, cite: list[str]) -> Optional[float]:
    if not cite:
        return None
    cites = ans.get("citations") or []
    hits = 0
    for want in cite:
        file, _, key = want.partition("#")
        hits += any(c.get("file") == file and (not key or c.get("key") == key) for c in cites)
    return hits / len(cite)


def score_case(case: dict, answer: Union[Answer, dict], resolve: Optional[Resolver] = None) -> CaseScore:
    ans = _as_dict(answer)
    ok, reason = _correct(ans, case["expect"], resolve)
    return CaseScore(id=case.get("id", ""), kind=case["expect"]["kind"], correct=ok, reason="" if ok else reason,
                     citation_recall=citation_recall(ans, case.get("cite") or []))


def store_resolver(db_dir: Path) -> Resolver:
    """name -> ids of the reports of every agency that name resolves to in the store."""
    from ingest.store import connect_readonly
    from qa.names import NameIndex

    conn = connect_readonly(Path(db_dir))
    try:
        index = NameIndex.from_conn(conn)
    finally:
        conn.close()

    def resolve(name: str) -> set[str]:
        return {r.id for a in index.resolve(name) for r in a.reports}

    return resolve
