"""Canonical fact keys of the national template (DOMAIN.md), both versions, with Chinese labels."""
from __future__ import annotations

import functools
from dataclasses import dataclass

TABLE_LABELS = {"active": "主动公开情况", "requests": "依申请公开情况", "review": "行政复议、行政诉讼情况"}


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    cols: tuple[str, ...]


ACTIVE_2019 = (
    RowSpec("rules", "规章", ("made", "published", "public_total")),
    RowSpec("normative", "规范性文件", ("made", "published", "public_total")),
    RowSpec("licensing", "行政许可", ("prev_items", "change", "decisions")),
    RowSpec("other_services", "其他对外管理服务事项", ("prev_items", "change", "decisions")),
    RowSpec("penalty", "行政处罚", ("prev_items", "change", "decisions")),
    RowSpec("coercion", "行政强制", ("prev_items", "change", "decisions")),
    RowSpec("fees", "行政事业性收费", ("prev_items", "change")),
    RowSpec("procurement", "政府集中采购", ("projects", "amount")),
)

ACTIVE_2021 = (
    RowSpec("rules", "规章", ("issued", "repealed", "in_force")),
    RowSpec("normative", "行政规范性文件", ("issued", "repealed", "in_force")),
    RowSpec("licensing", "行政许可", ("decisions",)),
    RowSpec("penalty", "行政处罚", ("decisions",)),
    RowSpec("coercion", "行政强制", ("decisions",)),
    RowSpec("fees", "行政事业性收费", ("amount",)),
)

REQUEST_COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")

_REQUEST_ROWS_HEAD = (
    ("new", "本年新收政府信息公开申请数量"),
    ("carried_in", "上年结转政府信息公开申请数量"),
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("withheld_secret", "不予公开·属于国家秘密"),
    ("withheld_law", "不予公开·其他法律行政法规禁止公开"),
    ("withheld_safety", "不予公开·危及“三安全一稳定”"),
    ("withheld_third_party", "不予公开·保护第三方合法权益"),
    ("withheld_internal", "不予公开·属于三类内部事务信息"),
    ("withheld_process", "不予公开·属于四类过程性信息"),
    ("withheld_enforcement", "不予公开·属于行政执法案卷"),
    ("withheld_query", "不予公开·属于行政查询事项"),
    ("unavailable_not_held", "无法提供·本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "无法提供·没有现成信息需要另行制作"),
    ("unavailable_unclear", "无法提供·补正后申请内容仍不明确"),
    ("declined_complaint", "不予处理·信访举报投诉类申请"),
    ("declined_duplicate", "不予处理·重复申请"),
    ("declined_publication", "不予处理·要求提供公开出版物"),
    ("declined_excessive", "不予处理·无正当理由大量反复申请"),
    ("declined_confirmation", "不予处理·要求行政机关确认或重新出具已获取信息"),
)
_REQUEST_ROWS_TAIL = (("handled", "办理结果总计"), ("carried_out", "结转下年度继续办理"))

REQUEST_ROWS_2019 = _REQUEST_ROWS_HEAD + (("other", "其他处理"),) + _REQUEST_ROWS_TAIL
REQUEST_ROWS_2021 = (
    _REQUEST_ROWS_HEAD
    + (
        ("other_no_correction", "其他处理·申请人无正当理由逾期不补正"),
        ("other_no_fee", "其他处理·申请人逾期未按收费通知要求缴纳费用"),
        ("other_misc", "其他处理·其他"),
    )
    + _REQUEST_ROWS_TAIL
)

REVIEW_ROWS = (
    ("reconsideration", "行政复议"),
    ("lawsuit_direct", "行政诉讼·未经复议直接起诉"),
    ("lawsuit_after_review", "行政诉讼·复议后起诉"),
)
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")

COL_LABELS = {
    "made": "本年新制作数量", "published": "本年新公开数量", "public_total": "对外公开总数量",
    "prev_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
    "projects": "采购项目数量", "amount": "金额", "issued": "本年制发件数", "repealed": "本年废止件数",
    "in_force": "现行有效件数", "person": "自然人", "business": "商业企业", "research": "科研机构",
    "nonprofit": "社会公益组织", "legal": "法律服务机构", "other_org": "其他组织", "total": "总计",
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
}

OUTCOME_ROWS_2019 = [r for r, _ in REQUEST_ROWS_2019[2:-2]]
OUTCOME_ROWS_2021 = [r for r, _ in REQUEST_ROWS_2021[2:-2]]


def active_rows(template: str) -> tuple[RowSpec, ...]:
    return ACTIVE_2021 if template == "2021" else ACTIVE_2019


def request_rows(template: str) -> tuple[tuple[str, str], ...]:
    return REQUEST_ROWS_2021 if template == "2021" else REQUEST_ROWS_2019


def template_keys(template: str) -> list[str]:
    """Every cell key a report of this template version has, in table order."""
    keys = [f"active.{r.key}.{c}" for r in active_rows(template) for c in r.cols]
    keys += [f"requests.{r}.{c}" for r, _ in request_rows(template) for c in REQUEST_COLS]
    keys += [f"review.{r}.{c}" for r, _ in REVIEW_ROWS for c in REVIEW_COLS]
    return keys


@functools.lru_cache(maxsize=8)
def key_set(template: str) -> frozenset[str]:
    """template_keys as a set, made once (asked for every report of every answer)."""
    return frozenset(template_keys(template))


def all_keys() -> list[str]:
    """Union of both versions' keys (a key missing from one version is `absent` there)."""
    seen: dict[str, None] = {}
    for t in ("2019", "2021"):
        for k in template_keys(t):
            seen.setdefault(k, None)
    return list(seen)


def key_label(key: str) -> str:
    """Chinese label for a key: 表 · 行 · 列."""
    table, row, col = key.split(".")
    row_label = row
    for spec in ACTIVE_2019 + ACTIVE_2021:
        if spec.key == row and table == "active":
            row_label = spec.label
    for r, lab in REQUEST_ROWS_2019 + REQUEST_ROWS_2021 + REVIEW_ROWS:
        if r == row and table in ("requests", "review"):
            row_label = lab
    col_label = COL_LABELS.get(col, col)
    if table == "active" and col == "amount":
        col_label = "采购总金额" if row == "procurement" else "本年收费金额"
    return f"{TABLE_LABELS[table]} · {row_label} · {col_label}"


def is_money(key: str) -> bool:
    return key.endswith(".amount") and key.startswith("active.")
