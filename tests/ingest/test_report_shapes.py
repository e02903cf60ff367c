"""Whole-report shapes seen in the wild, made from the gold reports: a crawler page with the report
flattened into one paragraph, and a report that numbers its parts its own way."""
from __future__ import annotations

import pytest

from ingest.parse import parse_text
from ingest.unflatten import unflatten
from tests.support.gold import load_gold
from tests.support.perturb import check, render_perturbed

GOLDS = ("000_2133ae744f48d674", "001_19df74b8cb7281a4", "002_c42cd15df52a6935", "003_acfa5b9243423631",
         "004_5206fb2196a31c52", "hongze-qu-gov-2023", "hongze-qu-gov-2024")
SECTIONS = ["一", "二", "三", "四", "五", "六"]


def _gold(name: str) -> dict:
    return load_gold(name if name.startswith("hongze") else f"{name}.txt")


def crawler_page(gold: dict, sep: str) -> tuple[str, dict]:
    """The report as a crawler saves it: `标题:` `发布时间:` `发布机构:`, then the whole report in one
    paragraph, cells run together (`sep=""`) or separated by single spaces."""
    text, expected = render_perturbed(gold, "scraped")
    flat = sep.join(line.strip() for line in text.split("\n") if line.strip())
    header = (f"标题: {gold['agency']}{gold['year']}年政府信息公开工作年度报告\n"
              f"发布时间: {gold['year'] + 1}-01-20 09:30\n发布机构: {gold['agency']}\n\n")
    return header + flat + "\n", expected


# Cells read of those printed (measured over the seven: 78 % run together, 83.5 % spaced; rows
# whose digits split several ways stay not read, as on any run-together table).
FLOOR = {"": 0.75, " ": 0.80}


@pytest.mark.parametrize("sep", ["", " "], ids=["run-together", "spaced"])
def test_flattened_paragraph_behind_a_crawler_header(sep):
    right = printed = 0
    for name in GOLDS:
        gold = _gold(name)
        text, expected = crawler_page(gold, sep)
        assert max(len(line) for line in text.split("\n")) > 900  # really one paragraph
        report = parse_text(text, f"{name}.flat.txt")
        wrong, ok, shown = check(report, expected)
        assert not wrong, f"{name}: " + "\n".join(wrong)
        assert (report.agency_full or report.agency, report.year) == (gold["agency"], gold["year"]) or \
            report.agency == gold["agency"], name
        assert [s.number for s in report.sections] == SECTIONS, name
        assert any("flattened" in w for w in report.warnings), name
        right, printed = right + ok, printed + shown
    assert right >= FLOOR[sep] * printed, f"{right} of {printed} read"


def test_unflatten_leaves_ordinary_reports_alone():
    for name in GOLDS:
        text, _ = render_perturbed(_gold(name), "pipe")
        lines = text.split("\n")
        assert unflatten(lines) is lines


def test_unflatten_cuts_headings_out_of_the_paragraph():
    para = ("某某区统计局2020年政府信息公开工作年度报告一、总体情况2020年，我局认真贯彻条例。（一）主动公开。全年公开信息12条。"
            "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
            "行政规范性文件101三、收到和处理政府信息公开申请情况本年新收政府信息公开申请数量1000001"
            "四、政府信息公开行政复议、行政诉讼情况000000000000000五、存在的主要问题及改进情况一是公开不够及时。"
            "六、其他需要报告的事项无。" + "本年度我局严格落实公开要求。" * 10)
    lines = unflatten([para])
    assert "一、总体情况" in lines and "二、主动公开政府信息情况" in lines
    assert "五、存在的主要问题及改进情况" in lines and "六、其他需要报告的事项" in lines
    assert "行政规范性文件101" in lines and "本年新收政府信息公开申请数量1000001" in lines
    assert "（一）主动公开。全年公开信息12条。" in lines  # a sub-heading after a sentence end
    assert any(line.startswith("2020年，我局") for line in lines)  # 2020年 is not a row's end


RENUMBER = [("六、其他需要报告", "七、其他需要报告"), ("五、存在的主要问题", "六、存在的主要问题"),
            ("四、政府信息公开行政复议", "五、政府信息公开行政复议"), ("三、收到和处理", "四、收到和处理"),
            ("二、主动公开", "三、主动公开")]


def renumbered(gold: dict, layout: str) -> tuple[str, dict]:
    """A department report with a part of its own (`二、工作机制保障`): the template's sections come
    later under other numbers."""
    text, expected = render_perturbed(gold, layout)
    for old, new in RENUMBER:
        text = text.replace(old, new)
    own = "二、工作机制保障\n\n我局成立了政务公开工作领导小组，明确专人负责。\n\n"
    return text.replace("三、主动公开", own + "三、主动公开"), expected


@pytest.mark.parametrize("layout", ["pipe", "tabs", "cells_blank", "cell_pipe"])
@pytest.mark.parametrize("name", GOLDS)
def test_report_with_its_own_part_numbering(name, layout):
    gold = _gold(name)
    text, expected = renumbered(gold, layout)
    report = parse_text(text, f"{name}.renumbered.txt")
    wrong, right, printed = check(report, expected)
    assert not wrong, "\n".join(wrong)
    assert right >= 0.96 * printed  # as without renumbering: 003 ends rows with blank totals that vanish
    assert [s.number for s in report.sections] == SECTIONS
    headings = {s.number: s.heading for s in report.sections}
    assert headings["二"].startswith("三、主动公开") and headings["六"].startswith("七、其他需要报告")
    assert "工作机制保障" in next(s for s in report.sections if s.number == "一").text
    assert not any("not found" in w for w in report.warnings)
