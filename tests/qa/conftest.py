"""QA test fixtures: stores built from the gold facts (fast) or by really ingesting the samples (slow,
session-scoped, in tests/conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.config import Settings
from nianbao.models import Report
from tests.support.gold import gold_report
from tests.support.qa_store import PDF_GOLD, build_store, with_sections


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("gold"))


@pytest.fixture(scope="session")
def gold_settings(gold_db) -> Settings:
    return Settings(db=gold_db)


def _moved(report: Report, *, suffix: str, agency: str, province: str, city: str) -> Report:
    """A copy of a gold report that pretends to come from another city (same county name)."""
    r = report.model_copy(deep=True)
    r.id = r.id[:-len(suffix)] + suffix
    r.file = r.source_path = f"{suffix}_{r.file}"
    r.agency, r.agency_full = agency, None
    r.region.province, r.region.city = province, city
    return r


@pytest.fixture(scope="session")
def two_gulou_db(tmp_path_factory) -> Path:
    """The five samples plus a 南京市鼓楼区统计局 (same county name, other city)."""
    nanjing = _moved(with_sections(gold_report("000_2133ae744f48d674.txt")), suffix="nj",
                     agency="南京市鼓楼区统计局", province="江苏省", city="南京市")
    return build_store(tmp_path_factory.mktemp("gulou"), extra=[nanjing])


@pytest.fixture(scope="session")
def mixed_db(tmp_path_factory) -> Path:
    """The five 2019-template samples plus two 2021-template reports (淮安市洪泽区人民政府 2023, 2024), with
    the balance findings the reader records for them (the 2023 report breaks R4 twice)."""
    return build_store(tmp_path_factory.mktemp("mixed"), edit=with_balance_findings,
                       extra=[with_balance_findings(gold_report(n)) for n in PDF_GOLD])


def with_balance_findings(report: Report) -> Report:
    """`report` with the findings of its tables' equations, as parsing records them (ingest/parse.py)."""
    from ingest import checks

    report.findings = [*report.findings, *checks.balance_findings(report)]
    return report


@pytest.fixture(scope="session")
def parsed(tmp_path_factory) -> Settings:
    """The samples and the Hongze PDFs read by the parser (no passage index): their texts' figures are read at
    ingest, which the stores built from the gold facts do not hold."""
    from ingest.pipeline import ingest_paths
    from nianbao.config import SAMPLES_DIR

    db = tmp_path_factory.mktemp("parsed")
    summary = ingest_paths([SAMPLES_DIR, Path(__file__).resolve().parents[1] / "fixtures" / "pdf"], db,
                           index_passages=False)
    assert not summary.failed
    return Settings(db=db)
