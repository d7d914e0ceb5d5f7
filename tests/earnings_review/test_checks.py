"""Tie-outs on real statements: each passes as filed and fails when one figure is changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from earnings_review.checks import printed_tolerance, run_tieouts, tieout_findings
from earnings_review.extract import extract_statements
from shared.documents import open_pdf
from tests.conftest import FIXTURES

PDFS = FIXTURES / "earnings" / "pdfs"


@pytest.fixture(scope="module")
def apple():
    with open_pdf(PDFS / "APPLE_2023Q3_10Q.pdf") as pdf:
        return extract_statements(pdf)


@pytest.fixture(scope="module")
def amazon():
    with open_pdf(PDFS / "AMAZON_2022_10K.pdf") as pdf:
        return extract_statements(pdf)


def _altered(facts, concept: str, period_text: str, delta: Decimal):
    return [f.model_copy(update={"value": f.value + delta}) if (f.concept, f.period.describe()) == (concept, period_text)
            else f for f in facts]


def _result(tieouts, check_prefix: str, period_text: str):
    (found,) = [t for t in tieouts if t.check.startswith(check_prefix) and t.period == period_text]
    return found


def test_every_tieout_passes_on_the_filed_statements(apple, amazon) -> None:
    for extraction in (apple, amazon):
        tieouts = run_tieouts(extraction.facts, extraction.unmapped)
        assert tieouts and all(t.passed for t in tieouts), [t for t in tieouts if not t.passed]
        assert tieout_findings(tieouts) == ()


@pytest.mark.parametrize(
    ("concept", "check"),
    [
        ("GrossProfit", "gross_profit"),
        ("OperatingIncomeLoss", "operating_income"),
        ("NetIncomeLoss", "net_income"),
        ("EarningsPerShareDiluted", "eps_diluted"),
    ],
)
def test_a_changed_income_figure_fails_its_tieout(apple, concept: str, check: str) -> None:
    delta = Decimal("0.02") if concept.startswith("Earnings") else Decimal("1000000000")
    tieouts = run_tieouts(_altered(apple.facts, concept, "3 months to 2023-07-01", delta), apple.unmapped)
    failed = _result(tieouts, check, "3 months to 2023-07-01")
    assert not failed.passed and abs(failed.difference) >= delta - failed.tolerance
    (finding,) = [f for f in tieout_findings(tieouts) if f.subject == failed.check]
    assert finding.code == "tieout_failed" and finding.severity == "error"
    assert len(finding.citations) >= 3 and all(c.page == 4 for c in finding.citations)


def test_gross_profit_failure_names_the_figures_and_difference(apple) -> None:
    tieouts = run_tieouts(_altered(apple.facts, "GrossProfit", "3 months to 2023-07-01", Decimal("1000000")), ())
    failed = _result(tieouts, "gross_profit", "3 months to 2023-07-01")
    assert (failed.expected, failed.actual, failed.difference) == (
        Decimal("36413000000"), Decimal("36414000000"), Decimal("1000000"))
    assert failed.tolerance == Decimal("1500000")  # three figures printed to the million
    assert failed.passed  # a million off is within the rounding of three figures in millions
    tieouts = run_tieouts(_altered(apple.facts, "GrossProfit", "3 months to 2023-07-01", Decimal("2000000")), ())
    assert not _result(tieouts, "gross_profit", "3 months to 2023-07-01").passed


def test_balance_sheet_fails_when_equity_is_changed(apple) -> None:
    tieouts = run_tieouts(_altered(apple.facts, "StockholdersEquity", "at 2023-07-01", Decimal("5000000")), ())
    failed = _result(tieouts, "liabilities_and_equity", "at 2023-07-01")
    assert not failed.passed and failed.difference == Decimal("-5000000")


def test_net_income_includes_lines_printed_between_tax_and_net_income(amazon) -> None:
    tieout = _result(run_tieouts(amazon.facts, amazon.unmapped), "net_income", "12 months to 2022-12-31")
    assert tieout.check == "net_income = pretax_income - income_tax + lines between" and tieout.passed
    assert any(c.text == "(3)" for c in tieout.citations)  # Amazon's equity-method line
    without = _result(run_tieouts(amazon.facts, ()), "net_income", "12 months to 2022-12-31")
    assert not without.passed


def test_printed_tolerance_is_half_the_last_printed_digit(apple) -> None:
    revenue = next(f for f in apple.facts if f.concept == "Revenues")
    eps = next(f for f in apple.facts if f.concept == "EarningsPerShareDiluted")
    assert printed_tolerance(revenue) == Decimal("500000")
    assert printed_tolerance(eps) == Decimal("0.005")


def test_cash_roll_forward_ties_and_fails_when_a_line_is_changed(apple) -> None:
    from dataclasses import replace

    from earnings_review.checks import cash_roll_forward

    (first, second) = cash_roll_forward(apple.unmapped)
    assert (first.period, first.expected, first.actual, first.passed) == (
        "9 months to 2023-07-01", Decimal("29898000000"), Decimal("29898000000"), True)
    assert [c.text for c in first.citations] == ["24,977", "4,921", "29,898"]
    changed = [replace(r, values=(r.values[0] + Decimal("3000000"),) + r.values[1:]) if r.label.endswith("ending balances")
               else r for r in apple.unmapped]
    altered = cash_roll_forward(changed)[0]
    assert not altered.passed and altered.difference == Decimal("3000000")


def test_ending_cash_against_the_balance_sheet_is_information_not_error(apple) -> None:
    from earnings_review.checks import cash_reconciling_items

    (finding,) = cash_reconciling_items(apple.facts, apple.unmapped)
    assert finding.code == "cash_reconciling_item" and finding.severity == "info"
    assert "(29,898)" in finding.message and "(28,408)" in finding.message and "by 1490000000" in finding.message


def test_totals_foot_to_their_lines_and_a_non_footing_total_is_information(apple) -> None:
    from earnings_review.checks import footing_results

    footed = {(t.check, t.period): t for t in apple.footings}
    current = footed[("Total current assets = sum of the 6 lines above it", "at 2023-07-01")]
    assert current.passed and current.actual == Decimal("122659000000")
    assert [c.text for c in current.citations] == ["28,408", "34,074", "19,549", "7,351", "19,637", "13,640", "122,659"]
    broken = current.model_copy(update={"passed": False, "actual": Decimal("122660000000")})
    passed, notes = footing_results([current, broken])
    assert passed == [current]
    (note,) = notes
    assert note.code == "footing_not_confirmed" and note.severity == "info" and "122660000000" in note.message
