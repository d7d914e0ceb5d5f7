"""Extraction on real filings, checked against the filings' own XBRL figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.evaluate import TRUTH, evaluate
from earnings_review.extract import NoStatements, extract_statements
from earnings_review.facts import Period
from shared.documents import CitationVerifier, open_pdf
from tests.conftest import FIXTURES

PDFS = FIXTURES / "earnings" / "pdfs"


@pytest.fixture(scope="module")
def apple_q3():
    with open_pdf(PDFS / "APPLE_2023Q3_10Q.pdf") as pdf:
        yield pdf, extract_statements(pdf)


def _truth(filing: str, concept: str, key: str) -> Decimal:
    data = json.loads(TRUTH.read_text(), parse_float=Decimal)["filings"][filing]["facts_usd_unscaled"]
    return Decimal(data[concept][key])


def _fact(extraction, concept: str, period: Period):
    (fact,) = [f for f in extraction.facts if f.concept == concept and f.period.key == period.key]
    return fact


QUARTER = Period(end=date(2023, 7, 1), months=3)
NINE_MONTHS_PRIOR = Period(end=date(2022, 6, 25), months=9)
JULY = Period(instant=date(2023, 7, 1))


@pytest.mark.parametrize(
    ("concept", "period", "truth_concept", "truth_key"),
    [
        ("Revenues", QUARTER, "RevenueFromContractWithCustomerExcludingAssessedTax", "2023-04-02--2023-07-01"),
        ("NetIncomeLoss", NINE_MONTHS_PRIOR, "NetIncomeLoss", "2021-09-26--2022-06-25"),
        ("EarningsPerShareDiluted", QUARTER, "EarningsPerShareDiluted", "2023-04-02--2023-07-01"),
        ("WeightedAverageNumberOfDilutedSharesOutstanding", QUARTER, "WeightedAverageNumberOfDilutedSharesOutstanding",
         "2023-04-02--2023-07-01"),
        ("LongTermDebtNoncurrent", JULY, "LongTermDebtNoncurrent", "2023-07-01"),
        ("NetCashProvidedByUsedInInvestingActivities", NINE_MONTHS_PRIOR, "NetCashProvidedByUsedInInvestingActivities",
         "2021-09-26--2022-06-25"),
        ("PaymentsToAcquirePropertyPlantAndEquipment", Period(end=date(2023, 7, 1), months=9),
         "PaymentsToAcquirePropertyPlantAndEquipment", "2022-09-25--2023-07-01"),
    ],
)
def test_apple_10q_figures_equal_the_xbrl(apple_q3, concept, period, truth_concept, truth_key) -> None:
    _, extraction = apple_q3
    assert _fact(extraction, concept, period).value == _truth("APPLE_2023Q3_10Q.pdf", truth_concept, truth_key)


def test_scale_applies_to_money_and_shares_but_not_per_share(apple_q3) -> None:
    _, extraction = apple_q3
    assert str(_fact(extraction, "Revenues", QUARTER).value) == "81797000000"
    assert str(_fact(extraction, "WeightedAverageNumberOfSharesOutstandingBasic", QUARTER).value) == "15697614000"
    eps = _fact(extraction, "EarningsPerShareBasic", QUARTER)
    assert str(eps.value) == "1.27" and eps.unit == "USD/share"


def test_facts_cite_the_printed_figure_on_its_page(apple_q3) -> None:
    pdf, extraction = apple_q3
    revenue = _fact(extraction, "Revenues", QUARTER)
    assert (revenue.citation.page, revenue.citation.text, revenue.label) == (4, "81,797", "Total net sales")
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([f.citation for f in extraction.facts]))


def test_statements_are_found_by_title_not_by_mention(apple_q3) -> None:
    _, extraction = apple_q3
    assert extraction.pages == {"income": (4,), "balance": (6,), "cash_flow": (8,)}


def test_a_deduction_printed_tax_is_read_as_an_expense() -> None:
    # Netflix prints its provision as "(772,005)"; XBRL's IncomeTaxExpenseBenefit is +772,005,000.
    with open_pdf(PDFS / "NETFLIX_2022_10K.pdf") as pdf:
        extraction = extract_statements(pdf)
    tax = _fact(extraction, "IncomeTaxExpenseBenefit", Period(end=date(2022, 12, 31), months=12))
    assert tax.citation.text == "(772,005)" and tax.value == Decimal("772005000")


def test_a_pdf_without_statements_is_refused(make_pdf) -> None:
    form = make_pdf("blank-form.pdf", text="Name: ______  Signature: ______")
    with open_pdf(form) as pdf, pytest.raises(NoStatements) as caught:
        extract_statements(pdf)
    assert str(caught.value) == (f"{form}: no financial statements found (looked for an income statement, "
                                 "balance sheet and cash flow statement)")
    assert caught.value.exit_code == 2


@pytest.mark.slow
def test_eval_meets_its_targets_on_the_five_filings_with_truth() -> None:
    report = evaluate()
    assert [s.filing for s in report.scores] == ["APPLE_2023Q3_10Q.pdf", "APPLE_2022_10K.pdf", "NETFLIX_2022_10K.pdf",
                                                 "MICROSOFT_2015_10K.pdf", "AMAZON_2022_10K.pdf"]
    assert report.precision == 1, [w for s in report.scores for w in s.wrong]
    assert report.recall >= Decimal("0.98"), [m for s in report.scores for m in s.missed]
    assert report.citations == 1
    assert report.total("in_scope") >= 330  # the scope itself must not shrink unnoticed
