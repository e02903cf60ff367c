"""年报问答 nianbao: the Streamlit chat over government information-disclosure annual reports.

Session state, chat and rendering only: questions go to `qa`, files to `ingest`, and everything the
pages show comes from `app_support` (no SQL, prompts or parsing here).  Run: ./scripts/app.sh
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Optional

import pandas as pd
import streamlit as st

from app_support import answers, catalog as cat, charts, chat, pdfpage, reports, uploads
from nianbao.config import Settings, load_settings
from nianbao.errors import UserError

log = logging.getLogger("nianbao.app")

EXAMPLES = [
    "Which district spent most on procurement?",
    "鹿城区统计局2020年收到多少件政府信息公开申请？",
    "比较福州市鼓楼区统计局和郑州市二七区统计局的行政处罚处理决定数量",
    "温泉街道存在哪些主要问题？",
    "Which reports mention the COVID-19 epidemic?",
    "哪些报告的申请表没有通过勾稽关系校验？",
]
SKIPPED_SHOWN = 8  # left-out reports named under an answer (the rest counted, the receipt lists up to 100)
QUOTE_STYLE = "white-space: pre-wrap; border-left: 3px solid #f0b429; padding: 0.2rem 0.8rem; line-height: 1.6"
BUG_MESSAGE = ("出了点问题，这个问题没有回答成。请换个说法再试；如果一再出现，请把问题报告给维护者。"
               " (Something went wrong: {kind}. Try rephrasing; if it keeps happening, report the question.)")


@dataclass(frozen=True)
class Ctx:
    settings: Settings
    db: Path
    catalog: cat.Catalog
    filters: cat.Filters


# the page follows the newest answer (a reader scrolled up to the sources of an earlier one would
# otherwise not see it arrive): the newest question scrolled to the top of the view, once per answer
FOLLOW_NEWEST = """<script>
setTimeout(function () {
  var m = document.querySelectorAll('[data-testid="stChatMessage"]');
  if (m.length >= 2) { m[m.length - 2].scrollIntoView({block: "start"}); }
}, 250);
</script>"""


# -- cached resources and data --------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _ingest_lock() -> threading.Lock:
    return threading.Lock()  # one first-run ingest per server, however many browser tabs open at once


@st.cache_resource(show_spinner=False)
def _passages(settings_json: str):
    return chat.open_passages(Settings.model_validate_json(settings_json))


@st.cache_resource(show_spinner=False)
def _warm_up(settings_json: str) -> chat.WarmUp:
    """Once per server: the name index and the search model made ready in the background."""
    return chat.WarmUp(Settings.model_validate_json(settings_json), _passages(settings_json))


@st.cache_data(show_spinner=False)
def _catalog(db: str, version: tuple) -> cat.Catalog:
    return cat.Catalog.load(Path(db))


@st.cache_data(show_spinner=False)
def _fact_rows(db: str, version: tuple, report_ids: Optional[tuple[str, ...]]) -> list[dict]:
    return cat.fact_export_rows(Path(db), None if report_ids is None else list(report_ids))


def load_catalog(db: Path) -> cat.Catalog:
    return _catalog(str(db), cat.db_version(db))


# -- ingesting (first run, uploads) ----------------------------------------------------------------------
def short(error: Exception) -> str:
    """An unexpected error in one line for the person at the keyboard (the traceback goes to the log)."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:160]}{'…' if len(text) > 160 else ''}"


def progress_bar(label: str):
    """An st.progress bar fed by ingest's progress callback: reading files (first 30 %), then passages."""
    bar = st.progress(0.0, text=label)

    def update(done: int, total: int, what: str) -> None:
        total = max(total, 1)
        if what == "passages":
            bar.progress(min(0.3 + 0.7 * done / total, 1.0), text=f"段落索引 indexing passages ({done}/{total})")
        elif done >= total:
            bar.progress(0.3, text="建立段落索引 building the passage index…")
        else:
            bar.progress(0.3 * done / total, text=f"读取 reading {what} ({done}/{total})")
    return update


def first_run(settings: Settings, db: Path) -> bool:
    """On an empty store, ingest the bundled sample reports; False if that failed (the message is shown)."""
    with _ingest_lock():
        if not load_catalog(db).is_empty():
            return True
        with st.status("首次运行：正在导入示例年报 First run: ingesting the bundled sample reports…",
                       expanded=True) as status:
            st.write("第一次建立段落索引需要转换嵌入模型，约半分钟。"
                     " (The first passage index converts the embedding model: about half a minute.)")
            try:
                results = uploads.ingest_samples(db, settings, progress=progress_bar("准备 starting"))
            except UserError as e:
                status.update(label=f"导入失败 Ingest failed: {e}", state="error")
                return False
            except Exception as e:  # tables may be stored even when the passage index failed
                log.exception("first-run ingest failed")
                status.update(label="导入未完成 Ingest did not finish", state="error")
                st.error(f"示例年报导入未完成 ({short(e)})。表格问答仍可用；"
                         "段落搜索可能不可用。 (The sample ingest did not finish; table questions still work.)")
                return not load_catalog(db).is_empty()
            ok = sum(r.status in ("ok", "warnings") for r in results)
            status.update(label=f"已导入 {ok} 份示例年报 Ingested {ok} sample reports", state="complete",
                          expanded=False)
    return True


def handle_uploads(ctx: Ctx, files) -> None:
    """Ingest uploads not seen yet in this session, keep the per-file results, and refresh everything."""
    done: set = st.session_state.setdefault("uploads_done", set())
    new = [f for f in files or [] if f.file_id not in done]
    if not new:
        return
    try:
        results = uploads.ingest_uploads(new, ctx.db, ctx.settings, progress=progress_bar("上传 uploading"))
    except UserError as e:
        results = [uploads.UploadResult(f.name, "failed", str(e)) for f in new]
    except Exception as e:  # the tables are stored before the passage index; say what happened
        log.exception("upload ingest failed")
        results = [uploads.UploadResult(f.name, "failed", f"导入未完成 ingest did not finish ({short(e)})")
                   for f in new]
    done.update(f.file_id for f in new)
    st.session_state["upload_results"] = results
    st.session_state["upload_toasts"] = results  # also said where it is seen, not only under the uploader
    st.rerun()


def show_upload_results() -> None:
    for r in st.session_state.pop("upload_toasts", []):
        ok = r.status in ("ok", "warnings")
        st.toast(f"{r.name}：{'已导入 ingested' if ok else '重复 duplicate' if r.status == 'duplicate' else '未导入 not ingested'}",
                 icon=":material/check_circle:" if ok else ":material/info:")
    for r in st.session_state.get("upload_results", []):
        if r.status in ("ok", "warnings"):
            st.success(f"{r.name}：已导入 ingested — {r.message}")
            for w in r.warnings:
                st.caption(f"⚠ {w}")
        elif r.status == "duplicate":
            st.info(f"{r.name}：重复文件 duplicate — {r.message}")
        else:
            verb = "已拒绝 refused" if r.status == "refused" else "导入失败 failed"
            st.error(f"{r.name}：{verb} — {r.message}")


# -- sidebar ---------------------------------------------------------------------------------------------
def sidebar(settings: Settings, db: Path, catalog: cat.Catalog) -> cat.Filters:
    with st.sidebar:
        st.subheader("数据库 Database")
        years = catalog.years()
        st.markdown(
            f"**{len(catalog.reports)}** 份年报 reports · **{len(catalog.agencies())}** 个单位 agencies  \n"
            f"年份 years: {', '.join(map(str, years)) or '—'}  \n"
            f"模板 template versions: {', '.join(catalog.templates()) or '—'}")
        servers = cat.servers(settings, db)
        if servers:  # the facts or the passages are not in the folder: say where they are
            st.caption(servers)
        with st.expander("单位 Agencies"):
            st.markdown("\n".join(f"- {answers.md_escape(name)}" for name in catalog.agencies()) or "—")
        st.subheader("筛选 Filters")
        filters = cat.Filters(
            years=tuple(st.multiselect("年份 Year", years, key="f_years")),
            regions=tuple(st.multiselect("省 / 市 Province / city", catalog.regions(), key="f_regions")),
            agencies=tuple(st.multiselect("单位 Agency", catalog.agencies(), key="f_agencies")))
        if not filters.is_empty() and not chat.scoping_supported():
            st.caption("筛选作用于报告、数据质量和导出页；问答暂按全部年报回答。"
                       " (Filters scope the Reports, Data quality and Export pages; chat answers use all reports.)")
        st.subheader("上传年报 Upload reports")
        files = st.file_uploader(
            f"{' '.join(uploads.ALLOWED_SUFFIXES)} · 每个文件不超过 {uploads.MAX_MB} MB"
            f" (max {uploads.MAX_MB} MB a file)",
            accept_multiple_files=True, max_upload_size=uploads.MAX_MB, key="uploads")
        handle_uploads(Ctx(settings, db, catalog, filters), files)
        show_upload_results()
    return filters


# -- chat ------------------------------------------------------------------------------------------------
def queue_question(question: str) -> None:
    st.session_state["pending"] = question


def chat_page(ctx: Ctx) -> None:
    st.title("年报问答 · Disclosure report Q&A")
    st.caption("问政府信息公开工作年度报告里的数字和内容；数字来自表格查询，并注明出处。"
               " Ask about the numbers and the text of the reports;"
               " every number comes from a table query, with its source.")
    messages: list[dict] = st.session_state.setdefault("messages", [])
    typed = st.chat_input("输入问题 Ask a question, e.g. 哪个单位的政府集中采购金额最高？", submit_mode="disable")
    # a question whose answer a page switch interrupted is asked again when the chat is back
    question = typed or st.session_state.pop("pending", None) or st.session_state.pop("asking", None)
    if not messages and not question:
        st.markdown("**试试这些问题 Try one of these:**")
        cols = st.columns(2)
        for i, example in enumerate(EXAMPLES):
            cols[i % 2].button(example, key=f"example-{i}", on_click=queue_question, args=(example,),
                               width="stretch")
    for i, message in enumerate(messages):
        show_message(i, message, ctx)
    if len(messages) > st.session_state.get("followed", 0):  # a new answer: bring it into view once
        st.session_state["followed"] = len(messages)
        st.html(FOLLOW_NEWEST, unsafe_allow_javascript=True)
    if question:
        ask(ctx, messages, question)


def ask(ctx: Ctx, messages: list[dict], question: str) -> None:
    history = [m["text"] for m in messages if m["role"] == "user"]
    question_message = {"role": "user", "text": question}
    show_message(len(messages), question_message, ctx)
    warm = _warm_up(ctx.settings.model_dump_json())
    waiting = ("正在查找 Looking it up…" if warm.model_ready.is_set() else
               "正在查找；检索模型仍在加载（仅启动后第一次，约10秒）。 Looking it up; the search model is still loading"
               " (first time after start only, ~10 s)…")
    st.session_state["asking"] = question  # kept until answered: switching page mid-answer loses nothing
    with st.chat_message("assistant"), st.spinner(waiting, show_time=True):
        reply = answer_message(ctx, question, history)
    messages += [question_message, reply]  # together: an interrupted run leaves no unanswered question
    st.session_state.pop("asking", None)
    st.rerun()  # draw the new answer through the same path as the history


def answer_message(ctx: Ctx, question: str, history: list[str]) -> dict:
    scope_ids = ctx.filters.report_ids(ctx.catalog)
    scoped = scope_ids is not None and chat.scoping_supported()
    if scoped and not scope_ids:
        return {"role": "assistant",
                "warning": "没有年报符合当前筛选条件，请放宽筛选。 (No report matches the filters.)"}
    try:
        answer = chat.ask(question, history, ctx.settings, passages=_passages(ctx.settings.model_dump_json()),
                          report_ids=scope_ids)
        view = answers.build_view(answer, ctx.db, ctx.catalog, scope=ctx.filters.label() if scoped else "")
    except UserError as e:
        return {"role": "assistant", "error": str(e)}
    except Exception as e:
        log.exception("answering %r failed", question)
        return {"role": "assistant", "error": BUG_MESSAGE.format(kind=type(e).__name__)}
    return {"role": "assistant", "view": view, "asked": {"question": question, "history": history, "report_ids": scope_ids}}


def show_message(i: int, message: dict, ctx: Optional[Ctx] = None) -> None:
    with st.chat_message(message["role"]):
        if message["role"] == "user":
            st.markdown(answers.md_escape(message["text"]))
        elif "view" in message:
            show_answer(i, message["view"])
            show_downloads(i, message["view"], ctx, message.get("asked"))
        elif "warning" in message:
            st.warning(message["warning"])
        else:
            st.error(message["error"])


def show_answer(i: int, view: answers.AnswerView) -> None:
    text = answers.md_escape(view.text)
    if view.status == "no_data":
        st.warning(text)
    elif view.status == "ambiguous":
        st.info(text)
        cols = st.columns(min(max(len(view.candidates), 1), 3))
        for j, (label, question) in enumerate(view.candidates):
            cols[j % len(cols)].button(label, key=f"candidate-{i}-{j}", on_click=queue_question, args=(question,),
                                       width="stretch")
    elif view.status == "error":
        st.error(text)
    else:
        st.markdown(text)
    if view.headline:
        st.metric(*view.headline)
    if view.guessed:
        st.warning("单位为推测 Guessed unit — " + answers.md_escape(view.guessed), icon=":material/straighten:")
    if view.items:
        st.dataframe(pd.DataFrame(view.items), hide_index=True, width="stretch")
        if view.items_total:
            st.caption(f"显示前{len(view.items)}项，共{view.items_total}项（完整表格可下载）。"
                       f" Showing the first {len(view.items)} of {view.items_total:,} rows (download them all below).")
    if view.chart:
        show_chart(*view.chart)
    if view.narrow:  # a ranking of unlike reports (years, kinds of agency): ask it again, narrowed
        cols = st.columns(len(view.narrow) + 2)
        for j, (label, question) in enumerate(view.narrow):
            cols[j].button(label, key=f"narrow-{i}-{j}", on_click=queue_question, args=(question,),
                           icon=":material/filter_alt:", help=question, width="stretch")
    show_sources(view)
    coverage = f"用到 {view.used} 份年报 Used {view.used} report(s)." if view.used else ""
    if view.skipped:  # the first few by name; thousands left out (a template without the table) are counted
        shown = view.skipped[:SKIPPED_SHOWN]
        more = view.skipped_total - len(shown)
        coverage += " 未计入 Left out: " + answers.md_escape("；".join(shown)) + (
            f" 等{view.skipped_total:,}份（另{more:,}份见回执 / {more:,} more, listed in the receipt up to"
            f" {len(view.skipped)}）" if more > 0 else "")
    if view.scope:
        coverage += f" 筛选 Scope: {answers.md_escape(view.scope)}"
    if coverage:
        st.caption(coverage)


def show_downloads(i: int, view: answers.AnswerView, ctx: Optional[Ctx], asked: Optional[dict]) -> None:
    """The receipt of every answer (Markdown), and every row of a long answer (CSV, made when clicked)."""
    cols = st.columns(2)
    cols[0].download_button("下载回执 Receipt (.md)", view.receipt.encode("utf-8"), file_name=f"answer-{i}.md",
                            mime="text/markdown", key=f"receipt-{i}", on_click="ignore",
                            icon=":material/receipt_long:")
    if view.items_total and ctx is not None and asked:
        def full_table() -> bytes:
            whole = chat.ask(asked["question"], asked["history"], ctx.settings, report_ids=asked["report_ids"],
                             max_items=None)
            return answers.items_csv(whole, ctx.catalog)
        cols[1].download_button(f"下载全部{view.items_total}行 All {view.items_total} rows (.csv)", full_table,
                                file_name=f"answer-{i}.csv", mime="text/csv", key=f"rows-{i}", on_click="ignore",
                                icon=":material/table_view:")


@st.cache_data(show_spinner=False, max_entries=64)
def _page_picture(page: pdfpage.PageView) -> Optional[tuple[bytes, bool]]:
    return pdfpage.render(page)


def show_page(page: pdfpage.PageView) -> None:
    """The PDF page a cited cell is on, its row marked."""
    try:
        picture = _page_picture(page)
    except Exception:  # noqa: BLE001 - a page that will not render must not take the answer with it
        log.exception("rendering %s page %s failed", page.source_path, page.page)
        picture = None
    if picture is None:
        st.caption(f"原文第{page.page}页无法显示（文件不在原处：{page.source_path}）。"
                   f" Page {page.page} of {page.file} cannot be shown (the file is not where it was read from).")
        return
    png, marked = picture
    note = "黄框为该数字所在行 the marked row holds the number" if marked else "未能在页面上定位该行 row not located"
    st.image(png, caption=f"{page.file} 第{page.page}页 page {page.page} — {note}")


def show_chart(kind: str, rows: list[dict]) -> None:
    st.altair_chart(charts.line(rows) if kind == "line" else charts.bars(rows), width="stretch")


def show_sources(view: answers.AnswerView) -> None:
    n = len(view.cells) + sum(len(p.quotes) for p in view.passages)
    if n:
        with st.expander(f"来源 Sources ({n})"):
            if view.cells:
                st.table(pd.DataFrame([c.row() for c in view.cells]), hide_index=True)
            for page in view.pages:
                show_page(page)
            for p in view.passages:
                st.markdown(f"**{answers.md_escape(p.agency)}**（{p.year or '—'}）· 第{p.section}部分 "
                            f"{answers.md_escape(p.heading)} · `{p.file}`")
                for snippet in p.snippets:
                    st.html(f'<div style="{QUOTE_STYLE}">{snippet}</div>')
    if view.query:
        with st.expander("查询 SQL"):
            st.code(view.query, language="sql")


# -- pages -----------------------------------------------------------------------------------------------
def reports_page(ctx: Ctx) -> None:
    st.title("年报 Reports")
    rows = [r for r in ctx.catalog.reports if ctx.filters.matches(r)]
    st.caption(f"{len(rows)} / {len(ctx.catalog.reports)} 份年报 reports (sidebar filters apply)")
    st.dataframe(pd.DataFrame(reports.report_table_rows(rows)), hide_index=True, width="stretch")
    if not rows:
        return
    names = {r["id"]: f"{cat.agency_name(r)} · {r['year'] or '?'} · {r['file']}" for r in rows}
    chosen = st.selectbox("打开年报 Open a report", list(names), format_func=names.get, key="open_report")
    report = reports.load(ctx.db, chosen)
    if report is None:
        st.warning("这份年报已不在数据库中。 (This report is no longer in the store.)")
        return
    st.table(pd.Series(reports.metadata(report)).to_frame(), hide_header=True)
    for w in report.warnings:
        st.caption(f"⚠ {w}")
    for grid in reports.table_grids(report):
        st.subheader(grid.title)
        st.caption(" · ".join(f"{k} {v}" for k, v in grid.counts().items())
                   + " — 黄 yellow = 空白 blank，红 red = 无法识别 unreadable，蓝 blue = 未读出 not read，灰 grey = 模板无此栏 absent")
        st.dataframe(grid.styled(), width="stretch")
        with st.expander("单元格明细 Cell details"):
            st.dataframe(pd.DataFrame(grid.details), hide_index=True, width="stretch")
    st.subheader("章节 Sections")
    for s in report.sections:
        with st.expander(f"{reports.section_title(s.number, s.heading)}（第{s.start_line}–{s.end_line}行 lines）"):
            st.text(reports.plain(s.text))


def quality_page(ctx: Ctx) -> None:
    st.title("数据质量 Data quality")
    st.caption("勾稽关系未通过、正文与表格不一致、无法识别的单元格、推测的单位。"
               " Failed balance rules, narrative vs table, unreadable cells, guessed units.")
    rows = cat.finding_rows(ctx.db, ctx.filters.report_ids(ctx.catalog))
    kinds = sorted({r["what"] for r in rows})
    picked = st.pills("类型 Kind", kinds, selection_mode="multi", default=kinds, key="quality_kinds")
    shown = [r for r in rows if r["what"] in (picked or [])]
    st.caption(f"{len(shown)} 条 findings")
    if shown:
        st.dataframe(pd.DataFrame(shown).drop(columns=["rule"]).rename(columns=cat.FINDING_COLUMNS), hide_index=True,
                     width="stretch")
    else:
        st.info("没有发现问题。 (No findings for these reports.)")


def export_page(ctx: Ctx) -> None:
    st.title("导出 Export")
    ids = ctx.filters.report_ids(ctx.catalog)
    rows = _fact_rows(str(ctx.db), cat.db_version(ctx.db), None if ids is None else tuple(ids))
    scope = ctx.filters.label() or "全部 all reports"
    n_reports = len({r["report"] for r in rows})
    st.caption(f"{len(rows)} 个单元格 cells · {n_reports} 份年报 reports · 筛选 filters: {scope}")
    st.download_button("下载单元格 CSV Download facts (CSV)", data=cat.to_csv(rows), file_name="nianbao_facts.csv",
                       mime="text/csv", type="primary", disabled=not rows)
    if rows:
        st.dataframe(pd.DataFrame(rows[:500], columns=cat.EXPORT_FIELDS), hide_index=True, width="stretch")


# -- main ------------------------------------------------------------------------------------------------
def main() -> None:
    st.set_page_config(page_title="年报问答 nianbao", page_icon=":material/quick_reference_all:", layout="wide")
    try:
        settings = load_settings()
    except ValueError as e:  # pydantic's ValidationError: a bad NIANBAO_* environment variable
        st.error(f"设置有误 Bad settings (NIANBAO_* environment variables): {e}")
        return
    db = Path(settings.db)
    if load_catalog(db).is_empty() and not first_run(settings, db):
        return
    catalog = load_catalog(db)
    _warm_up(settings.model_dump_json())
    filters = sidebar(settings, db, catalog)
    ctx = Ctx(settings, db, catalog, filters)
    pages = [st.Page(partial(page, ctx), title=title, icon=icon, url_path=path, default=path == "chat")
             for page, title, icon, path in (
                 (chat_page, "问答 Chat", ":material/forum:", "chat"),
                 (reports_page, "年报 Reports", ":material/description:", "reports"),
                 (quality_page, "数据质量 Data quality", ":material/fact_check:", "quality"),
                 (export_page, "导出 Export", ":material/download:", "export"))]
    st.navigation(pages).run()


if __name__ == "__main__":
    main()
