#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout47.jsonl (stdlib only).

Recomputes every expected answer, cite list and the guessed_unit / mixed_years tags from the
hand-checked gold cells (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). Rules: only cells with state 'number' give numbers; a cell in a group that
fails a balance rule (R1-R4) is used only for questions about that failure; money in yuan.
Prints mismatches and a SUMMARY line; exit code 0 only when every case matches.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(__file__).resolve().parent / "qa_holdout47.jsonl"

G, L, Y, W, E = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                 "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
SAMPLE_FILES = (G, L, Y, W, E)
ALL = (G, L, Y, W, E, H3, H4)
APPL = ("person", "business", "research", "nonprofit", "legal", "other_org")


def load():
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        name = d["file"].split("/")[-1]
        if name.endswith(".pdf") or p.stem.startswith("hongze"):
            name = p.stem + ".pdf"
        reps[name] = d
    return reps


REP = load()


def failing_cells(rep):
    """Cells of every group that breaks R1-R4, recomputed from the facts (number cells only)."""
    f = rep["facts"]
    bad = set()

    def num(k):
        c = f.get(k)
        return c["value"] if c and c["state"] == "number" else None
    # R4
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        ks = ["review.%s.%s" % (g, k) for k in ("upheld", "corrected", "other", "pending", "total")]
        vs = [num(k) for k in ks]
        if None not in vs and vs[0] + vs[1] + vs[2] + vs[3] != vs[4]:
            bad.update(ks)
    rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
    cols = APPL + ("total",)
    # R1
    for col in cols:
        ks = ["requests.%s.%s" % (r, col) for r in ("new", "carried_in", "handled", "carried_out")]
        vs = [num(k) for k in ks]
        if None not in vs and vs[0] + vs[1] != vs[2] + vs[3]:
            bad.update(ks)
    # R2
    outcome = [r for r in rows if r not in ("new", "carried_in", "handled", "carried_out")]
    for col in cols:
        ks = ["requests.%s.%s" % (r, col) for r in outcome if f["requests.%s.%s" % (r, col)]["state"] != "absent"]
        vs = [num(k) for k in ks]
        h = num("requests.handled.%s" % col)
        if None not in vs and h is not None and sum(vs) != h:
            bad.update(ks + ["requests.handled.%s" % col])
    # R3
    for r in rows:
        ks = ["requests.%s.%s" % (r, c) for c in cols]
        vs = [num(k) for k in ks]
        if None not in vs and sum(vs[:6]) != vs[6]:
            bad.update(ks)
    return bad


BAD = {n: failing_cells(r) for n, r in REP.items()}


class NA(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites = []
        self.files = []

    def v(self, f, key, failure_ok=False):
        cell = REP[f]["facts"].get(key)
        if cell is None or cell["state"] != "number":
            raise NA("%s#%s is %s" % (f, key, cell and cell["state"]))
        if key in BAD[f] and not failure_ok:
            raise NA("%s#%s is in a group failing a balance rule" % (f, key))
        c = "%s#%s" % (f, key)
        if c not in self.cites:
            self.cites.append(c)
        return cell["value"]

    def try_v(self, f, key):
        try:
            return self.v(f, key)
        except NA:
            return None

    def meta(self, f, field):
        if f not in self.files:
            self.files.append(f)
        return REP[f][field]


def agency(f):
    return REP[f]["agency"]


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def NAexp():
    return {"kind": "unanswerable"}


SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def section_text(f, sec):
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    heads = []
    for i, ln in enumerate(lines):
        m = re.match(r"^[\s#*]*([一二三四五六])、(.*)$", ln)
        if m and SECTION_WORDS[m.group(1)] in m.group(2)[:20]:
            if m.group(1) not in [h[1] for h in heads]:
                heads.append((i, m.group(1)))
    for j, (i, s) in enumerate(heads):
        if s == sec:
            end = heads[j + 1][0] if j + 1 < len(heads) else len(lines)
            return "\n".join(lines[i:end])
    raise NA("no section %s in %s" % (sec, f))


def passage(f, sec, keyword):
    def run(x):
        t = section_text(f, sec)
        if keyword not in t:
            raise NA("keyword %r not in section %s of %s" % (keyword, sec, f))
        for s in "一二三四五六":  # the keyword must be in that section only
            if s != sec:
                try:
                    if keyword in section_text(f, s):
                        raise NA("keyword %r also in section %s" % (keyword, s))
                except NA as e:
                    if "also" in str(e):
                        raise
        x.files.append(f)
        return {"kind": "passages", "files": [f], "sections": [sec]}
    return run


def unans(fn):
    """The case is unanswerable iff fn raises NA."""
    def run(x):
        try:
            fn(Ctx())
        except NA:
            return NAexp()
        raise AssertionError("expected unanswerable but the cells are usable")
    return run


def rank(x, files, key, reverse=True):
    vals = [(x.v(f, key), agency(f)) for f in files]
    return [a for _, a in sorted(vals, key=lambda t: -t[0] if reverse else t[0])]


def withheld(x, f):
    ks = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
          "withheld_process", "withheld_enforcement", "withheld_query"]
    return sum(x.v(f, "requests.%s.total" % k) for k in ks)


def group_fails(x, f, g):
    vs = [x.v(f, "review.%s.%s" % (g, k), failure_ok=True) for k in ("upheld", "corrected", "other", "pending", "total")]
    return sum(vs[:4]) != vs[4]


def in_corpus(name, year):
    for r in REP.values():
        if (name in r["agency"] or r["agency"] in name) and r["year"] == year:
            return True
    return False


def absent_corpus(name, year):
    def fn(x):
        if not in_corpus(name, year):
            raise NA("not in corpus")
    return fn


def no_pub(x, f):
    if x.meta(f, "published") is None:
        raise NA("no published date")


S = {}
# ---------------- zh
S[1] = lambda x: num(x.v(H4, "active.licensing.decisions"))
S[2] = lambda x: num(x.v(L, "active.procurement.projects"))
S[3] = lambda x: num(x.v(W, "active.procurement.amount"), "yuan")
S[4] = lambda x: num(x.v(E, "active.procurement.amount"), "yuan")
S[5] = lambda x: num(x.v(H3, "active.fees.amount"), "yuan")
S[6] = lambda x: num(x.v(H3, "active.fees.amount") - x.v(H4, "active.fees.amount"), "yuan")
S[7] = lambda x: num(x.v(H4, "requests.new.total") - x.v(H3, "requests.new.total"))
S[8] = unans(lambda x: x.v(H3, "review.reconsideration.total"))
S[9] = lambda x: {"kind": "boolean", "value": not group_fails(x, H3, "reconsideration")}
S[10] = unans(lambda x: x.v(W, "requests.other.total"))
S[11] = unans(lambda x: x.v(H4, "requests.other_no_fee.total"))
S[12] = lambda x: num(x.v(H4, "active.coercion.decisions"))
S[13] = lambda x: num(x.v(H3, "active.penalty.decisions"))
S[14] = lambda x: num(x.v(H4, "active.penalty.decisions"))
S[15] = lambda x: num(x.v(H4, "active.normative.in_force"))
S[16] = lambda x: num(x.v(H3, "active.normative.repealed") + x.v(H4, "active.normative.repealed"))
S[17] = lambda x: num(x.v(Y, "requests.new.total"))
S[18] = lambda x: num(x.v(Y, "active.rules.public_total"))
S[19] = lambda x: num(x.v(G, "active.penalty.prev_items"))
S[20] = lambda x: num(x.v(E, "active.coercion.prev_items"))
S[21] = lambda x: num(x.v(W, "requests.unavailable_not_held.total"))
S[22] = lambda x: num(x.v(L, "active.penalty.decisions"))
S[23] = lambda x: {"kind": "list", "values": rank(x, SAMPLE_FILES, "active.procurement.amount"), "ordered": True}
Y2020 = [f for f in SAMPLE_FILES if REP[f]["year"] == 2020]
S[24] = lambda x: {"kind": "agency", "value": rank(x, Y2020, "active.procurement.projects")[0]}
S[25] = lambda x: num(sum(1 for f in Y2020 if x.v(f, "requests.new.total") == 0))
S[26] = lambda x: pct(x.v(H4, "requests.granted.total"), x.v(H4, "requests.handled.total"))
S[27] = lambda x: pct(x.v(H3, "requests.partial.total"), x.v(H3, "requests.new.total"))
S[28] = lambda x: pct(x.v(W, "requests.unavailable_not_held.total"), x.v(W, "requests.handled.total"))
S[29] = lambda x: {"kind": "list", "values": [agency(f) for f in Y2020 if x.v(f, "active.penalty.prev_items") > 5], "ordered": False}
S[30] = lambda x: num(x.v(H4, "review.reconsideration.corrected"))
S[31] = lambda x: num(x.v(H4, "review.lawsuit_direct.total") + x.v(H4, "review.lawsuit_after_review.total"))
S[32] = unans(lambda x: x.v(H3, "review.lawsuit_after_review.total"))


def s33(x):
    hits = []
    for f in ALL:
        for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
            y = Ctx()
            if group_fails(y, f, g):
                for c in y.cites:
                    x.v(c.split("#")[0], c.split("#")[1], failure_ok=True)
                if agency(f) not in hits:
                    hits.append(agency(f))
    assert len(hits) == 1, hits
    return {"kind": "agency", "value": hits[0]}


S[33] = s33
S[34] = lambda x: pct(x.v(Y, "active.penalty.decisions"), x.v(Y, "active.penalty.prev_items"))
S[35] = lambda x: num(abs(x.v(G, "active.procurement.amount") - x.v(L, "active.procurement.amount")), "yuan")
S[36] = lambda x: num(sum(x.v(f, "active.procurement.amount") for f in Y2020), "yuan")
S[37] = lambda x: num(x.v(W, "active.procurement.amount") / x.v(W, "active.procurement.projects"), "yuan")
S[38] = unans(lambda x: x.v(H4, "active.procurement.amount"))
S[39] = unans(lambda x: x.v(G, "requests.unavailable_not_held.total"))
S[40] = unans(lambda x: no_pub(x, E))
S[41] = lambda x: {"kind": "boolean", "value": x.meta(L, "template") == "2021"}
S[42] = lambda x: {"kind": "boolean", "value": x.meta(H3, "template") == "2021"}
S[43] = lambda x: num(len({x.meta(f, "agency") for f in ALL}))
S[44] = lambda x: num(len({x.meta(f, "agency") for f in ALL if REP[f].get("agency_kind") == "street_office"}))


def kind_of(f):
    k = REP[f].get("agency_kind")
    if k:
        return k
    return "government" if "人民政府" in REP[f]["agency"] else None


def s45(x):
    gov = [f for f in ALL if kind_of(f) == "government"]
    names = {x.meta(f, "agency") for f in gov}
    assert len(names) == 1
    return {"kind": "agency", "value": names.pop()}


S[45] = s45
S[46] = lambda x: {"kind": "boolean", "value": x.meta(Y, "city") == "宁波市"}
S[47] = lambda x: num(sum(x.v(f, "requests.new.total") for f in ALL if REP[f]["province"] == "福建省" and REP[f]["year"] == 2020))
S[48] = lambda x: num(sum(x.v(f, "requests.new.total") for f in ALL if REP[f]["province"] == "浙江省" and "统计局" in REP[f]["agency"]))
S[49] = lambda x: num(x.v(E, "active.other_services.decisions"))
S[50] = lambda x: num(x.v(Y, "review.lawsuit_direct.pending"))
S[51] = passage(L, "五", "多元化、可视化")
S[52] = passage(E, "五", "公开意识及内容需要进一步深化")
S[53] = passage(W, "五", "律师、法律专家")
S[54] = passage(Y, "五", "信息公开范围单一")
S[55] = passage(G, "五", "加强政府信息公开业务学习和培训")
S[56] = lambda x: num(x.v(Y, "active.procurement.amount"), "yuan")
S[57] = lambda x: num(x.v(L, "requests.granted.total"))
S[58] = unans(lambda x: x.v(H3, "review.reconsideration.total"))
S[59] = lambda x: num(sum(x.v(f, "active.penalty.decisions") for f in (G, L, Y)))
S[60] = lambda x: num(x.v(H3, "requests.declined_complaint.total"))
# ---------------- en
S[61] = lambda x: num(x.v(H4, "requests.new.total"))


def narrative_agrees(x, f, text_part, cell):
    for n in REP[f]["narrative_numbers"]:
        if text_part in n["text"]:
            return n["value"] == x.v(f, cell)
    raise NA("narrative not found")


S[62] = lambda x: {"kind": "boolean", "value": narrative_agrees(x, H4, "17件", "requests.new.total")}
S[63] = lambda x: num(x.v(H3, "requests.withheld_secret.total"))
S[64] = lambda x: num(x.v(H4, "requests.unavailable_not_held.total"))
S[65] = lambda x: pct(x.v(H4, "requests.unavailable_not_held.total"), x.v(H4, "requests.handled.total"))
S[66] = lambda x: num(withheld(x, H4))
S[67] = lambda x: num(withheld(x, H3))
BUREAUS = [f for f in ALL if "统计局" in REP[f]["agency"]]
S[68] = lambda x: {"kind": "agency", "value": rank(x, BUREAUS, "active.penalty.decisions")[0]}
S[69] = lambda x: {"kind": "boolean", "value": x.v(H4, "active.licensing.decisions") > x.v(H3, "active.licensing.decisions")}
S[70] = lambda x: num(x.v(H3, "active.penalty.decisions") - x.v(H4, "active.penalty.decisions"))
S[71] = unans(lambda x: x.v(H3, "review.reconsideration.total"))


def s72(x):
    n = 0
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        y = Ctx()
        if group_fails(y, H3, g):
            n += 1
            for c in y.cites:
                x.v(H3, c.split("#")[1], failure_ok=True)
    return num(n)


S[72] = s72
S[73] = lambda x: num(x.v(H4, "review.lawsuit_after_review.other"))
S[74] = lambda x: num(x.v(H4, "active.fees.amount"), "yuan")
S[75] = lambda x: {"kind": "list", "values": rank(x, SAMPLE_FILES, "active.procurement.projects"), "ordered": True}


def s76(x):
    names = set()
    for f in ALL:
        if x.v(f, "active.penalty.decisions") == 0:
            names.add(agency(f))
    return num(len(names))


S[76] = s76


def s77(x):
    amt = prj = 0
    for f in SAMPLE_FILES:
        amt += x.v(f, "active.procurement.amount")
        prj += x.v(f, "active.procurement.projects")
    return num(amt / prj, "yuan")


S[77] = s77
S[78] = lambda x: pct(x.v(Y, "requests.granted.total"), x.v(Y, "requests.handled.total"))
S[79] = lambda x: pct(x.v(G, "requests.withheld_third_party.total"), x.v(G, "requests.handled.total"))
S[80] = lambda x: num(sum(1 for f in ALL if REP[f]["template"] == "2021" and x.meta(f, "template")))


def s81(x):
    out = []
    for f in ALL:
        c = REP[f]["facts"].get("active.procurement.amount")
        if c is None or c["state"] == "absent":
            x.meta(f, "agency")
            if agency(f) not in out:
                out.append(agency(f))
    return {"kind": "list", "values": out, "ordered": False}


S[81] = s81


def s82(x):
    out = []
    for f in ALL:
        if x.v(f, "requests.new.total") > 1 and agency(f) not in out:
            out.append(agency(f))
    return {"kind": "list", "values": out, "ordered": False}


S[82] = s82
S[83] = lambda x: num(sum(x.v(f, "requests.new.total") for f in ALL))
S[84] = unans(lambda x: x.v(W, "requests.carried_out.total"))
S[85] = lambda x: {"kind": "agency", "value": rank(x, Y2020, "active.procurement.amount", reverse=False)[0]}
S[86] = lambda x: pct(x.v(Y, "active.procurement.amount"), x.v(L, "active.procurement.amount"))
S[87] = unans(lambda x: x.v(H3, "active.procurement.amount"))
S[88] = lambda x: {"kind": "boolean", "value": x.v(E, "active.procurement.amount") > 50000}
S[89] = lambda x: num(x.v(Y, "requests.partial.total"))
S[90] = unans(absent_corpus("北京市海淀区统计局", 2020))
S[91] = unans(absent_corpus("鹿城区统计局", 2021))
S[92] = lambda x: {"kind": "boolean", "value": x.meta(Y, "published") is not None}
S[93] = lambda x: num(sum(1 for f in ALL if REP[f]["published"] and x.meta(f, "published")))
S[94] = lambda x: {"kind": "boolean", "value": x.meta(G, "province") == "福建省"}
S[95] = lambda x: num(x.v(H4, "active.licensing.decisions") - x.v(H4, "active.penalty.decisions"))
S[96] = lambda x: num(x.v(H4, "active.normative.repealed"))
S[97] = lambda x: num(x.v(H4, "requests.carried_in.total"))
S[98] = lambda x: num(x.v(H3, "active.normative.repealed"))
S[99] = lambda x: num(x.v(W, "requests.new.total"))
S[100] = lambda x: num(x.v(L, "active.penalty.change"))
S[101] = lambda x: num(x.v(Y, "active.procurement.projects"))
S[102] = passage(W, "五", "答复依申请公开处理水平有待提高")
S[103] = passage(Y, "一", "微信公众号")
S[104] = passage(E, "一", "与目标考核相结合")
S[105] = passage(G, "五", "改进公开方式")
S[106] = passage(L, "五", "多元化、可视化")
S[107] = lambda x: num(x.v(E, "active.penalty.prev_items"))
S[108] = lambda x: num(x.v(W, "active.procurement.projects"))
S[109] = lambda x: num(x.v(H3, "active.fees.amount") + x.v(H4, "active.fees.amount"), "yuan")
S[110] = lambda x: num(x.v(H3, "review.lawsuit_direct.total"))
S[111] = lambda x: num(x.v(Y, "active.rules.made"))


def s112(x):
    top = rank(Ctx(), Y2020, "requests.new.total")[0]
    f = [f for f in Y2020 if agency(f) == top][0]
    return num(x.v(f, "requests.new.total"))


S[112] = s112
S[113] = unans(lambda x: x.v(H4, "active.procurement.amount"))
S[114] = lambda x: pct(x.v(H4, "requests.granted.total") + x.v(H4, "requests.partial.total"), x.v(H4, "requests.new.total"))
S[115] = lambda x: num(x.v(H4, "review.reconsideration.upheld"))
S[116] = lambda x: {"kind": "boolean", "value": x.v(H4, "active.coercion.decisions") < x.v(H3, "active.coercion.decisions")}
S[117] = lambda x: num(x.v(W, "requests.handled.person"))
S[118] = lambda x: num(len({x.meta(f, "agency") for f in ALL if kind_of(f) == "department"}))
S[119] = lambda x: {"kind": "agency", "value": rank(x, (G, E), "active.penalty.prev_items")[0]}
S[120] = lambda x: {"kind": "boolean", "value": narrative_agrees(x, H3, "21件", "requests.new.total")}


def same_expect(want, got):
    if want["kind"] != got["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        if want["unit"] != got["unit"]:
            return False
        a, b = float(want["value"]), float(got["value"])
        return abs(a - b) <= max(1e-3, 1e-6 * abs(b))
    if k in ("agency", "boolean"):
        return want["value"] == got["value"] and type(want["value"]) is type(got["value"])
    if k == "list":
        if bool(want.get("ordered")) != bool(got["ordered"]):
            return False
        return want["values"] == got["values"] if got["ordered"] else sorted(want["values"]) == sorted(got["values"])
    if k == "passages":
        return sorted(want["files"]) == sorted(got["files"]) and sorted(want["sections"]) == sorted(got["sections"])
    return True  # unanswerable


def file_year(c):
    return REP[c.split("#")[0]]["year"]


def main():
    lines = [json.loads(s) for s in CASES.read_text(encoding="utf-8").splitlines() if s.strip()]
    bad = []
    ids = [c["id"] for c in lines]
    if ids != ["h47-%03d" % i for i in range(1, 121)]:
        bad.append("ids are not h47-001 .. h47-120 in order")
    cite_re = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
    zh = en = 0
    ok = 0
    for case in lines:
        i = int(case["id"].split("-")[1])
        errs = []
        x = Ctx()
        try:
            got = S[i](x)
        except (NA, AssertionError, KeyError) as e:
            got = None
            errs.append("reference failed: %s" % e)
        cite = x.cites + [f for f in x.files if not any(c.startswith(f + "#") for c in x.cites)]
        if got is not None:
            if not same_expect(case["expect"], got):
                errs.append("expect %s != reference %s" % (json.dumps(case["expect"], ensure_ascii=False), json.dumps(got, ensure_ascii=False)))
            if sorted(set(case["cite"])) != sorted(set(cite)) or len(case["cite"]) != len(set(case["cite"])):
                errs.append("cite %s != reference %s" % (case["cite"], cite))
        for c in case["cite"]:
            if not cite_re.match(c) or c.split("#")[0] not in REP:
                errs.append("bad cite %s" % c)
        tags = case["tags"]
        cells = [c for c in cite if "#" in c]
        guessed = any(REP[c.split("#")[0]]["facts"][c.split("#")[1]].get("unit_assumed") for c in cells)
        mixed = len({file_year(c) for c in cite}) > 1
        if guessed != ("guessed_unit" in tags):
            errs.append("guessed_unit tag should be %s" % guessed)
        if mixed != ("mixed_years" in tags):
            errs.append("mixed_years tag should be %s" % mixed)
        if (case["expect"]["kind"] == "unanswerable") != ("unanswerable" in tags):
            errs.append("unanswerable tag mismatch")
        lang = "zh" if "zh" in tags else "en" if "en" in tags else None
        cjk = len(re.findall(r"[\u4e00-\u9fff]", case["question"]))
        asc = len(re.findall(r"[A-Za-z]", case["question"]))
        if lang == "zh":
            zh += 1
            if asc > cjk:
                errs.append("tagged zh but reads English")
        elif lang == "en":
            en += 1
            if asc < 3 * 1 or cjk > asc:
                errs.append("tagged en but reads Chinese")
        else:
            errs.append("no language tag")
        if "turns" in case and not (1 <= len(case["turns"]) <= 3):
            errs.append("turns must make a 2-4 turn chat")
        if errs:
            bad.append("%s: %s" % (case["id"], "; ".join(errs)))
        else:
            ok += 1
    if (zh, en) != (60, 60):
        bad.append("language split zh=%d en=%d (want 60/60)" % (zh, en))
    for b in bad:
        print("MISMATCH", b)
    print("SUMMARY: %d/%d cases match the reference%s" % (ok, len(lines), "" if not bad else " (%d problems)" % len(bad)))
    return 0 if ok == 120 and len(lines) == 120 and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
