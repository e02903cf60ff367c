"""Hand-made reports for vectorstore tests (no parser involved)."""
from __future__ import annotations

from typing import Optional

from nianbao.models import CellState, Fact, Region, Report, Section, SubPart

LONG_SENTENCE = "本单位加强政府信息公开培训，定期组织学习《中华人民共和国政府信息公开条例》，提高干部的公开意识。"


def _section(lines: list[str], number: str, start: int, end: int, subparts: Optional[list[SubPart]] = None) -> Section:
    return Section(number=number, heading=lines[start - 1].strip(), start_line=start, end_line=end,
                   text="\n".join(lines[start - 1:end]), subparts=subparts or [])


def make_report(rid: str = "r1", agency: str = "温州市鹿城区统计局", year: int = 2020, long_one: int = 1,
                province: str = "浙江省", city: str = "温州市", county: str = "鹿城区") -> Report:
    """A small report with all six sections; `long_one` repeats a sentence to make section 一 long."""
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",              # 1
        "一、总体情况",                                        # 2
        "（一）主动公开。全年主动公开政府信息7条。",               # 3
        LONG_SENTENCE * long_one,                             # 4
        "（二）依申请公开。全年收到申请4件，予以公开1件。",          # 5
        "二、主动公开政府信息情况",                               # 6
        "第二十条第（一）项\t\t\t",                              # 7
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",     # 8
        "规章\t0\t0\t0",                                       # 9
        "行政处罚\t11\t0\t1",                                   # 10
        "加大统计执法力度，全年共立案查处6起提供不真实统计资料违法案件，罚款总额达到2.4万。",  # 11
        "三、收到和处理政府信息公开申请情况",                       # 12
        "\t一、本年新收政府信息公开申请数量",                       # 13
        "\t4",                                                # 14
        "四、政府信息公开行政复议、行政诉讼情况",                    # 15
        "| 0 | 0 | 0 | 0 | 0 |",                              # 16
        "五、存在的主要问题及改进情况",                             # 17
        "一是信息公开范围单一；二是发布格式有待规范。",               # 18
        "六、其他需要报告的事项",                                  # 19
        "无",                                                  # 20
    ]
    sections = [
        _section(lines, "一", 2, 5, [SubPart(heading="（一）主动公开", start_line=3, end_line=4),
                                    SubPart(heading="（二）依申请公开", start_line=5, end_line=5)]),
        _section(lines, "二", 6, 11), _section(lines, "三", 12, 14), _section(lines, "四", 15, 16),
        _section(lines, "五", 17, 18), _section(lines, "六", 19, 20),
    ]
    facts = [
        Fact(table="active", row="penalty", col="decisions", value=1, state=CellState.NUMBER, raw="1", line=10),
        Fact(table="requests", row="new", col="total", value=4, state=CellState.NUMBER, raw="4", line=14),
        Fact(table="requests", row="granted", col="total", value=None, state=CellState.BLANK, raw="", line=14),
    ]
    return Report(id=rid, file=f"{rid}.txt", agency=agency, agency_full=agency, year=year, template="2019",
                  region=Region(province=province, city=city, county=county), lines=lines, sections=sections,
                  facts=facts)
