"""Metrics on real figures, and actuals against expectations."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.expectations import read_consensus, read_guidance
from earnings_review.extract import extract_statements
from earnings_review.facts import Period
from earnings_review.metrics import compare_expectations, compute_metrics, metric_findings
from shared.documents import open_pdf
from shared.errors import InputError
from tests.conftest import FIXTURES, REPO_ROOT

QUARTER = Period(end=date(2023, 7, 1), months=3)


@pytest.fixture(scope="module")
def apple():
    with open_pdf(FIXTURES / "earnings" / "pdfs" / "APPLE_2023Q3_10Q.pdf") as pdf:
        facts = extract_statements(pdf).facts
    return facts, compute_metrics(facts)


def _metric(metrics, name, period):
    (metric,) = [m for m in metrics if m.name == name and m.period == period]
    return metric


def test_margins_growth_and_free_cash_flow_are_exact(apple) -> None:
    _, metrics = apple
    assert _metric(metrics, "gross_margin", QUARTER).value == Decimal("44.52")  # 36,413 / 81,797
    assert _metric(metrics, "revenue_growth_yoy", QUARTER).value == Decimal("-1.40")  # 81,797 vs 82,959
    fcf = _metric(metrics, "free_cash_flow", Period(end=date(2023, 7, 1), months=9))
    assert fcf.value == Decimal("80149000000")  # 88,945 - 8,796
    assert [c.text for c in fcf.citations] == ["88,945", "(8,796)"]


def test_working_capital_signal_on_amazon_receivables() -> None:
    with open_pdf(FIXTURES / "earnings" / "pdfs" / "AMAZON_2022_10K.pdf") as pdf:
        metrics = compute_metrics(extract_statements(pdf).facts)
    (finding,) = metric_findings(metrics, Decimal("10"))
    assert finding.code == "working_capital_signal" and finding.severity == "warning"
    assert "Receivables grew 28.79%" in finding.message and "revenue grew 9.40%" in finding.message
    assert metric_findings(metrics, Decimal("20")) == ()


def test_sample_expectations_give_beats_and_ranges(apple) -> None:
    facts, metrics = apple
    sample = REPO_ROOT / "earnings_review" / "sample"
    comparisons = compare_expectations(metrics, facts, read_consensus(sample / "consensus.csv"),
                                       read_guidance(sample / "guidance.csv"))
    outcomes = {(c.id.split(":")[0], c.metric): (c.outcome, str(c.difference)) for c in comparisons}
    assert outcomes[("consensus", "revenue")] == ("beat", "297000000")
    assert outcomes[("consensus", "eps_diluted")] == ("beat", "0.07")
    assert outcomes[("guidance", "operating_margin")] == ("above_range", "0.12")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("metric,period_end,months\nrevenue,2023-07-01,3\n", "missing column(s) 'estimate'"),
        ("metric,period_end,months,estimate\nrevenue,2023-07-01,3,n/a\n", "row 1, column 'estimate': not an amount: 'n/a'"),
        ("metric,period_end,months,estimate\nrevnue,2023-07-01,3,5\n",
         "row 1, column 'metric': 'revnue' is not a us-gaap concept nor a metric name (see README)"),
        ("metric,period_end,months,estimate\nrevenue,July 2023,3,5\n", "row 1, column 'period_end': 'July 2023' is not a date"),
        ("metric,period_end,months,estimate\nrevenue,2023-07-01,4,5\n", "row 1, column 'months': '4' is not 3, 6, 9 or 12"),
    ],
)
def test_bad_consensus_files_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "consensus.csv"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_consensus(path)
    assert str(caught.value).startswith(f"{path}") and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_guidance_low_above_high(tmp_path: Path) -> None:
    path = tmp_path / "guidance.csv"
    path.write_text("metric,period_end,months,low,high\ngross_margin,2023-07-01,3,45,44\n")
    with pytest.raises(InputError, match=r"guidance\.csv: row 1: low 45 is above high 44$"):
        read_guidance(path)
