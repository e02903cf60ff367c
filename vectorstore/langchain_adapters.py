"""LangChain views of our objects: `Embeddings` over any `Embedder`, a retriever over `PassageIndex`.

For the eval baseline and QA chains that speak LangChain; the project's own code calls the index
directly. Import this module only when LangChain is wanted (it imports langchain_core).
"""
from __future__ import annotations

from typing import Any, Optional

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import Field

from nianbao.models import Passage
from vectorstore.embedders import Embedder


class EmbedderEmbeddings(Embeddings):
    """LangChain `Embeddings` backed by one of our embedders (queries get the query prompt)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


def passage_document(passage: Passage) -> Document:
    """A `Document` whose metadata carries the citation: file, report, section, line span, score."""
    return Document(page_content=passage.text, metadata={
        "chunk_id": passage.chunk_id, "file": passage.file, "report": passage.report_id,
        "agency": passage.agency, "year": passage.year, "section": passage.section,
        "heading": passage.heading, "subheading": passage.subheading,
        "lines": [passage.lines[0], passage.lines[1]], "score": passage.score, "kind": passage.kind,
    })


class PassageRetriever(BaseRetriever):
    """`PassageIndex.search` as a LangChain retriever; `filters` are passed through (agency, year, section, ...)."""

    index: Any  # a vectorstore.index.PassageIndex (Any: pydantic need not know the class)
    k: int = 5
    mode: str = "hybrid"
    filters: dict[str, Any] = Field(default_factory=dict)

    def _get_relevant_documents(self, query: str, *,
                                run_manager: Optional[CallbackManagerForRetrieverRun] = None) -> list[Document]:
        passages = self.index.search(query, k=self.k, mode=self.mode, **self.filters)
        return [passage_document(p) for p in passages]
