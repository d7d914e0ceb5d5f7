"""The reader on layouts it was not built on (issue 14), each drawn here as a small
synthetic statement: deductions printed in parentheses, a result line with no caption,
a title left alone at the foot of its page, columns headed "Fiscal 2024", a caption
wrapped onto a line of its own, the last line alone on the next page, a bank's
statement. Each test checks the figures read, not only that something was read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.extract import extract_statements
from earnings_review.facts import Period
from earnings_review.locate import locate
from shared.documents import open_pdf
from tests.earnings_review.statement_pdf import draw, line

YEARS = line("Years ended December 31,", "2024", "2023")
Y24, Y23 = Period(end=date(2024, 12, 31), months=12), Period(end=date(2023, 12, 31), months=12)
END24, END23 = Period(instant=date(2024, 12, 31)), Period(instant=date(2023, 12, 31))


def _facts(path: Path) -> dict[tuple[str, tuple], Decimal]:
    with open_pdf(path) as pdf:
        extraction = extract_statements(pdf)
    return {(f.concept, f.period.key): f.value for f in extraction.facts}


def _read(path: Path):
    with open_pdf(path) as pdf:
        return extract_statements(pdf)


# -- an income statement that prints deductions as negative figures --------------------------

DEDUCTIONS_NEGATIVE = [
    line("ACME MANUFACTURING CO. (SYNTHETIC)", x=200),
    line("Consolidated Statements of Operations", x=190),
    line("(Dollars in millions, except per share data)"),
    YEARS,
    line("Sales of products", "900", "800"),
    line("Sales of services", "100", "100"),
    line("Total revenues", "1,000", "900"),
    line("Cost of products", "(600)", "(500)"),
    line("Cost of services", "(100)", "(100)"),
    line("Total costs and expenses", "(700)", "(600)"),
    line("", "300", "300"),  # revenues less costs, printed with no caption
    line("General and administrative expense", "(100)", "(90)"),
    line("Research and development expense", "(50)", "(40)"),
    line("Earnings from operations", "150", "170"),
    line("Other income, net", "10", "10"),
    line("Earnings before income taxes", "160", "180"),
    line("Income taxes", "(40)", "(45)"),
    line("Equity in earnings of affiliates", "5", "5"),
    line("Net earnings", "125", "140"),
    line("Basic earnings per share", "$1.25", "$1.40"),
    line("Diluted earnings per share", "$1.24", "$1.39"),
]


def test_deductions_printed_negative_are_positive_expenses(tmp_path: Path) -> None:
    # Between two results the lines add up as printed, so each cost, expense and the
    # tax was printed as a deduction: us-gaap states them positive. The tax is decided so
    # although the equity-method line stands between it and net earnings.
    facts = _facts(draw(tmp_path / "negative.pdf", [DEDUCTIONS_NEGATIVE]))
    million = Decimal(1_000_000)
    assert {c: facts[(c, Y24.key)] / million for c in (
        "Revenues", "CostOfRevenue", "GrossProfit", "GeneralAndAdministrativeExpense", "ResearchAndDevelopmentExpense",
        "OperatingIncomeLoss", "IncomeTaxExpenseBenefit", "NetIncomeLoss")} == {
        "Revenues": 1000, "CostOfRevenue": 700, "GrossProfit": 300, "GeneralAndAdministrativeExpense": 100,
        "ResearchAndDevelopmentExpense": 50, "OperatingIncomeLoss": 150, "IncomeTaxExpenseBenefit": 40,
        "NetIncomeLoss": 125}
    assert facts[("IncomeTaxExpenseBenefit", Y23.key)] == 45 * million


def test_expenses_printed_positive_keep_their_sign(tmp_path: Path) -> None:
    positive = [line("Consolidated Statements of Operations", x=190), line("(In millions, except per share data)"),
                YEARS, line("Net sales", "1,000", "900"), line("Cost of sales", "700", "600"),
                line("Gross profit", "300", "300"), line("Selling, general and administrative", "150", "130"),
                line("Operating income", "150", "170"), line("Income before income taxes", "150", "170"),
                line("Provision for income taxes", "30", "40"), line("Net income", "120", "130"),
                line("Basic", "$1.20", "$1.30"), line("Diluted", "$1.19", "$1.29")]
    facts = _facts(draw(tmp_path / "positive.pdf", [positive]))
    assert facts[("CostOfRevenue", Y24.key)] == 700_000_000
    assert facts[("IncomeTaxExpenseBenefit", Y24.key)] == 30_000_000


def test_a_result_printed_without_caption_is_gross_profit_only_when_expenses_follow(tmp_path: Path) -> None:
    # Without operating expenses below it, the caption-less line could be the operating
    # result itself: it is left unmapped, and the total keeps its own caption's concept.
    lines = [*DEDUCTIONS_NEGATIVE[:11], line("Other income, net", "10", "10"),
             line("Earnings before income taxes", "310", "310"), *DEDUCTIONS_NEGATIVE[16:]]
    facts = _facts(draw(tmp_path / "no-expenses.pdf", [lines]))
    assert ("GrossProfit", Y24.key) not in facts and ("CostOfRevenue", Y24.key) not in facts
    assert ("CostsAndExpenses", Y24.key) in facts


# -- where the statement is -------------------------------------------------------------------

BALANCE = [
    line("(In millions)"),
    line("December 31,", "2024", "2023"),
    line("Cash and cash equivalents", "500", "400"),
    line("Accounts receivable, net", "300", "250"),
    line("Total current assets", "800", "650"),
    line("Property, plant and equipment, net", "1,200", "1,100"),
    line("Total assets", "2,000", "1,750"),
    line("Accounts payable", "200", "150"),
    line("Total current liabilities", "200", "150"),
    line("Long-term debt", "600", "600"),
    line("Total liabilities", "800", "750"),
    line("Retained earnings", "1,200", "1,000"),
    line("Total stockholders' equity", "1,200", "1,000"),
    line("Total liabilities and stockholders' equity", "2,000", "1,750"),
]


def test_a_title_alone_at_the_foot_of_its_page_heads_the_table_on_the_next(tmp_path: Path) -> None:
    title_page = [line("Index to the financial statements (synthetic)"),
                  line("Consolidated Balance Sheets", x=190, gap=600)]
    path = draw(tmp_path / "title-alone.pdf", [title_page, BALANCE])
    with open_pdf(path) as pdf:
        assert locate(pdf) == {"balance": (2,)}
    facts = _facts(path)
    assert facts[("Assets", END24.key)] == 2_000_000_000 and facts[("LiabilitiesAndStockholdersEquity", END23.key)] == (
        1_750_000_000)


def test_the_last_line_alone_on_the_next_page_takes_the_columns_of_the_page_before(tmp_path: Path) -> None:
    first = [line("Consolidated Balance Sheets", x=190), *BALANCE[:-1]]
    path = draw(tmp_path / "last-line.pdf", [first, [BALANCE[-1]]])
    facts = _facts(path)
    assert facts[("LiabilitiesAndStockholdersEquity", END24.key)] == 2_000_000_000


# -- periods ------------------------------------------------------------------------------------


def test_columns_headed_by_fiscal_years_end_when_the_filing_says(tmp_path: Path) -> None:
    # The cover dates the latest year; a glossary dates the one before. "Fiscal 2024"
    # ended in 2025: the year's number is not the calendar year it ends in.
    cover = [line("FORM 10-K (SYNTHETIC)"), line("For the fiscal year ended February 2, 2025")]
    glossary = [line("fiscal 2023   Fiscal year ended January 28, 2024 (includes 52 weeks)")]
    income = [line("Consolidated Statements of Earnings", x=190), line("Fiscal", "Fiscal", "Fiscal"),
              line("in millions, except per share data", "2024", "2023"), line("Net sales", "1,000", "900"),
              line("Cost of sales", "700", "600"), line("Gross profit", "300", "300"),
              line("Operating income", "150", "170"), line("Earnings before provision for income taxes", "150", "170"),
              line("Provision for income taxes", "30", "40"), line("Net earnings", "120", "130"),
              line("Basic earnings per share", "$1.20", "$1.30"), line("Diluted earnings per share", "$1.19", "$1.29")]
    facts = _facts(draw(tmp_path / "fiscal.pdf", [cover, glossary, income]))
    assert facts[("Revenues", (("duration", date(2025, 2, 2), 12)))] == 1_000_000_000
    assert facts[("Revenues", (("duration", date(2024, 1, 28), 12)))] == 900_000_000


# -- captions and headings --------------------------------------------------------------------


def test_a_caption_wrapped_onto_a_capitalised_line_is_one_caption(tmp_path: Path) -> None:
    # "...Shareowners of The Acme" over "Company 125": set closer together than rows are,
    # the second line finishes the first one's caption whatever its first letter.
    lines = [line("Consolidated Statements of Income", x=190), line("(In millions except per share data)"), YEARS,
             line("Net Operating Revenues", "1,000", "900"), line("Cost of goods sold", "700", "600"),
             line("Gross Profit", "300", "300"), line("Operating Income", "150", "170"),
             line("Income Before Income Taxes", "150", "170"), line("Income taxes", "30", "40"),
             line("Consolidated Net Income", "120", "130"),
             line("Less: Net income attributable to noncontrolling interests", "2", "3"),
             line("Net Income Attributable to Shareowners of The Acme"), line("Company", "118", "127", gap=10),
             line("Basic Net Income Per Share", "$1.18", "$1.27"),
             line("Diluted Net Income Per Share", "$1.17", "$1.26")]
    facts = _facts(draw(tmp_path / "wrapped.pdf", [lines]))
    assert facts[("NetIncomeLoss", Y24.key)] == 118_000_000 and facts[("ProfitLoss", Y24.key)] == 120_000_000
    assert facts[("Revenues", Y24.key)] == 1_000_000_000


def test_what_a_total_counts_is_said_by_the_heading_above_its_section(tmp_path: Path) -> None:
    # "Total" under "Assuming dilution:" under "Earnings per share of common stock:"; a
    # ratio line among the rows ("Gross margin 30.0%") is no heading.
    lines = [line("Consolidated Income Statement", x=190), line("(Dollars in millions except per share amounts)"),
             YEARS, line("Total revenue", "1,000", "900"), line("Total cost", "700", "600"),
             line("Gross profit", "300", "300"), line("Gross margin", "30.0 %", "33.3 %"),
             line("Income from continuing operations before income taxes", "150", "170"),
             line("Provision for income taxes", "30", "40"), line("Net income", "120", "130"),
             line("Earnings per share of common stock:"), line("Assuming dilution:", x=50),
             line("Continuing operations", "$1.19", "$1.29", x=60), line("Total", "$1.19", "$1.29", x=50),
             line("Basic:", x=50), line("Continuing operations", "$1.20", "$1.30", x=60),
             line("Total", "$1.20", "$1.30", x=50)]
    facts = _facts(draw(tmp_path / "eps.pdf", [lines]))
    assert facts[("EarningsPerShareDiluted", Y24.key)] == Decimal("1.19")
    assert facts[("EarningsPerShareBasic", Y23.key)] == Decimal("1.30")
    assert facts[("NetIncomeLoss", Y24.key)] == 120_000_000


def test_one_line_for_basic_and_diluted_gives_both_with_one_citation(tmp_path: Path) -> None:
    lines = [line("Consolidated Statements of Operations", x=190), line("(in thousands, except per share data)"),
             YEARS, line("Total revenue", "1,000", "900"), line("Loss from operations", "(150)", "(170)"),
             line("Loss before income tax expense", "(150)", "(170)"), line("Income tax expense", "5", "4"),
             line("Net loss", "(155)", "(174)"), line("Net loss per share, basic and diluted", "$(0.06)", "$(0.28)")]
    with open_pdf(draw(tmp_path / "basic-and-diluted.pdf", [lines])) as pdf:
        facts = [f for f in extract_statements(pdf).facts if f.period == Y24 and f.unit == "USD/share"]
    assert {f.concept: f.value for f in facts} == {"EarningsPerShareBasic": Decimal("-0.06"),
                                                  "EarningsPerShareDiluted": Decimal("-0.06")}
    assert facts[0].citation == facts[1].citation


# -- the cash flow statement's closing cash ---------------------------------------------------


def _with_cash_flow(closing: tuple[str, str]) -> list[list]:
    cash_flow = [line("Consolidated Statements of Cash Flows", x=190), line("(In millions)"), YEARS,
                 line("Net income", "120", "130"), line("Depreciation", "50", "40"),
                 line("Net cash provided by operating activities", "170", "170"),
                 line("Capital expenditures", "(60)", "(50)"),
                 line("Net cash used in investing activities", "(60)", "(50)"),
                 line("Dividends paid", "(10)", "(10)"), line("Net cash used in financing activities", "(10)", "(10)"),
                 line("Net increase in cash and cash equivalents", "100", "110"),
                 line("Cash and cash equivalents at beginning of year", "400", "290"),
                 line("Cash and cash equivalents at end of year", *closing)]
    return [[line("Consolidated Balance Sheets", x=190), *BALANCE], cash_flow]


def test_the_closing_cash_line_gives_the_balance_when_it_ties_to_the_balance_sheet(tmp_path: Path) -> None:
    facts = _facts(draw(tmp_path / "tied.pdf", _with_cash_flow(("500", "400"))))
    assert facts[("CashAndCashEquivalentsAtCarryingValue", END24.key)] == 500_000_000


def test_a_closing_cash_line_that_does_not_tie_is_not_the_balance_sheet_s_cash(tmp_path: Path) -> None:
    # 520 at the end of 2024 against the balance sheet's 500 (restricted cash included,
    # unsaid): the cash flow figures are not stated, and the balance sheet's are not lost.
    extraction = _read(draw(tmp_path / "untied.pdf", _with_cash_flow(("520", "400"))))
    cash = [f for f in extraction.facts if f.concept == "CashAndCashEquivalentsAtCarryingValue"]
    assert {(f.statement, f.value) for f in cash} == {("balance", 500_000_000), ("balance", 400_000_000)}
    assert not [f for f in extraction.findings if f.code == "conflicting_values"]


# -- a bank ---------------------------------------------------------------------------------------


def test_a_bank_s_income_statement_is_a_finding_not_a_guessed_revenue(tmp_path: Path) -> None:
    bank = [line("Consolidated Statements of Income", x=190), line("(In millions, except per share data)"), YEARS,
            line("Interest income", "5,000", "4,000"), line("Interest expense", "2,000", "1,500"),
            line("Net interest income", "3,000", "2,500"), line("Provision for credit losses", "300", "200"),
            line("Noninterest income", "1,000", "900"), line("Noninterest expense", "2,500", "2,200"),
            line("Income before income taxes", "1,200", "1,000"), line("Income tax expense", "250", "210"),
            line("Net income", "950", "790"), line("Basic earnings per share", "$4.75", "$3.95"),
            line("Diluted earnings per share", "$4.70", "$3.90")]
    extraction = _read(draw(tmp_path / "bank.pdf", [bank]))
    (finding,) = [f for f in extraction.findings if f.code == "statement_lines_unmapped"]
    assert "as revenue" in finding.message and "'Interest income'" in finding.message
    concepts = {f.concept for f in extraction.facts}
    assert "Revenues" not in concepts and {"NetIncomeLoss", "IncomeTaxExpenseBenefit"} <= concepts


@pytest.mark.parametrize("title", ["ACME CORP. AND SUBSIDIARIES consolidated statements of income",
                                   "Acme, Inc. Unaudited Consolidated Statements of Operations"])
def test_a_title_after_the_company_s_name_is_found(tmp_path: Path, title: str) -> None:
    lines = [line(title, x=120), line("(In millions, except per share data)"), YEARS,
             *DEDUCTIONS_NEGATIVE[4:]]
    with open_pdf(draw(tmp_path / "named.pdf", [lines])) as pdf:
        assert locate(pdf) == {"income": (1,)}


def test_scale_and_period_in_one_header_line(tmp_path: Path) -> None:
    # "Millions, Except Per Share Amounts, for the Years Ended December 31," with the
    # years over the columns: the unit without "in", the date for both columns.
    lines = [line("Consolidated Statements of Operations", x=190),
             line("Millions, Except Per Share Amounts, for the Years Ended December 31,", "2024", "2023"),
             *DEDUCTIONS_NEGATIVE[4:]]
    facts = _facts(draw(tmp_path / "one-header.pdf", [lines]))
    assert facts[("Revenues", Y24.key)] == 1_000_000_000 and facts[("NetIncomeLoss", Y23.key)] == 140_000_000


def test_dates_wrapped_over_three_lines(tmp_path: Path) -> None:
    # "Six Months Ended June" / "30," / "2025 2024", as a narrow header cell prints it.
    lines = [line("Consolidated Statements of Cash Flows", x=190), line("(in thousands)"),
             line("For the Six Months Ended June", x=380), line("30,", x=420, gap=10), line("", "2025", "2024", gap=10),
             line("Net loss", "(25,051)", "(8,501)"), line("Depreciation and amortization", "62,024", "43,438"),
             line("Net cash provided by operating activities", "325,932", "244,916"),
             line("Purchases of property and equipment", "(29,370)", "(14,082)"),
             line("Net cash provided by investing activities", "291,164", "139,027"),
             line("Net cash (used in) provided by financing activities", "(559,963)", "31,760"),
             line("Cash and cash equivalents, end of period", "1,000", "900")]
    facts = _facts(draw(tmp_path / "wrapped-dates.pdf", [lines]))
    six = Period(end=date(2025, 6, 30), months=6)
    assert facts[("NetCashProvidedByUsedInOperatingActivities", six.key)] == 325_932_000
    prior_six = Period(end=date(2024, 6, 30), months=6)
    assert facts[("PaymentsToAcquirePropertyPlantAndEquipment", prior_six.key)] == 14_082_000
