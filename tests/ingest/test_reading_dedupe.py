"""A layout mode whose segments equal an earlier mode's is not read again (ingest/tables.py, `read`).
That is only a saving if the skipped reading would have been the same: here every gold report, in every
layout family and damaged structure of the perturbation generator (and the sample files as printed), is
read twice, once as the reader does and once reading every mode in full, and the facts must agree.
"""
from __future__ import annotations

import itertools

import pytest

from ingest import tables
from ingest.parse import parse_text
from nianbao.config import SAMPLES_DIR
from tests.ingest.test_perturbations import golds
from tests.support.perturb import LAYOUTS, STRUCTURES, render_perturbed


def _cells(report) -> list[tuple]:
    return [(f.key, f.state, f.value, f.raw, f.line, f.note) for f in report.facts]


def _read_both(text: str, name: str, monkeypatch) -> tuple[list, list, int]:
    reads = []
    original = tables.TableReader._read_tokens

    def counting(self, *args):
        reads.append(1)
        return original(self, *args)

    with monkeypatch.context() as m:
        m.setattr(tables.TableReader, "_read_tokens", counting)
        deduped = parse_text(text, name)
    saved = len(reads)
    reads.clear()
    fresh = itertools.count()
    with monkeypatch.context() as m:
        m.setattr(tables.TableReader, "_read_tokens", counting)
        m.setattr(tables, "_review_input", lambda *a: next(fresh))  # never equal: every mode read in full
        full = parse_text(text, name)
    return _cells(deduped), _cells(full), len(reads) - saved


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_skipping_a_same_shaped_mode_changes_no_cell(layout, structure, monkeypatch):
    for name, gold in golds():
        text, _ = render_perturbed(gold, layout, "plain", structure)
        deduped, full, _ = _read_both(text, f"{name}.txt", monkeypatch)
        assert deduped == full, f"{name} {layout}/{structure}: the skipped mode would have read otherwise"


def test_the_samples_skip_modes_and_read_the_same():
    skipped = 0
    mp = pytest.MonkeyPatch()
    try:
        for path in sorted(SAMPLES_DIR.glob("*.txt")):
            deduped, full, extra = _read_both(path.read_text(encoding="utf-8"), path.name, mp)
            assert deduped == full, path.name
            skipped += extra
    finally:
        mp.undo()
    assert skipped >= 2  # the one-cell-per-line samples read under several blank-line modes: some are skipped
