"""Tie-outs on real statements: each passes as filed and fails when one figure is changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from earnings_review.checks import printed_tolerance, run_tieouts, tieout_findings
from earnings_review.extract import extract_statements
from shared.documents import open_pdf
from tests.earnings_review.filings import filing


@pytest.fixture(scope="module")
def apple():
    with open_pdf(filing("APPLE_2023Q3_10Q.pdf")) as pdf:
        return extract_statements(pdf)


@pytest.fixture(scope="module")
def amazon():
    with open_pdf(filing("AMAZON_2022_10K.pdf")) as pdf:
        return extract_statements(pdf)


def _altered(facts, concept: str, period_text: str, delta: Decimal):
    return [f.model_copy(update={"value": f.value + delta})
            if (f.concept, f.period.describe()) == (concept, period_text) else f
            for f in facts]


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

    (first, _second) = cash_roll_forward(apple.unmapped)
    assert (first.period, first.expected, first.actual, first.passed) == (
        "9 months to 2023-07-01", Decimal("29898000000"), Decimal("29898000000"), True)
    assert [c.text for c in first.citations] == ["24,977", "4,921", "29,898"]
    changed = [replace(r, values=(r.values[0] + Decimal("3000000"),) + r.values[1:])
               if r.label.endswith("ending balances") else r
               for r in apple.unmapped]
    altered = cash_roll_forward(changed)[0]
    assert not altered.passed and altered.difference == Decimal("3000000")


def test_ending_cash_against_the_balance_sheet_is_information_not_error(apple) -> None:
    from earnings_review.checks import cash_reconciling_items

    (finding,) = cash_reconciling_items(apple.facts, apple.unmapped)
    assert finding.code == "cash_reconciling_item" and finding.severity == "info"
    assert "(29,898)" in finding.message and "(28,408)" in finding.message and "by $1,490 million" in finding.message


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
    assert note.code == "footing_not_confirmed" and note.severity == "info"
    assert "add up to $122,659 million, the total printed is $122,660 million" in note.message


# -- Apple's quarter ended 2023-07-01, built fact by fact from the printed figures ------------------

from datetime import date  # noqa: E402

from earnings_review.checks import PRETAX, cash_reconciling_items, foot, run_checks  # noqa: E402
from earnings_review.facts import Fact, duration, instant  # noqa: E402
from shared.documents.citation import PdfCitation  # noqa: E402
from shared.money import parse_amount  # noqa: E402

Q3, Q3_PRIOR, NINE = duration(date(2023, 7, 1), 3), duration(date(2022, 6, 25), 3), duration(date(2023, 7, 1), 9)
JUL1, SEP24 = instant(date(2023, 7, 1)), instant(date(2022, 9, 24))
MILLION, THOUSAND, ONE = Decimal(1_000_000), Decimal(1_000), Decimal(1)

# concept: (printed this year, printed a year earlier, scale, unit)
INCOME = {
    "Revenues": ("81,797", "82,959", MILLION, "USD"),
    "CostOfRevenue": ("45,384", "47,074", MILLION, "USD"),
    "GrossProfit": ("36,413", "35,885", MILLION, "USD"),
    "OperatingExpenses": ("13,415", "12,809", MILLION, "USD"),
    "OperatingIncomeLoss": ("22,998", "23,076", MILLION, "USD"),
    PRETAX: ("22,733", "23,066", MILLION, "USD"),
    "IncomeTaxExpenseBenefit": ("2,852", "3,624", MILLION, "USD"),
    "NetIncomeLoss": ("19,881", "19,442", MILLION, "USD"),
    "EarningsPerShareBasic": ("1.27", "1.20", ONE, "USD/share"),
    "EarningsPerShareDiluted": ("1.26", "1.20", ONE, "USD/share"),
    "WeightedAverageNumberOfSharesOutstandingBasic": ("15,697,614", "16,162,945", THOUSAND, "shares"),
    "WeightedAverageNumberOfDilutedSharesOutstanding": ("15,775,021", "16,262,203", THOUSAND, "shares"),
}
BALANCE = {
    "Assets": ("335,038", "352,755"),
    "Liabilities": ("274,764", "302,083"),
    "StockholdersEquity": ("60,274", "50,672"),
    "LiabilitiesAndStockholdersEquity": ("335,038", "352,755"),
    "CashAndCashEquivalentsAtCarryingValue": ("28,408", "23,646"),
}
CASH = "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"
CHANGE = CASH + "PeriodIncreaseDecreaseIncludingExchangeRateEffect"


def fact(concept, printed, period, scale=MILLION, unit="USD", statement="income", member=None):
    citation = PdfCitation(doc_sha256="a" * 64, path="x.pdf", page=4, bbox=(1, 2, 3, 4), text=printed)
    return Fact(concept=concept, label=concept, period=period, value=parse_amount(printed).value * scale, unit=unit,
                statement=statement, citation=citation, member=member)


def quarter_facts(**changed: str) -> list[Fact]:
    """The quarter's statements as printed; `changed` replaces the current figure of a concept."""
    facts = [fact(c, changed.get(c, now), Q3, scale, unit) for c, (now, _, scale, unit) in INCOME.items()]
    facts += [fact(c, before, Q3_PRIOR, scale, unit) for c, (_, before, scale, unit) in INCOME.items()]
    facts += [fact(c, changed.get(c, now), JUL1, statement="balance") for c, (now, _) in BALANCE.items()]
    facts += [fact(c, before, SEP24, statement="balance") for c, (_, before) in BALANCE.items()]
    return facts + [fact(CASH, "24,977", SEP24, statement="cash_flow"),
                    fact(CHANGE, "4,921", NINE, statement="cash_flow"),
                    fact(CASH, changed.get(CASH, "29,898"), JUL1, statement="cash_flow")]


def tie(tieouts, prefix: str, period):
    (found,) = [t for t in tieouts if t.check.startswith(prefix) and t.period == period.describe()]
    return found


def test_each_tieout_passes_on_the_printed_quarter() -> None:
    tieouts = run_tieouts(quarter_facts())
    for period in (Q3, Q3_PRIOR):
        for prefix in ("gross_profit", "operating_income", "net_income", "eps_basic", "eps_diluted"):
            assert tie(tieouts, prefix, period).passed
    for period in (JUL1, SEP24):
        assert tie(tieouts, "liabilities_and_equity", period).passed and tie(tieouts, "assets =", period).passed
    assert tie(tieouts, "ending_cash", NINE).passed
    assert tieout_findings(tieouts) == ()
    gross = tie(tieouts, "gross_profit", Q3)
    assert (gross.expected, gross.actual, gross.difference, gross.tolerance) == (
        Decimal("36413000000"), Decimal("36413000000"), Decimal(0), Decimal("1500000"))
    assert tie(tieouts, "operating_income", Q3).expected == Decimal("22998000000")  # 36,413 - 13,415
    assert tie(tieouts, "net_income", Q3_PRIOR).expected == Decimal("19442000000")  # 23,066 - 3,624
    assert tie(tieouts, "liabilities_and_equity", SEP24).expected == Decimal("352755000000")  # 302,083 + 50,672


def test_gross_profit_a_million_off_is_rounding_two_million_is_an_error() -> None:
    # Three figures in millions may each be off by half a million: 1,000,000 is within
    # the 1,500,000 that rounding allows, 2,000,000 is not.
    one_off = tie(run_tieouts(quarter_facts(GrossProfit="36,414")), "gross_profit", Q3)
    assert one_off.passed and one_off.difference == Decimal("1000000")
    tieouts = run_tieouts(quarter_facts(GrossProfit="36,415"))
    failed = tie(tieouts, "gross_profit", Q3)
    assert not failed.passed and failed.difference == Decimal("2000000")
    (finding,) = [f for f in tieout_findings(tieouts) if f.id == failed.id]  # operating income fails too
    assert (finding.code, finding.severity, finding.subject) == ("tieout_failed", "error", failed.check)
    assert [c.text for c in finding.citations] == ["81,797", "45,384", "36,415"]
    assert finding.message == (
        "Tie-out failed, 3 months to 2023-07-01: gross profit = revenue - cost of revenue. Revenues $81,797 million "
        "- CostOfRevenue $45,384 million = $36,413 million; GrossProfit is $36,415 million: a difference of "
        "$2 million (rounding allows $1.5 million).")


@pytest.mark.parametrize(
    ("changed", "failing", "period", "difference", "cited"),
    [
        ({"OperatingIncomeLoss": "23,000"}, "operating_income", Q3, "2000000", ["36,413", "13,415", "23,000"]),
        ({PRETAX: "22,730"}, "net_income", Q3, "3000000", ["22,730", "2,852", "19,881"]),
        ({"NetIncomeLoss": "19,891"}, "net_income", Q3, "10000000", ["22,733", "2,852", "19,891"]),
        ({"StockholdersEquity": "60,276"}, "liabilities_and_equity", JUL1, "-2000000",
         ["274,764", "60,276", "335,038"]),
        ({"Assets": "335,040"}, "assets =", JUL1, "2000000", ["335,038", "335,040"]),
        ({CASH: "29,900"}, "ending_cash", NINE, "2000000", ["24,977", "4,921", "29,900"]),
    ],
)
def test_each_tieout_fails_when_one_figure_is_changed(changed, failing, period, difference, cited) -> None:
    tieouts = run_tieouts(quarter_facts(**changed))
    failed = tie(tieouts, failing, period)
    assert not failed.passed and failed.difference == Decimal(difference)
    (finding,) = [f for f in tieout_findings(tieouts) if f.id == failed.id]
    assert [c.text for c in finding.citations] == cited


def test_eps_within_half_a_cent_of_income_over_shares() -> None:
    tieouts = run_tieouts(quarter_facts())
    diluted, basic = tie(tieouts, "eps_diluted", Q3), tie(tieouts, "eps_basic", Q3)
    # 19,881 / 15,775,021 thousand = 1.260284; half a cent for the printed EPS, plus what
    # the rounding of income (0.5 million) and shares (0.5 thousand) can move the quotient.
    assert (diluted.expected, diluted.actual, diluted.difference) == (
        Decimal("1.260284"), Decimal("1.26"), Decimal("-0.000284"))
    assert diluted.tolerance == Decimal("0.005033")
    assert basic.expected == Decimal("1.266498") and basic.passed  # printed 1.27
    assert [c.text for c in diluted.citations] == ["19,881", "15,775,021", "1.26"]
    wrong = tie(run_tieouts(quarter_facts(EarningsPerShareDiluted="1.36")), "eps_diluted", Q3)
    assert not wrong.passed and wrong.difference == Decimal("0.099716")


def test_eps_a_cent_off_is_an_error_where_the_share_counts_are_printed_in_full() -> None:
    # round(1.260284, 2) = 1.26 is a cent from 1.27, which a one-cent slack would let
    # through; with every share counted, nothing but the printed rounding explains a cent.
    exact = [fact(f.concept, f"{f.value:,}", Q3, ONE, "shares") if f.unit == "shares" and f.period == Q3 else f
             for f in quarter_facts(EarningsPerShareDiluted="1.27")]
    failed = tie(run_tieouts(exact), "eps_diluted", Q3)
    assert not failed.passed and failed.note == "" and failed.citations[1].text == "15,775,021,000"


def test_eps_one_unit_off_agrees_where_the_share_counts_are_rounded_and_says_so() -> None:
    # Shares printed in thousands: 1.27 is one cent from 1.26, the quotient rounded to the cent.
    tieouts = run_tieouts(quarter_facts(EarningsPerShareDiluted="1.27"))
    loose = tie(tieouts, "eps_diluted", Q3)
    assert loose.passed and (loose.expected, loose.actual, loose.tolerance) == (
        Decimal("1.260284"), Decimal("1.27"), Decimal("0.010284"))  # one cent + |1.2602836 - 1.26|, rounded up
    assert loose.note == ("the quotient rounds to 1.26, and 1.27 printed is within one unit of its last place (0.01), "
                          "allowed because the share count is printed rounded (15,775,021)")
    (finding,) = [f for f in tieout_findings(tieouts) if f.id == loose.id]
    assert (finding.code, finding.severity) == ("tieout_within_share_rounding", "info")
    assert finding.message == (
        "Tie-out passed within rounding of the share counts, 3 months to 2023-07-01: diluted EPS = net income / "
        "weighted shares. NetIncomeLoss $19,881 million / WeightedAverageNumberOfDilutedSharesOutstanding "
        "15,775,021 thousand shares = $1.260284; EarningsPerShareDiluted is $1.27: " + loose.note + ".")
    strict = tie(run_tieouts(quarter_facts()), "eps_diluted", Q3)
    assert strict.passed and strict.note == "" and tieout_findings(run_tieouts(quarter_facts())) == ()
    two_off = tie(run_tieouts(quarter_facts(EarningsPerShareDiluted="1.28")), "eps_diluted", Q3)
    assert not two_off.passed and two_off.note == ""


@pytest.mark.parametrize(
    ("printed", "passed", "noted"),
    [("2.93", True, False), ("2.94", True, True), ("2.92", True, True), ("2.95", False, False), ("2.91", False, False)],
)
def test_eps_one_unit_rule_on_made_up_figures(printed: str, passed: bool, noted: bool) -> None:
    # 1,302 million / 443,814 thousand = 2.933661, which rounds to 2.93.
    facts = [fact("NetIncomeLoss", "1,302", Q3), fact("EarningsPerShareBasic", printed, Q3, ONE, "USD/share"),
             fact("WeightedAverageNumberOfSharesOutstandingBasic", "443,814", Q3, THOUSAND, "shares")]
    basic = tie(run_tieouts(facts), "eps_basic", Q3)
    assert (basic.expected, basic.passed, bool(basic.note)) == (Decimal("2.933661"), passed, noted)
    assert [f.severity for f in tieout_findings([basic])] == (["info"] if noted else [] if passed else ["error"])


def test_costco_basic_eps_agrees_within_the_rounding_of_its_share_counts() -> None:
    with open_pdf(filing("COSTCO_2023Q3_EARNINGS.pdf")) as pdf:
        extraction = extract_statements(pdf)
    tieouts = run_tieouts(extraction.facts, extraction.unmapped)
    basic = _result(tieouts, "eps_basic", "3 months to 2023-05-07")
    assert (basic.expected, basic.actual, basic.passed) == (Decimal("2.933661"), Decimal("2.94"), True)
    assert "allowed because the share count is printed rounded (443,814)" in basic.note
    assert [c.text for c in basic.citations] == ["1,302", "443,814", "2.94"]
    findings = tieout_findings(tieouts)
    assert [(f.id, f.code, f.severity) for f in findings] == [
        (basic.id, "tieout_within_share_rounding", "info")]  # no error: every other tie-out passes as printed
    assert "2.94 printed is within one unit of its last place (0.01)" in findings[0].message
    eps = [t for t in tieouts if t.check.startswith("eps_")]
    assert len(eps) == 8 and all(t.passed for t in eps) and [t for t in eps if t.note] == [basic]


def test_eps_uses_income_available_to_common_shareholders_when_printed() -> None:
    facts = quarter_facts(EarningsPerShareBasic="1.15") + [
        fact("NetIncomeLossAvailableToCommonStockholdersBasic", "18,000", Q3)]  # after preferred dividends
    basic = tie(run_tieouts(facts), "eps_basic", Q3)
    assert basic.passed and basic.expected == Decimal("1.146671")
    assert [c.text for c in basic.citations] == ["18,000", "15,697,614", "1.15"]


def test_balance_sheet_with_equity_outside_stockholders_equity_is_not_guessed() -> None:
    minority = fact("MinorityInterest", "1,000", JUL1, statement="balance")
    tieouts = run_tieouts(quarter_facts() + [minority])
    assert [t.check for t in tieouts if t.period == "at 2023-07-01"] == ["assets = liabilities_and_equity"]
    no_total_liabilities = [f for f in quarter_facts() if f.concept != "Liabilities"]
    assert not [t for t in run_tieouts(no_total_liabilities) if t.check.startswith("liabilities_and_equity")]


def test_without_a_grand_total_liabilities_and_equity_are_tied_to_assets() -> None:
    facts = [f for f in quarter_facts() if f.concept != "LiabilitiesAndStockholdersEquity"]
    tieout = tie(run_tieouts(facts), "assets = liabilities + equity", JUL1)
    assert tieout.passed and [c.text for c in tieout.citations] == ["274,764", "60,274", "335,038"]


def test_segment_figures_do_not_stand_in_for_consolidated_ones() -> None:
    americas = fact("Revenues", "35,383", Q3, statement="segment", member="Americas")
    assert tie(run_tieouts([americas] + quarter_facts()), "gross_profit", Q3).passed


def test_cash_roll_forward_finds_the_opening_balance_at_the_prior_year_end() -> None:
    roll = tie(run_tieouts(quarter_facts()), "ending_cash", NINE)
    # 2022-09-24 is a week from 2022-10-01, nine months before 2023-07-01: Apple's year end.
    assert (roll.expected, roll.actual) == (Decimal("29898000000"), Decimal("29898000000"))
    assert [c.text for c in roll.citations] == ["24,977", "4,921", "29,898"]
    started = [f.model_copy(update={"period": duration(date(2023, 7, 1), 9, start=date(2022, 9, 25))})
               if f.concept == CHANGE else f for f in quarter_facts()]
    assert tie(run_tieouts(started), "ending_cash", NINE).passed


def test_restricted_cash_is_a_reconciling_item_not_an_error() -> None:
    items = cash_reconciling_items(quarter_facts())
    assert [(i.code, i.severity) for i in items] == [("cash_reconciling_item", "info")] * 2
    now, year_end = sorted(items, key=lambda i: i.id, reverse=True)
    assert "at 2023-07-01 by $1,490 million" in now.message  # 29,898 - 28,408
    assert "at 2022-09-24 by $1,331 million" in year_end.message  # 24,977 - 23,646
    assert [c.text for c in now.citations] == ["29,898", "28,408"]
    assert set(run_checks(quarter_facts())) == set(items)  # and no error
    same = quarter_facts(CashAndCashEquivalentsAtCarryingValue="29,898")
    assert [i.id for i in cash_reconciling_items(same)] == ["cash_reconciling:at 2022-09-24"]


def test_foot_adds_the_lines_the_caller_groups() -> None:
    rnd = fact("ResearchAndDevelopmentExpense", "7,442", Q3)
    sga = fact("SellingGeneralAndAdministrativeExpense", "5,973", Q3)
    footed = foot(fact("OperatingExpenses", "13,415", Q3), [rnd, sga])
    assert footed.passed and (footed.expected, footed.tolerance) == (Decimal("13415000000"), Decimal("1500000"))
    assert [c.text for c in footed.citations] == ["7,442", "5,973", "13,415"]
    short = foot(fact("OperatingExpenses", "13,417", Q3), [rnd, sga])
    assert not short.passed and short.difference == Decimal("2000000")
    last_year = fact("SellingGeneralAndAdministrativeExpense", "6,012", Q3_PRIOR)
    with pytest.raises(ValueError, match="not the period and unit"):
        foot(fact("OperatingExpenses", "13,415", Q3), [rnd, last_year])
    with pytest.raises(ValueError, match="nothing to foot"):
        foot(fact("OperatingExpenses", "13,415", Q3), [])


@pytest.mark.parametrize(
    ("printed", "scale", "tolerance"),
    [
        ("81,797", MILLION, "500000"),
        ("$ 81,797", MILLION, "500000"),
        ("1.26", ONE, "0.005"),
        ("15,697,614", THOUSAND, "500"),
        ("(0.27)", ONE, "0.005"),
        ("81.8", Decimal(1_000_000_000), "50000000"),
        ("—", MILLION, "0"),
    ],
)
def test_printed_tolerance_from_the_citation_text(printed: str, scale: Decimal, tolerance: str) -> None:
    assert printed_tolerance(fact("Revenues", printed, Q3, scale)) == Decimal(tolerance)


def test_printed_tolerance_of_a_payment_printed_negative() -> None:
    capex = fact("PaymentsToAcquirePropertyPlantAndEquipment", "(8,796)", NINE, statement="cash_flow")
    assert printed_tolerance(capex.model_copy(update={"value": Decimal("8796000000")})) == Decimal("500000")
