"""app_support without Streamlit: formatting, quote highlighting, charts, candidates, filters, the CSV
export and the upload checks."""
from __future__ import annotations

import csv
import io

import pytest

from app_support import answers, catalog as cat, uploads
from ingest import exports
from qa.models import Answer, Candidate, Citation, Item, Plan


@pytest.mark.parametrize("value, unit, shown", [
    (475976.05, "yuan", "475,976.05 元"), (60248.0, "yuan", "60,248 元"), (25.0, "percent", "25.0%"),
    (4.0, "count", "4"), (0, "count", "0"), (True, None, "是 Yes"), (False, None, "否 No"), (None, None, ""),
])
def test_format_value(value, unit, shown):
    assert answers.format_value(value, unit) == shown


def test_md_escape_keeps_text_literal():
    assert answers.md_escape("成本$5 *重点* <b>") == r"成本\$5 \*重点\* \<b\>"


SECTION = "#### 五、存在的主要问题\n\n一是**答复**水平有待提高。加强 研学。二是细化内容。\n\n另一段。"


def test_locate_ignores_whitespace_and_markdown_marks():
    start, end = answers.locate(SECTION, "一是答复水平有待提高。")
    assert SECTION[start:end] == "一是**答复**水平有待提高。"
    assert answers.locate(SECTION, "不在文中") is None


def test_highlight_marks_quotes_in_their_paragraph_and_escapes():
    snippets = answers.highlight(SECTION, ["一是答复水平有待提高。", "二是细化内容。", "<script>丢失</script>"])
    assert snippets[0] == "<mark>一是**答复**水平有待提高。</mark>加强 研学。<mark>二是细化内容。</mark>"
    assert "####" not in snippets[0] and "另一段" not in snippets[0]
    assert snippets[1] == "<mark>&lt;script&gt;丢失&lt;/script&gt;</mark>"


def _answer(**kw) -> Answer:
    return Answer(question=kw.pop("question", "q"), status=kw.pop("status", "answered"), text="t", **kw)


def test_chart_kinds_follow_the_intent():
    two = [Item(label="甲", value=1.0, year=2020), Item(label="乙", value=3.0, year=2020)]
    assert answers.chart(_answer(items=two, plan=Plan(intent="rank")))[0] == "bar"
    assert answers.chart(_answer(items=two, plan=Plan(intent="lookup"))) is None
    trend = [Item(label="甲", value=1.0, year=2019), Item(label="甲", value=2.0, year=2020)]
    kind, rows = answers.chart(_answer(items=trend, plan=Plan(intent="trend")))
    assert kind == "line" and [r["year"] for r in rows] == ["2019", "2020"]
    assert answers.chart(_answer(items=trend[:1], plan=Plan(intent="trend"))) is None
    assert answers.chart(_answer(items=trend))[0] == "line"  # no plan: one agency over years


def test_candidates_reask_with_the_chosen_name():
    plan = Plan(intent="lookup", ambiguous=[Candidate(mention="鼓楼区", label="福建省福州市鼓楼区"),
                                            Candidate(mention="鼓楼区", label="江苏省南京市鼓楼区")])
    answer = _answer(question="鼓楼区收到多少件申请？", status="ambiguous", plan=plan)
    assert answers.candidate_questions(answer) == [("福建省福州市鼓楼区", "福建省福州市鼓楼区收到多少件申请？"),
                                                    ("江苏省南京市鼓楼区", "江苏省南京市鼓楼区收到多少件申请？")]


def test_view_of_a_table_answer(sample_db):
    catalog = cat.Catalog.load(sample_db)
    er_qi = next(r for r in catalog.reports if r["file"].startswith("004_"))
    item = Item(label="郑州市二七区统计局", report=er_qi["id"], value=60248.0, unit="yuan", year=2020)
    answer = _answer(value=60248.0, unit="yuan", plan=Plan(intent="rank", metrics=["active.procurement.amount"]),
                     items=[item],
                     citations=[Citation(file=er_qi["file"], report=er_qi["id"], key="active.procurement.amount",
                                         raw="6.0248", line=47)])
    view = answers.build_view(answer, sample_db, catalog)
    assert view.headline == ("主动公开情况 · 政府集中采购 · 采购总金额", "60,248 元")
    assert view.cells[0].row()["原文 Printed"] == "6.0248" and view.cells[0].unit_assumed == "万元"
    assert "“6.0248” → 万元" in view.guessed
    assert view.items == [{"单位 Agency": "郑州市二七区统计局", "年份 Year": 2020, "数值 Value": "60,248 元",
                           "来源 Source": f"{er_qi['file']} 第47行 “6.0248”"}]


def test_a_groups_members_listed_keep_their_agency(sample_db):
    # (以哪几类理由不予公开: each row is one ground; the agency column still names the report's agency)
    from qa.api import answer as ask
    from nianbao.config import Settings

    got = ask("温泉街道2020年是以哪几类理由作出不予公开的？", settings=Settings(db=sample_db))
    assert got.status == "answered" and got.plan.members
    rows = answers.item_rows(got, cat.Catalog.load(sample_db))
    assert rows and all(r["单位 Agency"].endswith("温泉街道办事处") for r in rows)
    assert [r["项 Item"] for r in rows] == [i.label for i in got.items]


def test_filters_pick_reports(sample_db):
    catalog = cat.Catalog.load(sample_db)
    assert cat.Filters().report_ids(catalog) is None
    assert "浙江省 / 宁波市" in catalog.regions() and "福建省" in catalog.regions()
    fujian = cat.Filters(regions=("福建省",)).report_ids(catalog)
    assert sorted(catalog.by_id(i)["file"][:3] for i in fujian) == ["000", "003"]
    both = cat.Filters(years=(2020,), regions=("浙江省",)).report_ids(catalog)
    assert [catalog.by_id(i)["file"][:3] for i in both] == ["001"]
    assert cat.Filters(years=(2021,)).report_ids(catalog) == []


def test_facts_csv_follows_the_filters(sample_db):
    catalog = cat.Catalog.load(sample_db)
    ids = cat.Filters(years=(2019,)).report_ids(catalog)
    data = cat.to_csv(cat.fact_export_rows(sample_db, ids))
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs read the Chinese
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(exports.fact_rows(sample_db, ids[0])) and {r["year"] for r in rows} == {"2019"}
    amount = next(r for r in rows if r["key"] == "active.procurement.amount")
    assert amount["raw"] == "475976.05元" and amount["label"] == "主动公开情况 · 政府集中采购 · 采购总金额"


@pytest.mark.parametrize("name, data, why", [
    ("report.txt", "年报".encode(), None),
    ("REPORT.DOCX", b"PK\x03\x04rest", None),
    ("setup.exe", b"MZ", "unsupported file type"),
    ("noext", b"text", "（无扩展名）"),
    ("empty.md", b"  \n", "empty"),
    ("fake.pdf", b"<html>", "not PDF"),
    ("fake.docx", b"%PDF-1.7", "not DOCX"),
])
def test_refusal_says_why(name, data, why):
    got = uploads.refusal(name, data)
    assert (got is None) if why is None else (why in got)


def test_refusal_of_a_file_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 10)
    assert "too large" in uploads.refusal("big.txt", b"x" * 11)


def test_safe_name_drops_folders_and_odd_characters():
    assert uploads.safe_name("../../etc/passwd") == "passwd"
    assert uploads.safe_name("C:\\年报\\鼓楼:2020?.txt") == "鼓楼_2020_.txt"
    assert uploads.safe_name("...") == "upload"


def test_report_grid_shows_cells_not_read_as_not_read_never_blank():
    from app_support.reports import table_grids
    from ingest.parse import parse_text
    from tests.support.perturb import render_perturbed
    from tests.support.gold import load_gold

    gold = load_gold("000_2133ae744f48d674.txt")
    text, _ = render_perturbed(gold, "pipe", "plain", "drop_rows")
    report = parse_text(text, "dropped.txt")
    unread = [f for f in report.facts if f.state.value == "not_read"]
    assert unread  # rows were dropped
    grids = table_grids(report)
    states = [s for g in grids for row in g.states.values.tolist() for s in row]
    cells = [c for g in grids for row in g.cells.values.tolist() for c in row]
    assert states.count("not_read") == len(unread)
    assert cells.count("未读出") == states.count("not_read")
    assert any("未读出 not read" in g.counts() for g in grids)


def test_report_list_shows_unknown_metadata_as_a_dash_never_none(tmp_path):
    from app_support.reports import report_table_rows
    from ingest.pipeline import ingest_paths
    from tests.support.gold import FIXTURES

    page = FIXTURES / "wild" / "pages" / "101_shenzhen-longgang-qzfbm_2024.txt"  # prints no agency name
    assert not ingest_paths([page], tmp_path / "db", index_passages=False).failed
    rows = report_table_rows(exports.report_rows(tmp_path / "db"))
    assert rows and all(v is not None and v != "None" for row in rows for k, v in row.items() if k != "年份 Year")
    assert rows[0]["单位 Agency"].startswith("—")


def test_the_launcher_is_streamlits_command_line():
    """scripts/app.sh starts the chat through app_support.launch (Streamlit's CLI with the model's imports
    started in the background): it must behave as the `streamlit` command does."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "app_support.launch", "version"], cwd=root, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and "Streamlit, version" in out.stdout, out.stderr[-2000:]


def test_the_headline_label_says_what_kind_of_value_it_is(ingested_db):
    """A yes/no is labelled as one (it was shown as a 'number of reports'); a date as the published date."""
    from qa.api import answer

    yes = answer("温泉街道2020年的数据对得上吗？", db_dir=ingested_db)
    assert isinstance(yes.value, bool) and answers.metric_label(yes) == "判断 Yes / no", yes.text
    when = answer("When was the Lucheng statistics bureau's 2020 report published?", db_dir=ingested_db)
    assert when.value == "2021-01-12" and answers.metric_label(when) == "发布日期 Published", when.text
    count = answer("行政处罚决定超过5件的年报有几份？", db_dir=ingested_db)
    assert answers.metric_label(count) == "年报数 Number of reports", count.text
    undated = answer("哪几份年报落款没写日期？", db_dir=ingested_db)  # a count of reports, not a date
    assert answers.metric_label(undated) == "年报数 Number of reports" and undated.value == 2, undated.text
    agencies = answer("Which agencies have no date printed under their signature?", db_dir=ingested_db)
    assert answers.metric_label(agencies) == "单位数 Number of agencies", agencies.text


def test_a_source_without_section_or_cell_is_the_file(ingested_db):
    from qa.api import answer

    got = answer("When was the Lucheng statistics bureau's 2020 report published?", db_dir=ingested_db)
    sources = [r["来源 Source"] for r in answers.item_rows(got, cat.Catalog.load(ingested_db))]
    assert sources == ["001_19df74b8cb7281a4.txt"], sources  # the file, no "第None部分"


def test_groups_and_text_figures_are_labelled_as_what_they_are(ingested_db):
    """A total per province is a group's row (no agency, no year); a count of agencies is labelled as one."""
    from qa.api import answer

    grouped = answer("按省份汇总政府集中采购金额，从高到低排一下", db_dir=ingested_db)
    rows = answers.item_rows(grouped, cat.Catalog.load(ingested_db))
    assert rows and all(set(r) == {"分组 Group", "数值 Value", "说明 Note"} for r in rows), rows
    assert [r["分组 Group"] for r in rows] == [i.label for i in grouped.items]
    one = answer("哪个省的政府集中采购金额合计最高？", db_dir=ingested_db)
    assert "按省份合计" in answers.metric_label(one), answers.metric_label(one)
    agencies = answer("行政处罚决定超过5件的单位有几家？", db_dir=ingested_db)
    assert answers.metric_label(agencies) == "单位数 Number of agencies", agencies.text


def test_two_figures_of_one_report_are_told_apart(ingested_db):
    """A against B of one report (行政处罚上一年项目数量比处理决定数量少多少): each row says which figure it is and cites
    that figure's own cell; the chart labels the figures, not the one agency twice."""
    from qa.api import answer

    got = answer("鹿城区统计局行政处罚上一年项目数量比处理决定数量少多少", db_dir=ingested_db)
    rows = answers.item_rows(got, cat.Catalog.load(ingested_db))
    assert got.status == "answered" and len(rows) == 2, got.text
    assert len({r["数据项 Figure"] for r in rows}) == 2 and len({r["来源 Source"] for r in rows}) == 2, rows
    assert [r["数值 Value"] for r in rows] == ["8", "23"], rows  # the gold's prev_items and decisions
    kind, points = answers.chart(got)
    assert len({p["label"] for p in points}) == 2, points
    assert all("key" in i for i in got.contract()["items"])  # the items name their figures in the JSON too
    one = answer("鹿城区统计局2020年行政处罚决定多少件", db_dir=ingested_db)
    assert all("key" not in i for i in one.contract()["items"])  # (an item of one figure per report: no key)


def test_the_figure_a_ranking_picks_cites_its_own_cell(ingested_db):
    """采购项目最多的单位花了多少钱: the row shows the amount and its source is the amount's cell, not the projects
    cell the ranking cited first."""
    from qa.api import answer

    got = answer("采购项目最多的单位花了多少钱", db_dir=ingested_db)
    rows = answers.item_rows(got, cat.Catalog.load(ingested_db))
    assert got.status == "answered" and len(rows) == 1, got.text
    cell = next(c for c in got.citations if c.key == "active.procurement.amount")
    assert f"“{cell.raw}”" in rows[0]["来源 Source"], rows


def test_years_are_listed_as_years(ingested_db):
    """Which years … fail a check: a year column (not agencies named 2023), and the year itself as the headline
    when there is one (a count of years when there are several)."""
    from qa.api import answer

    got = answer("Which years have reports whose procurement unit was guessed?", db_dir=ingested_db)
    rows = answers.item_rows(got, cat.Catalog.load(ingested_db))
    assert got.plan.list_years and rows == [{"年份 Year": "2020"}], rows  # the three guessed units are 2020's
    assert answers.metric_label(got) == "年份 Year" and answers.format_value(got.value, got.unit) == "2020"
    several = answer("Which years have reports in the database with a procurement table?", db_dir=ingested_db)
    if several.plan.list_years and len(several.items) > 1:
        assert answers.metric_label(several) == "年份数 Number of years" and several.value == len(several.items)
