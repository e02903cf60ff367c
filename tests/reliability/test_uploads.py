"""Uploads are stored under their content: same-named files from two agencies are two reports, the
same file twice is one (issue: the second `2020年政府信息公开工作年度报告.txt` replaced the first
agency's report and overwrote its saved file; two in one batch raised KeyError)."""
from __future__ import annotations

from dataclasses import dataclass

from app_support.uploads import ingest_uploads
from ingest.store import connect_readonly
from nianbao.config import Settings
from tests.support.gold import SAMPLES_DIR

NAME = "2020年政府信息公开工作年度报告.txt"


@dataclass
class FakeUpload:
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def _agencies(db):
    conn = connect_readonly(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT agency FROM reports"))
    finally:
        conn.close()


def test_same_named_uploads_of_two_agencies_keep_both(tmp_path):
    a = (SAMPLES_DIR / "000_2133ae744f48d674.txt").read_bytes()
    b = (SAMPLES_DIR / "001_19df74b8cb7281a4.txt").read_bytes()
    db, settings = tmp_path / "db", Settings(db=tmp_path / "db")
    first = ingest_uploads([FakeUpload(NAME, a)], db, settings, index_passages=False)
    second = ingest_uploads([FakeUpload(NAME, b)], db, settings, index_passages=False)
    assert first[0].status == second[0].status == "ok"
    assert len(_agencies(db)) == 2
    assert len(list((db / "uploads").iterdir())) == 2  # neither saved file overwritten


def test_same_named_files_in_one_batch_and_a_repeated_file(tmp_path):
    a = (SAMPLES_DIR / "000_2133ae744f48d674.txt").read_bytes()
    b = (SAMPLES_DIR / "004_5206fb2196a31c52.txt").read_bytes()
    db, settings = tmp_path / "db", Settings(db=tmp_path / "db")
    got = ingest_uploads([FakeUpload(NAME, a), FakeUpload(NAME, b), FakeUpload("copy.txt", a)], db, settings,
                         index_passages=False)
    assert [r.status for r in got] == ["ok", "ok", "duplicate"]  # copy.txt: the first file's text again
    assert len(_agencies(db)) == 2
    again = ingest_uploads([FakeUpload(NAME, a), FakeUpload(NAME, a)], db, settings, index_passages=False)
    assert again[1].status == "duplicate" and len(_agencies(db)) == 2
