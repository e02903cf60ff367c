"""The Streamlit app through AppTest: first run on an empty store, the chat (table, passage, follow-up and
ambiguous questions), uploads, the pages, and errors shown as messages (never a traceback)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app_support.catalog import Catalog
from ingest import exports
from ingest.pipeline import ingest_paths
from nianbao.config import SAMPLES_DIR, load_settings
from tests.app.apphelpers import EMBEDDER, ask, new_app, no_errors, open_page, texts

RANK_QUESTION = "Which district spent most on procurement?"


def nanjing_gulou(folder: Path) -> Path:
    """A second 鼓楼区统计局 (南京市, 江苏省): the sample of 福州市鼓楼区统计局 with its places renamed."""
    text = (SAMPLES_DIR / "000_2133ae744f48d674.txt").read_text(encoding="utf-8")
    for old, new in (("福州市", "南京市"), ("福州", "南京"), ("福建省", "江苏省"), ("福建", "江苏")):
        text = text.replace(old, new)
    path = folder / "nanjing_gulou_2020.txt"
    path.write_text(text, encoding="utf-8")
    return path


def table_rows(at, index: int = 0) -> list[dict]:
    return at.table[index].value.to_dict("records")


def test_first_run_on_an_empty_store_ingests_the_samples(tmp_path, use_db):
    db = use_db(tmp_path / "fresh")
    at = new_app().run()
    no_errors(at)
    assert at.status and "示例年报" in at.status[0].label and "5" in at.status[0].label
    assert len(at.progress) == 1
    assert len(Catalog.load(db).reports) == 5
    assert "**5** 份年报 reports" in at.sidebar.markdown[0].value
    examples = [b.label for b in at.button]
    assert RANK_QUESTION in examples and any("统计局" in e for e in examples)  # English and Chinese
    at.run()  # the next run finds the store filled: no second ingest
    assert not at.status and len(Catalog.load(db).reports) == 5


def test_a_table_question_shows_value_sources_query_and_guessed_units(sample_db, use_db):
    use_db(sample_db)
    at = ask(new_app().run(), RANK_QUESTION)
    no_errors(at)
    assert "鄞州区统计局" in at.chat_message[1].markdown[0].value
    assert [m.value for m in at.metric] == ["475,976.05 元"]
    assert at.metric[0].label == "主动公开情况 · 政府集中采购 · 采购总金额"
    items = at.dataframe[0].value
    assert "鄞州区统计局" in items.iloc[0]["单位 Agency"] and "475976.05元" in items.iloc[0]["来源 Source"]
    assert [e.label for e in at.main.expander] == ["来源 Sources (5)", "查询 SQL"]
    sources = table_rows(at)
    top = sources[0]
    assert top["原文 Printed"] == "475976.05元" and top["页 · 行 Page · line"] == 91 and top["年份 Year"] == 2019
    assert top["表 · 行 · 列 Cell"] == "主动公开情况 · 政府集中采购 · 采购总金额"
    assert {r["原文 Printed"] for r in sources} == {"475976.05元", "345526", "108426.00", "75338元", "6.0248"}
    assert "SELECT" in at.code[0].value and "active.procurement.amount" in at.code[0].value
    guessed = at.warning[0].value
    assert "郑州市二七区统计局" in guessed and "“6.0248” → 万元" in guessed and "75338" not in guessed
    assert "Used 5 report(s)" in texts(at)


def test_a_passage_question_quotes_the_section_with_the_quote_highlighted(sample_db, use_db):
    use_db(sample_db)
    at = ask(new_app().run(), "温泉街道存在哪些主要问题？")
    no_errors(at)
    assert "温泉街道" in at.chat_message[1].markdown[0].value
    assert not at.metric and not at.code
    headers = [m.value for m in at.markdown if m.value.startswith("**") and "第五部分" in m.value]
    assert headers and all(h.endswith("`003_acfa5b9243423631.txt`") for h in headers)
    quotes = [h.value for h in at.html if not h.value.lstrip().startswith("<script")]  # not the follow script
    assert quotes and all("<mark>" in q and "</mark>" in q for q in quotes)
    assert any("问题" in q or "提高" in q for q in quotes)


def test_a_follow_up_uses_the_earlier_question(sample_db, use_db):
    use_db(sample_db)
    at = ask(new_app().run(), "鹿城区统计局2020年收到多少件政府信息公开申请？")
    assert [m.value for m in at.metric] == ["1"]
    at = ask(at, "那温泉街道呢？")
    no_errors(at)
    assert len(at.chat_message) == 4
    assert [m.value for m in at.metric] == ["1", "4"]
    assert "温泉街道" in at.chat_message[3].markdown[0].value
    assert table_rows(at, 1)[0]["表 · 行 · 列 Cell"].startswith("依申请公开情况 · 本年新收政府信息公开申请数量")


def test_an_ambiguous_name_offers_the_candidates_as_buttons(db_copy, use_db, tmp_path):
    settings = load_settings(db=db_copy, embed_model=EMBEDDER)
    assert not ingest_paths([nanjing_gulou(tmp_path)], db_copy, settings=settings).failed
    use_db(db_copy)
    at = ask(new_app().run(), "鼓楼区统计局收到多少件申请？")
    no_errors(at)
    assert at.info and "鼓楼区统计局" in at.info[0].value and not at.metric
    candidates = [b for b in at.button if b.key and b.key.startswith("candidate-")]
    assert sorted(b.label for b in candidates) == ["南京市鼓楼区统计局", "福州市鼓楼区统计局"]
    next(b for b in candidates if b.label == "南京市鼓楼区统计局").click()
    at.run()
    no_errors(at)
    assert at.chat_message[2].markdown[0].value == "南京市鼓楼区统计局收到多少件申请？"
    assert "南京市鼓楼区统计局" in at.chat_message[3].markdown[0].value
    assert [m.value for m in at.metric] == ["1"]


def test_upload_ingests_a_good_file_and_says_why_bad_ones_are_refused(db_copy, use_db, tmp_path):
    db = use_db(db_copy)
    at = new_app().run()
    good = nanjing_gulou(tmp_path).read_bytes()
    at.sidebar.file_uploader[0].set_value([
        ("nanjing_gulou_2020.txt", good, "text/plain"),
        ("notes.txt", "会议纪要：今天讨论了午饭。".encode(), "text/plain"),
        ("setup.exe", b"MZ\x90\x00binary", "application/octet-stream"),
        ("scan.pdf", b"not really a pdf", "application/pdf"),
    ])
    at.run()
    assert not at.exception
    assert [s.value for s in at.sidebar.success] == [
        "nanjing_gulou_2020.txt：已导入 ingested — 南京市鼓楼区统计局 2020 "
        "(template 2019; 198 of 198 cells read, confidence high)"]
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 3
    assert errors[0].startswith("notes.txt：导入失败 failed") and "annual report" in errors[0]
    assert errors[1].startswith("setup.exe：已拒绝 refused") and "unsupported file type" in errors[1]
    assert errors[2].startswith("scan.pdf：已拒绝 refused") and "not PDF" in errors[2]
    assert len(Catalog.load(db).reports) == 6
    assert "**6** 份年报 reports" in at.sidebar.markdown[0].value
    assert not (db / "uploads" / "setup.exe").exists()
    at.run()  # the uploader still holds the files: they are not ingested again
    assert len(Catalog.load(db).reports) == 6 and len(at.sidebar.success) == 1


def test_example_buttons_ask_their_question(sample_db, use_db):
    use_db(sample_db)
    at = new_app().run()
    next(b for b in at.button if b.label == RANK_QUESTION).click()
    at.run()
    no_errors(at)
    assert at.chat_message[0].markdown[0].value == answers_escaped(RANK_QUESTION)
    assert [m.value for m in at.metric] == ["475,976.05 元"]
    assert not [b for b in at.button if b.key and b.key.startswith("example-")]


def answers_escaped(text: str) -> str:
    from app_support.answers import md_escape
    return md_escape(text)


def test_a_comparison_draws_a_bar_chart(sample_db, use_db):
    use_db(sample_db)
    at = ask(new_app().run(), "比较福州市鼓楼区统计局和郑州市二七区统计局的行政处罚处理决定数量")
    no_errors(at)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    assert len(at.dataframe[0].value) == 2


def test_no_data_is_a_warning(sample_db, use_db):
    use_db(sample_db)
    at = ask(new_app().run(), "北京市海淀区统计局收到多少件申请？")
    no_errors(at)
    assert at.warning and "北京市海淀区统计局" in at.warning[0].value and not at.metric


def test_an_unexpected_failure_is_a_short_message_not_a_traceback(sample_db, use_db, monkeypatch):
    import qa.api

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail that must not be shown")
    monkeypatch.setattr(qa.api, "answer", broken)
    use_db(sample_db)
    at = ask(new_app().run(), RANK_QUESTION)
    assert not at.exception
    assert len(at.error) == 1 and "RuntimeError" in at.error[0].value
    assert "internal detail" not in at.error[0].value


def test_bad_settings_are_a_message(tmp_path, use_db, monkeypatch):
    use_db(tmp_path / "db")
    monkeypatch.setenv("NIANBAO_QUERY_TIMEOUT_S", "soon")
    at = new_app().run()
    assert not at.exception
    assert at.error and "NIANBAO_" in at.error[0].value


def test_reports_page_lists_reports_and_opens_one_with_its_tables(sample_db, use_db):
    use_db(sample_db)
    at = open_page(new_app().run(), "reports")
    no_errors(at)
    listing = at.dataframe[0].value
    assert len(listing) == 5
    yinzhou = listing[listing["单位 Agency"].str.contains("鄞州区统计局")].iloc[0]["id"]
    at.selectbox(key="open_report").set_value(yinzhou).run()
    no_errors(at)
    assert [s.value for s in at.main.subheader] == [
        "主动公开情况", "依申请公开情况", "行政复议、行政诉讼情况", "章节 Sections"]
    grids = [d.value for d in at.dataframe[1:] if "总计" in d.value.columns or "采购项目数量" in d.value.columns]
    active = grids[0]
    assert active.loc["政府集中采购", "金额"] == "475976.05元"
    first = next(e.label for e in at.main.expander if "lines" in e.label)
    assert first.startswith("一") and "一 · 一" not in first, first  # the number once
    meta = at.table[0].value
    assert "浙江省 宁波市 鄞州区" in meta.to_string()


def test_quality_page_lists_findings(sample_db, use_db):
    use_db(sample_db)
    at = open_page(new_app().run(), "quality")
    no_errors(at)
    findings = at.dataframe[0].value
    assert len(findings) == 3 and set(findings["类型 Kind"]) == {"单位为推测 (guessed unit)"}
    assert "郑州市二七区统计局" in set(findings["单位 Agency"])


def test_export_page_follows_the_filters(sample_db, use_db):
    use_db(sample_db)
    facts = exports.fact_rows(sample_db)
    per_report = len(facts) // 5
    at = open_page(new_app().run(), "export")
    no_errors(at)
    assert at.download_button and f"{len(facts)} 个单元格 cells · 5 份年报 reports" in at.caption[0].value
    at.sidebar.multiselect(key="f_years").set_value([2019]).run()
    assert f"{per_report} 个单元格 cells · 1 份年报 reports" in at.caption[0].value
    preview = at.dataframe[0].value
    assert len(preview) == per_report and set(preview["file"]) == {"002_c42cd15df52a6935.txt"}
    at.sidebar.multiselect(key="f_years").set_value([]).run()
    at.sidebar.multiselect(key="f_regions").set_value(["福建省"]).run()
    assert f"{2 * per_report} 个单元格 cells · 2 份年报 reports" in at.caption[0].value


@pytest.mark.parametrize("page", ["chat", "reports", "quality", "export"])
def test_every_page_runs_clean(sample_db, use_db, page):
    use_db(sample_db)
    at = open_page(new_app().run(), page)
    no_errors(at)
    assert at.title


def test_sidebar_filters_scope_the_question_when_qa_takes_a_scope(sample_db, use_db, monkeypatch):
    """qa.answer has no scope parameter yet; with one (`report_ids`), the app passes the filtered reports."""
    import qa.api
    from qa.models import Answer

    calls = []

    def scoped(question, history=(), settings=None, *, passages=None, report_ids=None):
        calls.append(report_ids)
        return Answer(question=question, status="answered", text="ok")
    monkeypatch.setattr(qa.api, "answer", scoped)
    use_db(sample_db)
    yinzhou = next(r["id"] for r in Catalog.load(sample_db).reports if r["year"] == 2019)
    at = new_app().run()
    at.sidebar.multiselect(key="f_years").set_value([2019]).run()
    at = ask(at, "收到多少件申请？")
    no_errors(at)
    assert calls == [[yinzhou]] and "筛选 Scope: 2019" in texts(at)
    at.sidebar.multiselect(key="f_regions").set_value(["福建省"]).run()  # 2019 and 福建省: no report
    at = ask(at, "收到多少件申请？")
    assert len(calls) == 1 and "No report matches the filters" in at.warning[0].value


def test_a_ranking_over_hundreds_of_reports_shows_the_first_rows_and_offers_all(tmp_path, use_db):
    from ingest.corpus import build_corpus
    from tests.support.gold import SAMPLE_FILES
    from tests.support.qa_store import build_store
    base = build_store(tmp_path / "base", SAMPLE_FILES)
    db = tmp_path / "corpus"
    build_corpus(base, db, 300)
    use_db(db)
    at = ask(new_app().run(), "各单位政府集中采购金额排名")
    no_errors(at)
    shown = at.main.dataframe[0].value
    assert len(shown) == 100
    assert any("显示前100项，共" in c.value for c in at.main.caption)
    labels = [b.label for b in at.main.get("download_button")]
    assert any(label.startswith("下载回执") for label in labels)
    assert any("All" in label and "rows (.csv)" in label for label in labels)
    from app_support import answers
    from qa.api import answer
    kind, bars = answers.chart(answer("各单位政府集中采购金额排名", db_dir=db))
    assert kind == "bar" and len(bars) == answers.CHART_MAX  # the first of the ranking; the table has more


def test_every_answer_has_a_receipt_with_its_question_cells_and_sql(sample_db):
    from app_support import answers
    from qa.api import answer
    catalog = Catalog.load(sample_db)
    a = answer(RANK_QUESTION, db_dir=sample_db)
    view = answers.build_view(a, sample_db, catalog)
    md = view.receipt
    assert md.startswith(f"# {RANK_QUESTION}") and "## 引用单元格 Cited cells" in md and "```sql" in md
    assert all(c.raw in md for c in view.cells if c.raw)
    full = answer(RANK_QUESTION, db_dir=sample_db, max_items=None)
    csv = answers.items_csv(full, catalog).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("单位 Agency") and len(csv.splitlines()) == len(full.items) + 1
