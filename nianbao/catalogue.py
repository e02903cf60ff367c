"""The national template's vocabulary, as data: how each row, column and version is recognised.

`nianbao.keys` holds the structure (rows, columns, canonical keys, printed labels); this module holds
the words that identify them in printed text, in the order they are tried. Keywords are chosen to
survive typos, cut labels (`无法提` / `供`), long filling instructions in parentheses and 2019/2021
wording differences; an earlier entry wins where two could match (`规范性文件` before `规章`, `结转下年`
before `上年结转`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from nianbao import keys

KEYWORDS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "active": [
        ("normative", ("规范性文件",)),
        ("rules", ("规章",)),
        ("licensing", ("行政许可",)),
        ("other_services", ("对外管理服务", "其他对外")),
        ("penalty", ("行政处罚",)),
        ("coercion", ("行政强制",)),
        ("fees", ("事业性收费", "行政事业性")),
        ("procurement", ("集中采购", "政府采购")),
    ],
    "requests": [
        ("new", ("本年新收", "新收政府")),
        ("carried_out", ("结转下年", "继续办理")),
        ("carried_in", ("上年结转",)),
        ("granted", ("予以公开",)),
        ("partial", ("部分公开",)),
        ("withheld_secret", ("国家秘密",)),
        ("withheld_law", ("法律行政", "行政法规", "禁止公开")),
        ("withheld_safety", ("三安全", "一稳定", "危及")),
        ("withheld_third_party", ("第三方",)),
        ("withheld_internal", ("内部事务",)),
        ("withheld_process", ("过程性",)),
        ("withheld_enforcement", ("执法案卷",)),
        ("withheld_query", ("行政查询", "查询事项")),
        ("unavailable_not_held", ("不掌握",)),
        ("unavailable_needs_creation", ("另行制作", "没有现成")),
        ("unavailable_unclear", ("仍不明确", "补正后申请")),
        ("declined_complaint", ("信访", "举报投诉")),
        ("declined_duplicate", ("重复申请",)),
        ("declined_publication", ("出版物",)),
        ("declined_excessive", ("大量反复",)),
        ("declined_confirmation", ("重新出具", "确认或")),
        ("other_no_correction", ("不补正",)),
        ("other_no_fee", ("缴纳费用", "未缴费", "收费通知")),
        ("handled", ("总计",)),
        ("other", ("其他处理",)),
    ],
}

# Column titles that only one template version prints (the version is decided from these).
TEMPLATE_HEADERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "现行有效件", "本年收费金额", "逾期不补正"),
    "2019": ("本年新制作数量", "本年新公开数量", "上一年项目数量", "采购项目数量", "采购总金额", "对外公开总数量"),
}

# Column titles of the request and review tables (and their group titles). A row label holding
# one of these (`总计`, `其他`) in a row with no values is the column header, not a row: in
# layouts that print one cell per line the header cells look exactly like a label with empty cells.
COLUMN_TITLES = frozenset(
    [keys.COL_LABELS[c] for c in keys.REQUEST_COLS + keys.REVIEW_COLS]
    + ["其他", "合计", "申请人情况", "法人或其他组织", "信息内容", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"])

# Titles of groups of request rows (`三、本年度办理结果` `（三）不予公开` → its eight sub-rows). Printed
# alone in a cell, they are part of a sub-row's label or a header, never a row: `不予公开` must not
# be read as a garbled `予以公开`.
GROUP_TITLES = frozenset(["本年度办理结果", "不予公开", "无法提供", "不予处理"])

# Units written in a money column's title: `采购总金额（万元）`, `本年收费金额（单位：万元）`.
MONEY_TITLES = {"procurement": "采购总金额", "fees": "收费金额"}


def table_order(template: str, table: str) -> list[tuple[str, str, int]]:
    """(table, row key, number of columns) in printed order for one table of a version."""
    if table == "active":
        return [("active", s.key, len(s.cols)) for s in keys.active_rows(template)]
    rows = [k for k, _ in keys.request_rows(template)]
    if template == "2021":  # some 2021 reports print one undivided 其他处理 row (2019 style)
        rows.insert(rows.index("other_no_correction"), "other")
    return [("requests", k, len(keys.REQUEST_COLS)) for k in rows]


@lru_cache(maxsize=None)
def active_labels() -> dict[str, str]:
    return {s.key: s.label for s in keys.ACTIVE_2019 + keys.ACTIVE_2021}


@lru_cache(maxsize=None)
def request_labels() -> dict[str, str]:
    return {k: lab.split("·")[-1] for k, lab in keys.REQUEST_ROWS_2019 + keys.REQUEST_ROWS_2021}


# Short forms (简称) of organ and zone names, as data: printed names end in them (`县人社局`,
# `吉林经开区…`), and people ask with them (`鹿城区发改局`). Only forms with one established full
# name are listed; an organ whose name varies from place to place (文广旅局, 政数局) is left as printed.
ABBREVIATIONS: dict[str, str] = {
    "人社局": "人力资源和社会保障局", "人力社保局": "人力资源和社会保障局",
    "发改局": "发展和改革局", "发改委": "发展和改革委员会",
    "住建局": "住房和城乡建设局", "住建委": "住房和城乡建设委员会",
    "市监局": "市场监督管理局", "市场监管局": "市场监督管理局",
    "卫健局": "卫生健康局", "卫健委": "卫生健康委员会",
    "医保局": "医疗保障局", "应急局": "应急管理局", "工信局": "工业和信息化局",
    "科技局": "科学技术局", "自规局": "自然资源和规划局", "退役军人局": "退役军人事务局",
    "文旅局": "文化和旅游局", "教体局": "教育和体育局", "民宗局": "民族宗教事务局",
    "交通局": "交通运输局",
    "经开区": "经济技术开发区", "高新区": "高新技术产业开发区", "管委会": "管理委员会",
    "街办": "街道办事处", "街道办": "街道办事处",
    # a government as officials write it short (区府工作简报, 县府办)
    "区府": "区政府", "县府": "县政府",
}
@lru_cache(maxsize=1)
def _abbreviation() -> "re.Pattern[str]":
    forms = sorted((k for k, v in ABBREVIATIONS.items() if k != v), key=len, reverse=True)
    # a short form ending in 办 is not one when 办 starts a word (街道办理, 街道办公室): 办理, 办公, 办事
    # a short form that begins its full form (街道办 → 街道办事处) must not match inside the full form
    return re.compile("|".join(re.escape(k) + (f"(?!{re.escape(ABBREVIATIONS[k][len(k):])})"
                                               if ABBREVIATIONS[k].startswith(k) else "")
                               + ("(?![理公事])" if k.endswith("办") else "") for k in forms))


def expand_abbreviations(name: str) -> str:
    """`东乡族自治县人社局` → `东乡族自治县人力资源和社会保障局`, `吉林经开区社会事业管理局` →
    `吉林经济技术开发区社会事业管理局`: every listed short form replaced by its full form."""
    return _abbreviation().sub(lambda m: ABBREVIATIONS[m.group(0)], name)
