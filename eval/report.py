"""A report (the result) of a run: the summary numbers, `summary.md`, `summary.json`, `results.jsonl`,
and the table printed at the end of `nianbao eval`."""
from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional, Sequence

from pydantic import BaseModel, Field

from eval.dataset import KINDS
from eval.runner import CaseResult, EvalRun

BASELINE_NOTE = ("Baseline: plain LangChain dense retrieval (top 5 chunks, no filters, no SQL) over the same Chroma "
                 "collection, scored optimistically: right when the chunks contain the gold cells' printed raw "
                 "text (number, boolean), a chunk of every gold agency's report (agency, list), a chunk of a gold "
                 "file and section (passages); unanswerable cases count as right. An upper bound, with no LLM.")


class Score(BaseModel):
    n: int
    ours: float
    baseline: Optional[float] = None


class Refusal(BaseModel):
    """Unanswerable cases answered with no number; answerable cases not refused."""

    unanswerable: int
    refused_correctly: Optional[float]
    answerable: int
    not_refused: Optional[float]
    accuracy: Optional[float] = Field(description="both kinds of case together")


class Summary(BaseModel):
    dataset: str
    db: str
    started: str
    reports: int
    cases: int
    overall: Score
    by_kind: dict[str, Score]
    by_tag: dict[str, Score]
    citation_recall: Optional[float] = Field(description="mean over the cases that list `cite`")
    citation_cases: int
    refusal: Refusal
    latency_p50_s: float
    latency_p95_s: float
    crashed: list[str] = Field(default_factory=list)
    failed: list[str] = Field(default_factory=list)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default); 0.0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _rate(flags: Iterable[bool]) -> Optional[float]:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else None


def _score(rows: Sequence[CaseResult], with_baseline: bool) -> Score:
    base = _rate(r.baseline.reachable for r in rows if r.baseline) if with_baseline else None
    return Score(n=len(rows), ours=_rate(r.correct for r in rows) or 0.0, baseline=base)


def _refused(r: CaseResult) -> bool:
    return r.answer is None or r.answer.get("status") != "answered"


def summarize(run: EvalRun) -> Summary:
    """The summary numbers of a run."""
    rows = run.results
    by_kind: dict[str, list[CaseResult]] = defaultdict(list)
    by_tag: dict[str, list[CaseResult]] = defaultdict(list)
    for r in rows:
        by_kind[r.kind].append(r)
        for tag in r.tags:
            by_tag[tag].append(r)
    unanswerable = [r for r in rows if r.kind == "unanswerable"]
    answerable = [r for r in rows if r.kind != "unanswerable"]
    recalls = [r.citation_recall for r in rows if r.citation_recall is not None]
    latencies = [r.latency_s for r in rows]
    return Summary(
        dataset=run.dataset, db=run.db, started=run.started, reports=run.reports, cases=len(rows),
        overall=_score(rows, run.baseline),
        by_kind={k: _score(by_kind[k], run.baseline) for k in KINDS if k in by_kind},
        by_tag={t: _score(by_tag[t], run.baseline) for t in sorted(by_tag)},
        citation_recall=sum(recalls) / len(recalls) if recalls else None, citation_cases=len(recalls),
        refusal=Refusal(unanswerable=len(unanswerable), refused_correctly=_rate(r.correct for r in unanswerable),
                        answerable=len(answerable), not_refused=_rate(not _refused(r) for r in answerable),
                        accuracy=_rate([r.correct for r in unanswerable] + [not _refused(r) for r in answerable])),
        latency_p50_s=round(percentile(latencies, 50), 4), latency_p95_s=round(percentile(latencies, 95), 4),
        crashed=[r.id for r in rows if r.error], failed=[r.id for r in rows if not r.correct],
    )


def _pct(x: Optional[float]) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _rows(summary: Summary) -> list[tuple[str, int, str, str]]:
    rows = [(k, s.n, _pct(s.ours), _pct(s.baseline)) for k, s in summary.by_kind.items()]
    return rows + [("overall", summary.overall.n, _pct(summary.overall.ours), _pct(summary.overall.baseline))]


def _headline(summary: Summary) -> list[str]:
    r = summary.refusal
    return [
        f"citation recall {_pct(summary.citation_recall)} ({summary.citation_cases} cases with cite)",
        f"refusals: unanswerable refused {_pct(r.refused_correctly)} of {r.unanswerable}, "
        f"answerable not refused {_pct(r.not_refused)} of {r.answerable}",
        f"latency p50 {summary.latency_p50_s:.3f} s, p95 {summary.latency_p95_s:.3f} s",
    ]


def table(summary: Summary) -> str:
    """The plain-text table printed at the end of a run."""
    lines = [f"{summary.dataset}: {summary.cases} cases on {summary.reports} reports in {summary.db}",
             f"{'kind':<14} {'n':>4} {'ours':>9} {'baseline':>9}"]
    lines += [f"{k:<14} {n:>4} {o:>9} {b:>9}" for k, n, o, b in _rows(summary)]
    lines += _headline(summary)
    if summary.crashed:
        lines.append(f"crashed (bugs, counted wrong): {', '.join(summary.crashed)}")
    if summary.failed:
        lines.append(f"failed: {', '.join(summary.failed)}")
    return "\n".join(lines)


def _md_table(header: Sequence[str], rows: Iterable[Sequence]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return out + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def markdown(summary: Summary, results: Sequence[CaseResult]) -> str:
    """summary.md: both columns per kind and per tag, the headline numbers, and every failure with why."""
    lines = [f"# Evaluation: {summary.dataset}", "",
             f"{summary.cases} cases, {summary.reports} reports in `{summary.db}`, started {summary.started}.", "",
             "## Accuracy by kind", ""]
    lines += _md_table(["kind", "n", "ours", "baseline"], _rows(summary))
    lines += ["", "## Accuracy by tag", ""]
    lines += _md_table(["tag", "n", "ours", "baseline"],
                       [(t, s.n, _pct(s.ours), _pct(s.baseline)) for t, s in summary.by_tag.items()])
    lines += ["", "## Citations, refusals, latency", ""] + [f"- {h}" for h in _headline(summary)]
    failed = [r for r in results if not r.correct]
    lines += ["", "## Our failures", ""]
    lines += _md_table(["id", "kind", "question", "why"],
                       [(r.id, r.kind, _cell(r.question), _cell(r.why)) for r in failed]) if failed else ["None."]
    missed = [r for r in results if r.baseline and not r.baseline.reachable]
    if any(r.baseline for r in results):
        lines += ["", "## Baseline misses", "", BASELINE_NOTE, ""]
        lines += _md_table(["id", "kind", "why", "chunks"],
                           [(r.id, r.kind, _cell(r.baseline.why), " ".join(r.baseline.chunks)) for r in missed]
                           ) if missed else ["None."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def write(run: EvalRun, out_dir: Path) -> Summary:
    """Write results.jsonl, summary.json and summary.md into `out_dir`; returns the summary."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = summarize(run)
    with open(out_dir / "results.jsonl", "w", encoding="utf-8") as f:
        for r in run.results:
            f.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(summary.model_dump_json(indent=2), encoding="utf-8")
    (out_dir / "summary.md").write_text(markdown(summary, run.results), encoding="utf-8")
    return summary
