"""The memo number check: a figure the run did not compute is flagged, whatever its form."""

from decimal import Decimal

import pytest

from earnings_review.memo_check import check_numbers, mark_unverified, numbers_in

KNOWN = [
    ("income:Revenues:3 months to 2023-07-01", Decimal("81797000000"), False),
    ("income:NetIncomeLoss:3 months to 2023-07-01", Decimal("19881000000"), False),
    ("income:EarningsPerShareDiluted:3 months to 2023-07-01", Decimal("1.26"), False),
    ("metric:gross_margin:3 months to 2023-07-01", Decimal("44.52"), True),
    ("metric:revenue_growth_yoy:3 months to 2023-07-01", Decimal("-1.40"), True),
    ("cash_flow:NetCashProvidedByUsedInInvestingActivities:9 months", Decimal("-21137000000"), False),
]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("Revenue was $81.8 billion.", "income:Revenues:3 months to 2023-07-01"),
        ("Revenue was $81,797 million.", "income:Revenues:3 months to 2023-07-01"),
        ("Revenue was $82 billion.", "income:Revenues:3 months to 2023-07-01"),
        ("Net income of $19.9 billion", "income:NetIncomeLoss:3 months to 2023-07-01"),
        ("diluted EPS of $1.26", "income:EarningsPerShareDiluted:3 months to 2023-07-01"),
        ("a gross margin of 44.5%", "metric:gross_margin:3 months to 2023-07-01"),
        ("a gross margin of 44.52 percent", "metric:gross_margin:3 months to 2023-07-01"),
        ("revenue fell 1.4%", "metric:revenue_growth_yoy:3 months to 2023-07-01"),
        ("investing used $(21.1) billion", "cash_flow:NetCashProvidedByUsedInInvestingActivities:9 months"),
    ],
)
def test_figures_that_round_to_a_known_value_match_it(text: str, matched: str) -> None:
    (check,) = check_numbers(text, KNOWN)
    assert check.matched == matched


@pytest.mark.parametrize(
    "text",
    ["Revenue was $81.9 billion.", "diluted EPS of $1.27", "a gross margin of 45.5%", "Revenue was $81,798 million.",
     "margin of 44.52 billion"],
)
def test_figures_that_match_nothing_are_flagged(text: str) -> None:
    (check,) = check_numbers(text, KNOWN)
    assert check.matched is None


def test_a_percent_never_matches_an_amount_and_the_reverse() -> None:
    assert check_numbers("1.26%", KNOWN)[0].matched is None
    assert check_numbers("$44.5", KNOWN)[0].matched is None


def test_dates_years_and_period_lengths_are_not_figures() -> None:
    text = ("For the three months ended July 1, 2023 (fiscal 2023, Q3), over 9 months and 12-month periods, "
            "on 2023-07-01")
    assert numbers_in(text) == []


def test_the_memo_marks_each_unverified_figure_in_place() -> None:
    text = "Revenue was $81.8 billion and EPS $1.31, margin 44.5%."
    checks = check_numbers(text, KNOWN)
    assert [c.number.text for c in checks if c.matched is None] == ["$1.31"]
    assert mark_unverified(text, checks) == "Revenue was $81.8 billion and EPS $1.31 [unverified], margin 44.5%."


def test_numbers_are_read_exactly_with_their_scale() -> None:
    (number,) = numbers_in("$1,234.5 million")
    assert number.value == Decimal("1234500000") and not number.percent


def test_file_names_are_not_figures() -> None:
    assert numbers_in("No balance sheet was found in ADOBE_2022Q2_10Q.pdf or q3-2023.htm.") == []


def test_figures_stated_by_the_runs_own_findings_are_known() -> None:
    from types import SimpleNamespace

    from earnings_review.memo import known_figures

    finding = SimpleNamespace(id="signal:x",
                              message="Receivables grew 28.79% while revenue grew 9.40%: a gap of 19.39 points.")
    known = known_figures([], [], [], [finding])
    assert check_numbers("a gap of 19.39 points and receivables up 28.79%", known)[1].matched == "signal:x"


def test_identifiers_are_not_figures() -> None:
    assert numbers_in("PFIZER_2023Q2_EARNINGS filing") == []
