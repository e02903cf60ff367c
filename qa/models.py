"""Typed data of the question-answering path: the `Plan` a question becomes and the `Answer` it gets."""
from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, Field

Intent = Literal[
    "lookup", "rank", "compare", "aggregate", "ratio", "difference", "trend",
    "meta", "quality", "passages", "mentions", "unsupported",
]
Status = Literal["answered", "no_data", "ambiguous", "error"]
Route = Literal["table", "passages", "hybrid", "meta"]
Unit = Literal["count", "yuan", "percent"]
Value = Union[bool, float, int, str, None]


class RegionFilter(BaseModel):
    """A region at any level; unset levels do not filter."""

    province: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    township: Optional[str] = None

    def label(self) -> str:
        return "".join(p for p in (self.province, self.city, self.county, self.township) if p)

    def is_empty(self) -> bool:
        return not any((self.province, self.city, self.county, self.township))


class Candidate(BaseModel):
    """One reading of an ambiguous name."""

    mention: str
    label: str
    reports: list[str] = Field(default_factory=list)


class Plan(BaseModel):
    """What a question asks, in the store's terms. The planner (rules or an LLM) fills it; SQL comes from it."""

    intent: Intent
    metrics: list[str] = Field(default_factory=list, description="canonical keys table.row.col; ratio: [numerator, denominator]")
    agencies: list[str] = Field(default_factory=list, description="agency names as in the store, in the order named")
    region: Optional[RegionFilter] = None
    more_regions: list[RegionFilter] = Field(default_factory=list, description="further regions, OR-ed with region")
    years: list[int] = Field(default_factory=list, description="report years; empty = all")
    agency_kind: Optional[Literal["government", "department", "street_office", "township"]] = None
    order: Literal["desc", "asc"] = "desc"
    limit: Optional[int] = None
    offset: int = Field(0, description="rank: places skipped before the answer (第二名 = 1)")
    aggregate: Optional[Literal["sum", "avg", "count", "median", "range"]] = None
    ratio: Optional[Literal["share", "per_unit", "growth"]] = None
    numerator: int = Field(1, description="ratio: the first N metrics added up are the numerator, the next the base")
    boolean: Optional[Literal["more", "less", "equal"]] = Field(None, description="compare: is the first higher (more), "
                                                              "lower (less) or the same (equal); mentions: set when a "
                                                              "yes/no is asked")
    yoy: bool = False
    signed: bool = Field(False, description="difference: the first figure named minus the second (2024 minus 2023, "
                         "A减去B), signed; else the size of the gap")
    zero: bool = False  # rank: only the reports whose figure is 0 (哪些单位没有收到申请)
    above: Optional[float] = Field(None, description="rank/count: only figures above this (超过10件)")
    inclusive: bool = Field(False, description="`above` includes the value itself (至少10件, 10件以上)")
    below: Optional[float] = Field(None, description="rank/count: only figures below this (不到8万元)")
    check_threshold: bool = Field(False, description="yes/no: is the figure above `above` (below `below`)?")
    year_order: list[int] = Field(default_factory=list, description="the years in the order the question names "
                                                                      "them (2024 as a percentage of 2023)")
    stated: Optional[float] = Field(None, description="yes/no: the figure the question states (checked to the "
                                                      "precision it is written in: `above`..`below`)")
    list_years: bool = Field(False, description="meta/quality lists: the answer is the years of the reports found "
                             "(which years fail a check, which report years lack procurement)")
    pick_by: Optional[str] = Field(None, description="rank: the figure asked (metrics) is of the report ranked "
                                   "first by this key (收到申请最多的那个单位，采购花了多少钱)")
    filtered: bool = Field(False, description="aggregate sum/avg: only the reports whose figure meets above/below "
                           "(采购项目至少10个的单位一共有多少个项目)")
    factor: Optional[float] = Field(None, description="compare yes/no: the first figure against this multiple of the "
                                    "second (more than twice as many → 2, not even half → 0.5)")
    versus_average: Optional[Literal["above", "below"]] = Field(None, description="rank: only figures above/below "
                                                                "the average of the reports in scope")
    template: Optional[Literal["2019", "2021"]] = Field(None, description="only reports of this template version")
    organ: Optional[str] = Field(None, description="only agencies whose name holds this organ word (统计局们 → 统计局)")
    organ_out: bool = Field(False, description="all agencies but those of `organ` (统计局以外的单位)")
    region_out: Optional[RegionFilter] = Field(None, description="a region left out (outside Fujian, 福建以外的)")
    agencies_out: list[str] = Field(default_factory=list, description="agencies left out (除了鹿城区统计局)")
    list_agencies: bool = Field(False, description="the answer is a list of agencies (哪些单位, which agencies): "
                                "each agency once, however many of its reports qualify")
    each_agency_once: bool = Field(False, description="a list of reports (哪些年报, which reports) names each agency "
                                   "once, its reports' years in the text; the reports are still what is counted")
    wants_number: bool = Field(False, description="the question asks a count or amount (几名, how many), also beside "
                               "a yes/no (有没有…？有几件？)")
    meta: Optional[Literal["agencies", "years", "regions", "templates", "reports", "missing_metric", "count",
                           "published", "template_check", "held", "in_region"]] = None
    published: Optional[str] = Field(None, description="meta published: the date the question states (2021-01 …)")
    quality: Optional[Literal["balance", "narrative", "unreadable", "guessed_units", "blank", "all"]] = None
    passed: bool = Field(default=False, description="quality: the reports that pass (have no such finding)")
    versus_group: bool = Field(default=False, description="compare with places_compared: the one agency named "
                               "against the total of the kind or organ named (温泉街道比四个统计局加起来还多吗)")
    group_whole: bool = Field(default=False, description="versus_group: the kind's figure over all its reports, the "
                              "named agency's own too (the total or average the chat just gave)")
    places_compared: bool = Field(default=False, description="compare: the totals of the places named (浙江的单位比"
                                                            "福建的单位多吗), each place's reports added up")
    yes_no: bool = Field(default=False, description="quality: yes / no, does the named report have such a finding "
                                                  "(or, with `passed`, not)")
    members: bool = Field(default=False, description="lookup: the members of a group row (不予公开's grounds) listed "
                          "with their figures, only those above `above` when it is set")
    order_asked: bool = Field(default=False, description="rank: the question asks the reports put in order (排序, "
                              "从高到低, rank them): a single report at 0 takes the last place, not left out")
    findings_counted: bool = Field(default=False, description="quality: the findings counted (几组对不上, how many "
                                   "of the groups fail), not the reports that have any")
    every: bool = Field(default=False, description="quality yes / no on a set: does every report have such a "
                                                  "finding (do all 2020 reports have problems?), not any of them")
    failure_asked: bool = Field(default=False, description="check: the yes / no asked from the failing side (does it "
                                "fail to balance?, 对不上吗): yes when it does not add up")
    check: bool = Field(default=False, description="quality: yes/no, do the named report's rows add up (balance) or "
                        "does its text agree with its table (narrative)")
    group_by: Optional[Literal["province", "city", "county", "kind"]] = Field(
        None, description="aggregate: the reports' figures added up per group (按省份汇总, totals by agency kind), "
                          "groups ranked by `order`, `offset`, `limit`, or in the order `groups` names them; "
                          "meta regions: the level of the places listed (which provinces)")
    of_all: bool = Field(False, description="ratio share of one figure: the named agencies' share of the scope's "
                         "total (what share of all the 2020 reports' procurement came from Wenquan)")
    from_text: bool = Field(False, description="lookup: the figure the report's text states (报告正文里说…), "
                            "not the table's")
    groups: list[str] = Field(default_factory=list, description="group_by kind: the kinds the question names, in order")
    answer_place: bool = Field(default=False, description="rank: the question asks which place (district, city)")
    section: Optional[str] = None
    part: Optional[Literal["problems", "measures"]] = Field(
        default=None, description="section 五: only its problems, or only its improvement measures")
    search: str = ""
    terms: list[list[str]] = Field(default_factory=list, description="mentions: every group must match, any word of a group")
    language: Literal["zh", "en"] = "zh"
    confidence: float = 1.0
    unknown: list[str] = Field(default_factory=list, description="names in the question that are not in the store")
    joined: bool = Field(False, description="the figures in `metrics` are joined by the chat (a follow-up adding up "
                         "the figures a turn before showed), not by words of this question")
    loose_terms: bool = Field(False, description="mentions: the term groups must meet in one sentence (a topic and "
                              "what is done with it, written apart)")
    part_of_whole: bool = Field(False, description="ratio share: the question frames the base as a whole the first "
                                "figure is part of (what fraction of all…, 占比, 其中…占): a share over 100 % misreads it")
    gap: bool = Field(False, description="ratio of two agencies: the first one's ratio less the second's (per project, "
                                         "how much more did A spend than B)")
    read_as: list[list[str]] = Field(default_factory=list, description="names typed with a same-sounding "
                                     "character, each [as typed, read as] (温泉街到 → 温泉街道)")
    unused: list[str] = Field(default_factory=list, description="operation words of the question the plan does not "
                              "express: the answer is withheld rather than answering another question")
    ambiguous: list[Candidate] = Field(default_factory=list)
    refusal: Optional[str] = None
    notes: list[str] = Field(default_factory=list)


class Item(BaseModel):
    label: str
    report: Optional[str] = None
    value: Value = None
    unit: Optional[str] = None
    year: Optional[int] = None
    file: Optional[str] = None
    key: Optional[str] = None  # the figure, where an answer lists several figures of one report (A against B)


class Narrowing(BaseModel):
    """A narrower question to offer beside an answer (a ranking mixing years or kinds of agency)."""
    label: str  # 只看2020年
    question: str  # the question asked again with the restriction written in


class Citation(BaseModel):
    """A table cell (key/raw/line) or a passage (section/quote) of one report file."""

    file: str
    report: str
    key: Optional[str] = None
    raw: Optional[str] = None
    line: Optional[int] = None
    section: Optional[str] = None
    quote: Optional[str] = None
    page: Optional[int] = None  # a cell of a PDF report: the page its line is on (1-based)

    def contract(self) -> dict[str, Any]:
        if self.section is not None or self.quote is not None:
            return {"file": self.file, "report": self.report, "section": self.section, "quote": self.quote}
        out = {"file": self.file, "report": self.report, "key": self.key, "raw": self.raw, "line": self.line}
        if self.page is not None:
            out["page"] = self.page
        return out


class Skipped(BaseModel):
    report: str
    why: str
    label: Optional[str] = None
    why_zh: Optional[str] = None  # the reason in Chinese, for Chinese answers (`why` is the contract's)


class Coverage(BaseModel):
    used: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    used_total: Optional[int] = None  # set when `used` was cut to the answer's size limit
    skipped_total: Optional[int] = None  # set when `skipped` lists only the first of them


class Answer(BaseModel):
    """The answer contract of QA.md (plus the plan, for debugging)."""

    question: str
    status: Status
    text: str
    value: Value = None
    unit: Optional[Unit] = None
    items: list[Item] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    query: Optional[str] = None
    coverage: Coverage = Field(default_factory=Coverage)
    route: Route = "table"
    plan: Optional[Plan] = None
    # set when an answer over many reports was cut to its size limit: how many items / citations there were
    # (ask again with `max_items=None` through the Python API for all of them)
    items_total: Optional[int] = None
    citations_total: Optional[int] = None
    narrow: list[Narrowing] = Field(default_factory=list)  # narrower questions the planner reads as meant

    def limited(self, max_items: Optional[int]) -> "Answer":
        """This answer with at most `max_items` items (and the citations and reports of those), the totals kept."""
        if max_items is None or (len(self.items) <= max_items and len(self.citations) <= 4 * max_items
                                 and len(self.coverage.used) <= max_items and len(self.coverage.skipped) <= max_items):
            return self
        items = self.items[:max_items]
        keep = {i.report for i in items if i.report}
        citations = [c for c in self.citations if c.report in keep] if keep else self.citations
        citations = citations[:4 * max_items]
        used = [r for r in self.coverage.used if r in keep] if keep else self.coverage.used
        used = used[:max_items]
        cov = self.coverage.model_copy(update={
            "used": used, "skipped": self.coverage.skipped[:max_items],
            "used_total": len(self.coverage.used) if len(used) < len(self.coverage.used) else None,
            "skipped_total": self.coverage.skipped_total or (
                len(self.coverage.skipped) if len(self.coverage.skipped) > max_items else None)})
        return self.model_copy(update={
            "items": items, "citations": citations, "coverage": cov,
            "items_total": self.items_total or (len(self.items) if len(items) < len(self.items) else None),
            "citations_total": self.citations_total or (len(self.citations) if len(citations) < len(self.citations)
                                                        else None)})

    def contract(self) -> dict[str, Any]:
        """The JSON object of `nianbao ask --json`."""
        out = self.model_dump(mode="json", exclude={"citations", "plan", "coverage"})
        for item in out.get("items") or []:
            if item.get("key") is None:
                item.pop("key", None)  # (only items of several figures of one report name theirs)
        out["citations"] = [c.contract() for c in self.citations]
        out["coverage"] = {"used": list(self.coverage.used),
                           "skipped": [{"report": s.report, "why": s.why} for s in self.coverage.skipped]}
        for field in ("used_total", "skipped_total"):
            if getattr(self.coverage, field) is not None:
                out["coverage"][field] = getattr(self.coverage, field)
        for field in ("items_total", "citations_total"):
            if out.get(field) is None:
                out.pop(field, None)
        out["plan"] = self.plan.model_dump(mode="json", exclude_defaults=True) if self.plan else None
        return out


def direction_holds(direction: Optional[str], a: float, b: float) -> bool:
    """Whether a stands to b as a yes/no asks: higher (more, the default), lower (less), or the same (equal, to the
    cent, as printed cells are)."""
    if direction == "equal":
        return round(a, 2) == round(b, 2)
    return a < b if direction == "less" else a > b
