"""The benchmark's passage index for a cloned corpus (`vectorstore.corpus.clone_index`): every clone gets its
base report's chunks under its own ids, agency, region and year, with the base's vectors; a passage question
about a clone is answered from the clone's chunks, through real Chroma and a BM25 index built over all."""
from __future__ import annotations

from ingest.corpus import build_corpus
from nianbao.config import load_settings
from qa.api import answer
from vectorstore.corpus import clone_index
from vectorstore.index import open_index


def test_a_cloned_corpus_is_searched_like_an_indexed_one(ingested_db, tmp_path):
    db = tmp_path / "corpus"
    clones: list[dict] = []
    assert build_corpus(ingested_db, db, 40, clones=clones) == 40
    settings = load_settings(db=db)
    cost = clone_index(settings, ingested_db, db, clones, batch=300)
    base = open_index(load_settings(db=ingested_db), ingested_db)
    per_base = {}
    for c in base.store.get():
        per_base[c.report_id] = per_base.get(c.report_id, 0) + 1
    expected = sum(per_base.get(c["base"], 0) for c in clones)
    index = open_index(settings, db)
    assert cost["chunks"] == expected == index.count() > 0
    assert len(index.lexical().chunks) == expected  # the keyword index covers every chunk, saved for questions

    clone = next(c for c in clones if per_base.get(c["base"]))
    got = answer(f"{clone['agency']}存在哪些主要问题？", db_dir=db)
    assert got.status == "answered", got.text
    cited = {c.report for c in got.citations}
    assert cited == {clone["id"]}, (cited, got.text)  # its own chunks, not its base's or another clone's
