"""The layout-agnostic statement reader on small statements made here with fpdf2, one
point of the reader each: notations, sections that give the sign, a card's balance owed,
the order of day and month, two statements in one file, and a statement that does not
prove. Each test checks the figures read, the proof and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.proof import proof_summary, prove
from month_end_close.statements import read_statement
from shared.documents.verify import CitationVerifier

D = Decimal


@dataclass(frozen=True)
class Col:
    header: str
    x: float  # left edge, or right edge for a right-aligned column
    right: bool = False


@dataclass
class Sheet:
    """One page: lines of text at the top, then a table, then lines at the bottom. A
    line at the top may be a label and a figure set right-aligned at an x of its own (a
    summary box)."""

    top: list[str | tuple[str, str, float]] = field(default_factory=list)
    columns: list[Col] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    bottom: list[str] = field(default_factory=list)


def make(path: Path, *sheets: Sheet, font: str = "helvetica", size: float = 9) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font(font, size=size)
    for sheet in sheets:
        pdf.add_page()
        y = 60.0
        for text in sheet.top:
            if isinstance(text, tuple):
                label, figure, right = text
                pdf.text(40, y, label)
                pdf.text(right - pdf.get_string_width(figure), y, figure)
            else:
                pdf.text(40, y, text)
            y += 14
        y += 10
        heading = [c.header.split("\n") for c in sheet.columns]
        for depth in range(max((len(parts) for parts in heading), default=0)):  # a heading over two lines
            _cells(pdf, sheet.columns, [parts[depth] if depth < len(parts) else "" for parts in heading], y)
            y += 10
        for cells in sheet.rows:
            _cells(pdf, sheet.columns, cells, y + 3)
            y += 13
        y += 10
        for text in sheet.bottom:
            pdf.text(40, y, text)
            y += 14
    pdf.output(str(path))
    return path


def _cells(pdf, columns: list[Col], cells: list[str], y: float) -> None:
    for column, text in zip(columns, cells):
        pdf.text(column.x - pdf.get_string_width(text) if column.right else column.x, y, text)


def lines_of(statement) -> list[tuple[date, Decimal]]:
    return [(line.date, line.amount) for line in statement.lines]


def codes(statement) -> list[str]:
    return [f.code for f in prove([statement])]


def test_continental_amounts_with_a_trailing_minus_and_dates_without_the_year(tmp_path):
    columns = [Col("Buchung", 40), Col("Vorgang", 110), Col("Betrag EUR", 420, right=True)]
    sheet = Sheet(["Kontoauszug vom 01.03.2024 bis 31.03.2024", "Alter Kontostand 1.000,00",
                   "Neuer Kontostand 2.234,56"], columns,
                  [["05.03.", "Gehalt Wiedehopf GmbH", "2.500,00"], ["07.03.", "Miete Wohnung", "1.200,00-"],
                   ["15.03.", "Stadtwerke Strom", "65,44-"]])
    (read,) = read_statement(make(tmp_path / "konto.pdf", sheet))
    assert lines_of(read) == [(date(2024, 3, 5), D("2500.00")), (date(2024, 3, 7), D("-1200.00")),
                              (date(2024, 3, 15), D("-65.44"))]
    assert (read.opening.value, read.closing.value) == (D("1000.00"), D("2234.56"))
    assert (read.period_start, read.period_end, read.method) == (date(2024, 3, 1), date(2024, 3, 31), "rules")
    assert [line.id for line in read.lines] == ["konto.pdf:1:1", "konto.pdf:1:2", "konto.pdf:1:3"]
    assert read.lines[1].citation.text == "1.200,00-" and read.lines[1].description == "Miete Wohnung"
    assert proof_summary(read)["proves"] is True and codes(read) == []


def test_sections_give_the_sign_of_a_single_amount_column_and_month_first_dates(tmp_path):
    columns = [Col("DATE", 40), Col("DESCRIPTION", 100), Col("AMOUNT", 420, right=True)]
    deposits = Sheet(["Statement period January 1, 2024 through January 31, 2024", "Beginning Balance $1,000.00",
                      "Ending Balance $1,595.50", "", "DEPOSITS AND ADDITIONS"], columns,
                     [["01/05", "Payroll Quillon Labs", "1,000.00"], ["01/20", "Online Transfer From Sav", "100.00"]],
                     ["Total Deposits and Additions $1,100.00", "", "ELECTRONIC WITHDRAWALS"])
    withdrawals = Sheet(["ELECTRONIC WITHDRAWALS (continued)"], columns,
                        [["01/07", "Rent Standing Order", "450.00"], ["01/15", "Northgate Energy", "54.50"]],
                        ["Total Electronic Withdrawals $504.50"])
    (read,) = read_statement(make(tmp_path / "checking.pdf", deposits, withdrawals))
    assert sorted(lines_of(read)) == [(date(2024, 1, 5), D("1000.00")), (date(2024, 1, 7), D("-450.00")),
                                      (date(2024, 1, 15), D("-54.50")), (date(2024, 1, 20), D("100.00"))]
    assert (read.opening.value, read.closing.value) == (D("1000.00"), D("1595.50"))
    assert codes(read) == []


def test_a_card_balance_is_owed_payments_marked_cr_are_money_in(tmp_path):
    sheet = Sheet(["Credit Card Statement", "Statement Date 15 Feb 2024", "Credit Limit 5,000.00",
                   "Previous Balance 500.00", "New Balance 720.25"],
                  [Col("Date", 40), Col("Description", 100), Col("Amount", 420, right=True)],
                  [["20 Jan", "Bluefin Coffee", "4.75"], ["25 Jan", "Payment - Thank You", "500.00CR"],
                   ["02 Feb", "Meadow Books Online", "715.50"]])
    (read,) = read_statement(make(tmp_path / "card.pdf", sheet))
    assert lines_of(read) == [(date(2024, 1, 20), D("-4.75")), (date(2024, 1, 25), D("500.00")),
                              (date(2024, 2, 2), D("-715.50"))]
    assert (read.opening.value, read.closing.value, read.period_end) == (D("-500.00"), D("-720.25"),
                                                                           date(2024, 2, 15))
    assert proof_summary(read)["proves"] is True


def test_the_proof_decides_the_balance_is_owed_when_the_page_does_not_say(tmp_path):
    """Debit and credit columns, no word of a card: only the balance-owed reading proves."""
    sheet = Sheet(["Statement 1 March 2024 to 31 March 2024", "Previous balance 100.00", "New balance 150.00"],
                  [Col("Date", 40), Col("Description", 100), Col("Debit", 330, right=True),
                   Col("Credit", 420, right=True)],
                  [["03 Mar", "Quayside Fuel", "70.00", ""], ["12 Mar", "Payment received", "", "20.00"]])
    (read,) = read_statement(make(tmp_path / "owed.pdf", sheet))
    assert lines_of(read) == [(date(2024, 3, 3), D("-70.00")), (date(2024, 3, 12), D("20.00"))]
    assert (read.opening.value, read.closing.value) == (D("-100.00"), D("-150.00"))
    assert codes(read) == []


def _numeric(tmp_path: Path, name: str, first: str, second: str) -> Path:
    sheet = Sheet(["Opening balance 100.00", "Closing balance 70.00"],
                  [Col("Date", 40), Col("Details", 100), Col("Amount", 420, right=True)],
                  [[first, "Cobalt Fitness", "-10.00"], [second, "Orbit Mobile", "-20.00"]])
    return make(tmp_path / name, sheet)


def test_a_day_over_12_settles_day_first_and_the_year_comes_from_a_full_date(tmp_path):
    (read,) = read_statement(_numeric(tmp_path, "dmy.pdf", "02/03/2024", "13/03/2024"))
    assert [line.date for line in read.lines] == [date(2024, 3, 2), date(2024, 3, 13)]
    assert codes(read) == []


def test_dates_nothing_settles_are_a_finding_never_a_silent_guess(tmp_path):
    (read,) = read_statement(_numeric(tmp_path, "either.pdf", "02/03/2024", "04/05/2024"))
    (doubt,) = [f for f in prove([read]) if f.code == "statement_dates_ambiguous"]
    assert doubt.severity == "error" and "02/03" in doubt.message and "day first" in doubt.message
    assert [line.amount for line in read.lines] == [D("-10.00"), D("-20.00")]


def test_two_statements_in_one_file_each_with_its_own_balances(tmp_path):
    columns = [Col("Date", 40), Col("Description", 100), Col("Paid out", 330, right=True),
               Col("Paid in", 400, right=True), Col("Balance", 480, right=True)]
    first = Sheet(["Statement 1 April 2024 to 30 April 2024", "Opening balance 200.00", "Closing balance 150.00"],
                  columns, [["10 Apr", "Meadow Books", "50.00", "", "150.00"]])
    second = Sheet(["Statement 1 May 2024 to 31 May 2024", "Opening balance 150.00", "Closing balance 400.00"],
                   columns, [["02 May", "Salary", "", "250.00", "400.00"]])
    one, two = read_statement(make(tmp_path / "both.pdf", first, second))
    assert (lines_of(one), one.opening.value, one.closing.value) == ([(date(2024, 4, 10), D("-50.00"))],
                                                                     D("200.00"), D("150.00"))
    assert (lines_of(two), two.opening.value, two.closing.value) == ([(date(2024, 5, 2), D("250.00"))],
                                                                     D("150.00"), D("400.00"))
    assert (one.lines[0].id, two.lines[0].id) == ("both.pdf:1:1", "both.pdf:2:1")
    assert codes(one) == codes(two) == []


def test_a_mistyped_running_balance_is_never_proven_and_the_break_is_named(tmp_path):
    columns = [Col("Date", 40), Col("Description", 100), Col("Debit", 330, right=True),
               Col("Credit", 400, right=True), Col("Balance", 480, right=True)]
    rows = [["02 Jun", "Harrow Grocers", "20.00", "", "980.00"], ["03 Jun", "Bluefin Coffee", "5.00", "", "957.00"],
            ["04 Jun", "Salary", "", "100.00", "1,075.00"]]
    sheet = Sheet(["Statement 1 June 2024 to 30 June 2024", "Opening balance 1,000.00", "Closing balance 1,075.00"],
                  columns, rows)  # 975.00 after the coffee, printed 957.00
    (read,) = read_statement(make(tmp_path / "typo.pdf", sheet))
    assert lines_of(read) == [(date(2024, 6, 2), D("-20.00")), (date(2024, 6, 3), D("-5.00")),
                              (date(2024, 6, 4), D("100.00"))]
    found = {f.code: f for f in prove([read])}
    breaks = [f.subject for f in prove([read]) if f.code == "running_balance_break"]
    assert breaks == ["typo.pdf:1:2", "typo.pdf:1:3"]  # 957.00 printed, then carried on from it
    assert found["statement_unproved"].severity == "error"
    assert "first breaks at typo.pdf:1:2 (03 Jun 2024, 'Bluefin Coffee')" in found["statement_unproved"].message
    assert "--model" in found["statement_unproved"].message and "MT940" in found["statement_unproved"].message
    assert proof_summary(read)["proves"] is False


def test_a_balance_printed_with_its_leading_digit_lost_is_a_warning_and_the_lines_still_prove(tmp_path):
    columns = [Col("Date", 40), Col("Description", 100), Col("Amount", 400, right=True),
               Col("Balance", 480, right=True)]
    rows = [["02 Jun", "Transfer in", "0.53", "73,978.53"], ["03 Jun", "Card payment", "-0.53", "3978.00"],
            ["04 Jun", "Card payment", "-8.00", "73,970.00"]]
    sheet = Sheet(["Statement 1 June 2024 to 30 June 2024", "Opening balance 73,978.00",
                   "Closing balance 73,970.00"], columns, rows)
    (read,) = read_statement(make(tmp_path / "cut.pdf", sheet))
    (warning,) = prove([read])
    assert (warning.code, warning.severity, warning.subject) == ("running_balance_misprint", "warning", "cut.pdf:1:2")
    assert proof_summary(read)["proves"] is True


def test_thousands_grouped_with_spaces_and_soll_haben_columns(tmp_path):
    columns = [Col("Datum", 40), Col("Buchungstext", 100), Col("Soll", 360, right=True),
               Col("Haben", 450, right=True)]
    sheet = Sheet(["Kontoauszug 01.02.2024 - 29.02.2024", "Anfangssaldo 12 000,00", "Endsaldo 10 765,44"], columns,
                  [["01.02.2024", "Überweisung Miete", "1 234,56", ""], ["20.02.2024", "Zinsgutschrift", "", "0,00"]])
    (read,) = read_statement(make(tmp_path / "raum.pdf", sheet))
    assert lines_of(read) == [(date(2024, 2, 1), D("-1234.56")), (date(2024, 2, 20), D("0.00"))]
    assert (read.opening.value, read.closing.value) == (D("12000.00"), D("10765.44"))
    assert read.lines[0].citation.text == "1 234,56" and codes(read) == []


def test_every_citation_of_a_made_statement_verifies(tmp_path):
    (read,) = read_statement(_numeric(tmp_path, "cited.pdf", "02/03/2024", "13/03/2024"))
    cited = [line.citation for line in read.lines] + [read.opening.citation, read.closing.citation]
    with CitationVerifier() as verifier:
        assert [(c.text, verifier.verify(c).ok) for c in cited] == [("-10.00", True), ("-20.00", True),
                                                                    ("100.00", True), ("70.00", True)]


def test_a_page_with_a_table_but_no_dated_amount_is_refused(tmp_path):
    from shared.errors import InputError

    sheet = Sheet(["Opening balance 10.00"], [Col("Date", 40), Col("Details", 100), Col("Amount", 420, right=True)],
                  [["", "Nothing this month", ""]])
    with pytest.raises(InputError, match="no table of transactions was found"):
        read_statement(make(tmp_path / "empty.pdf", sheet))


def test_a_heading_over_two_lines_with_halves_joined_by_a_slash(tmp_path):
    columns = [Col("Date", 40), Col("Check\nNumber", 80), Col("Description", 130),
               Col("Deposits/\nAdditions", 340, right=True), Col("Withdrawals/\nSubtractions", 420, right=True),
               Col("Ending daily\nbalance", 500, right=True)]
    sheet = Sheet(["Statement period activity summary", "Beginning balance on 3/1 1,000.00",
                   "Ending balance on 3/31 1,367.75", "Period March 1, 2024 - March 31, 2024"], columns,
                  [["3/4", "", "Mobile Deposit", "500.00", "", "1,500.00"],
                   ["3/6", "1042", "Check", "", "120.00", ""],
                   ["3/6", "", "Orbit Mobile Bill", "", "12.25", "1,367.75"]],
                  ["Totals 500.00 132.25"])
    (read,) = read_statement(make(tmp_path / "activity.pdf", sheet))
    assert lines_of(read) == [(date(2024, 3, 4), D("500.00")), (date(2024, 3, 6), D("-120.00")),
                              (date(2024, 3, 6), D("-12.25"))]
    assert [line.balance.value if line.balance else None for line in read.lines] == [D("1500.00"), None,
                                                                                     D("1367.75")]
    assert codes(read) == []


def test_checks_printed_two_up_are_two_tables_read_left_then_right(tmp_path):
    columns = [Col("Date", 40), Col("Check #", 90), Col("Amount", 200, right=True), Col("Date", 260),
               Col("Check #", 310), Col("Amount", 420, right=True)]
    sheet = Sheet(["Statement 1 March 2024 to 31 March 2024", "Beginning balance 1,000.00",
                   "Ending balance 650.00", "", "Checks"], columns,
                  [["03/05", "1001", "100.00", "03/12", "1003", "50.00"], ["03/08", "1002", "200.00", "", "", ""]],
                  ["Total checks 350.00"])
    (read,) = read_statement(make(tmp_path / "checks.pdf", sheet))
    assert lines_of(read) == [(date(2024, 3, 5), D("-100.00")), (date(2024, 3, 8), D("-200.00")),
                              (date(2024, 3, 12), D("-50.00"))]
    assert codes(read) == []


def test_a_heading_of_words_that_name_no_column_and_marks_in_a_column_of_their_own(tmp_path):
    columns = [Col("Bu.Tag", 40), Col("Wert", 90), Col("Wir haben für Sie gebucht", 140),
               Col("Betrag EUR", 420, right=True)]
    sheet = Sheet(["Kontoauszug 02/2024 vom 01.02.2024 bis 29.02.2024", "Alter Kontostand 500,00 H",
                   "Neuer Kontostand 330,00 H"], columns,
                  [["02.02.", "02.02.", "Lastschrift Stadtwerke", "200,00    S"],
                   ["15.02.", "15.02.", "Gutschrift Erstattung", "30,00    H"]])
    (read,) = read_statement(make(tmp_path / "giro.pdf", sheet))
    assert lines_of(read) == [(date(2024, 2, 2), D("-200.00")), (date(2024, 2, 15), D("30.00"))]
    assert (read.opening.value, read.closing.value) == (D("500.00"), D("330.00"))
    assert codes(read) == []


def test_lines_printed_latest_first_are_proved_from_the_bottom_up(tmp_path):
    columns = [Col("Date", 40), Col("Description", 100), Col("Amount", 430, right=True),
               Col("Balance", 520, right=True)]
    sheet = Sheet(["Statement 01/03/2024 to 31/03/2024", "Opening balance 1,000.00", "Closing balance 870.00"],
                  columns, [["20/03/2024", "Cobalt Fitness", "-30.00", "870.00"],
                            ["14/03/2024", "Transfer from Savings", "100.00", "900.00"],
                            ["02/03/2024", "Rent Standing Order", "-200.00", "800.00"]])
    (read,) = read_statement(make(tmp_path / "latest.pdf", sheet))
    assert [(line.id, line.date, line.amount) for line in read.lines] == [
        ("latest.pdf:1:3", date(2024, 3, 2), D("-200.00")), ("latest.pdf:1:2", date(2024, 3, 14), D("100.00")),
        ("latest.pdf:1:1", date(2024, 3, 20), D("-30.00"))]
    assert codes(read) == []


def test_a_card_whose_payments_are_in_parentheses_and_whose_balance_is_the_amount_due(tmp_path):
    sheet = Sheet(["Credit Card  Statement Date 20-01-2024", "Credit Limit 8,000.00", "Minimum Payment Due 50.00",
                   "LAST MONTH'S BALANCE 900.00", "TOTAL AMOUNT DUE 455.25"],
                  [Col("TRANSACTION DATE", 40), Col("DESCRIPTION", 140), Col("AMOUNT (SGD)", 520, right=True)],
                  [["22/12/2023", "PAYMENT BY GIRO", "(900.00)"], ["28/12/2023", "QUAYSIDE FUEL 0231", "55.25"],
                   ["15/01/2024", "ORBIT MOBILE BILL", "400.00"]])
    (read,) = read_statement(make(tmp_path / "card.pdf", sheet))
    assert lines_of(read) == [(date(2023, 12, 22), D("900.00")), (date(2023, 12, 28), D("-55.25")),
                              (date(2024, 1, 15), D("-400.00"))]
    assert (read.opening.value, read.closing.value) == (D("-900.00"), D("-455.25"))
    assert codes(read) == []


def test_sections_named_in_many_words_and_a_grid_of_daily_balances_that_is_no_table(tmp_path):
    amount = [Col("Date", 40), Col("Description", 100), Col("Amount", 500, right=True)]
    first = Sheet(["Statement for May 1, 2023 to May 31, 2023", "Beginning balance on May 1, 2023 $500.00",
                   "Ending balance on May 31, 2023 $438.00", "", "Deposits and Other Additions"], amount,
                  [["05/02/23", "PAYROLL QUILLON LABS", "100.00"]],
                  ["Total deposits and other additions $100.00", "", "Banking/Debit Card Withdrawals and Purchases"])
    second = Sheet(["Banking/Debit Card Withdrawals and Purchases - continued"], amount,
                   [["05/03/23", "BLUEFIN COFFEE", "-12.00"], ["05/19/23", "HARROW GROCERS", "150.00"]],
                   ["Total $162.00", "", "Daily ledger balances"])
    grid = Sheet(["Daily ledger balances"], [Col("Date", 40), Col("Amount", 160, right=True)],
                 [["05/01", "500.00"], ["05/19", "438.00"]])
    (read,) = read_statement(make(tmp_path / "sections.pdf", first, second, grid))
    assert lines_of(read) == [(date(2023, 5, 2), D("100.00")), (date(2023, 5, 3), D("-12.00")),
                              (date(2023, 5, 19), D("-150.00"))]
    assert codes(read) == []


# -- a monospaced font, whose space is as wide as a letter -------------------------------


def test_a_monospaced_statement_with_spaces_between_thousands(tmp_path):
    """Courier's space is 0.6 of the type's height: "24 056,72" is still one figure."""
    columns = [Col("Date", 40), Col("Description", 110), Col("Debit", 390, right=True),
               Col("Credit", 460, right=True), Col("Balance", 550, right=True)]
    sheet = Sheet(["Account statement", "From 01/04/2024 to 30/04/2024"], columns,
                  [["01/04/2024", "Balance brought forward", "", "", "24 056,72"],
                   ["01/04/2024", "Cobalt Fitness", "3 095,18", "", "20 961,54"],
                   ["02/04/2024", "Salary Hartwell Joinery Ltd", "", "2 972,42", "23 933,96"],
                   ["03/04/2024", "Interest Paid", "", "96,53", "24 030,49"],
                   ["", "Balance carried forward", "", "", "24 030,49"]])
    (read,) = read_statement(make(tmp_path / "mono.pdf", sheet, font="courier", size=8.5))
    assert lines_of(read) == [(date(2024, 4, 1), D("-3095.18")), (date(2024, 4, 2), D("2972.42")),
                              (date(2024, 4, 3), D("96.53"))]
    assert (read.opening.value, read.closing.value) == (D("24056.72"), D("24030.49"))
    assert read.lines[0].citation.text == "3 095,18" and codes(read) == []


def test_a_monospaced_heading_whose_columns_are_named_in_two_words(tmp_path):
    """"Post Date" and "Trans Date" set in Courier are two columns, not "Post" (no
    column) and "Date" printed where no date stands."""
    sheet = Sheet(["Credit Card Statement", "Statement Date 14 January 2025", "Credit Limit 15,000.00",
                   "Minimum Payment Due 50.00", "Previous Balance 1,000.00", "New Balance 1,134.95"],
                  [Col("Post Date", 40), Col("Trans Date", 110), Col("Transaction Description", 180),
                   Col("Amount", 540, right=True)],
                  [["17 DEC", "16 DEC", "Orbit Mobile Bill", "975.39"],
                   ["23 DEC", "23 DEC", "Payment - Thank You", "849.55 CR"],
                   ["05 JAN", "02 JAN", "Interest Charge", "9.11"]])
    (read,) = read_statement(make(tmp_path / "card.pdf", sheet, font="courier", size=8.5))
    assert lines_of(read) == [(date(2024, 12, 17), D("-975.39")), (date(2024, 12, 23), D("849.55")),
                              (date(2025, 1, 5), D("-9.11"))]
    assert (read.opening.value, read.closing.value) == (D("-1000.00"), D("-1134.95"))
    assert codes(read) == []


def test_the_second_statements_summary_is_not_read_as_rows_of_the_first(tmp_path):
    """The second statement's summary box sets its figures under the first's "Money out"
    column, before its own heading: an opening balance after the rows ends the table."""
    columns = [Col("Date", 40), Col("Description", 100), Col("Money out", 360, right=True),
               Col("Money in", 440, right=True), Col("Balance", 520, right=True)]

    def summary(opening: str, money_in: str, money_out: str, closing: str) -> list[str | tuple[str, str, float]]:
        return [("Opening balance", opening, 350), ("Money in", money_in, 350), ("Money out", money_out, 350),
                ("Closing balance", closing, 350)]

    first = Sheet(["Period 01/09/2024 to 30/09/2024", *summary("1,000.00", "500.00", "200.00", "1,300.00")],
                  columns, [["02/09/2024", "Transfer to Savings", "200.00", "", "800.00"],
                            ["20/09/2024", "Salary", "", "500.00", "1,300.00"]])
    second = Sheet(["Period 01/10/2024 to 31/10/2024", *summary("1,300.00", "40.00", "300.00", "1,040.00")],
                   columns, [["03/10/2024", "Rent Standing Order", "300.00", "", "1,000.00"],
                             ["15/10/2024", "Refund Meadow Books", "", "40.00", "1,040.00"]])
    one, two = read_statement(make(tmp_path / "two.pdf", first, second))
    assert lines_of(one) == [(date(2024, 9, 2), D("-200.00")), (date(2024, 9, 20), D("500.00"))]
    assert lines_of(two) == [(date(2024, 10, 3), D("-300.00")), (date(2024, 10, 15), D("40.00"))]
    assert [(s.opening.value, s.closing.value) for s in (one, two)] == [(D("1000.00"), D("1300.00")),
                                                                       (D("1300.00"), D("1040.00"))]
    assert codes(one) == codes(two) == []
