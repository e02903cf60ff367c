"""An `Answer` turned into what the chat shows: the headline, the items table, the chart, the sources
(cited cells in Chinese labels, cited passages with the quote highlighted), coverage and guessed units."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from app_support.catalog import Catalog
from app_support.pdfpage import PageView
from ingest import exports, store
from nianbao.keys import key_label
from qa.models import Answer
from qa.ranking import KIND_ZH
from qa.reading import GROUP_WORDS

CONTEXT_CHARS = 120
_IGNORED = re.compile(r"[\s#*|>]")  # what the passage quotes drop or turn into spaces
UNIT_WORDS = {"yuan": "元", "count": "", "percent": "%"}
KINDS = {k: f"{zh} {k.replace('_', ' ')}" for k, zh in KIND_ZH.items()}
CHART_MAX = 30  # bars one chart draws
CHART_INTENTS = {"rank": "bar", "compare": "bar", "aggregate": "bar", "difference": "bar", "trend": "line"}


def format_value(value: Any, unit: Optional[str]) -> str:
    """475976.05, yuan -> `475,976.05 元`; 25.0, percent -> `25.0%`; True -> `是 Yes`."""
    if isinstance(value, bool):
        return "是 Yes" if value else "否 No"
    if not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if unit == "percent":
        return f"{value:.1f}%"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{text} 元" if unit == "yuan" else text


def metric_label(answer: Answer) -> str:
    plan = answer.plan
    metrics = plan.metrics if plan else []
    if isinstance(answer.value, bool):  # a yes / no (does it add up, was it published in …)
        return "判断 Yes / no"
    if plan is not None and plan.list_years:  # which years (fail a check, lack a table): the year, or how many
        return "年份 Year" if isinstance(answer.value, str) else "年份数 Number of years"
    if plan is not None and plan.meta == "published" and plan.published in ("none", "some"):  # a count of reports
        return "单位数 Number of agencies" if plan.list_agencies else "年报数 Number of reports"
    if plan is not None and plan.meta == "published":
        return "发布日期 Published"
    if plan is not None and plan.aggregate == "count" and plan.list_agencies:
        return "单位数 Number of agencies"  # agencies counted, each once
    if plan is not None and (plan.intent == "quality" or plan.aggregate == "count" or plan.versus_average
                             or plan.zero):
        return "年报数 Number of reports"  # a count of reports, not a figure of the metric
    if answer.unit == "percent":
        return "比例 Ratio"
    if len(metrics) == 1:
        try:
            label = key_label(metrics[0])
        except (KeyError, ValueError):
            return "答案 Answer"
        if plan is not None and plan.from_text:  # the figure the report's text states, not the table's cell
            return f"{label}（正文所述 as the text states）"
        if plan is not None and plan.group_by:
            return f"{label}（{GROUPED.get(plan.group_by, plan.group_by)}）"
        return label
    return "答案 Answer"


GROUPED = {k: f"按{zh}合计 by {en}" for k, (zh, en) in GROUP_WORDS.items()}  # 按省份合计 by province


def has_headline(answer: Answer) -> bool:
    return answer.status == "answered" and answer.value is not None


@dataclass
class CellSource:
    agency: str
    year: Optional[int]
    cell: str  # 表 · 行 · 列
    raw: str
    line: Optional[int]
    file: str
    unit_assumed: Optional[str] = None
    page: Optional[int] = None

    def row(self) -> dict:
        where = f"第{self.page}页 第{self.line}行" if self.page else self.line
        return {"单位 Agency": self.agency, "年份 Year": self.year, "表 · 行 · 列 Cell": self.cell,
                "原文 Printed": self.raw if self.raw else "（空 blank）", "页 · 行 Page · line": where,
                "文件 File": self.file}


@dataclass
class PassageSource:
    """The cited quotes of one section of one report, each shown inside its paragraph."""

    agency: str
    year: Optional[int]
    file: str
    section: str
    heading: str
    quotes: list[str]
    snippets: list[str]  # escaped HTML, the quotes inside <mark>


def cell_sources(answer: Answer, db: Path, catalog: Catalog) -> list[CellSource]:
    facts = exports.cells_of(db, [(c.report, c.key) for c in answer.citations if c.key])
    out = []
    for c in answer.citations:
        if not c.key:
            continue
        row = catalog.by_id(c.report) or {}
        fact = facts.get((c.report, c.key), {})
        out.append(CellSource(agency=catalog.name(c.report), year=row.get("year"), cell=_label(c.key),
                              raw=c.raw or "", line=c.line, file=c.file, unit_assumed=fact.get("unit_assumed"),
                              page=c.page))
    return out


MAX_PAGES = 3  # page pictures one answer shows (each is a rendered PDF page)


def page_views(answer: Answer, db: Path) -> list[PageView]:
    """The pages of the PDF reports the answer's first cited cells are on (at most MAX_PAGES)."""
    cited, seen = [], set()
    for c in answer.citations:
        if c.key and c.page and c.line and (c.report, c.page) not in seen and len(cited) < MAX_PAGES:
            seen.add((c.report, c.page))
            cited.append((c.report, c.page, c.line, c.raw or ""))
    found = exports.cited_pages(db, [(r, line) for r, _, line, _ in cited])
    return [PageView(file=found[(r, line)]["file"], source_path=found[(r, line)]["source_path"], page=page,
                     line_text=found[(r, line)]["line_text"], raw=raw)
            for r, page, line, raw in cited if (r, line) in found]


def _label(key: str) -> str:
    try:
        return key_label(key)
    except (KeyError, ValueError):
        return key


def guessed_units(cells: list[CellSource]) -> str:
    """The warning for cited cells whose unit was guessed ("" when none): never silent."""
    guessed = [c for c in cells if c.unit_assumed]
    if not guessed:
        return ""
    one_cell = len({c.cell for c in guessed}) == 1
    parts = list(dict.fromkeys(
        f"{c.agency}{'' if one_cell else ' ' + c.cell} “{c.raw}” → {UNIT_WORDS.get(c.unit_assumed, c.unit_assumed)}"
        for c in guessed))
    where = f"{guessed[0].cell}：" if one_cell else ""
    return f"{where}{'；'.join(parts)}。印刷时未写单位，单位为推测 (printed without a unit; the unit is a guess)."


def passage_sources(answer: Answer, db: Path, catalog: Catalog) -> list[PassageSource]:
    cited = [c for c in answer.citations if c.quote is not None or c.section is not None]
    if not cited:
        return []
    conn = store.connect_readonly(db)
    try:
        reports = {rid: store.load_report(conn, rid) for rid in {c.report for c in cited}}
    finally:
        conn.close()
    groups: dict[tuple[str, str], list] = {}
    for c in cited:
        groups.setdefault((c.report, c.section or ""), []).append(c)
    out = []
    for (report_id, number), cites in groups.items():
        report = reports.get(report_id)
        section = report.section(number) if report and number else None
        quotes = list(dict.fromkeys(c.quote for c in cites if c.quote))
        row = catalog.by_id(report_id) or {}
        out.append(PassageSource(agency=catalog.name(report_id), year=row.get("year"), file=cites[0].file,
                                 section=number, heading=section.heading if section else "", quotes=quotes,
                                 snippets=highlight(section.text if section else "", quotes)))
    return out


def highlight(text: str, quotes: list[str], context: int = CONTEXT_CHARS) -> list[str]:
    """Each located quote inside its paragraph (at most `context` characters either side), as escaped HTML
    with the quotes in <mark>; quotes that share a paragraph share a snippet; unlocated quotes stand alone."""
    spans, lost = [], []
    for q in quotes:
        span = locate(text, q)
        if span:
            spans.append(span)
        else:
            lost.append(q)
    windows: list[list[int]] = []
    for start, end in sorted(spans):
        lo = max(text.rfind("\n", 0, start) + 1, start - context)
        hi = min(_line_end(text, end), end + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out = [_marked(text, lo, hi, [s for s in spans if lo <= s[0] < hi]) for lo, hi in windows]
    return out + [f"<mark>{html.escape(q)}</mark>" for q in lost]


def locate(text: str, quote: str) -> Optional[tuple[int, int]]:
    """Where the quote is in the text, ignoring whitespace and markdown marks (the quotes drop them)."""
    needle = _IGNORED.sub("", quote or "")
    if not needle:
        return None
    kept = [i for i, ch in enumerate(text) if not _IGNORED.match(ch)]
    at = "".join(text[i] for i in kept).find(needle)
    if at < 0:
        return None
    return kept[at], kept[at + len(needle) - 1] + 1


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _marked(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    parts, at = ["…" if lo > 0 and text[lo - 1] != "\n" else ""], lo
    for start, end in sorted(spans):
        start = max(start, at)
        parts += [html.escape(text[at:start]), f"<mark>{html.escape(text[start:min(end, hi)])}</mark>"]
        at = max(at, min(end, hi))
    parts.append(html.escape(text[at:hi]))
    parts.append("…" if hi < len(text) and text[hi] != "\n" else "")
    return "".join(parts).strip()


def item_rows(answer: Answer, catalog: Catalog) -> list[dict]:
    """The answer's items with the source of each (file, line and printed text of its cited cell)."""
    first_cell = {}
    for c in answer.citations:
        first_cell.setdefault(c.report, c)
        if c.key:
            first_cell.setdefault((c.report, c.key), c)  # an item naming its figure: that figure's cell
    rows = []
    with_values = any(i.value is not None for i in answer.items)
    if answer.plan is not None and answer.plan.list_years:  # the years found; the reports are in the sources
        return [{"年份 Year": item.label} for item in answer.items]
    if answer.plan is not None and answer.plan.group_by and answer.plan.intent == "aggregate":
        # totals of groups of reports (a province, a kind of agency): the group and its total; each report's
        # cell is in the sources
        by = GROUPED.get(answer.plan.group_by, "")
        return [{"分组 Group": item.label, "数值 Value": format_value(item.value, item.unit), "说明 Note": by}
                for item in answer.items]
    for item in answer.items:
        cite = first_cell.get((item.report, item.key)) or first_cell.get(item.report)
        if cite is not None and cite.key:
            where = (f"第{cite.page}页 第{cite.line}行" if cite.page else f"第{cite.line}行") if cite.line else ""
            source = f"{cite.file} {where} “{cite.raw}”" if where else f"{cite.file} “{cite.raw}”"
        elif cite is not None and cite.section:
            source = f"{cite.file} 第{cite.section}部分"
        elif cite is not None:  # the report as a whole (its signature date, a line of its text)
            source = f"{cite.file} 第{cite.line}行" if cite.line else cite.file
        else:
            source = item.file or ""
        report = catalog.by_id(item.report) or {}
        # (a group's members listed, 以哪几类理由不予公开: each row is one ground, labelled by it; the agency is its report's)
        members = bool(answer.plan and answer.plan.members)
        row = {"单位 Agency": (report.get("agency_full") or report.get("agency") or "") if members else item.label,
               "年份 Year": item.year or report.get("year")}
        if members:
            row["项 Item"] = item.label
        if item.key:  # several figures of one report (A against B): which figure each row is
            row["数据项 Figure"] = key_label(item.key)
        if len({i.report for i in answer.items}) > 1:  # a ranking or a list: what kind of agency each entry is
            row["类型 Kind"] = KINDS.get(report.get("agency_kind") or "", report.get("agency_kind") or "")
        if with_values:
            row["数值 Value"] = format_value(item.value, item.unit) if item.value is not None else ""
        rows.append({**row, "来源 Source": source})
    return rows


def chart(answer: Answer) -> Optional[tuple[str, list[dict]]]:
    """("bar" | "line", rows of label/year/value) for rankings, comparisons and trends with 2+ numbers."""
    points = [i for i in answer.items if isinstance(i.value, (int, float)) and not isinstance(i.value, bool)]
    points = points[:CHART_MAX]  # the first of a long ranking: the table and the CSV hold the rest
    if answer.status != "answered" or len(points) < 2:
        return None
    intent = answer.plan.intent if answer.plan else None
    kind = CHART_INTENTS.get(intent or "")
    if kind is None and intent is None:
        same_agency = len({i.label for i in points}) == 1
        kind = "line" if same_agency and len({i.year for i in points}) > 1 else "bar"
    if kind is None:
        return None
    repeated = len({i.label for i in points}) < len(points)
    rows = [{"label": key_label(i.key) if i.key and len({p.label for p in points}) == 1 else
             f"{i.label}（{i.year}）" if repeated and kind == "bar" and i.year else i.label,
             "year": str(i.year) if i.year else "", "value": float(i.value)} for i in points]
    return kind, rows


def skipped_notes(answer: Answer, catalog: Catalog) -> list[str]:
    zh = answer.plan is not None and answer.plan.language == "zh"  # the reason in the answer's language
    return [f"{s.label or catalog.name(s.report)}：{(s.why_zh if zh and s.why_zh else s.why)}"
            for s in answer.coverage.skipped]


def candidate_questions(answer: Answer) -> list[tuple[str, str]]:
    """For an ambiguous answer: (candidate name, the question re-asked with that name)."""
    out: dict[str, str] = {}
    question = answer.question
    if answer.plan and answer.plan.ambiguous:
        for c in answer.plan.ambiguous:
            named = bool(c.mention) and c.mention in question
            out.setdefault(c.label, question.replace(c.mention, c.label, 1) if named else f"{c.label}：{question}")
    else:
        for item in answer.items:
            out.setdefault(item.label, f"{item.label}：{question}")
    return list(out.items())


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$<>])")


def md_escape(text: str) -> str:
    """Text shown through st.markdown as typed: no emphasis, no LaTeX from `$`, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text or "").replace("\n", "  \n")


@dataclass
class AnswerView:
    """Everything the chat shows for one answer, computed once when it is asked (history stays as it was)."""

    question: str
    status: str
    text: str
    headline: Optional[tuple[str, str]]  # (label, formatted value)
    items: list[dict]
    chart: Optional[tuple[str, list[dict]]]
    cells: list[CellSource]
    passages: list[PassageSource]
    guessed: str  # the guessed-unit warning, "" when no cited cell has a guessed unit
    skipped: list[str]
    used: int
    query: Optional[str]
    candidates: list[tuple[str, str]]
    route: str = "table"
    scope: str = ""  # the sidebar filters the question was scoped by, in words
    items_total: Optional[int] = None  # the answer lists the first len(items) of this many
    pages: list[PageView] = field(default_factory=list)  # PDF pages of cited cells, to show
    receipt: str = ""  # Markdown: the question, the answer, its rows, cells and SQL (a journalist's receipt)
    narrow: list[tuple[str, str]] = field(default_factory=list)  # (label, narrower question): 只看2020年
    skipped_total: int = 0  # reports left out in all (`skipped` lists the first of them)


def build_view(answer: Answer, db: Path, catalog: Catalog, scope: str = "") -> AnswerView:
    cells = cell_sources(answer, db, catalog)
    view = AnswerView(
        question=answer.question, status=answer.status, text=answer.text,
        headline=(metric_label(answer), format_value(answer.value, answer.unit)) if has_headline(answer) else None,
        items=item_rows(answer, catalog) if answer.status == "answered" else [], chart=chart(answer), cells=cells,
        passages=passage_sources(answer, db, catalog), guessed=guessed_units(cells),
        skipped=skipped_notes(answer, catalog), used=answer.coverage.used_total or len(answer.coverage.used),
        query=answer.query, candidates=candidate_questions(answer) if answer.status == "ambiguous" else [],
        route=answer.route, scope=scope, items_total=answer.items_total, pages=page_views(answer, db),
        narrow=[(n.label, n.question) for n in answer.narrow],
        skipped_total=answer.coverage.skipped_total or len(answer.coverage.skipped))
    view.receipt = receipt(view)
    return view


def _md_table(rows: list[dict]) -> str:
    if not rows:
        return ""
    cols = list(rows[0])
    cell = lambda v: str("" if v is None else v).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return "\n".join(["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols),
                      *("| " + " | ".join(cell(r.get(c)) for c in cols) + " |" for r in rows)])


def receipt(view: "AnswerView") -> str:
    """The answer as a Markdown document: question, answer, rows, cited cells, passages, SQL."""
    parts = [f"# {view.question}", "", view.text]
    if view.headline:
        parts += ["", f"**{view.headline[0]}：{view.headline[1]}**"]
    if view.items:
        more = f"（前{len(view.items)}项，共{view.items_total}项）" if view.items_total else ""
        parts += ["", f"## 明细 Rows{more}", "", _md_table(view.items)]
    if view.cells:
        parts += ["", "## 引用单元格 Cited cells", "", _md_table([c.row() for c in view.cells])]
    for p in view.passages:
        parts += ["", f"## {p.agency}（{p.year or '—'}）第{p.section}部分 {p.heading} · {p.file}", "",
                  *(f"> {q}" for q in p.quotes)]
    if view.skipped:
        parts += ["", "## 未计入 Left out", "", *(f"- {s}" for s in view.skipped)]
    if view.query:
        parts += ["", "## 查询 SQL", "", "```sql", view.query, "```"]
    return "\n".join(parts) + "\n"


def items_csv(answer: Answer, catalog: Catalog) -> bytes:
    """Every row of an answer (ask with max_items=None for all of them) as CSV, UTF-8 with BOM (Excel)."""
    import csv
    import io
    out = io.StringIO()
    rows = item_rows(answer, catalog)
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
