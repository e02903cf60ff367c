"""Retrieval evaluation: recall@1, recall@5 and MRR of `nianbao search` per mode.

Dataset (`eval/retrieval.jsonl`): one case per line, `{"id", "query", "gold": [{"file", "sections"}],
"tags"}`. A passage hits a gold item when its file and canonical section match. For a case with
several gold files ("which reports mention …"), recall@k is the share of gold files hit in the top k,
capped by k (`hits / min(k, len(gold))`); MRR uses the rank of the first hit.

Run: `python -m eval.retrieval` or `nianbao eval-retrieval [--db DIR]`: both index data/samples into a
temporary Chroma index with the data folder's embedder (the default model is converted into
`<db>/models` once) and print the three modes; `--in-place` searches the data folder's own index.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

from pydantic import BaseModel, Field

from nianbao.models import Passage

DATASET = Path(__file__).resolve().parent / "retrieval.jsonl"
MODES = ("dense", "lexical", "hybrid")


class GoldItem(BaseModel):
    file: str
    sections: list[str]


class RetrievalCase(BaseModel):
    id: str
    query: str
    gold: list[GoldItem]
    tags: list[str] = Field(default_factory=list)


class CaseResult(BaseModel):
    id: str
    mode: str
    recall_at_1: float
    recall_at_5: float
    reciprocal_rank: float
    top: list[str]  # "file#section" of the first five results


class ModeScore(BaseModel):
    mode: str
    cases: int
    recall_at_1: float
    recall_at_5: float
    mrr: float


class RetrievalReport(BaseModel):
    scores: list[ModeScore]
    results: list[CaseResult]

    def table(self) -> str:
        lines = [f"{'mode':<8} {'cases':>5} {'R@1':>6} {'R@5':>6} {'MRR':>6}"]
        lines += [f"{s.mode:<8} {s.cases:>5} {s.recall_at_1:>6.3f} {s.recall_at_5:>6.3f} {s.mrr:>6.3f}"
                  for s in self.scores]
        return "\n".join(lines)

    def misses(self, mode: str = "hybrid") -> list[CaseResult]:
        return [r for r in self.results if r.mode == mode and r.recall_at_5 < 1.0]


def load_cases(path: Path = DATASET) -> list[RetrievalCase]:
    with open(path, encoding="utf-8") as f:
        return [RetrievalCase.model_validate(json.loads(line)) for line in f if line.strip()]


def _hits(case: RetrievalCase, passages: Sequence[Passage]) -> list[Optional[int]]:
    """For each gold item, the 1-based rank of its first matching passage (None if absent)."""
    ranks: list[Optional[int]] = []
    for item in case.gold:
        rank = next((i for i, p in enumerate(passages, 1) if p.file == item.file and p.section in item.sections), None)
        ranks.append(rank)
    return ranks


def score_case(case: RetrievalCase, mode: str, passages: Sequence[Passage]) -> CaseResult:
    ranks = _hits(case, passages)

    def recall(k: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= k) / min(k, len(case.gold))

    first = min((r for r in ranks if r is not None), default=None)
    return CaseResult(id=case.id, mode=mode, recall_at_1=recall(1), recall_at_5=recall(5),
                      reciprocal_rank=1.0 / first if first else 0.0,
                      top=[f"{p.file[:3]}#{p.section}" for p in passages[:5]])


def evaluate(index, cases: Sequence[RetrievalCase], modes: Sequence[str] = MODES, depth: int = 10) -> RetrievalReport:
    """Search every case in every mode on `index` (a `PassageIndex`) and score it."""
    results = [score_case(case, mode, index.search(case.query, k=depth, mode=mode))
               for mode in modes for case in cases]
    scores = []
    for mode in modes:
        rows = [r for r in results if r.mode == mode]
        n = len(rows) or 1
        scores.append(ModeScore(mode=mode, cases=len(rows), recall_at_1=sum(r.recall_at_1 for r in rows) / n,
                                recall_at_5=sum(r.recall_at_5 for r in rows) / n,
                                mrr=sum(r.reciprocal_rank for r in rows) / n))
    return RetrievalReport(scores=scores, results=results)


def index_reports_dir(index, reports_dir: Path) -> int:
    """Parse every report file in `reports_dir` with the ingest parser and (re)index it."""
    from ingest.parse import parse_file

    paths = sorted(p for p in Path(reports_dir).iterdir() if p.is_file() and not p.name.startswith("."))
    return index.index_reports([parse_file(p) for p in paths])


def run(settings, reports_dir: Optional[Path] = None, dataset: Path = DATASET,
        in_place: bool = False) -> RetrievalReport:
    """Evaluate the settings' embedder: on a fresh temporary index of `reports_dir` (default: the
    sample reports), or, with `in_place`, on the data folder's own index."""
    import tempfile

    from nianbao.config import SAMPLES_DIR
    from vectorstore.embedders import make_embedder
    from vectorstore.index import PassageIndex, open_index

    cases = load_cases(dataset)
    if in_place:
        return evaluate(open_index(settings), cases)
    with tempfile.TemporaryDirectory(prefix="nianbao-eval-") as tmp:
        index = PassageIndex(Path(tmp), make_embedder(settings))
        index_reports_dir(index, Path(reports_dir or SAMPLES_DIR))
        return evaluate(index, cases)


def main() -> None:
    from nianbao.config import load_settings

    report = run(load_settings())
    print(report.table())
    for miss in report.misses():
        print(f"miss {miss.id}: R@5={miss.recall_at_5:.2f} top={' '.join(miss.top)}")


if __name__ == "__main__":
    main()
