#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout63.jsonl (stdlib only).

Every expected answer, cite list and the guessed_unit / mixed_years tags are recomputed here from
tests/fixtures/gold/*.json (cells) and data/samples/*.txt (section text, for passage cases), by a
recipe per case id written independently of the JSONL. Conventions (see eval/QA_HOLDOUT63.md):
  * only cells whose state is "number" are used; a blank/absent/not_read cell makes the case unanswerable;
  * the balance rules R1-R4 are recomputed from the gold; a cell in a group failing its rule may only be
    used by a case about that failure (recipe reads it with about_failure=True);
  * money in yuan (2021 fees are stored in yuan already; unit_assumed amounts get tag guessed_unit);
  * cite = every cell the answer uses (final turn for chats); tags guessed_unit / mixed_years follow the cited cells.
Prints each mismatch and "SUMMARY n/120"; exit 0 only at 120/120.  --selftest mutates cases in memory
and checks that every mutation is caught.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout63.jsonl"
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")
COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")

# ---------------------------------------------------------------- gold
R = {}          # short name -> report dict (with 'cite_file')
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    f = d["file"]
    d["cite_file"] = Path(f).name if f.startswith("samples/pdf/") else f
    R[p.stem] = d
ALIAS = {"gulou": "000_2133ae744f48d674", "lucheng": "001_19df74b8cb7281a4", "yinzhou": "002_c42cd15df52a6935",
         "wenquan": "003_acfa5b9243423631", "erqi": "004_5206fb2196a31c52",
         "hz23": "hongze-qu-gov-2023", "hz24": "hongze-qu-gov-2024"}
REP = {k: R[v] for k, v in ALIAS.items()}
BY_FILE = {d["cite_file"]: d for d in R.values()}


def kind_of(d):
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or name.endswith("乡") or name.endswith("镇"):
        return "street_office"
    return "department"


def st(d, key):
    f = d["facts"].get(key)
    return None if f is None else f["state"]


def val(d, key):
    return d["facts"][key]["value"]


def failing_groups(d):
    """Recompute R1-R4; return the set of cell keys in groups that fail (cells with a non-number skip the equation)."""
    bad = set()

    def check(keys, lhs, rhs):
        if all(st(d, k) == "number" for k in keys):
            a = sum(val(d, k) for k in lhs)
            b = sum(val(d, k) for k in rhs)
            if abs(a - b) > 1e-9:
                bad.update(keys)

    rows = ["granted", "partial"] + [f"withheld_{x}" for x in ("secret", "law", "safety", "third_party", "internal",
                                                             "process", "enforcement", "query")]
    rows += [f"unavailable_{x}" for x in ("not_held", "needs_creation", "unclear")]
    rows += [f"declined_{x}" for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
    for col in COLS + ("total",):
        k = lambda r: f"requests.{r}.{col}"
        if st(d, k("new")) is None:
            continue
        check([k("new"), k("carried_in"), k("handled"), k("carried_out")], [k("new"), k("carried_in")],
              [k("handled"), k("carried_out")])                                           # R1
        other = [k("other")] if st(d, k("other")) == "number" else \
            [k(x) for x in ("other_no_correction", "other_no_fee", "other_misc")]
        check([k("handled")] + [k(r) for r in rows] + other, [k("handled")], [k(r) for r in rows] + other)  # R2
    for r in ["new", "carried_in", "handled", "carried_out", "other"] + rows:
        ks = [f"requests.{r}.{c}" for c in COLS]
        if st(d, f"requests.{r}.total") is None:
            continue
        check(ks + [f"requests.{r}.total"], ks, [f"requests.{r}.total"])                    # R3
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        ks = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")]
        check(ks + [f"review.{g}.total"], ks, [f"review.{g}.total"])                        # R4
    return bad


FAIL = {name: failing_groups(d) for name, d in REP.items()}


class Unanswerable(Exception):
    pass


class X:
    """Accessor that records what a recipe cites."""

    def __init__(self):
        self.cite = []

    def _get(self, r, key, about_failure=False):
        d = REP[r]
        s = st(d, key)
        if s != "number":
            raise Unanswerable(f"{r} {key}: state {s}")
        if key in FAIL[r] and not about_failure:
            raise Unanswerable(f"{r} {key}: in a group failing its balance rule")
        return val(d, key)

    def v(self, r, key, about_failure=False):
        x = self._get(r, key, about_failure)
        c = f"{REP[r]['cite_file']}#{key}"
        if c not in self.cite:
            self.cite.append(c)
        return x

    def peek(self, r, key):          # read for an earlier turn's pick: not cited
        return self._get(r, key)

    def file(self, r):
        c = REP[r]["cite_file"]
        if c not in self.cite:
            self.cite.append(c)
        return c

    @staticmethod
    def find(agency=None, year=None):
        hits = [n for n, d in REP.items() if (agency is None or agency in (d["agency"], d.get("agency_full")))
                and (year is None or d["year"] == year)]
        if not hits:
            raise Unanswerable(f"no report for {agency} {year}")
        return hits


NAME = {k: d["agency"] for k, d in REP.items()}
Y2020 = [n for n, d in REP.items() if d["year"] == 2020]
OLD = [n for n, d in REP.items() if d["year"] in (2019, 2020)]
T2019 = [n for n, d in REP.items() if d["template"] == "2019"]


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def ag(r):
    return {"kind": "agency", "value": NAME[r]}


def lst(vs, ordered=False):
    return {"kind": "list", "values": list(vs), "ordered": ordered}


def yes(b):
    return {"kind": "boolean", "value": bool(b)}


UNA = {"kind": "unanswerable"}

# ---------------------------------------------------------------- sections of the sample texts
SEC_WORDS = [("一", "总体情况"), ("二", "主动公开"), ("三", "收到和处理"), ("四", "行政复议"), ("五", "问题"), ("六", "其他需要报告")]


def sections(r):
    """Split a sample report into canonical sections by scanning for each heading in order (matched by meaning)."""
    lines = (SAMPLES / REP[r]["cite_file"]).read_text(encoding="utf-8").splitlines()
    out, cur, i = {}, None, 0
    for ln in lines:
        bare = ln.strip().lstrip("#* ").strip()
        if i < len(SEC_WORDS):
            num_, word = SEC_WORDS[i]
            if bare.startswith(num_ + "、") and word in bare:
                cur, i = num_, i + 1
                out[cur] = []
                continue
        if cur:
            out[cur].append(ln)
    assert [s for s, _ in SEC_WORDS] == list(out), (r, list(out))
    return {k: "\n".join(v) for k, v in out.items()}


SECS = {r: sections(r) for r in OLD}


def passage(x, r, word):
    secs = [s for s, t in SECS[r].items() if word in t]
    if len(secs) != 1:
        raise AssertionError(f"{r}: {word!r} found in sections {secs}")
    x.file(r)
    return {"kind": "passages", "files": [REP[r]["cite_file"]], "sections": secs}


def mentions(x, word, among):
    hits = [r for r in among if word in (SAMPLES / REP[r]["cite_file"]).read_text(encoding="utf-8")]
    for r in hits:
        x.file(r)
    return hits


def rank(x, rs, key, cite=True, reverse=True, f=None):
    get = x.v if cite else x.peek
    score = {r: (f(r, get) if f else get(r, key)) for r in rs}
    order = sorted(rs, key=lambda r: score[r], reverse=reverse)
    return order, score


def pct(a, b):
    return a / b * 100


# ---------------------------------------------------------------- recipes: id -> (language, function(x) -> expect)
H = "hz23", "hz24"
RECIPES = {}


def case(n, lang):
    def deco(fn):
        RECIPES[f"h63-{n:03d}"] = (lang, fn)
        return fn
    return deco


def simple(n, lang, r, key, unit="count"):
    RECIPES[f"h63-{n:03d}"] = (lang, lambda x: num(x.v(r, key), unit))


def unans(n, lang, fn):
    def run(x):
        try:
            fn(x)
        except Unanswerable:
            x.cite.clear()
            return UNA
        raise AssertionError("expected the data not to answer")
    RECIPES[f"h63-{n:03d}"] = (lang, run)


L, P, C = "active.licensing.decisions", "active.penalty.decisions", "active.coercion.decisions"
simple(1, "zh", "hz24", L)
case(2, "zh")(lambda x: num(x.v("hz24", L) - x.v("hz23", L)))
simple(3, "zh", "hz23", "active.fees.amount", "yuan")
case(4, "zh")(lambda x: num(x.v("hz23", "active.fees.amount") - x.v("hz24", "active.fees.amount"), "yuan"))
simple(5, "zh", "hz24", "requests.new.total")
case(6, "zh")(lambda x: num(pct(x.v("hz24", "requests.granted.total"), x.v("hz24", "requests.handled.total")), "percent"))
case(7, "zh")(lambda x: num(x.v("hz24", P) + x.v("hz24", C)))
simple(8, "zh", "hz23", "active.normative.in_force")
case(9, "zh")(lambda x: lst([x.v("hz24", "active.normative.issued"), x.v("hz24", "active.normative.repealed")], True))
simple(10, "zh", "hz24", "review.reconsideration.total")
unans(11, "zh", lambda x: x.v("hz23", "review.reconsideration.upheld"))
case(12, "zh")(lambda x: num(x.v("hz24", "requests.unavailable_not_held.total") - x.v("hz23", "requests.unavailable_not_held.total")))
simple(13, "en", "lucheng", "active.penalty.change")
case(14, "en")(lambda x: yes(x.v("lucheng", "active.penalty.prev_items") + x.v("lucheng", "active.penalty.change")
                             == x.v("lucheng", "active.penalty.decisions")))
simple(15, "en", "erqi", "active.coercion.prev_items")
simple(16, "en", "wenquan", "requests.unavailable_not_held.total")
unans(17, "en", lambda x: x.v("gulou", "requests.unavailable_not_held.total"))
case(18, "en")(lambda x: num(x.v("yinzhou", "active.rules.public_total") - x.v("yinzhou", "active.rules.published")))
case(19, "en")(lambda x: num(sum(x.v("hz24", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))))
simple(20, "en", "hz24", "review.reconsideration.corrected")


@case(21, "en")
def _(x):
    g = [x.v("hz23", f"review.reconsideration.{c}", about_failure=True) for c in ("upheld", "corrected", "other", "pending", "total")]
    return yes(sum(g[:4]) == g[4])


simple(22, "en", "hz23", "review.lawsuit_direct.total")
unans(23, "en", lambda x: x.v("hz23", "review.lawsuit_after_review.upheld"))
case(24, "en")(lambda x: num(sum(x.v(r, "active.procurement.projects") for r in Y2020)))
case(25, "en")(lambda x: num(x.v("yinzhou", "active.procurement.amount") / x.v("yinzhou", "active.procurement.projects"), "yuan"))
case(26, "en")(lambda x: lst([NAME[r] for r in OLD if x.v(r, "active.penalty.prev_items") >= 10]))
simple(27, "zh", "gulou", P)
simple(28, "zh", "wenquan", "active.procurement.amount", "yuan")
case(29, "zh")(lambda x: num(x.v("gulou", "active.procurement.projects") + x.v("wenquan", "active.procurement.projects")))
AVG = lambda r, get: get(r, "active.procurement.amount") / get(r, "active.procurement.projects")
case(30, "zh")(lambda x: ag(rank(x, ["gulou", "wenquan"], None, f=AVG)[0][0]))
case(31, "zh")(lambda x: lst([x.v("wenquan", "requests.granted.total"), x.v("wenquan", "requests.unavailable_not_held.total")], True))
case(32, "zh")(lambda x: yes(REP["gulou"]["template"] == "2019"))
case(33, "zh")(lambda x: yes(REP["wenquan"]["published"] == "2021-01-15"))
case(34, "zh")(lambda x: lst([NAME[r] for r in REP if REP[r]["province"] == "福建省"]))
case(35, "zh")(lambda x: yes(kind_of(REP["wenquan"]) == "street_office"))
simple(36, "zh", "gulou", "review.reconsideration.total")
unans(37, "zh", lambda x: x.find("厦门市思明区统计局", 2020))
case(38, "zh")(lambda x: num(x.v("wenquan", "requests.new.total") - x.v("gulou", "requests.new.total")))
unans(39, "zh", lambda x: x.v("wenquan", "requests.carried_out.total"))
simple(40, "zh", "lucheng", "requests.carried_in.total")
simple(41, "zh", "hz24", "requests.partial.total")
simple(42, "zh", "hz24", "requests.withheld_safety.total")
case(43, "zh")(lambda x: num(sum(x.v(r, "requests.withheld_process.total") for r in H)))
simple(44, "zh", "erqi", "active.fees.prev_items")
simple(45, "zh", "hz24", "requests.unavailable_unclear.total")
simple(46, "zh", "wenquan", "requests.unavailable_needs_creation.person")
simple(47, "zh", "hz23", "requests.declined_complaint.total")
simple(48, "zh", "hz23", C)
case(49, "en")(lambda x: num(pct(x.v("hz24", L) - x.v("hz23", L), x.v("hz23", L)), "percent"))
case(50, "en")(lambda x: num(x.v("hz23", P) - x.v("hz24", P)))
case(51, "en")(lambda x: num(pct(x.v("hz24", "requests.new.total"), x.v("hz23", "requests.new.total")), "percent"))
case(52, "en")(lambda x: num(pct(x.v("hz23", C) - x.v("hz24", C), x.v("hz23", C)), "percent"))
case(53, "en")(lambda x: yes(x.v("hz24", "active.fees.amount") < x.v("hz23", "active.fees.amount")))
simple(54, "en", "hz24", "active.fees.amount", "yuan")
case(55, "en")(lambda x: num(sum(x.v(r, "requests.new.total") for r in H)))
case(56, "en")(lambda x: yes(x.v("hz24", "requests.unavailable_not_held.total") > x.v("hz23", "requests.unavailable_not_held.total")))
case(57, "en")(lambda x: num(pct(x.v("hz23", "requests.granted.total"), x.v("hz23", "requests.handled.total")), "percent"))
case(58, "en")(lambda x: yes(x.v("hz24", "active.normative.in_force") > x.v("hz23", "active.normative.in_force")))
unans(59, "en", lambda x: x.v("hz24", "review.reconsideration.total") - x.v("hz23", "review.reconsideration.total"))
case(60, "en")(lambda x: num(x.v("hz24", "review.lawsuit_direct.total") + x.v("hz24", "review.lawsuit_after_review.total")))
unans(61, "en", lambda x: x.find("淮安市洪泽区人民政府", 2022))
case(62, "en")(lambda x: num(pct(x.v("hz23", "active.fees.amount") - x.v("hz24", "active.fees.amount"), x.v("hz23", "active.fees.amount")), "percent"))


# ---- chats: earlier turns pick with peek (not cited), the final turn is cited
@case(63, "zh")
def _(x):
    top = rank(x, Y2020, "active.procurement.projects", cite=False)[0][0]
    return num(x.v(top, "active.procurement.amount"), "yuan")


case(64, "en")(lambda x: ag(rank(x, Y2020, "active.procurement.amount")[0][1]))


@case(65, "en")
def _(x):
    second = rank(x, Y2020, "active.procurement.amount", cite=False)[0][1]
    return num(x.v(second, "active.procurement.projects"))


@case(66, "zh")
def _(x):
    top = rank(x, list(H), P, cite=False)[0][0]
    return num(x.v(top, C))


@case(67, "zh")
def _(x):
    top = rank(x, Y2020, "requests.new.total", cite=False)[0][0]
    return num(x.v(top, "requests.carried_in.total"))


@case(68, "en")
def _(x):
    top = rank(x, Y2020, P, cite=False)[0][0]
    return num(x.v(top, "active.penalty.prev_items"))


@case(69, "zh")
def _(x):
    (r,) = [r for r in REP if REP[r]["province"] == "浙江省" and REP[r]["year"] == 2019]
    return num(x.v(r, P))


@case(70, "en")
def _(x):
    (r,) = [r for r in REP if REP[r]["province"] == "福建省" and kind_of(REP[r]) == "street_office"]
    return num(AVG(r, x.v), "yuan")


@case(71, "zh")
def _(x):
    low = rank(x, T2019, "active.procurement.projects", cite=False, reverse=False)[0][0]
    return num(x.v(low, "active.penalty.prev_items"))


@case(72, "en")
def _(x):
    second = rank(x, Y2020, "active.procurement.projects", cite=False)[0][1]
    assert kind_of(REP[second]) == "street_office"
    return yes(x.v(second, "requests.withheld_third_party.total") > 0)


@case(73, "zh")
def _(x):
    top = rank(x, list(H), "requests.new.total", cite=False)[0][0]
    return num(pct(x.v(top, "requests.unavailable_not_held.total"), x.v(top, "requests.handled.total")), "percent")


@case(74, "en")
def _(x):
    top = rank(x, list(REP), L, cite=False)[0][0]
    assert REP[top]["year"] == 2024
    return num(x.v(top, C))


@case(75, "zh")
def _(x):
    zero = [r for r in OLD if x.peek(r, P) == 0]
    (r,) = [r for r in zero if kind_of(REP[r]) == "street_office"]
    return num(x.v(r, "requests.handled.total"))


@case(76, "en")
def _(x):
    top = rank(x, Y2020, "active.procurement.amount", cite=False)[0][0]
    return num(AVG(top, x.v), "yuan")


@case(77, "zh")
def _(x):
    top = rank(x, Y2020, "active.penalty.prev_items", cite=False)[0][0]
    return num(x.v(top, "active.procurement.projects"))


@case(78, "en")
def _(x):
    (r,) = [r for r in H if FAIL[r]]
    return num(x.v(r, "review.lawsuit_direct.pending"))


# ---- mixed
for n, lang, r, word in [(79, "en", "gulou", "广度和深度"), (80, "zh", "yinzhou", "立案查处"), (81, "en", "erqi", "四个结合"),
                         (82, "zh", "wenquan", "邀请律师"), (83, "en", "lucheng", "统计开放日"), (84, "zh", "gulou", "个人信息"),
                         (85, "en", "wenquan", "暂无其他需要报告的事项"), (86, "zh", "yinzhou", "改进措施"),
                         (87, "en", "wenquan", "信息发布审查制度")]:
    RECIPES[f"h63-{n:03d}"] = (lang, (lambda r, w: lambda x: passage(x, r, w))(r, word))


@case(88, "zh")
def _(x):
    (r,) = mentions(x, "12·4宪法宣传日", OLD)
    return ag(r)


case(89, "zh")(lambda x: num(sum(x.v(r, P) for r in Y2020)))
case(90, "en")(lambda x: num(sum(1 for r in Y2020 if x.v(r, P) >= 1)))
case(91, "zh")(lambda x: ag(rank(x, [r for r in REP if st(REP[r], "active.procurement.amount") == "number"],
                                  "active.procurement.amount")[0][2]))
case(92, "en")(lambda x: lst([NAME[r] for r in rank(x, OLD, "active.procurement.projects")[0]], True))
case(93, "zh")(lambda x: num(x.v("gulou", "active.procurement.amount") - x.v("lucheng", "active.procurement.amount"), "yuan"))
case(94, "en")(lambda x: num(pct(x.v("lucheng", "active.procurement.amount"), x.v("yinzhou", "active.procurement.amount")), "percent"))
case(95, "en")(lambda x: yes(x.v("hz24", "requests.partial.total") > x.v("hz23", "requests.partial.total")))
case(96, "zh")(lambda x: lst([NAME[r] for r in REP if REP[r]["province"] == "河南省"]))
case(97, "en")(lambda x: lst(sorted({NAME[r] for r in REP if kind_of(REP[r]) == "government"})))
case(98, "zh")(lambda x: lst(sorted({NAME[r] for r in REP if REP[r]["template"] == "2021"})))
case(99, "en")(lambda x: yes(REP["lucheng"]["published"] < REP["gulou"]["published"]))
case(100, "zh")(lambda x: lst([NAME[r] for r in Y2020 if not REP[r]["published"]]))
case(101, "en")(lambda x: yes(any(REP[r]["year"] == 2022 and NAME[r] == "淮安市洪泽区人民政府" for r in REP)))
case(102, "en")(lambda x: lst(sorted({NAME[r] for r in REP if len({REP[q]["year"] for q in REP if NAME[q] == NAME[r]}) > 1})))
unans(103, "en", lambda x: x.v("hz24", "active.procurement.amount"))
unans(104, "zh", lambda x: x.v("lucheng", "active.fees.amount"))
unans(105, "en", lambda x: x.v("hz23", "requests.other_no_fee.total"))
case(106, "zh")(lambda x: num(pct(x.v("yinzhou", "requests.new.person"), x.v("yinzhou", "requests.new.total")), "percent"))
case(107, "en")(lambda x: num(sum(x.v(r, C) for r in H)))
case(108, "en")(lambda x: num(sum(1 for r in REP if x.v(r, L) != 0)))
case(109, "zh")(lambda x: ag(rank(x, Y2020, P)[0][1]))
case(110, "en")(lambda x: num(x.v("wenquan", "requests.handled.total") - x.v("erqi", "requests.handled.total")))
case(111, "en")(lambda x: num(pct(sum(x.v("hz23", f"requests.unavailable_{k}.total") for k in ("not_held", "needs_creation", "unclear")),
                                  x.v("hz23", "requests.handled.total")), "percent"))
case(112, "zh")(lambda x: yes(x.v("hz24", "requests.new.total") > 4 * x.v("hz23", "requests.new.total")))
case(113, "en")(lambda x: num(sum(x.v(r, "active.procurement.amount") for r in REP if REP[r]["province"] == "浙江省"), "yuan"))
case(114, "zh")(lambda x: num(sum(1 for r in Y2020 if x.v(r, "active.procurement.projects") >= 10)))
case(115, "en")(lambda x: lst([NAME[r] for r in rank(x, ["hz24", "lucheng", "yinzhou"], P)[0]], True))
case(116, "zh")(lambda x: num(pct(x.v("yinzhou", "active.rules.published"), x.v("yinzhou", "active.rules.public_total")), "percent"))
case(117, "zh")(lambda x: yes(any(x.v(r, "review.reconsideration.total") != 0 for r in Y2020)))
case(118, "en")(lambda x: ag(rank(x, list(REP), "requests.new.total")[0][0]))
case(119, "en")(lambda x: lst([NAME[r] for r in mentions(x, "微博", OLD)]))
case(120, "en")(lambda x: num(len({NAME[r] for r in REP if NAME[r].endswith("统计局")})))


# ---------------------------------------------------------------- comparison
def expected(cid):
    lang, fn = RECIPES[cid]
    x = X()
    exp = fn(x)
    cells = [c for c in x.cite if "#" in c]
    guessed = any(BY_FILE[c.split("#")[0]]["facts"][c.split("#")[1]].get("unit_assumed") for c in cells)
    years = {BY_FILE[c.split("#")[0]]["year"] for c in cells}
    return lang, exp, x.cite, guessed, len(years) > 1


def same_value(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= max(1e-9, 1e-4 * abs(b))      # we type rounded decimals; far tighter than the 0.5 % scoring


def problems(case_, exp_cache=None):
    out = []
    cid = case_.get("id")
    if cid not in RECIPES:
        return [f"{cid}: no recipe"]
    if set(case_) - {"id", "question", "turns", "expect", "cite", "tags"} or not str(case_.get("question", "")).strip():
        out.append("bad fields or blank question")
    if "turns" in case_ and (not isinstance(case_["turns"], list) or not case_["turns"]
                             or not all(isinstance(t, str) and t.strip() for t in case_["turns"])):
        out.append("bad turns")
    lang, exp, cite, guessed, mixed = exp_cache[cid] if exp_cache else expected(cid)
    got, tags = case_.get("expect", {}), case_.get("tags", [])
    if got.get("kind") != exp["kind"]:
        return out + [f"kind {got.get('kind')} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if got.get("unit") != exp["unit"] or not isinstance(got.get("value"), (int, float)) or \
                not same_value(got["value"], exp["value"]):
            out.append(f"number {got.get('value')} {got.get('unit')} != {exp['value']} {exp['unit']}")
    elif k == "agency":
        if got.get("value") != exp["value"]:
            out.append(f"agency {got.get('value')} != {exp['value']}")
    elif k == "list":
        gv, ev = got.get("values", []), exp["values"]
        if got.get("ordered") is not exp["ordered"]:
            out.append(f"ordered {got.get('ordered')} != {exp['ordered']}")
        if exp["ordered"]:
            ok = len(gv) == len(ev) and all(same_value(a, b) for a, b in zip(gv, ev))
        else:
            ok = sorted(map(str, gv)) == sorted(map(str, ev))
        if not ok:
            out.append(f"list {gv} != {ev}")
    elif k == "boolean":
        if got.get("value") is not exp["value"]:
            out.append(f"boolean {got.get('value')} != {exp['value']}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(exp["files"]) or sorted(got.get("sections", [])) != sorted(exp["sections"]):
            out.append(f"passages {got.get('files')} {got.get('sections')} != {exp['files']} {exp['sections']}")
    if sorted(case_.get("cite", [])) != sorted(cite) or len(set(case_.get("cite", []))) != len(case_.get("cite", [])):
        out.append(f"cite {case_.get('cite')} != {cite}")
    bad = [c for c in case_.get("cite", []) if not CITE_RE.match(c)]
    if bad:
        out.append(f"cite syntax {bad}")
    if ("guessed_unit" in tags) != guessed:
        out.append(f"tag guessed_unit should be {guessed}")
    if ("mixed_years" in tags) != mixed:
        out.append(f"tag mixed_years should be {mixed}")
    if lang not in tags or ({"zh", "en"} - {lang}) & set(tags):
        out.append(f"language tag should be {lang}")
    return out


def load():
    return [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]


def run(cases, cache, quiet=False):
    ok = 0
    if [c.get("id") for c in cases] != [f"h63-{i:03d}" for i in range(1, 121)]:
        if not quiet:
            print("MISMATCH ids are not h63-001 .. h63-120 in order")
    for c in cases:
        pr = problems(c, cache)
        if pr:
            if not quiet:
                print(f"MISMATCH {c.get('id')}: " + "; ".join(pr))
        else:
            ok += 1
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60 or len(cases) != 120:
        if not quiet:
            print(f"MISMATCH counts: {len(cases)} cases, zh {langs.count('zh')}, en {langs.count('en')}")
        ok = min(ok, 119)
    return ok


def selftest(cases, cache):
    import copy
    muts = [
        ("number value off by 1%", "h63-001", lambda c: c["expect"].__setitem__("value", c["expect"]["value"] * 1.01)),
        ("unit yuan->count", "h63-003", lambda c: c["expect"].__setitem__("unit", "count")),
        ("fees not x10000", "h63-054", lambda c: c["expect"].__setitem__("value", 7545)),
        ("blank read as 0", "h63-039", lambda c: c.__setitem__("expect", {"kind": "number", "value": 0, "unit": "count"})),
        ("failing group used", "h63-023", lambda c: c.__setitem__("expect", {"kind": "number", "value": 5, "unit": "count"})),
        ("drop a cite", "h63-024", lambda c: c["cite"].pop()),
        ("wrong cite file", "h63-012", lambda c: c["cite"].__setitem__(0, c["cite"][0].replace("2023", "2022"))),
        ("drop guessed_unit", "h63-028", lambda c: c["tags"].remove("guessed_unit")),
        ("add guessed_unit", "h63-063", lambda c: c["tags"].append("guessed_unit")),
        ("drop mixed_years", "h63-002", lambda c: c["tags"].remove("mixed_years")),
        ("swap ordered list", "h63-092", lambda c: c["expect"]["values"].reverse()),
        ("unordered flag", "h63-009", lambda c: c["expect"].__setitem__("ordered", False)),
        ("wrong agency", "h63-091", lambda c: c["expect"].__setitem__("value", "鄞州区统计局")),
        ("boolean flipped", "h63-021", lambda c: c["expect"].__setitem__("value", True)),
        ("wrong section", "h63-080", lambda c: c["expect"].__setitem__("sections", ["一"])),
        ("wrong passage file", "h63-079", lambda c: c["expect"].__setitem__("files", ["003_acfa5b9243423631.txt"])),
        ("wrong language tag", "h63-013", lambda c: c["tags"].__setitem__(c["tags"].index("en"), "zh")),
        ("unanswerable made answerable", "h63-103", lambda c: c.__setitem__("expect", {"kind": "number", "value": 0, "unit": "yuan"})),
        ("chat figure from wrong pick", "h63-065", lambda c: c["expect"].__setitem__("value", 9)),
        ("percent as fraction", "h63-006", lambda c: c["expect"].__setitem__("value", 0.526316)),
    ]
    caught = 0
    for name, cid, mut in muts:
        cs = copy.deepcopy(cases)
        c = next(c for c in cs if c["id"] == cid)
        mut(c)
        n = run(cs, cache, quiet=True)
        hit = n < 120
        caught += hit
        print(f"selftest {'caught' if hit else 'MISSED'}: {name} ({cid}) -> {n}/120")
    # drop a case / duplicate language
    cs = copy.deepcopy(cases)[:-1]
    hit = run(cs, cache, quiet=True) < 120
    caught += hit
    print(f"selftest {'caught' if hit else 'MISSED'}: missing case -> {hit}")
    total = len(muts) + 1
    print(f"SELFTEST {caught}/{total}")
    return caught == total


def main():
    cases = load()
    cache = {cid: expected(cid) for cid in RECIPES}
    if "--selftest" in sys.argv:
        return 0 if selftest(cases, cache) else 1
    ok = run(cases, cache)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
