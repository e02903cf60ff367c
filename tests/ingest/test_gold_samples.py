"""Every table cell of the five sample reports equals the hand-checked gold (value and state)."""
import functools

import pytest

from ingest.parse import parse_file
from tests.support.gold import SAMPLE_FILES, SAMPLES_DIR, load_gold

META_FIELDS = ("agency", "province", "city", "county", "township", "year", "template", "published")


@functools.lru_cache(maxsize=None)
def parsed(name):
    return parse_file(SAMPLES_DIR / name)


def _cells():
    for name in SAMPLE_FILES:
        for key in load_gold(name)["facts"]:
            yield pytest.param(name, key, id=f"{name[:3]}:{key}")


@pytest.mark.parametrize("name,key", list(_cells()))
def test_cell_matches_gold(name, key):
    gold = load_gold(name)["facts"][key]
    fact = parsed(name).fact(key)
    assert fact is not None, f"{name} {key}: not extracted"
    assert (fact.state.value, fact.value) == (gold["state"], gold["value"]), \
        f"{name} {key}: got {fact.value!r} ({fact.state.value}, raw {fact.raw!r}, line {fact.line}); " \
        f"gold {gold['value']!r} ({gold['state']}, raw {gold.get('raw')!r}, line {gold.get('line')})"
    assert fact.raw == (gold.get("raw") or ""), f"{name} {key}: raw {fact.raw!r} != {gold.get('raw')!r}"
    assert fact.line == gold.get("line"), f"{name} {key}: line {fact.line} != {gold.get('line')}"


@pytest.mark.parametrize("name", SAMPLE_FILES)
@pytest.mark.parametrize("field", META_FIELDS)
def test_metadata_matches_gold(name, field):
    report = parsed(name)
    got = getattr(report.region, field) if field in ("province", "city", "county", "township") else \
        getattr(report, field)
    assert got == load_gold(name)[field]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_money_units_flagged_as_in_gold(name):
    gold = load_gold(name)["facts"]["active.procurement.amount"]
    fact = parsed(name).fact("active.procurement.amount")
    assert fact.unit == "yuan"
    assert fact.unit_printed == gold.get("unit_printed")
    assert fact.unit_assumed == gold.get("unit_assumed")


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_checks_match_gold(name):
    report = parsed(name)
    failed = {f.rule for f in report.findings if f.rule.startswith("R")}
    gold_failed = {rule for rule, verdict in load_gold(name)["checks"].items() if verdict != "pass"}
    assert failed == gold_failed


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_all_six_sections_found_in_order(name):
    report = parsed(name)
    assert [s.number for s in report.sections] == ["一", "二", "三", "四", "五", "六"]
    spans = [(s.start_line, s.end_line) for s in report.sections]
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def test_narrative_restatements_compared_with_table():
    report = parsed("003_acfa5b9243423631.txt")
    agreeing = {n.text: n.agrees for n in report.narrative}
    assert agreeing.get("受理依申请公开4件") is True
    assert agreeing.get("予以公开1件") is True
    assert not [f for f in report.findings if f.rule == "narrative"]


def test_stable_id_and_absent_cells_of_other_template():
    a, b = parse_file(SAMPLES_DIR / SAMPLE_FILES[0]), parse_file(SAMPLES_DIR / SAMPLE_FILES[0])
    assert a.id == b.id
    assert a.fact("active.rules.issued").state.value == "absent"


def test_subparts_found_even_behind_a_stray_list_number():
    report = parsed("002_c42cd15df52a6935.txt")
    heads = [p.heading for p in report.section("一").subparts]
    assert heads == ["（一）规范政府信息主动公开", "（二）依法处理依申请公开", "（三）加强政府信息管理",
                     "（四）完善信息平台建设", "（五）提高监督保障能力"]
