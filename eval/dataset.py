"""A dataset of QA cases (the format of shared/gold/QA.md): the `Case` model and a strict loader.

One JSON object per line: `id`, `question`, optional `turns` (earlier questions of the same chat, oldest
first), `expect` (what a right answer is, by `kind`), `cite` (what it should cite: `file#table.row.col`
for a cell, a bare `file` for a passage) and `tags`. A bad line is a `UserError` naming the file, the
line number and what is wrong with it; nothing is skipped silently.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from nianbao.errors import UserError

SECTIONS = ("一", "二", "三", "四", "五", "六")
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")
# file#table.row.col (a table cell) or a bare file name (a passage of that report)
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


class _Expect(BaseModel):
    model_config = ConfigDict(extra="allow")  # a "note" or other remarks ride along


class NumberExpect(_Expect):
    kind: Literal["number"]
    value: float
    unit: Literal["count", "yuan", "percent"]


class AgencyExpect(_Expect):
    kind: Literal["agency"]
    value: str = Field(min_length=1)


class ListExpect(_Expect):
    kind: Literal["list"]
    values: list[Union[float, str]]
    ordered: StrictBool = False


class BooleanExpect(_Expect):
    kind: Literal["boolean"]
    value: StrictBool


class PassagesExpect(_Expect):
    kind: Literal["passages"]
    files: list[str] = Field(min_length=1)
    sections: list[Literal["一", "二", "三", "四", "五", "六"]] = Field(min_length=1)


class UnanswerableExpect(_Expect):
    kind: Literal["unanswerable"]
    note: str = ""


Expect = Annotated[Union[NumberExpect, AgencyExpect, ListExpect, BooleanExpect, PassagesExpect, UnanswerableExpect],
                   Field(discriminator="kind")]


class Case(BaseModel):
    """One question with the answer it should get."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    turns: list[str] = Field(default_factory=list)
    expect: Expect
    cite: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("question")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the question is blank")
        return v

    @field_validator("cite")
    @classmethod
    def _cite_keys(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not _CITE.match(c)]
        if bad:
            raise ValueError(f"{bad[0]!r} is neither 'file' nor 'file#table.row.col'")
        return v

    @property
    def kind(self) -> str:
        return self.expect.kind

    def as_dict(self) -> dict[str, Any]:
        """The plain case dict `qa.scoring.score_case` reads."""
        return self.model_dump(mode="json")

    def cell_cites(self) -> list[tuple[str, str]]:
        """(file, key) of every cited table cell, in order."""
        return [(c.partition("#")[0], c.partition("#")[2]) for c in self.cite if "#" in c]


def _explain(e: ValidationError) -> str:
    """The first problem of a validation error in one line: where in the case, and what."""
    err = e.errors()[0]
    loc = [str(p) for p in err["loc"]]
    # the discriminated union puts the kind's class name in the path: expect.number.value -> expect.value
    if len(loc) >= 2 and loc[0] == "expect" and loc[1] in KINDS:
        loc.pop(1)
    where = ".".join(loc) or "the case"
    msg = err["msg"]
    if err["type"] == "union_tag_invalid":
        msg = f"unknown expect.kind {err['input'].get('kind')!r}; use one of: {', '.join(KINDS)}"
    elif err["type"] == "union_tag_not_found":
        msg = f"expect has no 'kind'; use one of: {', '.join(KINDS)}"
    elif err["type"] == "missing":
        msg = "missing"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field (allowed: id, question, turns, expect, cite, tags)"
    more = f" (and {len(e.errors()) - 1} more problem(s))" if len(e.errors()) > 1 else ""
    return f"{where}: {msg}{more}"


def parse_line(text: str, where: str) -> Case:
    """One case from one JSON line; `where` ('file line N') prefixes any error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise UserError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(data, dict):
        raise UserError(f"{where}: expected a JSON object, got {type(data).__name__}")
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        raise UserError(f"{where}: {_explain(e)}") from None


def load_cases(path: Path) -> list[Case]:
    """Every case of a JSONL file (blank lines are skipped); ids must be unique."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except UnicodeDecodeError as e:
        raise UserError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        case = parse_line(line, f"{path} line {number}")
        if case.id in seen:
            raise UserError(f"{path} line {number}: id {case.id!r} already used on line {seen[case.id]}")
        seen[case.id] = number
        cases.append(case)
    if not cases:
        raise UserError(f"{path}: no cases (expected one JSON object per line, see shared/gold/QA.md)")
    return cases
