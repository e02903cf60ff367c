#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout50.jsonl (stdlib only).

Recomputes every case's expected answer, its cite list and the guessed_unit / mixed_years tags from
the hand-checked gold cells (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). Prints each mismatch and a SUMMARY line; exits 0 only when all 120 cases agree.

Conventions: numbers only from cells whose state is 'number'; a cell in a group that fails a balance
equation (R1-R4) is usable only by cases about that failure; money in yuan; every cell used is cited;
guessed_unit when a used money cell has an assumed unit; mixed_years when used cells span >1 report year.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout50.jsonl"

A, B, C, D, E = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                 "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"

REPORTS = {}
for p in sorted(GOLD.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    REPORTS[Path(g["file"]).name] = g
ALL = list(REPORTS)
SAMPLE5 = [A, B, C, D, E]

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DE = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
      "declined_confirmation"]
REVCOLS = ["upheld", "corrected", "other", "pending", "total"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


def fact(f, key):
    return REPORTS[f]["facts"].get(key)


def num(f, key):
    x = fact(f, key)
    return x["value"] if x and x["state"] == "number" else None


def outcome_rows(f):
    """The 三 outcome rows actually printed as numbers (other_* sub-rows only when present)."""
    rows = ["granted", "partial"] + WH + UN + DE
    subs = ["other_no_correction", "other_no_fee", "other_misc"]
    if any(fact(f, f"requests.{s}.total") and fact(f, f"requests.{s}.total")["state"] == "number" for s in subs):
        rows += subs
    else:
        rows += ["other"]
    return rows


def failing_cells():
    """Cells of every equation R1-R4 that fails (blank cells skip the equation)."""
    bad = {}
    for f in ALL:
        eqs = []
        for col in COLS + ["total"]:
            eqs.append((f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                        [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
            eqs.append((f"R2[{col}]", [f"requests.{r}.{col}" for r in outcome_rows(f)], [f"requests.handled.{col}"]))
        for r in ["new", "carried_in", "handled", "carried_out"] + outcome_rows(f):
            eqs.append((f"R3[{r}]", [f"requests.{r}.{c}" for c in COLS], [f"requests.{r}.total"]))
        for g in GROUPS:
            eqs.append((f"R4[{g}]", [f"review.{g}.{c}" for c in REVCOLS[:4]], [f"review.{g}.total"]))
        for name, lhs, rhs in eqs:
            vals = [num(f, k) for k in lhs + rhs]
            if any(v is None for v in vals):
                continue
            if abs(sum(vals[:len(lhs)]) - sum(vals[len(lhs):])) > 1e-9:
                for k in lhs + rhs:
                    bad.setdefault((f, k), []).append(name)
    return bad


BAD = failing_cells()


class Unusable(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites, self.guessed, self.years = [], False, set()

    def v(self, f, key, failure=False):
        x = fact(f, key)
        if x is None or x["state"] != "number":
            raise Unusable(f"{f}#{key} is {x['state'] if x else 'missing'}")
        if (f, key) in BAD and not failure:
            raise Unusable(f"{f}#{key} is in a failing group {BAD[(f, key)]}")
        c = f"{f}#{key}"
        if c not in self.cites:
            self.cites.append(c)
        if x.get("unit_assumed"):
            self.guessed = True
        self.years.add(REPORTS[f]["year"])
        return x["value"]

    def s(self, f, keys, failure=False):
        return sum(self.v(f, k, failure) for k in keys)

    def passage(self, f):
        if f not in self.cites:
            self.cites.append(f)


def agency(f):
    return REPORTS[f]["agency"]


def kind_of(f):
    g = REPORTS[f]
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]
    if "人民政府" in name and not name.endswith(("局", "委", "办", "办事处")):
        return "government"
    return "department"


def rq(r, col="total"):
    return f"requests.{r}.{col}"


# --- sections of the sample texts, for passage cases
HEAD = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def sections(f):
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    starts, pos = {}, 0
    for sec in "一二三四五六":
        for i in range(pos, len(lines)):
            t = re.sub(r"^[#*\s]+", "", lines[i])
            if t.startswith(sec + "、") and HEAD[sec] in t:
                starts[sec] = i
                pos = i + 1
                break
    order = sorted(starts.items(), key=lambda kv: kv[1])
    out = {}
    for j, (sec, i) in enumerate(order):
        end = order[j + 1][1] if j + 1 < len(order) else len(lines)
        out[sec] = "\n".join(lines[i:end])
    return out


def passage_case(ctx, files, secs, words, mode="any"):
    for f in files:
        sx = sections(f)
        text = "\n".join(sx.get(s, "") for s in secs)
        hit = (any if mode == "any" else all)(w in text for w in words)
        if not hit:
            raise AssertionError(f"{f}: none of {words} in sections {secs}")
        ctx.passage(f)
    return {"kind": "passages", "files": files, "sections": secs}


def N(v, u="count"):
    return {"kind": "number", "value": v, "unit": u}


def AG(v):
    return {"kind": "agency", "value": v}


def BO(v):
    return {"kind": "boolean", "value": bool(v)}


def L(vs, ordered=False):
    return {"kind": "list", "values": vs, "ordered": ordered}


def UNANS(ctx, f, key):
    """Unanswerable because the cell is not a usable number (blank/absent/missing or in a failing group)."""
    try:
        ctx.v(f, key)
    except Unusable:
        ctx.cites.clear()
        return {"kind": "unanswerable"}
    raise AssertionError(f"{f}#{key} is usable, the case is not unanswerable")


def pct(a, b):
    return a / b * 100


def argmax(d):
    return max(d, key=d.get)


def argmin(d):
    return min(d, key=d.get)


REV_KEYS = lambda gs: [f"review.{g}.{c}" for g in gs for c in REVCOLS]


def r4_ok(ctx, f, g):
    parts = ctx.s(f, [f"review.{g}.{c}" for c in REVCOLS[:4]], failure=True)
    return parts == ctx.v(f, f"review.{g}.total", failure=True)


def narrative_agrees(f, text_part):
    for n in REPORTS[f]["narrative_numbers"]:
        if text_part in n["text"]:
            return n.get("agrees", n.get("agrees_with_table"))
    raise AssertionError(f"no narrative '{text_part}' in {f}")


def spend_per_project(ctx, f):
    return ctx.v(f, "active.procurement.amount") / ctx.v(f, "active.procurement.projects")


Y2020 = [f for f in SAMPLE5 if REPORTS[f]["year"] == 2020]
BUREAUS2020 = [f for f in Y2020 if REPORTS[f]["agency"].endswith("统计局")]


def has_procurement(f):
    x = fact(f, "active.procurement.amount")
    return bool(x and x["state"] == "number")


# ---------------------------------------------------------------- the 120 computations
def R(i, ctx):
    v, s = ctx.v, ctx.s
    if i == 1: return N(v(D, rq("new")))
    if i == 2: return N(v(D, "active.procurement.amount"), "yuan")
    if i == 3: return N(v(D, rq("unavailable_not_held")))
    if i == 4: return UNANS(ctx, D, rq("other"))
    if i == 5: return UNANS(ctx, D, rq("carried_out"))
    if i == 6: return N(spend_per_project(ctx, D), "yuan")
    if i == 7: return BO(REPORTS[D]["published"] == "2021-01-15")
    if i == 8: return passage_case(ctx, [D], ["五"], ["有待提高"])
    if i == 9: return N(pct(v(D, rq("granted")), v(D, rq("new"))), "percent")
    if i == 10: return N(s(D, [rq(r) for r in WH]))
    if i == 11: return BO(v(D, rq("new")) + v(D, rq("carried_in")) == v(D, rq("handled")))
    if i == 12: return N(v(H4, "active.licensing.decisions"))
    if i == 13: return N(v(H3, "active.fees.amount"), "yuan")
    if i == 14: return N(v(H3, "active.penalty.decisions") - v(H4, "active.penalty.decisions"))
    if i == 15: return N(pct(v(H4, rq("granted")), v(H4, rq("handled"))), "percent")
    if i == 16:
        govs = sorted({agency(f) for f in ALL if kind_of(f) == "government"})
        assert len(govs) == 1, govs
        return AG(govs[0])
    if i == 17: return BO(v(H4, rq("new")) > v(H3, rq("new")))
    if i == 18: return N(spend_per_project(ctx, C), "yuan")
    if i == 19: return N(sum(1 for f in ALL if REPORTS[f]["template"] == "2021"))
    if i == 20: return N(v(H4, rq("unavailable_not_held")))
    if i == 21: return N(v(H3, "active.coercion.decisions") + v(H4, "active.coercion.decisions"))
    if i == 22:
        a, b = v(H3, "active.licensing.decisions"), v(H4, "active.licensing.decisions")
        return N(pct(b - a, a), "percent")
    if i == 23: return BO(has_procurement(H4))
    if i == 24: return AG(agency(argmax({f: v(f, "active.procurement.amount") for f in ALL if has_procurement(f)})))
    if i == 25: return UNANS(ctx, H4, "active.procurement.amount")
    if i == 26: return N(v(E, "active.penalty.prev_items"))
    if i == 27: return N(v(B, "active.penalty.decisions"))
    if i == 28: return N(v(H3, rq("unavailable_needs_creation")))
    if i == 29: return N(v(H4, "active.normative.in_force"))
    if i == 30: return N(v(H4, rq("declined_complaint")))
    if i == 31: return N(v(C, "active.rules.public_total") - v(C, "active.rules.published"))
    if i == 32: return N(v(E, "active.coercion.prev_items"))
    if i == 33: return N(v(A, "active.procurement.projects"))
    if i == 34: return N(v(H3, "active.normative.repealed"))
    if i == 35: return UNANS(ctx, A, rq("unavailable_not_held"))
    if i == 36: return N(v(B, rq("carried_out")))
    if i == 37: return UNANS(ctx, H3, "review.reconsideration.upheld")
    if i == 38: return N(v(H4, "review.lawsuit_after_review.other"))
    if i == 39: return N(v(C, "review.lawsuit_direct.pending"))
    if i == 40: return N(v(H4, "active.fees.amount"), "yuan")
    if i == 41: return N(sum(v(f, rq("new")) for f in ALL if REPORTS[f]["province"] == "浙江省"))
    if i == 42: return N(sum(v(f, rq("new")) for f in Y2020 if REPORTS[f]["province"] == "福建省"))
    if i == 43: return AG(agency(argmax({f: v(f, "active.penalty.decisions") for f in BUREAUS2020})))
    if i == 44:
        d = {f: v(f, "active.procurement.amount") for f in Y2020}
        return L([agency(f) for f in sorted(d, key=d.get, reverse=True)], True)
    if i == 45: return N(sum(v(f, "active.procurement.amount") for f in Y2020 if REPORTS[f]["province"] == "河南省"), "yuan")
    if i == 46:
        js = sorted([f for f in ALL if REPORTS[f]["province"] == "江苏省"], key=lambda f: REPORTS[f]["year"])
        return N(v(js[-1], rq("new")) - v(js[0], rq("new")))
    if i == 47: return N(sum(v(f, "active.procurement.amount") for f in Y2020 if REPORTS[f]["province"] == "福建省"), "yuan")
    if i == 48: return N(sum(v(f, "active.procurement.projects") for f in ALL if REPORTS[f]["province"] == "浙江省"))
    if i == 49: return N(sum(1 for f in Y2020 if v(f, "active.penalty.prev_items") > 10))
    if i == 50: return AG(agency(argmax({f: spend_per_project(ctx, f) for f in (B, C)})))
    if i == 51: return N(len({REPORTS[f]["province"] for f in ALL}))
    if i == 52:
        out = []
        for f in ALL:
            if not REPORTS[f]["published"] and agency(f) not in out:
                out.append(agency(f))
        return L(out)
    if i == 53: return N(v(H4, "active.penalty.decisions") + v(H4, "active.coercion.decisions"))
    if i == 54: return N(abs(v(A, "active.penalty.decisions") - v(E, "active.penalty.decisions")))
    if i == 55: return N(v(H3, "active.fees.amount") + v(H4, "active.fees.amount"), "yuan")
    if i == 56: return BO(s(H4, [rq(r) for r in outcome_rows(H4)]) == v(H4, rq("handled")))
    if i == 57: return BO(r4_ok(ctx, H3, "reconsideration"))
    if i == 58:
        parts = s(H3, [f"review.reconsideration.{c}" for c in REVCOLS[:4]], failure=True)
        return N(abs(parts - v(H3, "review.reconsideration.total", failure=True)))
    if i == 59: return N(sum(1 for g in GROUPS if not r4_ok(ctx, H3, g)))
    if i == 60:
        ok = narrative_agrees(H4, "17件")
        assert (v(H4, rq("new")) == 17) == ok
        return BO(ok)
    if i == 61:
        ok = narrative_agrees(H3, "21件")
        assert (v(H3, rq("new")) == 21) == ok
        return BO(ok)
    if i == 62: return BO(v(B, "active.penalty.prev_items") + v(B, "active.penalty.change") == v(B, "active.penalty.decisions"))
    if i == 63:
        failing = []
        for f in ALL:
            for g in GROUPS:
                keys = [f"review.{g}.{c}" for c in REVCOLS]
                if all(num(f, k) is not None for k in keys) and \
                        sum(num(f, k) for k in keys[:4]) != num(f, keys[4]):
                    for k in keys:
                        v(f, k, failure=True)
                    if agency(f) not in failing:
                        failing.append(agency(f))
        assert len(failing) == 1, failing
        return AG(failing[0])
    if i == 64: return BO(v(B, rq("new")) + v(B, rq("carried_in")) == v(B, rq("handled")) + v(B, rq("carried_out")))
    if i == 65: return BO(all(r4_ok(ctx, H4, g) for g in GROUPS))
    if i == 66:
        ok = narrative_agrees(C, "立案查处6起")
        assert (v(C, "active.penalty.decisions") == 6) == ok
        return BO(ok)
    if i == 67: return UNANS(ctx, H3, "review.reconsideration.corrected")
    if i == 68: return UNANS(ctx, H3, "review.lawsuit_after_review.total")
    if i == 69: return BO(v(D, rq("granted")) + v(D, rq("withheld_third_party")) + v(D, rq("unavailable_not_held")) == v(D, rq("handled")))
    if i == 70: return BO(s(H3, [rq(r) for r in outcome_rows(H3)]) == v(H3, rq("handled")))
    if i == 71: return N(v(B, "active.procurement.amount"), "yuan")
    if i == 72: return N(v(H4, rq("new", "person")))
    if i == 73: return N(v(H4, "active.licensing.decisions") - v(H3, "active.licensing.decisions"))
    if i == 74:
        top = argmax({f: num(f, "active.procurement.amount") for f in Y2020})
        return N(v(top, "active.procurement.projects"))
    if i == 75:
        v(E, "active.procurement.amount")
        return BO(bool(fact(E, "active.procurement.amount").get("unit_printed")))
    if i == 76: return N(v(H3, "active.fees.amount") - v(H4, "active.fees.amount"), "yuan")
    if i == 77: return N(pct(v(D, rq("unavailable_not_held")), v(D, rq("new"))), "percent")
    if i == 78: return BO(v(C, rq("granted")) == v(C, rq("new")))
    if i == 79: return N(v(H4, "review.reconsideration.upheld"))
    if i == 80: return AG(agency(argmax({f: v(f, "active.penalty.decisions") for f in ALL if REPORTS[f]["province"] == "浙江省"})))
    if i == 81: return N(v(A, rq("withheld_third_party")))
    if i == 82: return passage_case(ctx, [B], ["五"], ["加强学习", "创新工作"], "all")
    if i == 83: return UNANS(ctx, H3, "review.reconsideration.total")
    if i == 84: return N(sum(1 for f in ALL if REPORTS[f]["year"] == 2020))
    if i == 85: return N(v(E, rq("new")) + v(A, rq("new")) + v(B, rq("new")))
    if i == 86: return passage_case(ctx, [C], ["一"], ["培训"])
    if i == 87: return passage_case(ctx, [E], ["五"], ["下一步"])
    if i == 88: return passage_case(ctx, [A, D], ["一"], ["公共卫生"])
    if i == 89: return passage_case(ctx, [A], ["六"], ["暂无其他需要报告"])
    if i == 90: return passage_case(ctx, [C], ["一"], ["微信", "微博"], "all")
    if i == 91: return passage_case(ctx, [A, B, C, D], ["一", "五"], ["培训", "条例"])
    if i == 92: return passage_case(ctx, [D], ["五"], ["律师"])
    if i == 93: return AG(agency(next(f for f in ALL if REPORTS[f]["city"] == "宁波市" and REPORTS[f]["year"] == 2019)))
    if i == 94: return AG(agency(next(f for f in ALL if REPORTS[f]["province"] == "河南省")))
    if i == 95: return N(len({agency(f) for f in ALL}))
    if i == 96: return AG(agency(min(ALL, key=lambda f: REPORTS[f]["year"])))
    if i == 97: return N(s(H4, [rq(r) for r in WH + UN]))
    if i == 98: return N(pct(v(H4, rq("unavailable_not_held")), v(H4, rq("new"))), "percent")
    if i == 99: return N(v(H3, "active.normative.repealed") + v(H4, "active.normative.repealed"))
    if i == 100: return BO(any(v(f, "active.coercion.decisions") > 0 for f in BUREAUS2020))
    if i == 101: return N(v(H4, "review.lawsuit_direct.total"))
    if i == 102: return N(v(H3, rq("withheld_secret")))
    if i == 103: return N(v(C, rq("new", "person")))
    if i == 104: return AG(agency(argmin({f: v(f, "active.procurement.amount") for f in Y2020})))
    if i == 105:
        out = []
        for f in Y2020:
            v(f, "active.procurement.amount")
            if fact(f, "active.procurement.amount").get("unit_assumed"):
                out.append(agency(f))
        return L(out)
    if i == 106: return N(sum(v(f, "active.procurement.projects") for f in SAMPLE5))
    if i == 107: return N(sum(v(f, "active.penalty.decisions") for f in BUREAUS2020))
    if i == 108: return N(sum(1 for f in ALL if v(f, rq("new")) > 10))
    if i == 109: return N(v(H4, rq("new", "business")))
    if i == 110: return BO(any(v(f, rq("carried_out")) > 0 for f in ALL if REPORTS[f]["template"] == "2021"))
    if i == 111: return N(v(H4, rq("partial")))
    if i == 112: return N(v(E, rq("handled")))
    if i == 113: return N(sum(1 for f in Y2020 if v(f, rq("new")) == 0))
    if i == 114: return N(v(H4, "active.normative.in_force") - v(H3, "active.normative.in_force"))
    if i == 115: return BO(REPORTS[B]["published"] < REPORTS[A]["published"])
    if i == 116: return N(s(H4, [rq(r) for r in WH]))
    if i == 117: return AG(agency(argmax({f: spend_per_project(ctx, f) for f in Y2020})))
    if i == 118: return N(pct(v(H3, "active.penalty.decisions"), v(H3, "active.licensing.decisions")), "percent")
    if i == 119:
        years = {REPORTS[f]["year"] for f in ALL if "洪泽" in agency(f)}
        assert 2022 not in years and years
        return {"kind": "unanswerable"}
    if i == 120: return N(v(C, "active.procurement.amount"), "yuan")
    raise KeyError(i)


def compare(case, exp, ctx):
    errs = []
    got = case["expect"]
    if got["kind"] != exp["kind"]:
        return [f"kind {got['kind']} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if got["unit"] != exp["unit"]:
            errs.append(f"unit {got['unit']} != {exp['unit']}")
        if abs(got["value"] - exp["value"]) > 1e-3 * max(1.0, abs(exp["value"])) * 1e-3 + 1e-4:
            errs.append(f"value {got['value']} != {exp['value']}")
    elif k in ("agency", "boolean"):
        if got["value"] != exp["value"]:
            errs.append(f"value {got['value']!r} != {exp['value']!r}")
    elif k == "list":
        if bool(got.get("ordered")) != exp["ordered"]:
            errs.append("ordered flag differs")
        if (got["values"] if exp["ordered"] else sorted(got["values"])) != \
                (exp["values"] if exp["ordered"] else sorted(exp["values"])):
            errs.append(f"values {got['values']} != {exp['values']}")
    elif k == "passages":
        if sorted(got["files"]) != sorted(exp["files"]) or sorted(got["sections"]) != sorted(exp["sections"]):
            errs.append(f"passages {got} != {exp}")
    if sorted(case["cite"]) != sorted(ctx.cites):
        errs.append(f"cite {case['cite']} != {ctx.cites}")
    tags = set(case["tags"])
    if ("guessed_unit" in tags) != ctx.guessed:
        errs.append(f"guessed_unit tag should be {ctx.guessed}")
    if ("mixed_years" in tags) != (len(ctx.years) > 1):
        errs.append(f"mixed_years tag should be {len(ctx.years) > 1} (years {sorted(ctx.years)})")
    return errs


def main():
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    problems = []
    if len(cases) != 120:
        problems.append(f"expected 120 cases, found {len(cases)}")
    ids = [c["id"] for c in cases]
    if ids != [f"h50-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h50-001 .. h50-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append(f"language split zh={langs.count(1)} en={langs.count(2)} (want 60/60)")
    cite_re = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
    ok = 0
    for case in cases:
        i = int(case["id"].split("-")[1])
        ctx = Ctx()
        try:
            exp = R(i, ctx)
            errs = compare(case, exp, ctx)
        except (Unusable, AssertionError, KeyError) as e:
            errs = [f"reference error: {type(e).__name__}: {e}"]
        errs += [f"bad cite form {c!r}" for c in case["cite"] if not cite_re.match(c)]
        if errs:
            for e in errs:
                print(f"MISMATCH {case['id']}: {e}")
        else:
            ok += 1
    for p in problems:
        print("PROBLEM", p)
    print(f"SUMMARY {ok}/{len(cases)} cases agree with the reference"
          + ("" if not problems else f"; {len(problems)} file-level problem(s)"))
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
