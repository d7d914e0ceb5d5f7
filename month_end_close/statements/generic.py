"""Any bank's statement PDF, read by layout rather than by bank: the pages' words and
their positions give the tables, the rows, the printed balances and the notation, and
the balance proof chooses between the readings the page leaves open.

Line ids keep the `file:page:n` form: the n-th transaction whose amount is printed on
that page of the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from month_end_close.records import Statement
from month_end_close.statements import summary
from month_end_close.statements.assemble import Draft, assemble
from month_end_close.statements.chronology import chronology
from month_end_close.statements.dates import resolve
from month_end_close.statements.figures import decimal_comma
from month_end_close.statements.pages import read_pages
from month_end_close.statements.readings import Printed, Source, choose
from month_end_close.statements.rows import read_row
from month_end_close.statements.segments import Segment, split
from month_end_close.statements.summary import Labelled, Placed, labelled
from month_end_close.statements.tables import find_tables
from month_end_close.statements.words import (
    CLOSING,
    OPENING,
    STRONG_CLOSING,
    STRONG_OPENING,
    TOTAL_IN,
    TOTAL_OUT,
)
from shared.documents.errors import DocumentError
from shared.documents.pdf import PdfDocument


class RulesCannotRead(DocumentError):
    """A PDF the pack's rules cannot read as a statement (no table of transactions, no
    year, a line with no date): a model, or an export from the bank, may still serve."""


NOT_A_STATEMENT = ("is not a bank statement this pack can read by its rules: no table of transactions was found "
                   "(a heading naming a date column and an amount column, with dated amounts under it)")


def read_generic(document: PdfDocument) -> tuple[Statement, ...]:
    pages = read_pages(document)
    comma = decimal_comma(w for page in pages for line in page.lines for w in line.words)
    tables = find_tables(pages)
    rows = [[read_row(line, table.header, comma) for line in table.lines] for table in tables]
    placed = [Placed(page.number, line) for page in pages for line in page.lines]
    segments = [s for s in split(placed, tables, rows, comma) if any(r.amounts() for t in s.tables for r in t)]
    if not segments:
        raise RulesCannotRead(document.path, NOT_A_STATEMENT)
    drafts = [assemble(segment.tables) for segment in segments]
    ids = _ids(document.path.name, drafts)
    return tuple(_statement(document, placed, segment, d, i, comma) for segment, d, i in zip(segments, drafts, ids))


def _ids(name: str, drafts: Sequence[Sequence[Draft]]) -> list[tuple[str, ...]]:
    """`file:page:n`, counted per page over the whole file."""
    per_page: Counter[int] = Counter()
    ids = []
    for segment in drafts:
        mine = []
        for draft in segment:
            per_page[draft.page] += 1
            mine.append(f"{name}:{draft.page}:{per_page[draft.page]}")
        ids.append(tuple(mine))
    return ids


def _statement(document: PdfDocument, placed: Sequence[Placed], segment: Segment, drafts: Sequence[Draft],
               ids: Sequence[str], comma: bool) -> Statement:
    lines = placed[segment.start : segment.end]
    printed = _printed(lines, drafts, comma)
    _check_dated(document, drafts)
    made = chronology(drafts, summary.period(lines), summary.statement_date(lines) or summary.latest_year(lines),
                      month_first_country=printed.currency == "USD")
    if made is None:
        raise RulesCannotRead(document.path, "prints no year for its transactions' dates (no statement period, "
                                           "statement date or full date)")
    for draft in drafts:
        if draft.date is not None and resolve(draft.date, made.day_first, made.years) is None:
            raise RulesCannotRead(document.path, f"page {draft.page}: the date printed before {draft.figure.text} "
                                               "is not a date")
    source = Source(str(document.path), document.sha256, tuple(drafts), tuple(ids), printed, made,
                    lambda page, figure: document.cite(page, figure.bbox, figure.text))
    return choose(source)


def _check_dated(document: PdfDocument, drafts: Sequence[Draft]) -> None:
    undated = next((d for d in drafts if d.date is None), None)
    if undated is not None:
        raise RulesCannotRead(document.path, f"page {undated.page}: the amount {undated.figure.text} has no date "
                                           "printed at or above it")


def _printed(lines: Sequence[Placed], drafts: Sequence[Draft], comma: bool) -> Printed:
    return Printed(
        opening=_first(labelled(lines, STRONG_OPENING, comma) or labelled(lines, OPENING, comma)),
        closing=_closing(lines, drafts, comma),
        total_in=_first(labelled(lines, TOTAL_IN, comma)), total_out=_first(labelled(lines, TOTAL_OUT, comma)),
        account=summary.account(lines), bank=summary.bank(lines), currency=summary.currency(lines),
        card=summary.is_card(lines),
    )


def _first(found: Sequence[Labelled]) -> Labelled | None:
    return found[0] if found else None


def _closing(lines: Sequence[Placed], drafts: Sequence[Draft], comma: bool) -> Labelled | None:
    """The closing balance printed as such; else the last balance line; else the
    running balance printed after the last line."""
    strong = labelled(lines, STRONG_CLOSING, comma)
    if strong:
        return strong[0]
    weak = labelled(lines, CLOSING, comma)
    if weak:
        return weak[-1]
    last = drafts[-1] if drafts else None
    return Labelled("last balance", last.page, last.balance, -1) if last and last.balance else None
