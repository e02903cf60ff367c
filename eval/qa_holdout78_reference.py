#!/usr/bin/env python3
"""Recompute every expected answer of qa_holdout78.jsonl from the gold fixtures (stdlib only).

Reads tests/fixtures/gold/*.json (cells, metadata, checks) and data/samples/*.txt (section text for
passage and mention cases). For each case it recomputes expect, the cite list and the guessed_unit /
mixed_years tags, prints every mismatch, then "SUMMARY n/120"; exits 0 only at 120/120.
"""
import glob, json, os, re, statistics, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = {}
for p in glob.glob(os.path.join(ROOT, "tests/fixtures/gold/*.json")):
    d = json.load(open(p, encoding="utf-8"))
    stem = os.path.basename(p)[:-5]
    GOLD[stem + ".pdf" if stem.startswith("hongze") else d["file"]] = d
A, B, C, D, E = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                 "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
ALL = [A, B, C, D, E, H3, H4]
Y2020 = [f for f in ALL if GOLD[f]["year"] == 2020]
SAMPLES = [f for f in ALL if GOLD[f]["year"] in (2019, 2020)]
TEXT = {f: open(os.path.join(ROOT, "data/samples", f), encoding="utf-8").read() for f in SAMPLES}
SEC_RE = {"一": r"一、\s*总体情况", "五": r"五、[^\n]*问题", "六": r"六、[^\n]*其他需要报告"}


def name(f):
    return GOLD[f]["agency"]


def fails_r4(f, group):
    chk = GOLD[f]["checks"].get("R4", "pass")
    return chk != "pass" and group + ":" in chk


class Ctx:
    def __init__(self):
        self.cite = []

    def v(self, f, key):
        fact = GOLD[f]["facts"][key]
        assert fact["state"] == "number", f"{f}#{key} is {fact['state']}"
        if key.startswith("review.") and fails_r4(f, key.split(".")[1]) and not self.quality:
            raise AssertionError(f"{f}#{key} belongs to a failing R4 group")
        c = f"{f}#{key}"
        if c not in self.cite:
            self.cite.append(c)
        return fact["value"]

    def doc(self, *fs):
        for f in fs:
            if f not in self.cite:
                self.cite.append(f)

    def state(self, f, key):
        fact = GOLD[f]["facts"].get(key)
        return fact["state"] if fact else "absent"


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def Yb(v):
    return {"kind": "boolean", "value": bool(v)}


def AG(v):
    return {"kind": "agency", "value": v}


def L(vs, ordered=False):
    return {"kind": "list", "values": vs, "ordered": ordered}


def P(f, sec):
    assert re.search(SEC_RE[sec], TEXT[f]), f"{f}: no section {sec} heading"
    return {"kind": "passages", "files": [f], "sections": [sec]}


def UNA():
    return {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def ranked(x, vals, desc=True):
    """files sorted by value; refuses ties at the positions it is asked about by the caller."""
    return sorted(vals, key=lambda f: vals[f], reverse=desc)


def amounts(x, fs):
    return {f: x.v(f, "active.procurement.amount") for f in fs}


def nth(vals, n, desc=True):
    order = sorted(vals.values(), reverse=desc)
    target = order[n - 1]
    hits = [f for f in vals if vals[f] == target]
    assert len(hits) == 1, f"tie at position {n}: {hits}"
    assert n == len(order) or order[n] != target
    return hits[0]


WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UA = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
GRP = ["upheld", "corrected", "other", "pending"]


def spec(i, x):
    v = x.v
    if i == 1: return N(v(B, "active.procurement.amount"), "yuan")
    if i == 2: return N(v(H4, "active.licensing.decisions"))
    if i == 3: return N(v(D, "requests.granted.total"))
    if i == 4: return N(v(E, "active.procurement.amount"), "yuan")
    if i == 5: a = v(H3, "active.penalty.decisions"); b = v(H4, "active.penalty.decisions"); return Yb(b < a)
    if i == 6: return AG(name(nth({f: v(f, "active.procurement.projects") for f in Y2020}, 2)))
    if i == 7: fs = [f for f in ALL if GOLD[f]["province"] == "浙江省"]; x.doc(*fs); return N(len(fs))
    if i == 8: return N(v(H3, "active.coercion.decisions"))
    if i == 9: return N(v(C, "active.penalty.prev_items"))
    if i == 10: return N(v(H4, "active.fees.amount"), "yuan")
    if i == 11: return N(sum(v(f, "requests.new.total") for f in Y2020))
    if i == 12: assert x.state(D, "requests.carried_out.total") == "blank"; return UNA()
    if i == 13: assert not any("吴中" in (GOLD[f]["county"] or "") or GOLD[f]["city"] == "苏州市" for f in ALL); return UNA()
    if i == 14: return N(v(H4, "requests.new.total"))
    if i == 15: a = v(H3, "requests.new.total"); b = v(H4, "requests.new.total"); return N(b - a)
    if i == 16: x.doc(B); return Yb(GOLD[B]["published"] == "2021-01-12")
    if i == 17: x.doc(D); return Yb(GOLD[D]["agency_kind"] == "street_office")
    if i == 18: x.doc(C); return Yb(GOLD[C]["template"] == "2019")
    if i == 19: x.doc(D); return P(D, "五")
    if i == 20: return N(v(H3, "requests.partial.total"))
    if i == 21: return N(v(H4, "requests.unavailable_not_held.total"))
    if i == 22: return N(v(H3, "requests.declined_complaint.total"))
    if i == 23: assert x.state(D, "requests.declined_complaint.total") == "blank"; return UNA()
    if i == 24: return Yb(v(H4, "review.reconsideration.corrected") == 1)
    if i == 25: return N(v(H4, "review.lawsuit_direct.total"))
    if i == 26: assert fails_r4(H3, "reconsideration"); return UNA()
    if i in (27, 28, 118):
        x.quality = True
        parts = sum(v(H3, "review.reconsideration." + k) for k in GRP); tot = v(H3, "review.reconsideration.total")
        if i == 27: return Yb(parts == tot)
        if i == 118: return N(parts)
        fs = [f for f in ALL if GOLD[f]["year"] == 2023 and fails_r4(f, "reconsideration")]
        assert fs == [H3] and parts != tot; return AG(name(H3))
    if i == 29: return N(v(H4, "review.lawsuit_after_review.upheld"))
    if i == 30: return N(sum(v(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
    if i == 31: return N(v(C, "review.reconsideration.total"))
    if i == 32: return AG(name(nth({f: v(f, "requests.new.total") for f in Y2020}, 1)))
    if i == 33: return N(v(D, "requests.unavailable_not_held.total"))
    if i == 34: return N(pct(v(D, "requests.unavailable_not_held.total"), v(D, "requests.new.total")), "percent")
    if i == 35: return N(v(E, "requests.new.person"))
    if i == 36: x.doc(E); return P(E, "五")
    if i == 37: return N(v(H3, "requests.new.total") + v(H4, "requests.new.total"))
    if i == 38: return N(sum(v(H3, f"requests.{w}.total") for w in WH))
    if i == 39: return N(sum(v(H4, f"requests.{w}.total") for w in UA))
    if i == 40: return N(pct(v(H4, "requests.granted.total"), v(H4, "requests.handled.total")), "percent")
    if i == 41: return N(sum(amounts(x, Y2020).values()), "yuan")
    if i == 42: return AG(name(nth(amounts(x, SAMPLES), 2, desc=False)))
    if i == 43: return N(v(C, "active.procurement.amount") / v(C, "active.procurement.projects"), "yuan")
    if i == 44: return N(sum(1 for a in amounts(x, Y2020).values() if a > 100000))
    if i == 45: return N(statistics.median(amounts(x, Y2020).values()), "yuan")
    if i == 46: return N(v(H3, "active.fees.amount") - v(H4, "active.fees.amount"), "yuan")
    if i == 47: return Yb(v(B, "active.penalty.prev_items") + v(B, "active.penalty.change") == v(B, "active.penalty.decisions"))
    if i == 48:
        t = {k: v(H3, f"requests.{k}.total") for k in ("new", "carried_in", "handled", "carried_out")}
        return Yb(t["new"] + t["carried_in"] == t["handled"] + t["carried_out"])
    if i == 49: return N(v(A, "active.procurement.amount") / v(A, "active.procurement.projects"), "yuan")
    if i == 50: return N(sum(v(f, "active.procurement.projects") for f in Y2020))
    if i == 51: return N(v(C, "active.procurement.amount") - v(B, "active.procurement.amount"), "yuan")
    if i == 52: return N(v(H4, "active.penalty.decisions") + v(H4, "active.coercion.decisions"))
    if i == 53: return N(pct(v(H3, "requests.partial.total"), v(H3, "requests.handled.total")), "percent")
    if i == 54: return N(statistics.mean(amounts(x, Y2020).values()), "yuan")
    if i == 55: return N(v(B, "active.procurement.amount"), "yuan")
    if i == 56: return N(v(B, "active.procurement.amount") / v(B, "active.procurement.projects"), "yuan")
    if i == 57: a = v(H3, "active.licensing.decisions"); b = v(H4, "active.licensing.decisions"); return N(pct(b, a), "percent")
    if i == 58: return N(v(A, "active.procurement.amount") - v(D, "active.procurement.amount"), "yuan")
    if i == 59: assert x.state(H4, "active.procurement.amount") == "absent" and GOLD[H4]["template"] == "2021"; return UNA()
    if i == 60: return N(v(E, "active.coercion.prev_items"))
    if i == 61: return N(v(H4, "requests.new.total"))
    if i == 62: return N(v(H4, "active.coercion.decisions"))
    if i == 63: return N(v(B, "requests.handled.total"))
    if i == 64: return AG(name(nth(amounts(x, Y2020), 2)))
    if i == 65: return N(pct(v(H4, "requests.unavailable_not_held.total"), v(H4, "requests.handled.total")), "percent")
    if i == 66: return N(v(H3, "requests.withheld_internal.total"))
    if i == 67: return Yb(v(H3, "active.penalty.decisions") - v(H4, "active.penalty.decisions") > 1000)
    if i == 68: return N(v(H3, "active.fees.amount") + v(H4, "active.fees.amount"), "yuan")
    if i == 69: return N(sum(1 for f in Y2020 if v(f, "requests.new.total") >= 1))
    if i == 70: x.doc(E); return Yb(GOLD[E]["province"] == "河南省")
    if i == 71: fs = [f for f in ALL if GOLD[f].get("agency_kind") == "street_office"]; assert fs == [D]; x.doc(D); return AG(name(D))
    if i == 72: fs = [f for f in SAMPLES if not GOLD[f]["published"]]; x.doc(*fs); return L([name(f) for f in fs])
    if i == 73: return N(v(H4, "requests.carried_out.total"))
    if i == 74: return N(v(H4, "active.licensing.decisions") - v(H4, "active.penalty.decisions"))
    if i == 75: assert fails_r4(H3, "lawsuit_after_review"); return UNA()
    if i == 76: assert not any("staff" in k for f in ALL for k in GOLD[f]["facts"]); return UNA()
    if i == 77: return AG(name(nth({f: v(f, "active.penalty.decisions") for f in Y2020}, 1)))
    if i == 78:
        vals = {f: v(f, "active.procurement.projects") for f in SAMPLES}
        return L([name(nth(vals, 1)), name(nth(vals, 2))], True)
    if i == 79: return N(statistics.mean(v(f, "requests.new.total") for f in Y2020))
    if i == 80: return N(v(H4, "requests.new.business"))
    if i == 81: a = v(H3, "active.coercion.decisions"); b = v(H4, "active.coercion.decisions"); return Yb(b < a / 2)
    if i == 82: return N(v(H4, "active.normative.in_force"))
    if i == 83: return N(v(H3, "active.normative.repealed"))
    if i == 84:
        top = nth({f: GOLD[f]["facts"]["requests.new.total"]["value"] for f in Y2020}, 1)
        return N(pct(v(top, "requests.granted.total"), v(top, "requests.handled.total")), "percent")
    if i == 85: return N(v(H4, "requests.partial.total"))
    if i == 86: return N(v(H4, "requests.granted.total") + v(H4, "requests.partial.total"))
    if i == 87: return Yb(v(H4, "active.licensing.decisions") > 3 * v(H4, "active.penalty.decisions"))
    if i == 88: low = nth(amounts(x, Y2020), 1, desc=False); return N(v(low, "active.procurement.projects"))
    if i == 89: return N(v(A, "review.reconsideration.total"))
    if i == 90: x.doc(B); return P(B, "五")
    if i == 91: x.doc(H4); return Yb(GOLD[H4]["template"] == "2021")
    if i == 92: fs = [f for f in ALL if GOLD[f]["template"] == "2019"]; x.doc(*fs); return N(len(fs))
    if i == 93:
        names = [name(f) for f in ALL]; multi = sorted({n for n in names if names.count(n) > 1})
        x.doc(*[f for f in ALL if name(f) in multi]); return L(multi)
    if i == 94: fs = [f for f in SAMPLES if "培训" in TEXT[f]]; x.doc(*fs); return L([name(f) for f in fs])
    if i == 95: fs = [f for f in ALL if GOLD[f]["year"] == 2019]; assert len(fs) == 1; x.doc(*fs); return AG(name(fs[0]))
    if i == 96: x.doc(E); return P(E, "一")
    if i == 97: x.doc(C); return P(C, "五")
    if i == 98: x.doc(A); return P(A, "六")
    if i == 99: x.doc(D); return Yb(GOLD[D].get("document_number") == "温泉街办〔2021〕1号")
    if i == 100: x.doc(C); return Yb(GOLD[C]["city"] == "宁波市")
    if i == 101: fs = [f for f in ALL if GOLD[f]["province"] == "福建省"]; x.doc(*fs); return N(len(fs))
    if i == 102: x.doc(A, D); return Yb(GOLD[A]["published"] < GOLD[D]["published"])
    if i == 103:
        fs = [f for f in Y2020 if GOLD[f]["published"]]; x.doc(*fs)
        return AG(name(nth({f: GOLD[f]["published"] for f in fs}, 1, desc=False)))
    if i == 104: assert not any(GOLD[f]["year"] == 2022 for f in ALL); return UNA()
    if i == 105: fs = [f for f in ALL if GOLD[f]["province"] == "江苏省"]; x.doc(*fs); return N(len(fs))
    if i == 106: assert x.state(A, "requests.unavailable_not_held.total") == "blank"; return UNA()
    if i == 107: assert x.state(H3, "requests.other_no_correction.total") == "absent"; return UNA()
    if i == 108: return N(statistics.median(v(f, "active.procurement.projects") for f in SAMPLES))
    if i == 109: return N(sum(1 for f in ALL if v(f, "requests.new.total") > 20))
    if i == 110:
        vals = {f: v(f, "active.penalty.decisions") for f in Y2020}
        return L([name(nth(vals, 1)), name(nth(vals, 2))], True)
    if i == 111: return AG(name(nth({f: v(f, "requests.new.total") for f in ALL}, 2)))
    if i == 112: tot = sum(v(f, "requests.new.total") for f in ALL); return N(pct(v(H4, "requests.new.total"), tot), "percent")
    if i == 113: return N(v(C, "active.procurement.amount"), "yuan")
    if i == 114: a = v(C, "active.procurement.amount"); return Yb(a > sum(amounts(x, Y2020).values()))
    if i == 115: return AG(name(nth({f: v(f, "active.procurement.projects") for f in Y2020}, 2)))
    if i == 116: return N(v(D, "requests.new.total"))
    if i == 117: return N(pct(v(D, "requests.new.total"), v(A, "requests.new.total")), "percent")
    if i == 119:
        x.quality = True
        bad = [f for f in ALL for n in GOLD[f].get("narrative_numbers") or []
               if (n.get("agrees") is False or n.get("agrees_with_table") is False)
               and ("requests.new.total" in (n.get("cells") or []) or n.get("cell") == "requests.new.total")]
        assert bad == [H4], bad
        v(H4, "requests.new.total"); return AG(name(H4))
    if i == 120:
        x.quality = True
        parts = sum(v(H4, "review.lawsuit_direct." + k) for k in GRP)
        return Yb(parts == v(H4, "review.lawsuit_direct.total"))
    raise KeyError(i)


def close(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return abs(float(a) - float(b)) <= max(0.006, 1e-9 * abs(float(b)))


def main():
    cases = [json.loads(l) for l in open(os.path.join(ROOT, "eval/qa_holdout78.jsonl"), encoding="utf-8") if l.strip()]
    ok = 0
    ids = [c["id"] for c in cases]
    if ids != [f"h78-{i:03d}" for i in range(1, 121)]:
        print("MISMATCH ids are not h78-001 … h78-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        print("MISMATCH language tags: need 60 zh and 60 en")
    for n, case in enumerate(cases, 1):
        x = Ctx(); x.quality = False
        errs = []
        try:
            exp = spec(n, x)
        except Exception as e:  # noqa: BLE001
            print(f"MISMATCH {case['id']}: reference failed: {e!r}"); continue
        got = case["expect"]
        if got.get("kind") != exp["kind"]:
            errs.append(f"kind {got.get('kind')} != {exp['kind']}")
        elif exp["kind"] == "number":
            if not close(got["value"], exp["value"]): errs.append(f"value {got['value']} != {exp['value']}")
            if got.get("unit") != exp["unit"]: errs.append(f"unit {got.get('unit')} != {exp['unit']}")
        elif exp["kind"] in ("agency", "boolean"):
            if got.get("value") != exp["value"]: errs.append(f"value {got.get('value')!r} != {exp['value']!r}")
        elif exp["kind"] == "list":
            g, e = got.get("values"), exp["values"]
            if (g != e) if exp["ordered"] else (sorted(g) != sorted(e)): errs.append(f"values {g} != {e}")
            if bool(got.get("ordered")) != exp["ordered"]: errs.append("ordered flag")
        elif exp["kind"] == "passages":
            if got.get("files") != exp["files"] or got.get("sections") != exp["sections"]:
                errs.append(f"passages {got.get('files')}/{got.get('sections')} != {exp['files']}/{exp['sections']}")
        if exp["kind"] == "unanswerable":
            x.cite = []
        if case.get("cite", []) != x.cite:
            errs.append(f"cite {case.get('cite')} != {x.cite}")
        cells = [c.split("#") for c in x.cite if "#" in c]
        guessed = any(GOLD[f]["facts"][k].get("unit_assumed") for f, k in cells if k == "active.procurement.amount")
        years = {GOLD[c.split("#")[0]]["year"] for c in x.cite}
        for tag, want in (("guessed_unit", guessed), ("mixed_years", len(years) > 1)):
            if (tag in case["tags"]) != want: errs.append(f"tag {tag} should be {'present' if want else 'absent'}")
        if x.quality != ("quality" in case["tags"]): errs.append("quality tag")
        if n > 1 and ("turns" in case) and not case["turns"]: errs.append("empty turns")
        if errs:
            print(f"MISMATCH {case['id']}: " + "; ".join(errs))
        else:
            ok += 1
    if len(cases) != 120:
        print(f"MISMATCH {len(cases)} cases, expected 120")
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
