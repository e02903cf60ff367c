"""Loading and validating QA-case files: every bad line is one clear error with file and line number."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dataset import Case, load_cases
from nianbao.errors import UserError

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
GOOD = {"id": "a", "question": "鹿城区统计局收到多少件申请？",
        "expect": {"kind": "number", "value": 1, "unit": "count"},
        "cite": ["001_19df74b8cb7281a4.txt#requests.new.total"], "tags": ["lookup"]}


def write(tmp_path: Path, *lines) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("name,count", [("qa_dev.jsonl", 39), ("qa_stranger.jsonl", 19)])
def test_the_project_datasets_load(name, count):
    cases = load_cases(EVAL_DIR / name)
    assert len(cases) == count
    assert {c.kind for c in cases} == {"number", "agency", "list", "boolean", "passages", "unanswerable"}
    assert any(c.turns for c in cases)


def test_a_case_keeps_turns_cites_and_notes(tmp_path):
    case = load_cases(write(tmp_path, {**GOOD, "turns": ["earlier?"], "expect": {**GOOD["expect"], "note": "n"}}))[0]
    assert case.turns == ["earlier?"]
    assert case.cell_cites() == [("001_19df74b8cb7281a4.txt", "requests.new.total")]
    assert case.as_dict()["expect"] == {"kind": "number", "value": 1.0, "unit": "count", "note": "n"}


def test_blank_lines_are_skipped(tmp_path):
    assert [c.id for c in load_cases(write(tmp_path, GOOD, "", {**GOOD, "id": "b"}, ""))] == ["a", "b"]


@pytest.mark.parametrize("line,message", [
    ("{not json", "line 2: not valid JSON"),
    ("[1, 2]", "line 2: expected a JSON object"),
    ({**GOOD, "question": "  "}, "line 2: question: Value error, the question is blank"),
    ({k: v for k, v in GOOD.items() if k != "expect"}, "line 2: expect: missing"),
    ({**GOOD, "expect": {"kind": "numbr", "value": 1}}, "unknown expect.kind 'numbr'; use one of: number, agency"),
    ({**GOOD, "expect": {"value": 1}}, "expect has no 'kind'"),
    ({**GOOD, "expect": {"kind": "number", "value": 1}}, "line 2: expect.unit: missing"),
    ({**GOOD, "expect": {"kind": "number", "value": 1, "unit": "元"}},
     "expect.unit: Input should be 'count', 'yuan' or 'percent'"),
    ({**GOOD, "expect": {"kind": "number", "value": "七", "unit": "count"}}, "expect.value"),
    ({**GOOD, "expect": {"kind": "boolean", "value": "yes"}}, "expect.value: Input should be a valid boolean"),
    ({**GOOD, "expect": {"kind": "passages", "files": ["f.txt"], "sections": ["七"]}}, "expect.sections.0"),
    ({**GOOD, "expect": {"kind": "passages", "files": [], "sections": ["五"]}}, "expect.files"),
    ({**GOOD, "cite": ["f.txt#procurement"]}, "cite: Value error, 'f.txt#procurement' is neither"),
    ({**GOOD, "turns": "earlier?"}, "turns: Input should be a valid list"),
    ({**GOOD, "answer": 1}, "answer: unknown field"),
    (GOOD, "line 2: id 'a' already used on line 1"),
])
def test_a_bad_line_names_file_line_and_problem(tmp_path, line, message):
    path = write(tmp_path, GOOD, line)
    with pytest.raises(UserError) as e:
        load_cases(path)
    assert str(e.value).startswith(f"{path} line 2: ")
    assert message in str(e.value)


def test_missing_empty_and_binary_files(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load_cases(tmp_path / "nope.jsonl")
    with pytest.raises(UserError, match="no cases"):
        load_cases(write(tmp_path, "", ""))
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UserError, match="not UTF-8"):
        load_cases(tmp_path / "bin.jsonl")


def test_list_values_keep_names_and_numbers_apart():
    case = Case.model_validate({**GOOD, "expect": {"kind": "list", "values": ["a局", 1, 0.5]}})
    assert case.expect.values == ["a局", 1.0, 0.5] and case.expect.ordered is False
