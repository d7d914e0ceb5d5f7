"""HSBC UK credit card statements.

Page 1 has the account summary (Previous Balance, Debits, Credits, New Balance), the
statement date and the card number. The transactions follow on later pages, one line
each: the date received by us, the transaction date, the details and the amount, with
"CR" after a payment or refund. The Amount header is printed on the first transaction
page only; later pages use the last one seen (a page may sit a few points off).

From the holder's side, as everywhere in the close: a purchase is money out (negative),
a payment in (positive), and the balance owed is negative. A line's date is the date the
bank received it, the date it reached the account.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from month_end_close.records import BankLine, CitedAmount, Statement
from month_end_close.statements.pdf_parts import Column, cite_figure, figure_after, is_figure, parse_day
from shared.documents.errors import DocumentError
from shared.documents.layout import TextLine, Word
from shared.documents.pdf import PdfDocument
from shared.money import to_decimal

_DAY = r"\d{2} [A-Z][a-z]{2} ?\d{2}"
_TRANSACTION = re.compile(rf"^(?P<received>{_DAY}) (?P<made>{_DAY}) ")
_TRANSACTION_PAGE = rf"{_DAY}\s+{_DAY}"
_STATEMENT_DATE = re.compile(r"Statement Date (\d{1,2} [A-Z][a-z]+ \d{4})")
_CARD_NUMBER = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")
_SUMMARY = {"opening": "Previous Balance", "out": "Debits", "in": "Credits", "closing": "New Balance"}


@dataclass(frozen=True)
class _Entry:
    """One transaction line, and any lines under it that carry on its details."""

    page: int
    day: date
    details: str
    figure: Word
    top: float  # of its last line, so that a line right under it carries on its details


def is_card_statement(first_page: Sequence[TextLine]) -> bool:
    return all(figure_after(first_page, label) for label in ("Previous Balance", "New Balance"))


def read_card(document: PdfDocument, first_page: Sequence[TextLine]) -> Statement:
    page_text = " ".join(line.text for line in first_page)
    issued = _STATEMENT_DATE.search(page_text)
    card = _CARD_NUMBER.search(page_text)
    summary = {key: _summary_figure(document, first_page, key, label) for key, label in _SUMMARY.items()}
    return Statement(
        path=str(document.path), sha256=document.sha256, format="pdf", lines=_lines(document),
        account=card.group(1) if card else None, currency="GBP" if "£" in page_text else None,
        period_end=parse_day(issued.group(1), "%d %B %Y") if issued else None,
        opening=summary["opening"], closing=summary["closing"], total_in=summary["in"], total_out=summary["out"],
    )


def _summary_figure(document: PdfDocument, first_page: Sequence[TextLine], key: str, label: str) -> CitedAmount | None:
    """Totals stay positive; a balance owed is negative unless printed in credit ("CR")."""
    words = figure_after(first_page, label)
    if words is None:
        return None
    value = to_decimal(words[0].text)
    if key in ("opening", "closing") and not words[0].text.endswith("CR"):
        value = -value
    return cite_figure(document, 1, words[:1], value)


def _lines(document: PdfDocument) -> tuple[BankLine, ...]:
    column: Column | None = None
    lines: list[BankLine] = []
    for page in document.search(_TRANSACTION_PAGE, flags=0):
        page_lines = document.lines(page)
        column = _amount_column(page_lines) or column
        entries = _entries(document, page, page_lines, column)
        lines.extend(_bank_line(document, entry, n) for n, entry in enumerate(entries, 1))
    return tuple(lines)


def _amount_column(lines: Sequence[TextLine]) -> Column | None:
    header = next((word for line in lines for word in line.words if word.text == "Amount"), None)
    return Column.under((header,)) if header else None


def _entries(document: PdfDocument, page: int, lines: Sequence[TextLine], column: Column | None) -> list[_Entry]:
    entries: list[_Entry] = []
    for line in lines:
        match = _TRANSACTION.match(line.text)
        if match is None:
            _continuation(document, page, line, column, entries)
            continue
        if column is None:
            raise DocumentError(document.path, f"page {page}: transactions before any Amount column header")
        figure = line.words[-1]
        if not (is_figure(figure) and column.holds(figure)):
            raise DocumentError(document.path, f"page {page}: no amount under Amount in '{line.text}'")
        day = parse_day(match.group("received").replace(" ", ""), "%d%b%y")
        if day is None:
            raise DocumentError(document.path, f"page {page}: '{match.group('received')}' is not a date")
        details = line.text[match.end() : len(line.text) - len(figure.text)]
        entries.append(_Entry(page, day, details, figure, line.words[0].top))
    return entries


def _continuation(
    document: PdfDocument, page: int, line: TextLine, column: Column | None, entries: list[_Entry]
) -> None:
    """A line without dates: more details of the transaction above it, between the page's
    first and last transaction, else the page's header or footer. Never an amount."""
    if entries and column is not None and any(is_figure(w) and column.holds(w) for w in line.words):
        raise DocumentError(document.path, f"page {page}: an amount with no transaction dates: '{line.text}'")
    last = entries[-1] if entries else None
    if last is not None and line.words[0].top - last.top <= 1.5 * (last.figure.bottom - last.figure.top):
        entries[-1] = _Entry(last.page, last.day, f"{last.details} {line.text}", last.figure, line.words[0].top)


def _bank_line(document: PdfDocument, entry: _Entry, number: int) -> BankLine:
    value = to_decimal(entry.figure.text)
    return BankLine(
        id=f"{document.path.name}:{entry.page}:{number}", date=entry.day, description=" ".join(entry.details.split()),
        amount=value if entry.figure.text.endswith("CR") else -value,
        citation=document.cite(entry.page, entry.figure.bbox, entry.figure.text),
    )
