"""Money and names as the memo and report write them: one notation everywhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from earnings_review.facts import Fact, duration
from earnings_review.wording import change, filing_scale, identifiers_in_words, metric_words, money, share_of
from shared.documents.citation import PdfCitation

THOUSAND, MILLION = Decimal(1000), Decimal(1_000_000)


@pytest.mark.parametrize(
    ("value", "unit", "scale", "written"),
    [
        ("81797000000", "USD", MILLION, "$81,797 million"),
        ("-2722000000", "USD", MILLION, "$(2,722) million"),
        ("3226800000", "USD", MILLION, "$3,226.8 million"),  # printed "3,226.8" in millions: every digit kept
        ("31615550000", "USD", THOUSAND, "$31,615,550 thousand"),  # a filing printed in thousands
        ("-16893000000", "USD", MILLION, "$(16,893) million"),
        ("500000", "USD", MILLION, "$500,000"),  # less than the scale: in dollars
        ("0", "USD", MILLION, "$0"),
        ("2.23", "USD/share", MILLION, "$2.23"),
        ("-0.66", "USD/share", MILLION, "$(0.66)"),
        ("2.2", "USD/share", MILLION, "$2.20"),
        ("2.232099", "USD/share", MILLION, "$2.232099"),  # a computed quotient keeps its six places
        ("44.52", "percent", MILLION, "44.52%"),
        ("-1.40", "percent", MILLION, "(1.40)%"),
        ("54.2", "percent", MILLION, "54.2%"),  # an estimate as the analyst gave it
        ("-0.43", "points", MILLION, "(0.43) points"),
        ("2.57", "ratio", MILLION, "2.57"),
        ("402000000", "shares", MILLION, "402 million shares"),
    ],
)
def test_money_is_written_one_way(value: str, unit: str, scale: Decimal, written: str) -> None:
    assert money(value, unit, scale) == written


def test_no_minus_sign_and_no_unscaled_amount_is_ever_written() -> None:
    for value in ("-2722000000", "-81797000000", "-0.27", "-3.13"):
        for unit in ("USD", "USD/share", "percent"):
            assert "-" not in money(value, unit) and money(value, unit).count("(") == 1
    assert money("81797000000", "USD") == "$81,797 million"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("operating_margin", "operating margin"),
        ("eps_diluted", "diluted EPS"),
        ("free_cash_flow", "free cash flow"),
        ("NetIncomeLoss", "net income"),
        ("RevenueFromContractWithCustomerExcludingAssessedTax", "revenue"),  # any concept of the revenue class
        ("ResearchAndDevelopmentExpense", "research and development expense"),
        ("revenue_growth_yoy", "revenue growth, year on year"),
    ],
)
def test_metric_names_in_words(name: str, words: str) -> None:
    assert metric_words(name) == words


def test_checks_and_formulas_in_words() -> None:
    assert identifiers_in_words("eps_diluted = net_income / weighted_shares") == \
        "diluted EPS = net income / weighted shares"
    assert identifiers_in_words("operating_income / revenue × 100") == "operating income / revenue × 100"


def test_growth_and_differences_in_prose() -> None:
    assert (change("8.67"), change("-1.40"), change("0")) == ("grew 8.67%", "fell 1.40%", "was unchanged")
    assert (share_of("1.31"), share_of("-3.46")) == ("1.31% above", "3.46% below")


def _fact(printed: str, value: str, unit: str = "USD") -> Fact:
    citation = PdfCitation(doc_sha256="a" * 64, path="x.pdf", page=3, bbox=(1, 2, 3, 4), text=printed)
    return Fact(concept="Revenues", label="Revenues", period=duration(date(2022, 12, 31), 12), value=Decimal(value),
                unit=unit, statement="income", citation=citation)


def test_the_filing_scale_is_the_one_most_of_its_dollar_figures_are_printed_in() -> None:
    thousands = [_fact("31,615,550", "31615550000"), _fact("(1,618,528)", "-1618528000"),
                 _fact("9.95", "9.95", "USD/share")]
    assert filing_scale(thousands) == THOUSAND
    assert filing_scale([_fact("3,226.8", "3226800000"), _fact("81,797", "81797000000")]) == MILLION
    assert filing_scale([]) == MILLION  # nothing printed: millions


def test_share_counts_and_dollars_printed_in_full() -> None:
    assert money("15775021000", "shares", THOUSAND) == "15,775,021 thousand shares"
    assert money("15775021", "shares", Decimal(1)) == "15,775,021 shares"
    assert money("-1234567", "USD", Decimal(1)) == "$(1,234,567)"  # a filing printed in dollars
    assert filing_scale([_fact("1,234,567", "1234567")]) == Decimal(1)
