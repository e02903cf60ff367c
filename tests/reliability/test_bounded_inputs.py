"""Inputs past any real report's size: a value that does not fit is unreadable (never Inf), and the
JSON the CLI prints stays strictly valid."""
from __future__ import annotations

import json
import math

from click.testing import CliRunner

from ingest.parse import parse_text
from ingest.pipeline import ingest_paths
from nianbao.cli import main as cli
from tests.support.gold import load_gold
from tests.support.perturb import render_perturbed


def test_a_400_digit_number_is_unreadable_not_infinite(tmp_path):
    gold = load_gold("001_19df74b8cb7281a4.txt")
    text, _ = render_perturbed(gold, "pipe")
    huge = "9" * 400
    text = text.replace("| 规章 | 0 |", f"| 规章 | {huge} |", 1)
    assert huge in text
    report = parse_text(text, "huge.txt")
    fact = report.fact("active.rules.made")
    assert fact.state.value == "unreadable" and fact.value is None and "too large" in fact.note
    assert all(f.value is None or math.isfinite(f.value) for f in report.facts)

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text(text, encoding="utf-8")
    assert not ingest_paths([folder], tmp_path / "db", index_passages=False).failed
    out = CliRunner().invoke(cli, ["facts", "--db", str(tmp_path / "db"), "--format", "jsonl"])
    assert out.exit_code == 0
    for line in out.output.splitlines():
        json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))  # no NaN/Infinity

