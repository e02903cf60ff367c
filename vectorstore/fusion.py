"""Fuse ranked lists from several retrievers, and spread results over report sections.

Reciprocal-rank fusion needs no calibration between cosine similarities and BM25 scores, which live
on unrelated scales and shift with the query. Character n-grams only carry signal for the Chinese
part of a query, so the lexical list is weighted by the query's share of CJK characters (an English
question leans on the multilingual dense model). Both choices were measured on eval/retrieval.jsonl.
"""
from __future__ import annotations

import re
from typing import Sequence, TypeVar

from vectorstore.chunking import Chunk

RRF_K = 60


def reciprocal_rank_fusion(rankings: Sequence[Sequence[Chunk]], k: int = RRF_K,
                           weights: Sequence[float] | None = None) -> list[tuple[Chunk, float]]:
    """Chunks ordered by sum(weight / (k + rank)), scores scaled so first place in every list is 1.0."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    best = sum(w / (k + 1) for w in weights) or 1.0
    scores: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, chunk in enumerate(ranking, start=1):
            scores[chunk.chunk_id] = scores.get(chunk.chunk_id, 0.0) + weight / (k + rank)
            chunks.setdefault(chunk.chunk_id, chunk)
    order = sorted(scores, key=lambda cid: (-scores[cid], cid))
    return [(chunks[cid], scores[cid] / best) for cid in order]


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MIN_LEXICAL_WEIGHT = 0.2


def cjk_share(text: str) -> float:
    """Share of CJK characters among the non-space characters of `text`."""
    chars = re.sub(r"\s+", "", text)
    return len(_CJK.findall(chars)) / len(chars) if chars else 0.0


def lexical_weight(query: str) -> float:
    return max(MIN_LEXICAL_WEIGHT, cjk_share(query))


T = TypeVar("T")


def spread_sections(ranked: Sequence[tuple[Chunk, T]]) -> list[tuple[Chunk, T]]:
    """Stable reorder: the best chunk of each (report, section) first, further chunks of it after.

    Neighbouring chunks of one section are near-duplicates; without this they crowd out other
    reports in the top k ("which reports mention ..."). Nothing is dropped, so a search filtered
    down to one section still returns all of its chunks.
    """
    seen: set[tuple[str, str]] = set()
    first, later = [], []
    for item in ranked:
        key = (item[0].report_id, item[0].section)
        (later if key in seen else first).append(item)
        seen.add(key)
    return first + later
