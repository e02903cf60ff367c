"""PDF, HTML and Word readers: real PDFs against their gold, and HTML pages / Word documents built
from the gold of the sample reports (real tables with merged cells, page chrome, GBK) parsed back."""
from __future__ import annotations

import functools
import html
import os
import time

import pytest

from ingest.parse import parse_file, parse_text
from nianbao import keys
from nianbao.errors import BadReportFile
from tests.support.gold import FIXTURES, SAMPLE_FILES, load_gold

PDFS = ("hongze-qu-gov-2023", "hongze-qu-gov-2024")
GOLDS = tuple(SAMPLE_FILES) + PDFS  # the PDFs' gold doubles as the 2021-template case for HTML and Word
META_FIELDS = ("agency", "province", "city", "county", "township", "year", "template", "published")
AGENCY_FIX = ("ingest/metadata.py: the body names 淮安市洪泽区人民政府办公室 in `请与…联系`, but _CONTACT only "
              "knows `可与…联系`; remove this mark when the change requested in the readers report lands")


def wrong_cells(report, gold: dict) -> list[str]:
    wrong = []
    for key, g in gold["facts"].items():
        f = report.fact(key)
        if f is None or (f.state.value, f.value) != (g["state"], g["value"]):
            wrong.append(f"{key}: got {f and (f.value, f.state.value, f.raw)} want {(g['value'], g['state'])}")
    return wrong


# ---- real PDFs -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def parsed_pdf(name: str):
    start = time.perf_counter()
    report = parse_file(FIXTURES / "pdf" / f"{name}.pdf")
    print(f"\n{name}.pdf parsed in {time.perf_counter() - start:.2f} s")
    return report


@pytest.mark.parametrize("name", PDFS)
def test_pdf_cells_match_gold(name):
    gold = load_gold(name)
    wrong = wrong_cells(parsed_pdf(name), gold)
    assert not wrong, "\n".join(wrong)
    assert len(gold["facts"]) == 207


def _meta_params():
    for name in PDFS:
        for field in META_FIELDS:
            yield pytest.param(name, field, id=f"{name[-4:]}-{field}")


@pytest.mark.parametrize("name,field", list(_meta_params()))
def test_pdf_metadata_matches_gold(name, field):
    report = parsed_pdf(name)
    got = getattr(report.region, field) if field in ("province", "city", "county", "township") else getattr(report, field)
    assert got == load_gold(name)[field]


def test_pdf_2023_fails_r4_as_printed_and_fees_are_in_wan_yuan():
    report = parsed_pdf(PDFS[0])
    r4 = {f.cells[-1] for f in report.findings if f.rule == "R4"}
    assert r4 == {"review.reconsideration.total", "review.lawsuit_after_review.total"}
    assert not [f for f in report.findings if f.rule in ("R1", "R2", "R3")]
    fees = report.fact("active.fees.amount")
    assert (fees.value, fees.unit_printed, fees.raw) == (77302800, "万元", "7730.28")


def test_pdf_2024_narrative_contradicts_table():
    report = parsed_pdf(PDFS[1])
    narrative = [f for f in report.findings if f.rule == "narrative"]
    assert [(f.printed, f.expected, f.cells) for f in narrative] == [(17, 95, ["requests.new.total"])]
    assert not [f for f in report.findings if f.rule.startswith("R")]


def test_pdf_text_has_no_page_numbers_and_joined_paragraphs():
    lines = parsed_pdf(PDFS[1]).lines
    assert not [ln for ln in lines if ln.strip().startswith("- ")]
    assert any("区政府办代表区政府受理政府信息公开申请17件" in ln.replace(" ", "") for ln in lines)  # 2 lines in print
    assert "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0" in "\n".join(lines)  # row after the page break


def test_pdf_page_furniture_dropped_paragraph_and_table_joined_over_page_break():
    from ingest.formats.pdf_flow import Grid, Line, PageContent, assemble

    def line(page, top, text, x0=74.0, x1=518.0):
        return Line(page=page, top=top, bottom=top + 16, x0=x0, x1=x1, size=16, text=text)

    header = [["（本列数据的勾稽关系为…）", None, "申请人情况"], [None, None, "自然人"]]
    pages = [PageContent(index=i, height=842, lines=[
        line(i, 40, "某某区2023年政府信息公开工作年度报告", 200, 400), line(i, 800, f"- {i + 1} -", 280, 310)])
        for i in range(3)]
    pages[0].lines += [line(0, 100, "三、收到和处理政府信息公开申请情况", 106, 380),
                       line(0, 130, "本年度全区各单位依申请公开办理情况如下，", 106),  # indented: a new paragraph
                       line(0, 160, "共受理政府信息公开申请")]  # runs to the right margin: goes on
    pages[1].lines += [line(1, 90, "17件。", 74, 140)]  # flush left on the next page: the same paragraph
    pages[1].grids = [Grid(page=1, top=120, bottom=780, rows=header + [["一、本年新收", None, "17"]])]
    pages[2].grids = [Grid(page=2, top=90, bottom=300, rows=header + [["四、结转下年度继续办理", None, ""]])]
    lines = assemble(pages)
    assert lines == ["三、收到和处理政府信息公开申请情况",
                     "本年度全区各单位依申请公开办理情况如下，共受理政府信息公开申请17件。",
                     "（本列数据的勾稽关系为…）\t\t申请人情况", "\t\t自然人", "一、本年新收\t\t17",
                     "四、结转下年度继续办理\t\t"]


@pytest.mark.parametrize("name", PDFS)
def test_pdf_tables_read_from_glyph_positions_alone_match_gold(name):
    """Without the ruling lines (tables drawn without rules) cells are split at the gaps between glyphs."""
    from ingest.formats.pdf import read_pdf

    gold = load_gold(name)
    report = parse_text(read_pdf(FIXTURES / "pdf" / f"{name}.pdf", use_rules=False), file=f"{name}.pdf")
    wrong = wrong_cells(report, gold)
    assert not wrong, "\n".join(wrong)


def test_bench_pdf_reports_time_per_page():
    from ingest.formats import bench_pdf

    line = bench_pdf(repeat=1)
    print("\n" + line)
    assert line.startswith("PDF: 10 pages in") and "ms per page" in line


# ---- the national template as spans (text, rowspan, colspan), for HTML and Word -------------------

def _v(facts: dict, key: str) -> str:
    f = facts[key]
    return "" if f["state"] == "blank" else (f.get("raw") or str(f["value"])).strip("\u00a0")


BLOCKS = {"rules": "（一）", "licensing": "（五）", "penalty": "（六）", "fees": "（八）", "procurement": "（九）"}
NARROW = {"fees": ("上一年项目数量", "本年增/减"), "procurement": ("采购项目数量", "采购总金额")}


def active_spans(gold: dict, mismatch: bool = False) -> list[list[tuple]]:
    """Section 二 as span rows. `mismatch`: value rows merge their cells over other columns than
    the header row does (the header merges its last title, the values their first cell), as real
    government pages do."""
    facts, rows, head = gold["facts"], [], None
    for spec in keys.active_rows(gold["template"]):
        if spec.key in BLOCKS:
            rows.append([(f"第二十条第{BLOCKS[spec.key]}项", 1, 4)])
            titles = NARROW.get(spec.key) if gold["template"] == "2019" else None
            titles = titles or tuple(keys.COL_LABELS[c] for c in spec.cols)
            if gold["template"] == "2021" and spec.key != "rules":
                titles = ("本年收费金额（单位：万元）",) if spec.key == "fees" else ("本年处理决定数量",)
            head = [(t, 1, 1) for t in titles[:-1]] + [(titles[-1], 1, 4 - len(titles))]
            rows.append([("信息内容", 1, 1)] + head)
        values = [_v(facts, f"active.{spec.key}.{c}") for c in spec.cols]
        spans = [h[2] for h in head][::-1 if mismatch else 1]
        rows.append([(spec.label, 1, 1)] + [(v, 1, n) for v, n in zip(values, spans)])
    return rows


GROUPS = {"granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
          "withheld": "（三）不予公开", "unavailable": "（四）无法提供", "declined": "（五）不予处理",
          "other": "（六）其他处理", "handled": "（七）总计"}
TOP = {"new": "一、本年新收政府信息公开申请数量", "carried_in": "二、上年结转政府信息公开申请数量",
       "carried_out": "四、结转下年度继续办理"}


def request_spans(gold: dict) -> list[list[tuple]]:
    facts = gold["facts"]
    undivided = facts.get("requests.other.person", {}).get("state") not in (None, "absent")
    order = [k for k, _ in keys.request_rows(gold["template"]) if not (undivided and k.startswith("other_"))]
    if undivided and "other" not in order:
        order.insert(order.index("handled"), "other")
    labels = dict(keys.REQUEST_ROWS_2019 + keys.REQUEST_ROWS_2021)
    outcomes = [k for k in order if k not in TOP]
    rows = [[("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
            [(t, 1, 1) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]]
    for key in order:
        values = [(_v(facts, f"requests.{key}.{c}"), 1, 1) for c in keys.REQUEST_COLS]
        group = key.split("_")[0]
        if key in TOP:
            label = [(TOP[key], 1, 3)]
        elif group not in GROUPS or key == group:
            label = [(GROUPS[key], 1, 2)]
        else:
            siblings = [k for k in outcomes if k.split("_")[0] == group]
            child = f"{siblings.index(key) + 1}.{labels[key].split('·')[1]}"
            label = ([(GROUPS[group], len(siblings), 1)] if key == siblings[0] else []) + [(child, 1, 1)]
        if key == outcomes[0]:
            label = [("三、本年度办理结果", len(outcomes), 1)] + label
        rows.append(label + values)
    return rows


def review_spans(gold: dict) -> list[list[tuple]]:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    values = [(_v(gold["facts"], f"review.{r}.{c}"), 1, 1) for r, _ in keys.REVIEW_ROWS for c in keys.REVIEW_COLS]
    return [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            [(h, 2, 1) for h in heads] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
            [(h, 1, 1) for h in heads * 2], values]


def report_parts(gold: dict, mismatch: bool = False) -> list:
    """Paragraph strings and tables (lists of span rows), in report order."""
    agency = gold["agency"]
    return [f"{agency}{gold['year']}年政府信息公开工作年度报告", "一、总体情况",
            "本年度我单位认真贯彻《中华人民共和国政府信息公开条例》。", "二、主动公开政府信息情况",
            active_spans(gold, mismatch),
            "三、收到和处理政府信息公开申请情况", request_spans(gold), "四、政府信息公开行政复议、行政诉讼情况",
            review_spans(gold), "五、存在的主要问题及改进情况", "一是公开内容有待丰富。", "六、其他需要报告的事项",
            "无。", agency, "2021年1月15日"]


# ---- HTML pages ------------------------------------------------------------------------------------

def _td(text: str, rowspan: int, colspan: int) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    inner = html.escape(text).replace("结果", "结果<br/>", 1) if len(text) == 4 else html.escape(text)
    return f'<td{attrs} valign="middle"><p align="center"><span>{inner or "&nbsp;"}</span></p></td>'


def html_page(gold: dict, charset_tag: str, layout_table: bool = False, mismatch: bool = False) -> str:
    body = []
    for part in report_parts(gold, mismatch):
        if isinstance(part, list):
            rows = "".join("<tr>" + "".join(_td(*span) for span in row) + "</tr>" for row in part)
            body.append(f'<table border="1" cellspacing="0"><tbody>{rows}</tbody></table>')
        else:
            body.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{html.escape(part)}\n</p>')
    body[0] = f"<h1>{html.escape(report_parts(gold)[0])}</h1>"
    content = "\n".join(body)
    if layout_table:
        content = f'<table width="100%"><tr><td>{content}</td></tr></table>'
    return f"""<!DOCTYPE html><html><head>{charset_tag}<title>年报_某某市人民政府</title>
<style>.nav{{color:red}}</style><script>var 当前位置 = "首页";</script></head><body>
<div class="header"><h1 class="logo">某某市人民政府门户网站</h1><ul class="nav-list"><li>首页</li><li>政务公开</li>
<li>依申请公开</li></ul></div><nav><a href="/">政府信息公开指南</a></nav>
<div class="crumbs-box">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 年度报告</div>
<div class="article"><div class="info">发布时间：2021-01-15 来源：本站</div><div class="TRS_Editor">{content}</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div><p>【打印本页】【关闭窗口】</p>
<p>上一篇：某某区统计局2019年政府信息公开工作年度报告</p></div>
<div id="footer">主办：某某市人民政府办公室 网站标识码：3201000001 版权所有</div>
<script>document.write("某某市人民政府");</script></body></html>"""


HTML_VARIANTS = {  # name: (charset tag, encoding, layout table)
    "utf8-meta": ('<meta charset="utf-8">', "utf-8", False),
    "gbk-meta": ('<meta charset="gbk">', "gbk", False),
    "gbk-undeclared": ("", "gbk", False),
    "utf8-declared-gb2312": ('<meta charset="gb2312">', "utf-8", False),
    "gb2312-http-equiv-layout": ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk", True),
}


@pytest.mark.parametrize("variant", HTML_VARIANTS)
@pytest.mark.parametrize("name", GOLDS)
def test_html_page_parses_back_to_gold(tmp_path, name, variant):
    gold = load_gold(name)
    tag, encoding, layout = HTML_VARIANTS[variant]
    path = tmp_path / f"report.{'htm' if layout else 'html'}"
    path.write_bytes(html_page(gold, tag, layout).encode(encoding))
    report = parse_file(path)
    wrong = wrong_cells(report, gold)
    assert not wrong, "\n".join(wrong)
    assert (report.agency, report.year) == (gold["agency"], gold["year"])
    text = "\n".join(report.lines)
    for chrome in ("当前位置", "分享到", "某某市", "上一篇", "打印", "var "):
        assert chrome not in text


@pytest.mark.parametrize("name", GOLDS)
def test_html_value_cells_merged_over_other_columns_than_the_header(tmp_path, name):
    """A real government page family: `采购总金额` merged over two columns in the header, the value
    row merging `采购项目数量`'s cell instead (`5` over two columns, then `251000元`)."""
    gold = load_gold(name)
    path = tmp_path / "report.html"
    path.write_text(html_page(gold, '<meta charset="utf-8">', mismatch=True), encoding="utf-8")
    report = parse_file(path)
    wrong = wrong_cells(report, gold)
    assert not wrong, "\n".join(wrong)
    assert not [f.key for f in report.facts if f.state.value == "not_read"]


# ---- Word documents ----------------------------------------------------------------------------------

def docx_document(gold: dict, path, mismatch: bool = False) -> None:
    import docx

    doc = docx.Document()
    for part in report_parts(gold, mismatch):
        if not isinstance(part, list):
            doc.add_paragraph(part)
            continue
        placed, width = _place(part)
        table = doc.add_table(rows=len(part), cols=width)
        grid = [list(row.cells) for row in table.rows]  # table.cell() rescans the table on every call
        for (r, c), (text, rowspan, colspan) in placed.items():
            cell = grid[r][c]
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(grid[r + rowspan - 1][c + colspan - 1])
            if text:
                cell.text = text
    doc.save(str(path))


def _place(rows: list[list[tuple]]) -> tuple[dict, int]:
    """Grid positions of the spans (as a browser lays out rowspan/colspan)."""
    taken: set = set()
    placed = {}
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            placed[(r, c)] = (text, rowspan, colspan)
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            c += colspan
    return placed, max(c for _, c in taken) + 1


@pytest.mark.parametrize("name", GOLDS)
def test_docx_with_merged_cells_parses_back_to_gold(tmp_path, name):
    gold = load_gold(name)
    docx_document(gold, tmp_path / "report.docx")
    report = parse_file(tmp_path / "report.docx")
    wrong = wrong_cells(report, gold)
    assert not wrong, "\n".join(wrong)
    assert (report.agency, report.year) == (gold["agency"], gold["year"])
    sections = [s.number for s in report.sections]
    assert sections == ["一", "二", "三", "四", "五", "六"]


@pytest.mark.parametrize("name", GOLDS)
def test_docx_value_cells_merged_over_other_columns_than_the_header(tmp_path, name):
    gold = load_gold(name)
    docx_document(gold, tmp_path / "report.docx", mismatch=True)
    wrong = wrong_cells(parse_file(tmp_path / "report.docx"), gold)
    assert not wrong, "\n".join(wrong)


def test_docx_saved_as_doc_is_read_for_what_it_is(tmp_path):
    docx_document(load_gold(SAMPLE_FILES[0]), tmp_path / "report.doc")
    assert parse_file(tmp_path / "report.doc").fact("requests.new.total").value == 1


# ---- bad files ------------------------------------------------------------------------------------

def _image_only_pdf(path, blank: bool) -> None:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(FIXTURES / "pdf" / f"{PDFS[0]}.pdf")
    out = pdfium.PdfDocument.new()
    page = out.new_page(595, 842)
    if not blank:  # a "scan": the first page rendered to pixels, no text layer
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(src[0].render(scale=1))
        image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(image)
        page.gen_content()
    out.save(str(path))


def _encrypted_pdf(path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(FIXTURES / "pdf" / f"{PDFS[0]}.pdf"))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    writer.write(str(path))


BAD = {
    "scan.pdf": (lambda p: _image_only_pdf(p, blank=False), "no text layer"),
    "blank.pdf": (lambda p: _image_only_pdf(p, blank=True), "no text layer"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted with a password"),
    "random.pdf": (lambda p: p.write_bytes(os.urandom(4000)), "not a PDF"),
    "corrupt.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(4000)), "damaged"),
    "random.docx": (lambda p: p.write_bytes(os.urandom(4000)), "not a Word .docx"),
    "corrupt.docx": (lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(4000)), "damaged"),
    "legacy.doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)),
                   "libreoffice --headless --convert-to docx legacy.doc"),
    "empty.html": (lambda p: p.write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8"), "no text"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_file_gives_a_clear_reason(tmp_path, name):
    make, reason = BAD[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(BadReportFile) as e:
        parse_file(path)
    assert reason in e.value.reason
    assert e.value.path == str(path)
