"""The gold tables re-rendered into other layouts parse back to the same facts."""
import pytest

from ingest.parse import parse_text
from tests.support.gold import SAMPLE_FILES, load_gold
from tests.support.render import LAYOUTS, render


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", SAMPLE_FILES + ["hongze-qu-gov-2023", "hongze-qu-gov-2024"])
def test_rerendered_tables_parse_back(name, layout):
    gold = load_gold(name)
    report = parse_text(render(gold, layout), file=f"{name}.{layout}")
    wrong = []
    for key, g in gold["facts"].items():
        f = report.fact(key)
        if f is None or (f.state.value, f.value) != (g["state"], g["value"]):
            wrong.append(f"{key}: got {f and (f.value, f.state.value, f.raw)} want {(g['value'], g['state'])}")
    assert not wrong, "\n".join(wrong)
    assert report.agency == gold["agency"]
    assert report.year == gold["year"]


def test_full_width_digits_nbsp_and_units_in_cells():
    gold = load_gold(SAMPLE_FILES[0])
    text = render(gold, "tabs").replace("行政处罚\t11\t0\t1", "行政处罚\t１１\t\u00a00\t1件")
    report = parse_text(text)
    assert report.fact("active.penalty.prev_items").value == 11
    assert report.fact("active.penalty.prev_items").raw == "１１"
    assert report.fact("active.penalty.decisions").value == 1


def test_negative_change_and_blank_never_zero():
    gold = load_gold(SAMPLE_FILES[0])
    text = render(gold, "tabs").replace("行政处罚\t11\t0\t1", "行政处罚\t11\t-18\t")
    report = parse_text(text)
    assert report.fact("active.penalty.change").value == -18
    decisions = report.fact("active.penalty.decisions")
    assert decisions.state.value == "blank" and decisions.value is None


def test_unreadable_cell_is_flagged_not_guessed():
    gold = load_gold(SAMPLE_FILES[0])
    text = render(gold, "tabs").replace("行政处罚\t11\t0\t1", "行政处罚\t1O\t0\t1")
    report = parse_text(text)
    fact = report.fact("active.penalty.prev_items")
    assert fact.state.value == "unreadable" and fact.value is None
    assert any(f.rule == "unreadable" for f in report.findings)


def test_broken_balance_rule_is_a_finding_and_report_still_stored():
    gold = load_gold(SAMPLE_FILES[3])
    text = render(gold, "tabs")
    text = text.replace("本年新收政府信息公开申请数量\t\t4\t0\t0\t0\t0\t0\t4", "本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t0\t5")
    report = parse_text(text)
    r1 = [f for f in report.findings if f.rule == "R1"]
    assert r1 and r1[0].cells[0] == "requests.new.person"
    assert report.fact("requests.new.total").value == 5
