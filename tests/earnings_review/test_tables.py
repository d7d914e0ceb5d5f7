"""Statement tables from word positions: columns, period headers, rows, scale notes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from earnings_review.facts import Period
from earnings_review.tables import header_periods, statement_tables
from shared.documents import CitationVerifier, TextLine, Word, open_pdf
from tests.earnings_review.filings import filing

Q3, Q3_PRIOR = date(2023, 7, 1), date(2022, 6, 25)


@pytest.fixture(scope="module")
def apple_income():
    with open_pdf(filing("APPLE_2023Q3_10Q.pdf")) as pdf:
        (table,) = statement_tables(pdf, 4, "income")
        yield pdf, table


def _row(table, label, section=None):
    (row,) = [r for r in table.rows if r.label == label and (section is None or r.section.startswith(section))]
    return row


def test_columns_take_their_periods_from_a_two_level_header(apple_income) -> None:
    _, table = apple_income
    assert table.periods == (Period(end=Q3, months=3), Period(end=Q3_PRIOR, months=3),
                             Period(end=Q3, months=9), Period(end=Q3_PRIOR, months=9))


def test_rows_keep_the_printed_figures_in_their_columns(apple_income) -> None:
    _, table = apple_income
    assert [(c.column, c.text) for c in _row(table, "Total net sales").cells] == [
        (0, "81,797"), (1, "82,959"), (2, "293,787"), (3, "304,182")]
    # A negative in parentheses hangs past the column's right edge and still belongs to it.
    assert [c.text for c in _row(table, "Other income/(expense), net").cells] == ["(265)", "(10)", "(594)", "(97)"]


def test_sections_and_indentation(apple_income) -> None:
    _, table = apple_income
    products = _row(table, "Products", "Net sales")
    assert products.section == "Net sales:" and _row(table, "Products", "Cost of sales").section == "Cost of sales:"
    assert _row(table, "Diluted", "Shares used").section == "Shares used in computing earnings per share:"
    assert _row(table, "Net income").section == ""  # "Total operating expenses" closed its section
    assert products.level < _row(table, "Total net sales").level


def test_the_scale_note_counts_shares_in_thousands_and_per_share_in_units(apple_income) -> None:
    _, table = apple_income
    assert (table.scale.money, table.scale.shares, table.scale.per_share) == (Decimal(10**6), Decimal(1000), 1)
    assert "except number of shares" in table.scale_line.text


def test_every_cell_cites_its_printed_text(apple_income) -> None:
    pdf, table = apple_income
    citations = [pdf.cite(table.page, cell.bbox, cell.text) for row in table.rows for cell in row.cells]
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all(citations))


@pytest.mark.parametrize(("name", "page", "statement", "periods"), [
    # "Year ended December 31," over three years, set off to the left of the figures.
    ("NETFLIX_2022_10K.pdf", 40, "income", [(date(2022, 12, 31), 12), (date(2021, 12, 31), 12),
                                            (date(2020, 12, 31), 12)]),
    ("MICROSOFT_2015_10K.pdf", 53, "income", [(date(2015, 6, 30), 12), (date(2014, 6, 30), 12),
                                              (date(2013, 6, 30), 12)]),
    # "December 31," over "2021 2022": oldest first.
    ("AMAZON_2022_10K.pdf", 39, "balance", [date(2021, 12, 31), date(2022, 12, 31)]),
    ("APPLE_2022_10K.pdf", 34, "balance", [date(2022, 9, 24), date(2021, 9, 25)]),
    # "Quarters Ended" over "March 26, 2023" and "March 27, 2022", each stacked.
    ("LOCKHEEDMARTIN_2023Q1_10Q.pdf", 17, "income", [(date(2023, 3, 26), 3), (date(2022, 3, 27), 3)]),
    ("LOCKHEEDMARTIN_2023Q1_10Q.pdf", 20, "balance", [date(2023, 3, 26), date(2022, 12, 31)]),  # "Dec. 31,"
    # "12 Weeks Ended" and "36 Weeks Ended": a retail calendar's quarter and three quarters.
    ("COSTCO_2023Q3_EARNINGS.pdf", 3, "income", [(date(2023, 5, 7), 3), (date(2022, 5, 8), 3),
                                                 (date(2023, 5, 7), 9), (date(2022, 5, 8), 9)]),
    # "Quarters Ended June 30," printed once, left; the change columns "Inc/(Dec) $ %" have no period.
    ("MCDONALDS_2023Q2_EARNINGS.pdf", 5, "income", [(date(2023, 6, 30), 3), (date(2022, 6, 30), 3), None, None]),
])
def test_header_variants(name, page, statement, periods) -> None:
    with open_pdf(filing(name)) as pdf:
        table = statement_tables(pdf, page, statement)[0]
    expected = [None if p is None else Period(instant=p) if isinstance(p, date) else Period(end=p[0], months=p[1])
                for p in periods]
    assert list(table.periods) == expected


def test_two_tables_under_two_titles_on_one_page() -> None:
    # Ulta's release: the 13 weeks' and the 52 weeks' income statements on one page, each
    # with a percentage-of-sales column that is not an amount.
    with open_pdf(filing("ULTABEAUTY_2023Q4_EARNINGS.pdf")) as pdf:
        quarter, year = statement_tables(pdf, 6, "income")
    assert [p.months for p in quarter.periods] == [3, 3] and [p.months for p in year.periods] == [12, 12]
    assert [c.text for c in _row(year, "Net sales").cells] == ["10,208,580", "8,630,889"]


def test_a_statement_continued_on_the_next_page_keeps_its_columns_periods() -> None:
    with open_pdf(filing("COSTCO_2023Q3_EARNINGS.pdf")) as pdf:
        (top,) = statement_tables(pdf, 3, "balance")
        assert statement_tables(pdf, 4, "balance") == []  # no title, no header, nothing carried: not read
        (rest,) = statement_tables(pdf, 4, "balance", top)
    assert rest.periods == (Period(instant=date(2023, 5, 7)), Period(instant=date(2022, 8, 28)))
    assert rest.scale == top.scale
    assert [c.text for c in _row(rest, "TOTAL LIABILITIES AND EQUITY").cells] == ["66,752", "64,166"]


def test_a_caption_wrapped_over_lines_is_one_label() -> None:
    with open_pdf(filing("COSTCO_2023Q3_EARNINGS.pdf")) as pdf:
        (top,) = statement_tables(pdf, 3, "balance")
        (rest,) = statement_tables(pdf, 4, "balance", top)
        (income,) = statement_tables(pdf, 3, "income")
    labels = [r.label for r in rest.rows]
    assert ("Preferred stock $0.005 par value; 100,000,000 shares authorized; no shares issued and outstanding"
            in labels)
    assert ("Common stock $0.005 par value; 900,000,000 shares authorized; 443,222,000 and 442,664,000 shares "
            "issued and outstanding") in labels
    # "NET INCOME PER COMMON SHARE ATTRIBUTABLE TO" / "COSTCO:" is one heading.
    assert _row(income, "Basic", "NET INCOME PER").section == "NET INCOME PER COMMON SHARE ATTRIBUTABLE TO COSTCO:"


def test_a_section_may_carry_its_own_scale_note() -> None:
    # Costco: dollars in millions, but "Shares used in calculation (000s)".
    with open_pdf(filing("COSTCO_2023Q3_EARNINGS.pdf")) as pdf:
        (income,) = statement_tables(pdf, 3, "income")
    assert income.scale.shares == Decimal(10**6)
    assert _row(income, "Basic", "Shares used").note.shares == Decimal(1000)


def test_the_table_ends_at_a_second_header_and_at_footnotes() -> None:
    with open_pdf(filing("INTEL_2023Q1_EARNINGS.pdf")) as pdf:
        (intel,) = statement_tables(pdf, 6, "income")
    with open_pdf(filing("LOCKHEEDMARTIN_2023Q1_10Q.pdf")) as pdf:
        (lockheed,) = statement_tables(pdf, 17, "income")
    # Intel's supplementary "Other information" table below its own header is not read.
    assert "Employees (in thousands)" not in [r.label for r in intel.rows]
    assert lockheed.rows[-1].label == "Common shares reported in stockholders’ equity at end of period"


def _line(top: float, *words: tuple[str, float, float]) -> TextLine:
    return TextLine(tuple(Word(text, x0, top, x1, top + 8) for text, x0, x1 in words))


SPANS = ((330.0, 370.0), (403.0, 444.0))


def test_a_heading_set_letter_by_letter_still_reads() -> None:
    lines = [_line(90, ("Three", 330, 350), ("M", 352, 358), ("on", 358, 367), ("t", 367, 369), ("hs", 369, 378),
                   ("Ended", 380, 402)),
             _line(100, ("July", 328, 343), ("1,", 345, 351), ("2023", 353, 370), ("June", 399, 416),
                   ("25,", 418, 428), ("2022", 429, 444))]
    assert header_periods(lines, SPANS, durations=True) == (Period(end=Q3, months=3), Period(end=Q3_PRIOR, months=3))


@pytest.mark.parametrize(("phrase", "months"), [
    ("13 Weeks Ended", 3), ("Twenty-Six Weeks Ended", 6), ("39 Weeks Ended", 9), ("53 Weeks Ended", 12),
    ("Quarter Ended", 3), ("Six Months Ended", 6), ("Fiscal Year Ended", 12), ("16 Weeks Ended", None),
])
def test_lengths(phrase, months) -> None:
    # One date printed for both columns, centred over the gap between them.
    words = [(w, 300 + 40 * i, 336 + 40 * i) for i, w in enumerate(phrase.split())]
    lines = [_line(90, *words), _line(100, ("July", 372, 387), ("1,", 388, 398)),
             _line(110, ("2023", 352, 370), ("2022", 425, 444))]
    periods = header_periods(lines, SPANS, durations=True)
    assert periods == (None if months is None else
                       (Period(end=Q3, months=months), Period(end=date(2022, 7, 1), months=months)))


def test_a_date_over_one_column_is_not_lent_to_the_other() -> None:
    # "At June 30, 2025" over the first column; the second's date was not read: its
    # column gets no period rather than June 30 of its year.
    lines = [_line(90, ("At", 320, 328), ("June", 330, 345), ("30,", 346, 356)),
             _line(100, ("2025", 352, 370), ("2024", 425, 444))]
    assert header_periods(lines, SPANS, durations=False) == (Period(instant=date(2025, 6, 30)), None)


def test_a_day_wrapped_under_its_month_is_read() -> None:
    # "At June 30, At December" over "2025 31, 2024": the second date's day is on the next line.
    lines = [_line(90, ("At", 320, 328), ("June", 330, 345), ("30,", 346, 356), ("At", 400, 408),
                   ("December", 410, 444)),
             _line(100, ("2025", 352, 370), ("31,", 410, 420), ("2024", 425, 444))]
    assert header_periods(lines, SPANS, durations=False) == (Period(instant=date(2025, 6, 30)),
                                                             Period(instant=date(2024, 12, 31)))


def test_a_length_phrase_runs_on_over_the_next_column() -> None:
    # "Three Months Ended June 30," over the first two columns, "Six Months Ended June 30,"
    # over the last two: the second and fourth columns are under the dates, not the phrases.
    spans = ((312.0, 345.0), (388.0, 421.0), (464.0, 497.0), (540.0, 573.0))
    lines = [_line(90, ("Three", 287, 310), ("Months", 312, 345), ("Ended", 347, 380), ("June", 383, 400),
                   ("30,", 402, 420), ("Six", 445, 460), ("Months", 462, 495), ("Ended", 497, 526),
                   ("June", 529, 546), ("30,", 548, 566)),
             _line(100, ("2025", 304, 327), ("2024", 380, 402), ("2025", 456, 478), ("2024", 532, 554))]
    june = (date(2025, 6, 30), date(2024, 6, 30))
    assert header_periods(lines, spans, durations=True) == (
        Period(end=june[0], months=3), Period(end=june[1], months=3), Period(end=june[0], months=6),
        Period(end=june[1], months=6))


def test_a_column_without_a_year_over_it_has_no_period() -> None:
    lines = [_line(90, ("December", 330, 365), ("31,", 367, 380)), _line(100, ("2022", 352, 370))]
    assert header_periods(lines, SPANS, durations=False) == (Period(instant=date(2022, 12, 31)), None)
