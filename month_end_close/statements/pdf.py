"""Bank statements as PDFs, read by rules from pdfplumber's words and their positions.

Two readers: the layout-agnostic one (`generic`), and the two layouts the pack has read
exactly for longest (`pdf_account`, `pdf_card`: a summary box of Opening/Closing or
Previous/New Balance over a `Paid out | Paid in | Balance` or a dated `Amount` table).
A layout reader's statement is taken when it proves, or when it has the very lines the
generic reader finds (a statement with a real error in it: the layout reader's findings
are the ones the close has always given); otherwise the generic reader's, proven or
not. A PDF that neither reader can read is an input error, not an empty statement.
"""

from __future__ import annotations

from pathlib import Path

from month_end_close.records import Statement
from month_end_close.statements.generic import read_generic
from month_end_close.statements.pdf_account import read_account
from month_end_close.statements.pdf_card import is_card_statement, read_card
from month_end_close.statements.pdf_parts import figure_after
from month_end_close.statements.readings import proves
from shared.documents.errors import DocumentError
from shared.documents.pdf import PdfDocument, open_pdf


def read_pdf(path: Path) -> tuple[Statement, ...]:
    with open_pdf(path) as document:
        known = _known_layout(document)
        if known and all(proves(s) for s in known):
            return known
        try:
            generic = read_generic(document)
        except DocumentError:
            if known is None:
                raise
            return known
        if known is None or all(proves(s) for s in generic) or not _same_lines(known, generic):
            return generic
        return known


def _same_lines(one: tuple[Statement, ...], other: tuple[Statement, ...]) -> bool:
    def lines(statements: tuple[Statement, ...]) -> list[tuple[object, ...]]:
        return [(line.id, line.date, line.amount) for s in statements for line in s.lines]

    return lines(one) == lines(other)


def _known_layout(document: PdfDocument) -> tuple[Statement, ...] | None:
    """The layout reader's statement, or None when the layout is not its own (no
    summary box, no table of its kind, nothing read)."""
    first_page = document.lines(1)
    try:
        if is_card_statement(first_page):
            read = read_card(document, first_page)
        elif figure_after(first_page, "Opening Balance") or figure_after(first_page, "Closing Balance"):
            read = read_account(document, first_page)
        else:
            return None
    except DocumentError:
        return None
    return (read,) if read.lines else None
