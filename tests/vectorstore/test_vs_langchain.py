"""LangChain adapters over our embedder and index."""
from __future__ import annotations

from tests.vectorstore.vs_helpers import make_report
from vectorstore.embedders import HashEmbedder
from vectorstore.index import PassageIndex
from vectorstore.langchain_adapters import EmbedderEmbeddings, PassageRetriever


def test_embeddings_adapter():
    e = EmbedderEmbeddings(HashEmbedder(32))
    assert e.embed_query("主要问题") == HashEmbedder(32).embed_query("主要问题")
    assert len(e.embed_documents(["a", "b"])) == 2


def test_retriever_returns_documents_with_citations():
    index = PassageIndex(None, HashEmbedder(64))
    index.index_reports([make_report("r1"), make_report("r2", agency="鄞州区统计局")])
    docs = PassageRetriever(index=index, k=2, filters={"agency": "鄞州区"}).invoke("信息公开范围单一")
    assert len(docs) == 2
    meta = docs[0].metadata
    assert meta["report"] == "r2" and meta["section"] == "五" and meta["file"] == "r2.txt"
    assert len(meta["lines"]) == 2 and docs[0].page_content
