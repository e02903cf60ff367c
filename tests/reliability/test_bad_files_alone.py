"""A bad file fails alone, with its name and a one-line reason; the files before and after it are
stored (issue: an HTML nested 10,000 tags deep raised RecursionError and stopped the folder; a
damaged PDF raised TypeError at file 5 of 40)."""
from __future__ import annotations

import random
import shutil

from ingest.pipeline import ingest_paths
from tests.support.gold import FIXTURES, SAMPLES_DIR


def _damaged_pdfs(folder, n: int, seed: int = 7) -> list:
    data = (FIXTURES / "pdf" / "hongze-qu-gov-2024.pdf").read_bytes()
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 40)):  # flip bytes anywhere: xref, streams, trailer
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        if i % 3 == 0:
            b = b[: rnd.randrange(1000, len(b))]  # cut short
        path = folder / f"damaged_{i:02d}.pdf"
        path.write_bytes(bytes(b))
        out.append(path)
    return out


def test_poisoned_html_and_damaged_pdfs_fail_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES_DIR / "000_2133ae744f48d674.txt", folder / "a_first.txt")
    (folder / "b_deep.html").write_text("<html><body>" + "<div>" * 10_000 + "政府信息公开" + "</div>" * 10_000 +
                                        "</body></html>", encoding="utf-8")
    damaged = _damaged_pdfs(folder, 40)  # as in the issue: one of 40 stopped the folder at file 5
    shutil.copy(SAMPLES_DIR / "001_19df74b8cb7281a4.txt", folder / "z_last.txt")
    summary = ingest_paths([folder], tmp_path / "db", index_passages=False)
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in summary.results}
    assert len(by_name) == 2 + 1 + len(damaged)  # every file has its result
    assert by_name["a_first.txt"].status == "ok" and by_name["z_last.txt"].status == "ok"
    deep = by_name["b_deep.html"]
    assert deep.status == "failed" and deep.message and "\n" not in deep.message
    for p in damaged:
        r = by_name[p.name]
        assert r.status in ("ok", "warnings", "failed", "duplicate")  # may still be read; never a crash
        if r.status == "failed":
            assert r.message and "\n" not in r.message and "Traceback" not in r.message


def test_a_reader_bug_fails_one_file_and_logs_its_traceback(tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    real = pipeline.parse_file

    def buggy(path, strict=False):
        if path.name == "b.txt":
            raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'int'")
        return real(path, strict=strict)

    monkeypatch.setattr(pipeline, "parse_file", buggy)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, sample in (("a.txt", "000_2133ae744f48d674.txt"), ("b.txt", "001_19df74b8cb7281a4.txt"),
                         ("c.txt", "004_5206fb2196a31c52.txt")):
        shutil.copy(SAMPLES_DIR / sample, folder / name)
    summary = ingest_paths([folder], tmp_path / "db", index_passages=False)
    status = {r.path.rsplit("/", 1)[-1]: r for r in summary.results}
    assert status["a.txt"].status == "ok" and status["c.txt"].status == "ok"
    bad = status["b.txt"]
    assert bad.status == "failed" and "TypeError" in bad.message and "ingest-errors.log" in bad.message
    log = (tmp_path / "db" / "ingest-errors.log").read_text(encoding="utf-8")
    assert "b.txt" in log and "Traceback" in log
