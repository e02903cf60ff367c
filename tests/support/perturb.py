"""Generated variations of a gold report, to test the reader on layouts and labels it was not written from.

A gold report (hand-checked facts, complete or partial) is rendered back into a report text with
three independent perturbations, all seeded so a failure can be replayed:

- **layout**: how the table cells are laid out (the layout families of real published pages:
  pipes with or without outer bars, full-width pipes, tabs, `cell |` per line with lone `|` row
  openers, cell and `|` on alternate lines, one cell per line with blank lines, one cell per line
  with the empty cells dropped, space-padded columns, cells run together);
- **labels**: row labels cut short, rewritten with other wording, with an OCR-like typo, or the whole
  text in traditional characters; never the catalogue's own labels when varied;
- **structure**: value rows dropped, or one value column printed empty.

`expected` says, per template key, what the printed text holds: ("number", v), ("blank", None), or
None when the cell is not in the text at all (its row dropped, or not in the partial gold). A
correct reader returns the printed value or `not_read`, never another number, never a false blank.
"""
from __future__ import annotations

import functools
import random
from typing import Optional

from nianbao import keys
from tests.support.render import HEADERS_2021, REQUEST_HEADER

LAYOUTS = ("pipe", "pipe_bare", "fullwidth", "tabs", "cell_pipe", "alternate", "cells_blank",
           "dropped_empties", "spaces", "scraped")
LABELS = ("plain", "cut", "synonym", "typo", "traditional")
STRUCTURES = ("whole", "drop_rows", "blank_column")

# layouts where an empty cell leaves no trace, so a row with empties cannot always be placed
LOSSY = ("dropped_empties", "scraped")

Row = list[Optional[str]]  # None: the gold does not know this cell


def _raw(facts: dict, key: str) -> Optional[str]:
    f = facts.get(key)
    if f is None:
        return None
    if f["state"] == "blank":
        return ""
    return (f.get("raw") or str(f["value"])).strip("\u00a0")


def _active_rows(facts: dict, template: str) -> list[tuple[Row, list[str]]]:
    """(row cells, the keys of its value cells) of table 二, with its block and header rows."""
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
    rows: list[tuple[Row, list[str]]] = []
    for spec in keys.active_rows(template):
        if spec.key in blocks:
            rows += [([blocks[spec.key], "", "", ""], []), (list(headers[spec.key]), [])]
        if spec.key == "licensing" and template == "2021":
            rows += [(["第二十条第（五）项", "", "", ""], []), (list(HEADERS_2021["licensing"]), [])]
        ks = [f"active.{spec.key}.{c}" for c in spec.cols]
        rows.append(([spec.label] + [_raw(facts, k) for k in ks] + [""] * (3 - len(ks)), ks))
    return rows


def _request_rows(facts: dict, template: str) -> list[tuple[Row, list[str]]]:
    rows: list[tuple[Row, list[str]]] = [(list(r), []) for r in REQUEST_HEADER]
    undivided = facts.get("requests.other_no_correction.person", {}).get("state") == "absent"
    for key, label in keys.request_rows(template):
        if undivided and key.startswith("other_"):
            if key == "other_no_correction":
                ks = [f"requests.other.{c}" for c in keys.REQUEST_COLS]
                rows.append((["（六）其他处理", ""] + [_raw(facts, k) for k in ks], ks))
            continue
        parent, _, child = label.partition("·")
        ks = [f"requests.{key}.{c}" for c in keys.REQUEST_COLS]
        rows.append(([parent, child] + [_raw(facts, k) for k in ks], ks))
    return rows


def _review_rows(facts: dict) -> list[tuple[Row, list[str]]]:
    head1 = ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    head2 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
             "复议后起诉", "", "", "", ""]
    head3 = [""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    ks = [f"review.{r}.{c}" for r, _ in keys.REVIEW_ROWS for c in keys.REVIEW_COLS]
    return [(head1, []), (head2, []), (head3, []), ([_raw(facts, k) for k in ks], ks)]


# --- label variations (applied to the label cells of value rows) -------------------------------

# wording real reports use for the same rows, written as general rewrites, not per-label answers
_REWRITES = (
    ("政府信息公开申请", "信息公开申请"), ("本年新收", "本年度新收"), ("上年结转", "上一年度结转"),
    ("数量", "数"), ("行政规范性文件", "规范性文件"), ("其他", "其它"), ("结转下年度", "结转下一年度"),
    ("办理结果总计", "办理结果合计"), ("本机关", "本行政机关"), ("属于", ""), ("申请", "申请件数"),
    ("行政事业性收费", "行政事业收费"), ("政府集中采购", "政府采购"),
)
# characters OCR and hurried typing confuse
_CONFUSABLE = {"己": "已", "未": "末", "申": "甲", "理": "埋", "处": "外", "开": "幵", "公": "么",
               "年": "午", "政": "攻", "信": "倍", "息": "恴", "部": "郜", "予": "子", "法": "去",
               "规": "现", "章": "竟", "许": "午", "罚": "罸", "强": "弓虽", "收": "牧", "费": "贵"}


def _vary(label: str, how: str, rnd: random.Random) -> str:
    if not label or how in ("plain", "traditional"):
        return label
    if how == "cut":  # a label cut by the page or column width: its first 60 %, at least 4 characters
        keep = max(4, -(-len(label) * 6 // 10))
        return label[:keep]
    if how == "synonym":
        out = label
        for old, new in _REWRITES:
            if old in out:
                out = out.replace(old, new, 1)
                break
        if out == label:  # nothing to rewrite: a unit in brackets, as many tables print
            out = label + "（件）"
        return out
    if how == "typo":
        places = [i for i, ch in enumerate(label) if ch in _CONFUSABLE]
        if len(label) < 4 or not places:
            return label
        i = rnd.choice(places)
        return label[:i] + _CONFUSABLE[label[i]] + label[i + 1:]
    raise ValueError(how)


# --- layouts -----------------------------------------------------------------------------------

def _format(rows: list[list[str]], layout: str) -> list[str]:
    out: list[str] = []
    if layout == "scraped":
        return ["".join(r) for r in rows]
    if layout in ("pipe", "pipe_bare", "fullwidth"):
        width = max(len(r) for r in rows)
        bar = "｜" if layout == "fullwidth" else "|"
        for i, r in enumerate(rows):
            r = r + [""] * (width - len(r))
            if layout == "pipe_bare":
                out.append(" | ".join(r))
            else:
                out.append(bar + bar.join(f" {c} " for c in r) + bar)
            if i == 0 and layout == "pipe":
                out.append("|" + "---|" * width)
        return out
    if layout == "tabs":
        return ["\t".join(r) for r in rows]
    if layout == "cell_pipe":  # `cell |` per line, each row opened by a lone `|`, empty cells as lone `|`
        for r in rows:
            out.append("|")
            out += [f"{c} |" if c else "|" for c in r]
        return out
    if layout == "alternate":  # the cell on one line, its closing `|` on the next
        for r in rows:
            for c in r:
                out += [c, "|"]
        return out
    if layout == "cells_blank":  # one cell per line, a blank line between cells, empty cells as blank lines
        for r in rows:
            for c in r:
                out += [c, ""]
        return out
    if layout == "dropped_empties":  # one cell per line, empty cells gone
        for r in rows:
            out += [c for c in r if c]
        return out
    if layout == "spaces":  # fixed-width columns padded with spaces
        for r in rows:
            out.append("".join(c + " " * max(2, 16 - 2 * len(c)) for c in r).rstrip())
        return out
    raise ValueError(layout)


def render_perturbed(gold: dict, layout: str, labels: str = "plain", structure: str = "whole",
                     seed: int = 0) -> tuple[str, dict[str, Optional[tuple[str, Optional[float]]]]]:
    """The report text and, per template key, what it prints (see the module docstring)."""
    rnd = random.Random(f"{gold.get('agency')}|{gold.get('year')}|{layout}|{labels}|{structure}|{seed}")
    facts, template = gold["facts"], gold["template"]
    expected: dict[str, Optional[tuple[str, Optional[float]]]] = {k: None for k in keys.template_keys(template)}
    for k in list(expected):
        if facts.get(k, {}).get("state") == "absent":
            expected.pop(k)
    tables = {"active": _active_rows(facts, template), "requests": _request_rows(facts, template),
              "review": _review_rows(facts)}
    value_rows = [(t, i) for t, rows in tables.items() for i, (_, ks) in enumerate(rows) if ks]
    dropped: set[tuple[str, int]] = set()
    if structure == "drop_rows":  # about one value row in four, never all of them
        dropped = {p for p in value_rows if rnd.random() < 0.25}
    blank_col = rnd.randrange(3) if structure == "blank_column" else None
    rendered: dict[str, list[list[str]]] = {}
    for table, rows in tables.items():
        out = []
        for i, (row, ks) in enumerate(rows):
            if not ks:
                out.append([c or "" for c in row])
                continue
            first = 1 if table == "active" else len(row) - len(ks)
            if (table, i) in dropped or any(row[first + j] is None for j in range(len(ks))):
                continue  # not printed: its cells must come back not_read
            row = list(row)
            if blank_col is not None:
                j = first + blank_col if table != "review" else None
                if j is not None and j < len(row) and j - first < len(ks):
                    row[j] = ""
            n = {"active": 1, "requests": 2}.get(table, 0)  # label cells
            for j in range(n):
                row[j] = _vary(row[j] or "", labels, rnd)
            for j, k in enumerate(ks):
                raw = row[first + j]
                if raw == "":
                    expected[k] = ("blank", None)
                else:
                    expected[k] = ("number", facts[k]["value"])
            out.append([c or "" for c in row])
        rendered[table] = out
    lines = [f"{gold['agency']}{gold['year']}年政府信息公开工作年度报告", "",
             "一、总体情况", "", "本年度我单位认真贯彻《中华人民共和国政府信息公开条例》。", "",
             "二、主动公开政府信息情况", ""] + _format(rendered["active"], layout) + [
             "", "三、收到和处理政府信息公开申请情况", ""] + _format(rendered["requests"], layout) + [
             "", "四、政府信息公开行政复议、行政诉讼情况", ""] + _format(rendered["review"], layout) + [
             "", "五、存在的主要问题及改进情况", "", "一是公开内容有待丰富。", "",
             "六、其他需要报告的事项", "", "无。", "", gold["agency"], "", f"{gold['year'] + 1}年1月15日"]
    text = "\n".join(lines) + "\n"
    if labels == "traditional":
        text = _s2t(text)
    return text, expected


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _converter().convert(text)


def check(report, expected: dict) -> tuple[list[str], int, int]:
    """(wrong cells, cells read right, cells printed): a wrong cell is another number, a false blank,
    a number for a printed blank, or a value for a cell that is not in the text."""
    wrong, right, printed = [], 0, 0
    for key, want in expected.items():
        f = report.fact(key)
        got = (f.state.value, f.value) if f is not None else ("missing", None)
        if want is not None:
            printed += 1
        if got[0] in ("not_read", "unreadable"):
            continue
        if want is not None and got == want:
            right += 1
            continue
        wrong.append(f"{key}: got {got}{' raw ' + repr(f.raw) if f is not None else ''} want {want}")
    return wrong, right, printed
