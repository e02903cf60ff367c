"""Bad inputs give one clear error naming the file; other files still go in; the store stays intact."""
import json

import pytest
from click.testing import CliRunner

from ingest import store
from ingest.pipeline import ingest_paths
from nianbao.cli import main
from tests.support.gold import SAMPLE_FILES, SAMPLES_DIR

SAMPLE_TEXT = (SAMPLES_DIR / SAMPLE_FILES[3]).read_text(encoding="utf-8")

BAD = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x00\x01\x02PK\x03\x04" * 200, "binary"),
    "novel.txt": ("从前有座山，山里有座庙。".encode("utf-8") * 50, "does not look like"),
    "latin1.txt": (("caf\xe9 na\xefve " * 100).encode("latin-1"), "UTF-8"),
    "report.xls": (b"\xd0\xcf\x11\xe0 old excel", "unsupported file type"),
}


@pytest.fixture()
def bad_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    return folder


def test_each_bad_file_fails_with_its_reason_and_good_file_goes_in(tmp_path, bad_folder):
    files = [bad_folder / n for n in BAD] + [bad_folder / "good.txt"]
    summary = ingest_paths(files, tmp_path / "db", index_passages=False)
    by_name = {r.path.split("/")[-1]: r for r in summary.results}
    for name, (_, reason) in BAD.items():
        assert by_name[name].status == "failed", name
        assert reason in by_name[name].message, (name, by_name[name].message)
    assert by_name["good.txt"].status in ("ok", "warnings")
    conn = store.connect(tmp_path / "db")
    assert store.counts(conn)["reports"] == 1


TRUNCATED = SAMPLE_TEXT[: SAMPLE_TEXT.index("不予处理")]


def test_a_truncated_report_is_stored_with_what_it_has(tmp_path):
    path = tmp_path / "truncated.txt"
    path.write_text(TRUNCATED, encoding="utf-8")
    summary = ingest_paths([path], tmp_path / "db", index_passages=False)
    assert summary.results[0].status == "warnings" and "incomplete" in summary.results[0].message
    report = store.load_report(store.connect(tmp_path / "db"), summary.results[0].report_id)
    assert report.fact("requests.new.total").value == 4  # printed before the cut
    cut = report.fact("review.reconsideration.total")
    assert cut.state.value == "not_read" and cut.value is None  # after the cut: not read, never blank
    assert any(f.rule == "incomplete" for f in report.findings)


def test_strict_refuses_an_incomplete_report(tmp_path):
    path = tmp_path / "truncated.txt"
    path.write_text(TRUNCATED, encoding="utf-8")
    summary = ingest_paths([path], tmp_path / "db", index_passages=False, strict=True)
    assert summary.results[0].status == "failed" and "incomplete report" in summary.results[0].message
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "db2"), "--no-passages", "--strict"])
    assert result.exit_code == 1 and "incomplete report" in result.output


def test_cli_exit_code_and_one_line_per_file(tmp_path, bad_folder):
    result = CliRunner().invoke(main, ["ingest", str(bad_folder / "empty.txt"), str(bad_folder / "good.txt"),
                                       "--db", str(tmp_path / "db"), "--no-passages"])
    assert result.exit_code == 1
    assert "FAIL" in result.output and "empty.txt: the file is empty" in result.output
    assert "1 of 2 files ingested" in result.output


def test_gbk_encoded_report_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE_TEXT.encode("gbk"))
    summary = ingest_paths([path], tmp_path / "db", index_passages=False)
    assert summary.results[0].status != "failed"
    assert summary.results[0].agency == "福州市鼓楼区温泉街道办事处"


def test_failed_report_leaves_previous_store_untouched(tmp_path, bad_folder, monkeypatch):
    db = tmp_path / "db"
    ingest_paths([SAMPLES_DIR], db, index_passages=False)
    conn = store.connect(db)
    before = store.counts(conn)

    def boom(conn, report):  # a crash after the old version was deleted, in the middle of the write
        conn.execute("INSERT INTO reports (id, file, source_path) VALUES ('half', 'f', 'p')")
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert", boom)
    with pytest.raises(RuntimeError):
        store.save_report(conn, __import__("ingest.parse", fromlist=["x"]).parse_file(SAMPLES_DIR / SAMPLE_FILES[0]))
    assert store.counts(conn) == before


def test_ingesting_twice_is_idempotent_and_changed_file_replaces_old(tmp_path):
    db = tmp_path / "db"
    ingest_paths([SAMPLES_DIR], db, index_passages=False)
    conn = store.connect(db)
    first = store.counts(conn)
    ingest_paths([SAMPLES_DIR], db, index_passages=False)
    assert store.counts(conn) == first
    copy = tmp_path / "r.txt"
    copy.write_text(SAMPLE_TEXT, encoding="utf-8")
    summary = ingest_paths([copy], db, index_passages=False)
    assert summary.results[0].status == "duplicate"  # a sample's text at another path: one report, kept
    n = store.counts(conn)["reports"]
    assert n == first["reports"]
    copy.write_text(SAMPLE_TEXT + "\n补充说明。\n", encoding="utf-8")
    ingest_paths([copy], db, index_passages=False)
    assert store.counts(conn)["reports"] == n + 1  # the edited copy is its own report; the sample stays
    copy.write_text(SAMPLE_TEXT + "\n补充说明，再改一次。\n", encoding="utf-8")
    ingest_paths([copy], db, index_passages=False)  # a new version of that file replaces its old one
    assert store.counts(conn)["reports"] == n + 1
    assert conn.execute("SELECT COUNT(*) FROM reports WHERE source_path = ?", (str(copy.resolve()),)).fetchone()[0] == 1


def test_missing_path_is_a_user_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "db")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_exports(tmp_path):
    db = tmp_path / "db"
    ingest_paths([SAMPLES_DIR], db, index_passages=False)
    runner = CliRunner()
    out = runner.invoke(main, ["facts", "--db", str(db)]).output.splitlines()
    rows = [json.loads(x) for x in out]
    assert len([r for r in rows if r["state"] != "absent"]) == 5 * 198
    first = rows[0]
    assert set(first) >= {"file", "report", "agency", "year", "template", "key", "value", "state", "unit", "raw",
                          "line"}
    csv_out = runner.invoke(main, ["facts", "--db", str(db), "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("file,report,agency,year,template,key,value,state,unit,raw,line")
    reports = [json.loads(x) for x in runner.invoke(main, ["reports", "--db", str(db), "--format", "jsonl"]).output.splitlines()]
    assert len(reports) == 5
    table = runner.invoke(main, ["reports", "--db", str(db)]).output
    assert "鄞州区统计局" in table
    findings = [json.loads(x) for x in runner.invoke(main, ["findings", "--db", str(db), "--format", "jsonl"]).output.splitlines()]
    assert {f["rule"] for f in findings} == {"unit_guess"}


def test_every_command_has_help_with_an_example():
    import importlib

    from nianbao.cli import COMMANDS
    runner = CliRunner()
    defined = {c.name: module for module in set(COMMANDS.values())
               for c in importlib.import_module(module).commands}
    assert defined == COMMANDS  # the lazy table names every command where it lives
    for name in COMMANDS:
        text = runner.invoke(main, [name, "--help"]).output
        assert "Example" in text, f"`nianbao {name} --help` has no example"
    listed = runner.invoke(main, ["--help"]).output
    assert all(f"  {name} " in listed for name in COMMANDS)


def test_failed_passage_indexing_keeps_tables_and_says_so(tmp_path, monkeypatch):
    from ingest import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("model folder unreadable")

    monkeypatch.setattr(pipeline, "_index", broken)
    summary = ingest_paths([SAMPLES_DIR], tmp_path / "db")
    assert len(summary.results) == 5 and not summary.failed
    assert "model folder unreadable" in summary.index_error
    assert store.counts(store.connect(tmp_path / "db"))["reports"] == 5
