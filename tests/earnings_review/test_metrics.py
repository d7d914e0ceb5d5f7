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
from tests.conftest import REPO_ROOT
from tests.earnings_review.filings import filing

QUARTER = Period(end=date(2023, 7, 1), months=3)


@pytest.fixture(scope="module")
def apple():
    with open_pdf(filing("APPLE_2023Q3_10Q.pdf")) as pdf:
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
    with open_pdf(filing("AMAZON_2022_10K.pdf")) as pdf:
        metrics = compute_metrics(extract_statements(pdf).facts)
    (finding,) = metric_findings(metrics, Decimal("10"))
    assert finding.code == "working_capital_signal" and finding.severity == "warning"
    assert "Receivables grew 28.79%" in finding.message and "revenue grew 9.40%" in finding.message
    assert metric_findings(metrics, Decimal("20")) == ()


def test_sample_expectations_give_beats_misses_and_ranges() -> None:
    sample = REPO_ROOT / "earnings_review" / "sample"
    with open_pdf(sample / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf") as pdf:
        facts = extract_statements(pdf).facts
    comparisons = compare_expectations(compute_metrics(facts), facts, read_consensus(sample / "consensus.csv"),
                                       read_guidance(sample / "guidance.csv"))
    outcomes = {(c.id.split(":")[0], c.metric): (c.outcome, str(c.difference)) for c in comparisons}
    assert outcomes[("consensus", "revenue")] == ("beat", "62000000")  # 4,812 million against 4,750
    assert outcomes[("consensus", "eps_diluted")] == ("miss", "-0.08")  # 2.23 against 2.31
    assert outcomes[("guidance", "gross_margin")] == ("within_range", "0")  # 54.84 in 54.0 to 55.0
    assert outcomes[("guidance", "operating_margin")] == ("below_range", "-0.43")  # 23.57 under 24.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("metric,period_end,months\nrevenue,2023-07-01,3\n", "missing column(s) 'estimate'"),
        ("metric,period_end,months,estimate\nrevenue,2023-07-01,3,n/a\n",
         "row 1, column 'estimate': not an amount: 'n/a'"),
        ("metric,period_end,months,estimate\nrevnue,2023-07-01,3,5\n",
         "row 1, column 'metric': 'revnue' is not a us-gaap concept nor a metric name (see README)"),
        ("metric,period_end,months,estimate\nrevenue,July 2023,3,5\n",
         "row 1, column 'period_end': 'July 2023' is not a date"),
        ("metric,period_end,months,estimate\nrevenue,2023-07-01,4,5\n",
         "row 1, column 'months': '4' is not 3, 6, 9 or 12"),
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


# -- Apple's quarter ended 2023-07-01, built fact by fact from the printed figures ------------------

from dataclasses import dataclass  # noqa: E402

from earnings_review.facts import Fact, duration, instant  # noqa: E402
from earnings_review.metrics import unmatched_expectations  # noqa: E402
from shared.documents.citation import CsvCitation, PdfCitation  # noqa: E402
from shared.money import parse_amount  # noqa: E402

Q3, Q3_PRIOR, Q2 = duration(date(2023, 7, 1), 3), duration(date(2022, 6, 25), 3), duration(date(2023, 4, 1), 3)
NINE, NINE_PRIOR = duration(date(2023, 7, 1), 9), duration(date(2022, 6, 25), 9)
JUL1, JUN25 = instant(date(2023, 7, 1)), instant(date(2022, 6, 25))
MILLION = Decimal(1_000_000)


def fact(concept, printed, period, scale=MILLION, unit="USD", statement="income", value=None, member=None):
    citation = PdfCitation(doc_sha256="a" * 64, path="x.pdf", page=4, bbox=(1, 2, 3, 4), text=printed)
    amount = value if value is not None else parse_amount(printed).value * scale
    return Fact(concept=concept, label=concept, period=period, value=amount, unit=unit, statement=statement,
                citation=citation, member=member)


def quarter() -> list[Fact]:
    printed = {"Revenues": ("81,797", "82,959"), "GrossProfit": ("36,413", "35,885"),
               "OperatingIncomeLoss": ("22,998", "23,076"), "NetIncomeLoss": ("19,881", "19,442")}
    facts = [fact(c, now, Q3) for c, (now, _) in printed.items()]
    facts += [fact(c, before, Q3_PRIOR) for c, (_, before) in printed.items()]
    return facts + [
        fact("EarningsPerShareDiluted", "1.26", Q3, Decimal(1), "USD/share"),
        fact("Revenues", "293,787", NINE), fact("Revenues", "304,182", NINE_PRIOR),
        fact("NetCashProvidedByUsedInOperatingActivities", "88,945", NINE, statement="cash_flow"),
        # XBRL's payments are positive; the statement prints the outflow in parentheses.
        fact("PaymentsToAcquirePropertyPlantAndEquipment", "(8,796)", NINE, statement="cash_flow",
             value=Decimal("8796000000")),
        fact("AccountsReceivableNetCurrent", "19,549", JUL1, statement="balance"),
        fact("InventoryNet", "7,351", JUL1, statement="balance"),
    ]


def metric(metrics, name, period):
    (found,) = [m for m in metrics if m.name == name and m.period == period]
    return found


def test_margins_are_exact_to_two_places_and_cite_their_figures() -> None:
    metrics = compute_metrics(quarter())
    gross = metric(metrics, "gross_margin", Q3)
    assert (gross.value, gross.unit, gross.formula) == (Decimal("44.52"), "percent", "gross_profit / revenue × 100")
    assert gross.inputs == ("income:GrossProfit:3 months to 2023-07-01", "income:Revenues:3 months to 2023-07-01")
    assert [c.text for c in gross.citations] == ["36,413", "81,797"]
    assert metric(metrics, "operating_margin", Q3).value == Decimal("28.12")  # 28.1159...
    assert metric(metrics, "net_margin", Q3).value == Decimal("24.31")  # 24.3053...
    assert metric(metrics, "gross_margin", Q3_PRIOR).value == Decimal("43.26")  # 35,885 / 82,959


def test_percentages_round_half_to_even() -> None:
    facts = [fact("Revenues", "100,000", Q3), fact("GrossProfit", "12,345", Q3)]  # exactly 12.345%
    assert metric(compute_metrics(facts), "gross_margin", Q3).value == Decimal("12.34")


def test_growth_year_on_year_and_sequential() -> None:
    metrics = compute_metrics(quarter() + [fact("Revenues", "94,836", Q2)])
    yoy = metric(metrics, "revenue_growth_yoy", Q3)
    assert yoy.value == Decimal("-1.40")  # (81,797 - 82,959) / 82,959 = -1.4007%
    assert [c.text for c in yoy.citations] == ["81,797", "82,959"]
    assert metric(metrics, "revenue_growth_yoy", NINE).value == Decimal("-3.42")  # 293,787 vs 304,182
    assert metric(metrics, "revenue_growth_sequential", Q3).value == Decimal("-13.75")  # vs 94,836
    assert not [m for m in metrics if m.name == "revenue_growth_sequential" and m.period != Q3]


def test_operating_leverage_from_the_exact_changes() -> None:
    leverage = metric(compute_metrics(quarter()), "operating_leverage", Q3)
    # (-78 / 23,076) / (-1,162 / 82,959) = 0.2413
    assert (leverage.value, leverage.unit) == (Decimal("0.24"), "ratio")
    assert len(leverage.citations) == 4


def test_free_cash_flow_takes_capex_as_a_payment() -> None:
    fcf = metric(compute_metrics(quarter()), "free_cash_flow", NINE)
    assert (fcf.value, fcf.unit) == (Decimal("80149000000"), "USD")  # 88,945 - 8,796
    assert fcf.tolerance == Decimal("1000000")  # two figures printed to the million
    assert [c.text for c in fcf.citations] == ["88,945", "(8,796)"]


def test_receivables_outgrowing_revenue_is_a_warning() -> None:
    facts = quarter() + [fact("AccountsReceivableNetCurrent", "13,000", JUN25, statement="balance")]  # made up
    metrics = compute_metrics(facts)
    assert metric(metrics, "receivables_growth_yoy", JUL1).value == Decimal("50.38")  # 19,549 vs 13,000
    gap = metric(metrics, "receivables_vs_revenue_growth", JUL1)
    assert gap.value == Decimal("51.78")  # against the quarter's -1.40, not the nine months' -3.42
    assert not [m for m in metrics if m.name.startswith("inventory")]  # no inventory a year earlier
    (finding,) = metric_findings(metrics)
    assert (finding.code, finding.severity, finding.subject) == (
        "working_capital_signal", "warning", "receivables_vs_revenue_growth")
    assert finding.message == ("Receivables grew 50.38% in the year to 2023-07-01 while revenue fell 1.40% "
                               "(3 months to 2023-07-01): a gap of 51.78 percentage points.")
    assert [c.text for c in finding.citations] == ["19,549", "13,000", "81,797", "82,959"]
    assert metric_findings(metrics, Decimal("60")) == ()
    assert metric_findings(compute_metrics(quarter())) == ()  # a 10-Q without last year's balance


from typing import get_type_hints  # noqa: E402

from earnings_review.metrics import revenue_growth_at  # noqa: E402


def test_revenue_growth_at_a_date_resolves_its_types() -> None:
    # Its signature named `date`, which the module never imported: resolving its hints
    # (pydantic's validate_call, documentation tools) raised NameError.
    assert get_type_hints(revenue_growth_at)["day"] is date
    metrics = compute_metrics(quarter())
    assert revenue_growth_at(metrics, date(2023, 7, 1)).period == Q3  # the quarter, not the nine months
    assert revenue_growth_at(metrics, date(2023, 4, 1)) is None


def test_segment_figures_are_not_consolidated_metrics() -> None:
    facts = [fact("Revenues", "35,383", Q3, statement="segment", member="Americas")] + quarter()
    assert metric(compute_metrics(facts), "gross_margin", Q3).value == Decimal("44.52")


@dataclass(frozen=True)
class Estimate:
    metric: str
    period: object
    estimate: Decimal


@dataclass(frozen=True)
class Range:
    metric: str
    period: object
    low: Decimal
    high: Decimal


def compared(estimates=(), guidance=()):
    facts = quarter()
    return compare_expectations(compute_metrics(facts), facts, estimates, guidance)


@pytest.mark.parametrize(
    ("name", "period", "estimate", "outcome", "difference", "pct"),
    [
        ("revenue", Q3, "81500000000", "beat", "297000000", "0.36"),
        ("RevenueFromContractWithCustomerExcludingAssessedTax", Q3, "82000000000", "miss", "-203000000", "-0.25"),
        ("revenue", Q3, "81797400000", "in_line", "-400000", "0.00"),  # within the printed half million
        ("NetIncomeLoss", Q3, "19000000000", "beat", "881000000", "4.64"),
        ("eps_diluted", Q3, "1.26", "in_line", "0.00", "0.00"),
        ("eps_diluted", Q3, "1.265", "in_line", "-0.005", "-0.40"),
        ("eps_diluted", Q3, "1.27", "miss", "-0.01", "-0.79"),
        ("gross_margin", Q3, "44.5", "beat", "0.02", None),  # points: no percent of a percent
        ("free_cash_flow", NINE, "80148500000", "in_line", "500000", "0.00"),
        ("free_cash_flow", NINE, "80147000000", "beat", "2000000", "0.00"),
    ],
)
def test_against_an_estimate(name, period, estimate, outcome, difference, pct) -> None:
    (comparison,) = compared([Estimate(name, period, Decimal(estimate))])
    assert (comparison.outcome, comparison.difference) == (outcome, Decimal(difference))
    assert str(comparison.difference_pct) == str(pct)  # as result.json shows it: never "-0.00"
    assert comparison.expected == Decimal(estimate)


@pytest.mark.parametrize(
    ("name", "low", "high", "outcome", "difference"),
    [
        ("gross_margin", "44.0", "44.5", "above_range", "0.02"),
        ("gross_margin", "44.0", "45.0", "within_range", "0"),
        ("gross_margin", "44.52", "45.0", "within_range", "0"),  # bounds are inclusive
        ("operating_margin", "28.5", "29.0", "below_range", "-0.38"),
        ("revenue", "82000000000", "84000000000", "below_range", "-203000000"),
    ],
)
def test_against_a_guided_range(name, low, high, outcome, difference) -> None:
    (comparison,) = compared(guidance=[Range(name, Q3, Decimal(low), Decimal(high))])
    assert (comparison.outcome, comparison.difference) == (outcome, Decimal(difference))
    assert (comparison.low, comparison.high, comparison.expected) == (Decimal(low), Decimal(high), None)


def test_comparisons_cite_the_actual_and_the_expectation() -> None:
    cell = CsvCitation(doc_sha256="b" * 64, path="consensus.csv", text="1.19", row=2, column="estimate")

    @dataclass(frozen=True)
    class Cited(Estimate):
        citation: CsvCitation = cell

    (comparison,) = compared([Cited("eps_diluted", Q3, Decimal("1.19"))])
    assert [c.text for c in comparison.citations] == ["1.26", "1.19"]
    assert comparison.summary == "actual $1.26 against $1.19 expected"


def test_an_expectation_the_filing_does_not_report_is_named() -> None:
    missing = Estimate("capex", Q3, Decimal("2000000000"))  # the 10-Q's cash flow is year to date
    assert compared([missing]) == ()
    facts = quarter()
    (finding,) = unmatched_expectations(compute_metrics(facts), facts, [missing], [])
    assert (finding.code, finding.severity, finding.subject) == ("expectation_not_reported", "warning", "capex")
    assert finding.message.startswith("The consensus names capital expenditure (capex) for 3 months to 2023-07-01")


def test_comparison_summaries_write_money_one_way() -> None:
    loss = Estimate("free_cash_flow", NINE, Decimal("-5000000"))
    margin = Range("gross_margin", Q3, Decimal("44.0"), Decimal("45.0"))
    (against_loss, against_range) = compared([loss], [margin])
    assert against_loss.summary == "actual $80,149 million against $(5) million expected"
    assert against_range.summary == "actual 44.52% against guidance of 44.0% to 45.0%"
