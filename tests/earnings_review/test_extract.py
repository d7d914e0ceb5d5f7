"""Extraction on real filings, checked against the filings' own XBRL figures (and, for
filings without XBRL here, against the figures printed on the page)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from earnings_review.extract import NoStatements, extract_statements, without_conflicts
from earnings_review.facts import Fact, Period
from earnings_review.xbrl_truth import key_facts
from shared.documents import CitationVerifier, open_pdf
from tests.earnings_review.filings import filing

QUARTER = Period(end=date(2023, 7, 1), months=3)
NINE_MONTHS_PRIOR = Period(end=date(2022, 6, 25), months=9)
JULY = Period(instant=date(2023, 7, 1))


def _extract(name: str):
    with open_pdf(filing(name)) as pdf:
        return extract_statements(pdf)


@pytest.fixture(scope="module")
def apple_q3():
    pages = []
    with open_pdf(filing("APPLE_2023Q3_10Q.pdf")) as pdf:
        extraction = extract_statements(pdf, on_page=lambda page, total: pages.append((page, total)))
    return extraction, pages


@pytest.fixture(scope="module")
def costco():
    return _extract("COSTCO_2023Q3_EARNINGS.pdf")


def _truth(name: str, concept: str, key: str) -> Decimal:
    data = key_facts()[name]["facts_usd_unscaled"]
    return Decimal(data[concept][key])


def _fact(extraction, concept: str, period: Period) -> Fact:
    (fact,) = [f for f in extraction.facts if f.concept == concept and f.period.key == period.key]
    return fact


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
    extraction, _ = apple_q3
    assert _fact(extraction, concept, period).value == _truth("APPLE_2023Q3_10Q.pdf", truth_concept, truth_key)


def test_scale_applies_to_money_and_shares_but_not_per_share(apple_q3) -> None:
    extraction, _ = apple_q3
    assert str(_fact(extraction, "Revenues", QUARTER).value) == "81797000000"
    assert str(_fact(extraction, "WeightedAverageNumberOfSharesOutstandingBasic", QUARTER).value) == "15697614000"
    eps = _fact(extraction, "EarningsPerShareBasic", QUARTER)
    assert str(eps.value) == "1.27" and eps.unit == "USD/share"
    (note,) = extraction.scale_notes["income"]
    assert note.page == 4 and "In millions, except number of shares" in note.text


def test_facts_and_scale_notes_cite_what_is_printed(apple_q3) -> None:
    extraction, _ = apple_q3
    revenue = _fact(extraction, "Revenues", QUARTER)
    assert (revenue.citation.page, revenue.citation.text, revenue.label) == (4, "81,797", "Total net sales")
    notes = [n for group in extraction.scale_notes.values() for n in group]
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([f.citation for f in extraction.facts] + notes))


def test_statements_are_found_by_title_and_only_their_pages_are_read(apple_q3) -> None:
    extraction, pages = apple_q3
    assert extraction.pages == {"income": (4,), "balance": (6,), "cash_flow": (8,)}
    assert pages == [(4, 29), (6, 29), (8, 29)]
    assert extraction.periods["balance"] == (JULY, Period(instant=date(2022, 9, 24)))


def test_lines_the_table_does_not_know_are_kept_with_their_figures(apple_q3) -> None:
    extraction, _ = apple_q3
    (products,) = [r for r in extraction.unmapped if r.label == "Products" and r.section == "Net sales:"]
    assert products.statement == "income" and products.printed == ("60,584", "63,355", "230,901", "245,241")
    assert products.values[0] == Decimal("60584000000") and products.periods[0] == QUARTER
    assert products.citations[0].text == "60,584" and products.citations[0].page == 4


def test_a_deduction_printed_tax_is_read_as_an_expense() -> None:
    # Netflix prints its provision as "(772,005)"; XBRL's IncomeTaxExpenseBenefit is +772,005,000.
    extraction = _extract("NETFLIX_2022_10K.pdf")
    tax = _fact(extraction, "IncomeTaxExpenseBenefit", Period(end=date(2022, 12, 31), months=12))
    assert tax.citation.text == "(772,005)" and tax.value == _truth(
        "NETFLIX_2022_10K.pdf", "IncomeTaxExpenseBenefit", "2022-01-01--2022-12-31")


def test_the_statement_s_arithmetic_reads_the_sign_of_a_printed_deduction() -> None:
    # Lockheed prints "Cost of sales (13,080)" and "Income tax expense (305)": net sales
    # 15,126 - 13,080 = gross profit 2,046; earnings before taxes 1,994 - 305 = 1,689.
    extraction = _extract("LOCKHEEDMARTIN_2023Q1_10Q.pdf")
    quarter = Period(end=date(2023, 3, 26), months=3)
    assert _fact(extraction, "CostOfRevenue", quarter).value == Decimal("13080000000")
    assert _fact(extraction, "IncomeTaxExpenseBenefit", quarter).value == Decimal("305000000")
    assert _fact(extraction, "GrossProfit", quarter).value == Decimal("2046000000")


def test_a_part_of_a_total_is_not_the_total(costco) -> None:
    # "Net sales" and "Membership fees" add up to "Total revenue": revenue is the total.
    quarter = Period(end=date(2023, 5, 7), months=3)
    assert _fact(costco, "Revenues", quarter).citation.text == "53,648"
    assert any(r.label == "Net sales" for r in costco.unmapped)


def test_a_missing_statement_is_a_finding_not_an_error(costco) -> None:
    (missing,) = [f for f in costco.findings if f.code == "statement_missing"]
    assert missing.severity == "warning" and "cash flow statement" in missing.message and not missing.citations
    assert costco.pages == {"income": (3,), "balance": (3, 4)}
    assert _fact(costco, "LiabilitiesAndStockholdersEquity", Period(instant=date(2023, 5, 7))).value == (
        Decimal("66752000000"))


def test_a_statement_whose_columns_have_no_dates_is_unreadable_not_guessed() -> None:
    # Pfizer's income statement heads its columns "Second-Quarter 2023 2022" with no
    # month or day: its figures cannot be given a period, so none is emitted.
    extraction = _extract("PFIZER_2023Q2_EARNINGS.pdf")
    assert extraction.facts == () and extraction.pages == {"income": (18,)}
    assert "statement_unreadable" in {f.code for f in extraction.findings}


def test_two_lines_giving_one_figure_different_values_give_neither(apple_q3) -> None:
    extraction, _ = apple_q3
    revenue = _fact(extraction, "Revenues", QUARTER)
    other = revenue.model_copy(update={"value": revenue.value + 1, "label": "Net sales"})
    kept, (finding,) = without_conflicts([revenue, other, _fact(extraction, "NetIncomeLoss", QUARTER)])
    assert [f.concept for f in kept] == ["NetIncomeLoss"]
    assert finding.code == "conflicting_values" and finding.citations == (revenue.citation, other.citation)


def test_the_same_figure_from_two_lines_is_one_fact(apple_q3) -> None:
    extraction, _ = apple_q3
    revenue = _fact(extraction, "Revenues", QUARTER)
    kept, findings = without_conflicts([revenue, revenue.model_copy(update={"label": "Net sales"})])
    assert kept == [revenue] and findings == []


def test_a_pdf_without_statements_is_refused(make_pdf) -> None:
    form = make_pdf("blank-form.pdf", text="Name: ______  Signature: ______")
    with open_pdf(form) as pdf, pytest.raises(NoStatements) as caught:
        extract_statements(pdf)
    assert str(caught.value) == (f"{form}: no financial statements found (looked for an income statement, "
                                 "balance sheet and cash flow statement)")
    assert caught.value.exit_code == 2
