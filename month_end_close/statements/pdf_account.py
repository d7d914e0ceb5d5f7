"""HSBC UK current and savings account statements.

Page 1 has the summary box (Opening Balance, Payments In, Payments Out, Closing Balance),
the period ("9 December 2023 to 8 January 2024") and the sort code and account number.
Each page with transactions has the table `Date | Payment type and details | Paid out |
Paid in | Balance`, whose columns are found from those header words on that page:

- a date is printed on the first line of its day only, and holds until the next one,
  across pages too;
- a description runs over one or more lines; the amount sits on its last line, so a
  transaction ends at the line with a figure under Paid out or Paid in;
- the running balance is printed on a day's last line only;
- BALANCE BROUGHT FORWARD and BALANCE CARRIED FORWARD open and close each page's table
  and are not transactions. What follows CARRIED FORWARD is the page's footer.

Anything that fits none of this (a figure in no column, text with no amount after it)
is an error naming the page: a transaction is never dropped quietly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from month_end_close.records import BankLine, CitedAmount, Statement
from month_end_close.statements.pdf_parts import (
    Column,
    cite_figure,
    figure_after,
    find_label,
    is_figure,
    parse_day,
    printed_value,
    squash,
    statement_period,
    with_mark,
)
from shared.documents.errors import DocumentError
from shared.documents.layout import TextLine, Word
from shared.documents.pdf import PdfDocument

_TABLE_PAGE = r"Paid\s*out\s+Paid\s*in\s+Balance"
_SUMMARY = {"opening": "Opening Balance", "in": "Payments In", "out": "Payments Out", "closing": "Closing Balance"}
_ACCOUNT = re.compile(r"\b(\d{2}-\d{2}-\d{2}) (\d{8})\b")
_DAY_LAYOUT = "%d %b %y"  # 08 Dec 23


@dataclass(frozen=True)
class _Columns:
    date_end: float  # a word ending left of this is in the Date column
    paid_out: Column
    paid_in: Column
    balance: Column

    def figure_column(self, word: Word) -> str | None:
        for name in ("paid_out", "paid_in", "balance"):
            if getattr(self, name).holds(word):
                return name
        return None


@dataclass(frozen=True)
class _Row:
    """One printed line of a transaction table, its words sorted into the columns."""

    page: int
    text: str
    date_text: str
    details: tuple[str, ...]
    paid_out: Word | None = None
    paid_in: Word | None = None
    balance: tuple[Word, ...] = ()


def read_account(document: PdfDocument, first_page: Sequence[TextLine]) -> Statement:
    rows = [row for page in document.search(_TABLE_PAGE) for row in _rows(document, page)]
    summary = {key: _summary_figure(document, first_page, label) for key, label in _SUMMARY.items()}
    page_text = " ".join(line.text for line in first_page)
    period = statement_period(page_text)
    account = _ACCOUNT.search(page_text)
    return Statement(
        path=str(document.path), sha256=document.sha256, format="pdf", lines=tuple(_assemble(document, rows)),
        account=" ".join(account.groups()) if account else None,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        opening=summary["opening"], closing=summary["closing"], total_in=summary["in"], total_out=summary["out"],
    )


def _summary_figure(document: PdfDocument, first_page: Sequence[TextLine], label: str) -> CitedAmount | None:
    words = figure_after(first_page, label)
    return cite_figure(document, 1, words, printed_value(words)) if words else None


def _rows(document: PdfDocument, page: int) -> Iterator[_Row]:
    lines = document.lines(page)
    start = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise DocumentError(document.path, f"page {page}: cannot find the Date, Paid out, Paid in and Balance "
                                           "column headers")
    columns = _columns(document, page, lines[start])
    for line in lines[start + 1 :]:
        text = squash(line.words)
        if "balancecarriedforward" in text:
            return
        if "balancebroughtforward" not in text:
            yield _row(document, page, line, columns)


def _is_header(line: TextLine) -> bool:
    text = squash(line.words)
    return text.startswith("date") and all(label in text for label in ("paidout", "paidin", "balance"))


def _columns(document: PdfDocument, page: int, header: TextLine) -> _Columns:
    found: dict[str, tuple[Word, ...]] = {}
    for label in ("Date", "Payment type and details", "Paid out", "Paid in", "Balance"):
        words = find_label(header.words, label)
        if words is None:
            raise DocumentError(document.path, f"page {page}: the table header has no '{label}'")
        found[label] = words
    date_end = (found["Date"][-1].x1 + found["Payment type and details"][0].x0) / 2
    return _Columns(date_end, *(Column.under(found[label]) for label in ("Paid out", "Paid in", "Balance")))


def _row(document: PdfDocument, page: int, line: TextLine, columns: _Columns) -> _Row:
    dates, details, figures = [], [], {}
    words = list(line.words)
    for i, word in enumerate(words):
        if word.x1 < columns.date_end:
            dates.append(word.text)
        elif is_figure(word) and (column := columns.figure_column(word)):
            if column in figures:
                raise DocumentError(document.path, f"page {page}: two figures under one column in '{line.text}'")
            figures[column] = with_mark(word, words[i + 1 : i + 2]) if column == "balance" else (word,)
        elif is_figure(word) and word.x0 >= columns.paid_out.x0 - (columns.paid_out.x1 - columns.paid_out.x0):
            raise DocumentError(document.path, f"page {page}: the figure {word.text} in '{line.text}' is under "
                                               "no column")
        elif not (figures.get("balance") and word in figures["balance"]):
            details.append(word.text)
    return _Row(page, line.text, " ".join(dates), tuple(details), figures.get("paid_out", (None,))[0],
                figures.get("paid_in", (None,))[0], figures.get("balance", ()))


def _assemble(document: PdfDocument, rows: Sequence[_Row]) -> list[BankLine]:
    """Rows into transactions: a transaction ends at its amount; the date carries on."""
    lines: list[BankLine] = []
    pending: list[str] = []
    day: date | None = None
    per_page: Counter[int] = Counter()
    for row in rows:
        day = _row_date(document, row) or day
        pending.extend(row.details)
        figure = row.paid_out or row.paid_in
        if figure is None:
            if row.balance:
                raise DocumentError(document.path, f"page {row.page}: a balance with no amount paid out or in: "
                                                   f"'{row.text}'")
            continue
        if day is None:
            raise DocumentError(document.path, f"page {row.page}: no date before '{row.text}'")
        per_page[row.page] += 1
        lines.append(_bank_line(document, row, per_page[row.page], day, " ".join(pending)))
        pending = []
    if pending:
        raise DocumentError(document.path, f"page {rows[-1].page}: '{' '.join(pending)}' has no amount after it")
    return lines


def _row_date(document: PdfDocument, row: _Row) -> date | None:
    if not row.date_text:
        return None
    day = parse_day(row.date_text, _DAY_LAYOUT)
    if day is None and (row.details or row.paid_out or row.paid_in or row.balance):
        raise DocumentError(document.path, f"page {row.page}: '{row.date_text}' in the Date column is not a date")
    return day  # a lone mark in the Date column (HSBC prints an "A") is no date and no transaction


def _bank_line(document: PdfDocument, row: _Row, number: int, day: date, description: str) -> BankLine:
    figure = row.paid_out or row.paid_in
    assert figure is not None  # the caller only builds a line for a row with an amount
    value = printed_value((figure,))
    balance = cite_figure(document, row.page, row.balance, printed_value(row.balance)) if row.balance else None
    return BankLine(
        id=f"{document.path.name}:{row.page}:{number}", date=day, description=" ".join(description.split()),
        amount=-value if row.paid_out else value, citation=document.cite(row.page, figure.bbox, figure.text),
        balance=balance,
    )
