"""Bank statements as PDFs: HSBC UK's account and credit card layouts, read by our own
rules (`pdf_account`, `pdf_card`) from pdfplumber's words and their positions.

The layout is told from page 1's summary box: a card statement has a Previous and a New
Balance, an account statement an Opening and a Closing Balance. A PDF with neither is not
a statement this pack can read, which is an input error, not an empty statement.
"""

from __future__ import annotations

from pathlib import Path

from month_end_close.records import Statement
from month_end_close.statements.pdf_account import read_account
from month_end_close.statements.pdf_card import is_card_statement, read_card
from month_end_close.statements.pdf_parts import figure_after
from shared.documents.errors import DocumentError
from shared.documents.pdf import open_pdf


def read_pdf(path: Path) -> tuple[Statement, ...]:
    with open_pdf(path) as document:
        first_page = document.lines(1)
        if is_card_statement(first_page):
            return (read_card(document, first_page),)
        if figure_after(first_page, "Opening Balance") or figure_after(first_page, "Closing Balance"):
            return (read_account(document, first_page),)
    raise DocumentError(path, "is not a bank statement this pack reads (page 1 has no account summary with an "
                              "Opening and Closing Balance, or a Previous and New Balance)")
