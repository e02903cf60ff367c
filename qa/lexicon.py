"""Bilingual lexicon: words of a question -> canonical fact keys (table.row.col) of DOMAIN.md / nianbao.keys.

Rows and columns are matched separately (longest phrase first), then combined; a column word selects the
column of the row it goes with, `total` (or the row's natural figure) by default.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from nianbao.keys import REQUEST_COLS, REVIEW_COLS, active_rows, all_keys, key_set

# (table, row, terms). Lower-case English; a leading "~" marks a weak term, used only when no strong row matched.
ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("active", "rules", ("规章", "government rules", "regulations", "rules")),
    ("active", "normative", ("行政规范性文件", "规范性文件", "normative document", "normative", "regulatory document")),
    ("active", "licensing", ("行政许可", "许可", "licens", "permit")),
    ("active", "other_services", ("其他对外管理服务事项", "对外管理服务", "other external management", "other management service")),
    ("active", "penalty", ("行政处罚", "处罚", "penalt", "punishment", "sanction")),
    ("active", "coercion", ("行政强制", "强制措施", "~强制", "coercive", "coercion", "compulsory measure")),
    ("active", "fees", ("行政事业性收费", "事业性收费", "收费收入", "收费", "fee income", "fee revenue",
                        "administrative and institutional fees",
                        "administrative and institution fees", "institutional fees", "fees", "fee ")),
    ("active", "procurement", ("政府集中采购", "政府采购", "集中采购", "集采", "采购", "procurement", "procure", "purchas")),
    ("requests", "new", ("本年新收", "新收", "收到", "受理", "新申请", "received", "receive", "new request",
                         "fresh application", "fresh request", "fresh disclosure application", "fresh disclosure request",
                         # (the answers' own English label, new disclosure requests, read back)
                         "new disclosure request", "new disclosure application",
                         "new application", "newly received", "newly filed", "newly submitted", "~申请", "~request",
                         "~application")),
    ("requests", "carried_in", ("上年结转", "上年度结转", "carried over from", "carry over from", "carried in", "brought forward")),
    ("requests", "granted", ("予以公开", "全部公开", "全部同意公开", "同意公开", "granted", "disclosed in full", "fully disclosed", "granted in full",
                             "grant in full", "grant them in full", "granted them in full", "fully granted",
                             # (didn't grant a single request in full: the words around the request say the row)
                             "in full")),
    ("requests", "partial", ("部分公开", "部分同意公开", "partially granted", "partially disclosed", "partially released", "only partially",
                             "only partly", "partially", "partial disclosure", "partly disclos", "partly granted",
                             "partly released", "disclosed in part", "granted in part", "只公开了一部分", "公开了一部分")),
    ("requests", "withheld", ("不予公开", "refuse", "withh", "denied", "not disclosed")),
    ("requests", "withheld_secret", ("国家秘密", "state secret")),
    ("requests", "withheld_law", ("法律行政法规禁止", "法规禁止", "prohibited by law", "prohibited by other law")),
    ("requests", "withheld_safety", ("三安全一稳定", "危及", "endanger", "three securities and one stability",
                                     "three securities", "three safeties and one stability", "national security, public "
                                     "security, economic security and social stability")),
    ("requests", "withheld_third_party", ("保护第三方", "第三方", "third party's lawful rights", "third-party lawful rights",
                                          "third party's lawful right", "third party", "third-party")),
    ("requests", "withheld_internal", ("内部事务", "internal affairs", "internal matters")),
    ("requests", "withheld_process", ("过程性信息", "过程性", "process information", "deliberative")),
    ("requests", "withheld_enforcement", ("行政执法案卷", "执法案卷", "enforcement file", "case file")),
    ("requests", "withheld_query", ("行政查询事项", "行政查询", "administrative quer", "inquiry matter")),
    ("requests", "unavailable", ("无法提供", "could not be provided", "unable to provide", "cannot provide", "unavailable",
                                 "could not provide", "not able to provide", "cannot be provided",
                                 "fail to provide", "failed to provide", "fails to provide", "not provided")),
    ("requests", "unavailable_not_held", ("本机关不掌握", "不掌握", "not held", "does not hold", "did not hold",
                                          "didn't hold", "doesn't hold", "don't hold", "did not have the info",
                                          "didn't have the info")),
    ("requests", "unavailable_needs_creation", ("没有现成信息", "另行制作", "created from scratch", "from scratch",
                                                "be created", "be newly created",
                                                "newly created", "be newly made", "newly made", "ready-made")),
    ("requests", "unavailable_unclear", ("补正后申请内容仍不明确", "仍不明确", "still unclear", "unclear")),
    ("requests", "declined", ("不予处理", "not processed", "declined", "not handled", "decline to process",
                              "declined to process", "refused to process", "did not process", "didn't process")),
    ("requests", "declined_complaint", ("信访举报投诉", "信访", "举报", "投诉", "complaint", "petition")),
    ("requests", "declined_duplicate", ("重复申请", "duplicate", "repeated application")),
    ("requests", "declined_publication", ("公开出版物", "出版物", "publication")),
    ("requests", "declined_excessive", ("大量反复申请", "大量反复", "excessive")),
    ("requests", "declined_confirmation", ("确认或重新出具", "重新出具", "reissue", "re-issue", "confirm or reissu", "confirmation or reissu",
                                                  "to confirm information", "confirmation requests", "requests to confirm")),
    ("requests", "other", ("其他处理", "other handling", "otherwise handled", "other processing")),
    ("requests", "other_no_correction", ("逾期不补正", "不补正", "failed to supplement")),
    ("requests", "other_no_fee", ("逾期未按收费通知要求缴纳费用", "逾期未缴费", "未缴费", "未缴纳", "缴纳费用", "did not pay",
                                  "unpaid", "fee not paid", "fees not paid", "not paying the fee",
                                  "didn't pay fee on time", "did not pay fee on time", "didn't pay fee",
                                  "did not pay fee", "failed to pay fee", "fee on time", "pay in time")),
    ("requests", "handled", ("办理结果总计", "办理总数", "办理结果", "办结", "办理", "答复", "handled", "processed",
                             "answered", "responded to", "dealt with")),
    ("requests", "carried_out", ("结转下年度", "结转下年", "结转到下一年", "结转至下一年", "转入下一年", "继续办理",
                                 "carried over to", "carry over to", "carried forward to", "carry over into",
                                 "carried over into", "into the next year", "to the next year", "into next year",
                                 "carried into")),
    ("review", "reconsideration", ("行政复议", "复议", "reconsideration", "administrative review")),
    ("review", "lawsuit_direct", ("未经复议直接起诉", "直接起诉", "direct lawsuit", "sued directly", "directly sued",
                                  "filed directly", "directly filed", "without reconsideration",
                                  "without prior reconsideration", "without a prior reconsideration",
                                  "without reconsideration first", "without going through reconsideration",
                                  "without administrative review", "without review", "without prior review",
                                  "brought directly", "filed directly", "direct lawsuits", "direct suits",
                                  "未经复议", "不经复议", "未经行政复议", "不经行政复议", "直接提起", "直接向法院")),
    ("review", "lawsuit_after_review", ("复议后起诉", "复议后又提起", "复议后提起", "复议后再起诉", "复议后又起诉", "经复议后",
                                        "复议之后又提起", "复议之后提起", "复议以后又提起", "复议之后又起诉", "复议后又向法院",
                                        "行政复议之后又提起行政诉讼", "行政复议后又提起行政诉讼", "行政复议后提起行政诉讼",
                                        "行政复议之后提起行政诉讼", "经过行政复议之后又提起", "经过行政复议后又提起",
                                        "after reconsideration", "after review", "after administrative reconsideration",
                                        "following reconsideration", "following a reconsideration")),
    ("review", "lawsuit", ("行政诉讼", "诉讼", "起诉", "被告", "打官司", "告上法庭", "告上法院", "上法院", "法院", "lawsuit", "litigation", "sued",
                           "court case")),
)

# (col, terms, row the column alone implies or None).
COLS: tuple[tuple[str, tuple[str, ...], Optional[str]], ...] = (
    ("made", ("本年新制作", "新制作", "制作数量", "made", "drafted", "formulated"), None),
    ("published", ("本年新公开", "新公开", "newly published", "published"), None),
    ("public_total", ("对外公开总数", "公开总数", "总数量", "publicly available", "total public"), None),
    ("prev_items", ("上一年项目数量", "上一年项目", "上年项目", "上一年有", "上一年共有", "上一年几", "上一年的",
                    "上年有几", "上年有多少", "previous year's items", "prior year items",
                    "items the previous year", "items last year", "previous year count", "prior year count",
                    "previous year number", "prior year number", "previous year items",
                    "previous year item count", "prior year item count", "previous year's item count",
                    "item count of the previous year", "item count for the previous year",
                    "on its books from previous year", "on books from previous year", "carry from previous year",
                    "carried from previous year", "carry in from previous year", "carried in from previous year",
                    "on their books from previous year",
                    # the column named by its heading as an adjective (the previous-year column / figure)
                    # ("last year's value" stays a year: last year is a year before it is a column)
                    *(f"{a} year{s} {b}" for a in ("previous", "prior") for s in ("", "'s")
                      for b in ("column", "figure", "value", "entry", "cell")), "上一年那栏", "上一年那一栏",
                    "上年那栏", "上一年一栏", "上一年栏"), None),
    ("change", ("本年增/减", "本年增减", "增/减", "增减", "本年增加", "本年减少", "本年新增", "net change",
                "increase or decrease", "change"), None),
    ("decisions", ("处理决定数量", "处理决定", "决定数量", "决定", "decision", "decided"), None),
    ("projects", ("采购项目数量", "项目数量", "项目数", "项目", "projects", "project"), "procurement"),
    ("amount", ("采购总金额", "总金额", "金额", "多少钱", "花了", "花费", "花钱", "支出", "经费",
                "amount", "spent", "spend", "spending", "money", "cost", "costs", "paid", "pay for", "pay"), "procurement"),
    ("issued", ("本年制发", "制发", "issued"), None),
    ("repealed", ("废止", "废除", "repeal", "abolish", "rescind"), None),
    ("in_force", ("现行有效", "in force", "currently valid"), None),
    ("person", ("自然人", "个人", "公民", "natural person", "private individual", "private citizen", "individual",
                "citizen"), None),
    ("business", ("商业企业", "企业", "公司", "business", "commercial compan", "commercial firm", "compan", "enterprise"), None),
    ("research", ("科研机构", "research institution", "research"), None),
    ("nonprofit", ("社会公益组织", "公益组织", "nonprofit", "non-profit", "ngo", "charit"), None),
    ("legal", ("法律服务机构", "律师事务所", "律师", "law firm", "legal service", "lawyer"), None),
    ("other_org", ("其他组织", "other organi"), None),
    ("upheld", ("结果维持", "维持", "维持原", "original decision upheld", "original decision was upheld",
                "upheld", "affirmed", "maintained"), None),
    ("corrected", ("结果纠正", "纠正", "corrected", "overturned", "reversed"), None),
    ("other", ("其他结果", "结果为“其他”", "结果为\"其他\"", "结果是“其他”", "结果为其他", "other result", "other outcome"), None),
    ("pending", ("尚未审结", "未审结", "pending", "not yet concluded", "unresolved"), None),
)

# Virtual rows: the sum of several template rows (a 不予公开 total is not printed as one row).
GROUPS: dict[str, tuple[str, ...]] = {
    "requests.withheld": ("withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                          "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"),
    "requests.unavailable": ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"),
    "requests.declined": ("declined_complaint", "declined_duplicate", "declined_publication",
                          "declined_excessive", "declined_confirmation"),
    "review.lawsuit": ("lawsuit_direct", "lawsuit_after_review"),
}

# A row of one template version printed as several rows in the other: 2019's one 其他处理 row is the 2021
# template's three (a report may print either, whatever its version).
SPLITS: dict[str, tuple[str, ...]] = {"requests.other": ("other_no_correction", "other_no_fee", "other_misc")}

# A key of one template version and its counterpart in the other (used when a report lacks the asked key).
EQUIVALENTS: dict[str, str] = {
    "active.rules.made": "active.rules.issued", "active.rules.issued": "active.rules.made",
    "active.rules.public_total": "active.rules.in_force", "active.rules.in_force": "active.rules.public_total",
    "active.normative.made": "active.normative.issued", "active.normative.issued": "active.normative.made",
    "active.normative.public_total": "active.normative.in_force",
    "active.normative.in_force": "active.normative.public_total",
    "active.rules.published": "active.rules.issued", "active.normative.published": "active.normative.issued",
}

DEFAULT_COL = {"rules": "published", "normative": "published", "licensing": "decisions",
               "other_services": "decisions", "penalty": "decisions", "coercion": "decisions",
               "fees": "amount", "procurement": "amount"}

EN_ROWS = {
    "rules": "rules", "normative": "normative documents", "licensing": "administrative licensing",
    "other_services": "other external management services", "penalty": "administrative penalties",
    "coercion": "administrative coercion", "fees": "administrative fees", "procurement": "centralised procurement",
    "new": "new disclosure requests", "carried_in": "requests carried over from the previous year",
    "granted": "requests granted", "partial": "requests partly granted", "withheld": "requests refused (不予公开)",
    "unavailable": "requests that could not be answered (无法提供)", "declined": "requests not processed (不予处理)",
    "handled": "requests handled", "carried_out": "requests carried over to next year",
    "reconsideration": "administrative reconsiderations", "lawsuit": "administrative lawsuits",
    "lawsuit_direct": "lawsuits filed directly", "lawsuit_after_review": "lawsuits after reconsideration",
}
EN_COLS = {"amount": "amount", "projects": "projects", "decisions": "decisions", "change": "change this year",
           "prev_items": "items the previous year", "total": "total"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str  # row | col
    target: str  # "table.row" or col
    weak: bool = False
    implies: Optional[str] = None
    ask: bool = False  # a column term that is the question's own ask (花了多少钱, how much … cost): see ASKING


# column terms that ask for the column's value rather than name the thing counted: in 采购项目花了多少钱 the
# projects are what the money went on, the amount is asked (a noun beside the row names what, the ask how much)
ASKING = frozenset({"多少钱", "花了", "花费", "花钱", "spent", "spend", "cost", "costs"})
_HOW_MUCH = re.compile(r"\bhow much\b")  # (an English ask word only asks after "how much": "procurement spend:" names)


def _terms() -> list[tuple[str, str, str, bool, Optional[str]]]:
    out = []
    for table, row, terms in ROWS:
        for t in terms:
            out.append((t.lstrip("~"), "row", f"{table}.{row}", t.startswith("~"), None))
    for col, terms, implies in COLS:
        for t in terms:
            out.append((t, "col", col, False, implies))
    # terms are matched against the question with contractions spelled out (see _without_articles)
    out = [(_spell_out(t), *rest) for t, *rest in out]
    return sorted(out, key=lambda x: -len(x[0]))


def _spell_out(term: str) -> str:
    return _CONTRACTION.sub(lambda m: _SPELLED.get(m.group(0), m.group(0)[:-3] + " not"), term)


_TERMS = None


def find_hits(text: str) -> list[Hit]:
    """Row and column words in `text` (already lower-cased), longest first, non-overlapping, in text order."""
    global _TERMS
    if _TERMS is None:
        _TERMS = _terms()
    # English terms are matched with articles left out and hyphens as spaces ("after an administrative
    # reconsideration", "previous-year items"); spans are mapped back to `text`
    plain, where = _without_articles(text)
    taken = [False] * len(plain)
    hits = []
    for term, kind, target, weak, implies in _TERMS:
        start = plain.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]) and _word_ok(plain, start, end, term):
                taken[start:end] = [True] * (end - start)
                hits.append(Hit(where[start], where[end - 1] + 1, kind, target, weak, implies,
                                kind == "col" and term in ASKING and (not term.isascii() or bool(_HOW_MUCH.search(text)))))
            start = plain.find(term, end)
    return sorted(_split_columns(text, hits), key=lambda h: h.start)


def _split_columns(text: str, hits: list[Hit]) -> list[Hit]:
    """A column label written around the row's name ("上一年行政处罚项目数量" = 上一年项目数量 of 行政处罚,
    "本年新制作规章数量"): with each row word cut out, a column term that spans the cut is that column,
    over the shorter column words it holds ("项目数量" of procurement). Family: questions that put the row
    name inside the table's column label, as people say it."""
    rows = [h for h in hits if h.kind == "row"]
    if not rows:
        return hits
    keep = [i for i in range(len(text)) if not any(h.start <= i < h.end for h in rows)]
    cut = "".join(text[i] for i in keep)
    for term, kind, target, _weak, implies in _TERMS:
        if kind != "col":
            continue
        start = cut.find(term)
        while start >= 0:
            a, b = keep[start], keep[start + len(term) - 1] + 1
            inside = [h for h in rows if a < h.start and h.end < b]
            # the term spans exactly one row word: its characters are the term's and that row's
            if len(inside) == 1 and b - a == len(term) + inside[0].end - inside[0].start:
                covered = [h for h in hits if h.kind == "col" and a <= h.start and h.end <= b]
                if all(h.end - h.start < len(term) for h in covered):
                    hits = [h for h in hits if h not in covered] + [Hit(a, b, "col", target, False, implies)]
            start = cut.find(term, start + len(term))
    return hits


# articles, and quotes around an English word (an 'other' result: the word as the terms write it)
_ARTICLE = re.compile(r"(?<![a-z])(?:a|an|the) (?=['‘\"“]?[a-z])|(?<![a-z])['‘\"“](?=[a-z])|(?<=[a-z])['’\"”](?![a-z])")


def _without_articles(text: str) -> tuple[str, list[int]]:
    """`text` without English articles, hyphens between letters as spaces, and the index in `text` of
    each character kept."""
    keep, where, at = [], [], 0
    for m in _ARTICLE.finditer(text):
        keep.append(text[at:m.start()])
        where += range(at, m.start())
        at = m.end()
    keep.append(text[at:])
    where += range(at, len(text))
    plain = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", "".join(keep))
    # contractions spelled out, as the terms are written (couldn't provide → could not provide); each added
    # character maps to the apostrophe's place
    out, mapped, last = [], [], 0
    for m in _CONTRACTION.finditer(plain):
        out.append(plain[last:m.start()])
        mapped += where[last:m.start()]
        full = _SPELLED.get(m.group(0), m.group(0)[:-3] + " not")
        out.append(full)
        mapped += [where[m.start() + min(i, len(m.group(0)) - 1)] for i in range(len(full))]
        last = m.end()
    if not out:
        return plain, where
    out.append(plain[last:])
    mapped += where[last:]
    return "".join(out), mapped


_CONTRACTION = re.compile(r"\b[a-z]+n['’]t\b")
_SPELLED = {"can't": "cannot", "can’t": "cannot", "won't": "will not", "won’t": "will not"}


def _word_ok(text: str, start: int, end: int, term: str) -> bool:
    """English terms must start at a word boundary (so 'rules' does not fire inside 'overrules')."""
    if not term[0].isascii() or not term[0].isalpha():
        return True
    return start == 0 or not text[start - 1].isalpha()


def valid_cols(table: str, row: str) -> set[str]:
    if table == "requests":
        return set(REQUEST_COLS)
    if table == "review":
        return set(REVIEW_COLS)
    return {c for t in ("2019", "2021") for spec in active_rows(t) if spec.key == row for c in spec.cols}


def default_col(table: str, row: str) -> str:
    return DEFAULT_COL.get(row, "total") if table == "active" else "total"


@lru_cache(maxsize=1)
def known_keys() -> frozenset[str]:
    keys = set(all_keys())
    for group in GROUPS:
        table = group.split(".")[0]
        for col in (REQUEST_COLS if table == "requests" else REVIEW_COLS):
            keys.add(f"{group}.{col}")
    return frozenset(keys)


def member_rows(row: str) -> list[str]:
    """The member rows ("table.row") of a group row (review.lawsuit → its two kinds of lawsuit); none for a row that
    is no group. Every template's members, unlike `expand`, which keeps those of one template's keys."""
    table = row.split(".")[0]
    return [f"{table}.{m}" for m in GROUPS.get(row, ())]


def expand(key: str, template: Optional[str]) -> list[str]:
    """The concrete keys a (possibly virtual) key sums over, in a report of this template version."""
    table, row, col = key.split(".")
    group = GROUPS.get(f"{table}.{row}")
    if group is None:
        return [key]
    have = key_set(template or "2019")
    return [k for k in (f"{table}.{r}.{col}" for r in group) if k in have]


def metrics_from_hits(hits: list[Hit], prev_row: Optional[str] = None) -> tuple[list[str], list[Hit]]:
    """Combine row and column hits into keys, in the order the rows are named (and the hits used).
    `prev_row`: the row the previous turn asked about (a column word alone is that row's when it has it)."""
    rows = [h for h in hits if h.kind == "row" and not h.weak] or [h for h in hits if h.kind == "row"]
    cols = [h for h in hits if h.kind == "col"]
    if not rows:
        implied = [h for h in cols if h.implies]
        if prev_row and implied and any(c.target in valid_cols(*prev_row.split(".")) for c in implied):
            # a follow-up naming only a column the row asked before has (比24年多收了多少钱 after 收费金额): that
            # row's column, not the row the column word implies elsewhere (多少钱 of procurement)
            rows = [Hit(cols[0].start, cols[0].end, "row", prev_row)]
        elif implied:
            rows = [Hit(implied[0].start, implied[0].end, "row", f"active.{implied[0].implies}")]
    keys: list[str] = []
    used: list[Hit] = list(rows)
    for r in rows:
        table, row = r.target.split(".")
        ok = valid_cols(table, row)
        chosen = [c for c in cols if c.target in ok]
        # the column asked, else the nearest by the gap between the words, one the row's earlier mention did not
        # take first (procurement projects, procurement amount: each mention of the row has its own column)
        taken = {k.rsplit(".", 1)[1] for k in keys if k.startswith(f"{table}.{row}.")}
        chosen.sort(key=lambda c: (not c.ask, c.target in taken,
                                   c.start - r.end if c.start >= r.end else r.start - c.end))
        col = chosen[0].target if chosen else default_col(table, row)
        # (an asked column read, the nouns beside it were read too: what the money went on)
        used += [c for c in chosen if c.target == col or (chosen[0].ask and not c.ask)]
        key = f"{table}.{row}.{col}"
        if key not in keys:
            keys.append(key)
    return keys, used


def en_label(key: str) -> str:
    table, row, col = key.split(".")
    base = EN_ROWS.get(row, row.replace("_", " "))
    if col in ("total", "decisions") or (col == "amount" and row == "procurement"):
        return f"{base} ({col})" if col == "amount" else base
    return f"{base}, {EN_COLS.get(col, col.replace('_', ' '))}"


def zh_label(key: str) -> str:
    from nianbao.keys import COL_LABELS, key_label  # local: keeps this module light

    table, row, col = key.split(".")
    if f"{table}.{row}" in GROUPS:
        names = {"withheld": "不予公开", "unavailable": "无法提供", "declined": "不予处理", "lawsuit": "行政诉讼"}
        return f"{names[row]}（合计）" + ("" if col == "total" else f" · {COL_LABELS.get(col, col)}")
    return key_label(key).split(" · ", 1)[1]


# A figure named by its canonical key (DOMAIN.md), as people who read the answers' JSON or the exports write
# it: active.penalty.prev_items, or spelled out as "requests 表 new 行 total 列" / "table requests, row new,
# column total". Family: data users naming the cell exactly; only keys the template has are taken.
_DOTTED_KEY = re.compile(r"\b(active|requests|review)\.([a-z_]+)\.([a-z_]+)\b")
_ROW_COL_KEY = re.compile(r"(?<![.\w])([a-z]+(?:_[a-z]+)*)\.([a-z]+(?:_[a-z]+)*)\b(?!\.)")
_SPELLED_KEY = re.compile(r"\b(?:table\s+)?(active|requests|review)\s*(?:表|table)?\s*[,，]?\s*(?:row\s+)?([a-z_]+)\s*"
                          r"(?:行|row)?\s*[,，]?\s*(?:column\s+|col\s+)?([a-z_]+)\s*(?:列|column)?")


def named_keys(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Canonical keys written in `text` (lower-cased), with their spans; only known keys."""
    known = known_keys()
    found = []
    for pattern in (_DOTTED_KEY, _SPELLED_KEY):
        for m in pattern.finditer(text):
            key = ".".join(m.groups())
            if key in known and not any(a < m.end() and m.start() < b for _, (a, b) in found):
                found.append((key, m.span()))
    # a key written without its table (unavailable_not_held.total, penalty.decisions): the one table holding it
    tables: dict[str, list[str]] = {}
    for key in known:
        tables.setdefault(key.split(".", 1)[1], []).append(key)
    for m in _ROW_COL_KEY.finditer(text):
        keys = tables.get(f"{m.group(1)}.{m.group(2)}", [])
        if len(keys) == 1 and not any(a < m.end() and m.start() < b for _, (a, b) in found):
            found.append((keys[0], m.span()))
    return sorted(found, key=lambda f: f[1])
