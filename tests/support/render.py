"""Re-render a report's gold tables into the layouts seen in the wild, to parse them back.

Layouts: `pipe` (markdown pipe tables), `tabs` (tab-separated rows), `cells` (one cell per line,
tab-indented, rows separated by blank lines, empty cells as lines holding only a tab) and
`page_split` (tabs, with the section 三 table broken by a page break: header repeated, a label cut).
"""
from __future__ import annotations

from nianbao import keys

LAYOUTS = ("pipe", "tabs", "cells", "page_split")
SCRAPED = "scraped"  # every cell of a row run together, no separator (blank cells vanish)


def _raw(facts: dict, key: str) -> str:
    f = facts[key]
    return "" if f["state"] == "blank" else (f.get("raw") or str(f["value"])).strip("\u00a0")


HEADERS_2021 = {
    "rules": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    "licensing": ["信息内容", "本年处理决定数量", "", ""],
    "penalty": ["信息内容", "本年处理决定数量", "", ""],
    "fees": ["信息内容", "本年收费金额（单位：万元）", "", ""],
}


def _active_rows(facts: dict, template: str) -> list[list[str]]:
    headers = HEADERS_2021 if template == "2021" else {
        "rules": ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        "licensing": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        "penalty": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        "fees": ["信息内容", "上一年项目数量", "本年增/减", ""],
        "procurement": ["信息内容", "采购项目数量", "采购总金额", ""],
    }
    blocks = {"rules": "第二十条第（一）项", "penalty": "第二十条第（六）项",
              "fees": "第二十条第（八）项", "procurement": "第二十条第（九）项"}
    if template == "2019":
        blocks["licensing"] = "第二十条第（五）项"
    rows = []
    for spec in keys.active_rows(template):
        if spec.key in blocks:
            rows.append([blocks[spec.key], "", "", ""])
            rows.append(headers[spec.key])
        if spec.key == "licensing" and template == "2021":
            rows.append(["第二十条第（五）项", "", "", ""])
            rows.append(headers["licensing"])
        cells = [_raw(facts, f"active.{spec.key}.{c}") for c in spec.cols]
        rows.append([spec.label] + cells + [""] * (3 - len(cells)))
    return rows


REQUEST_HEADER = [
    ["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "", "申请人情况", "", "", "", "", "", ""],
    ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]


def _request_rows(facts: dict, template: str) -> list[list[str]]:
    rows = []
    undivided = facts.get("requests.other_no_correction.person", {}).get("state") == "absent"
    for key, label in keys.request_rows(template):
        if undivided and key.startswith("other_"):
            if key == "other_no_correction":
                rows.append(["（六）其他处理", ""] + [_raw(facts, f"requests.other.{c}") for c in keys.REQUEST_COLS])
            continue
        parent, _, child = label.partition("·")
        values = [_raw(facts, f"requests.{key}.{c}") for c in keys.REQUEST_COLS]
        rows.append([parent, child] + values)
    return rows


def _review_rows(facts: dict) -> list[list[str]]:
    head1 = ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    head2 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
             "复议后起诉", "", "", "", ""]
    head3 = [""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    values = [_raw(facts, f"review.{r}.{c}") for r, _ in keys.REVIEW_ROWS for c in keys.REVIEW_COLS]
    return [head1, head2, head3, values]


def _format(rows: list[list[str]], layout: str) -> list[str]:
    if layout == SCRAPED:
        return ["".join(r) for r in rows]
    if layout == "pipe":
        width = max(len(r) for r in rows)
        out = ["| " + " | ".join(rows[0] + [""] * (width - len(rows[0]))) + " |", "|" + "---|" * width]
        out += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows[1:]]
        return out
    if layout == "cells":
        out = []
        for r in rows:
            out += ["\t" + c for c in r] + [""]
        return out
    return ["\t".join(r) for r in rows]


def render(gold: dict, layout: str) -> str:
    """A complete report text around the gold tables, in `layout`."""
    facts, template = gold["facts"], gold["template"]
    table_layout = "tabs" if layout == "page_split" else layout
    requests = REQUEST_HEADER + _request_rows(facts, template)
    lines = [f"{gold['agency']}{gold['year']}年政府信息公开工作年度报告", "",
             "一、总体情况", "", "本年度我单位认真贯彻《中华人民共和国政府信息公开条例》。", "",
             "二、主动公开政府信息情况", ""] + _format(_active_rows(facts, template), table_layout) + [
             "", "三、收到和处理政府信息公开申请情况", ""]
    if layout == "page_split":
        cut = 3 + 14  # break inside the 无法提供 block, cutting a label in two
        first, second = requests[:cut], requests[cut:]
        label = first[-1][1]
        first[-1] = [first[-1][0], label[:4]] + first[-1][2:]
        lines += _format(first, "tabs") + ["", "- 5 -", ""] + _format(REQUEST_HEADER, "tabs")
        lines += ["\t" + label[4:] + "\t" * 7] + _format(second, "tabs")
    else:
        lines += _format(requests, table_layout)
    lines += ["", "四、政府信息公开行政复议、行政诉讼情况", ""] + _format(_review_rows(facts), table_layout)
    lines += ["", "五、存在的主要问题及改进情况", "", "一是公开内容有待丰富。", "",
              "六、其他需要报告的事项", "", "无。", "", gold["agency"], "", "2021年1月15日"]
    return "\n".join(lines) + "\n"
