"""Which lines are table rows (skipped) and which are prose (embedded)."""
from __future__ import annotations

import pytest

from vectorstore.tables import is_table_line


@pytest.mark.parametrize("line", [
    "规章\t0\t0\t0", "\t0", "\t475976.05元", "00", "| 行政处罚 | 10 | 0 | 0 |", "|----|----|",
    "\t规范性文件", "制作数量", "\t（一）予以公开", "\t1.属于国家秘密", "第二十条第（一）项\t\t\t",
    "\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "开\t法规禁止公开\t\t\t",
])
def test_table_lines(line):
    assert is_table_line(line, table_section=True)


@pytest.mark.parametrize("line", [
    "完善公文制发规程。认真落实公文公开属性源头认定机制，在拟制公文时，明确主动公开、依申请公开、不予公开等属性。",
    "加大统计执法力度，全年共立案查处6起提供不真实统计资料违法案件，罚款总额达到2.4万,均执行完毕，无一起提起行政诉讼和行政复议。",
])
def test_prose_lines_in_table_sections(line):
    assert not is_table_line(line, table_section=True)


def test_short_lines_are_prose_outside_table_sections():
    assert not is_table_line("无", table_section=False)
    assert not is_table_line("（一）强化组织保障", table_section=False)
    assert is_table_line("\t0", table_section=False)
