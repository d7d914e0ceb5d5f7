"""Where the model's lines are printed: each one looked for on the page it names.

On a page with text, a line is found when its amount is printed there (as a figure of
the same size, not already taken by another line) with words of its description on that
row or the rows around it (a description may wrap); its running balance, if it gave one,
must be printed on that row or just under it. A line not found is a line the model did
not read off the page. On a page with no text layer (a scan) nothing can be found: the
line is cited by its page only, marked unverified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from month_end_close.records import CitedAmount
from month_end_close.statements.figures import Figure, decimal_comma, figures_in
from month_end_close.statements.pages import read_pages
from shared.documents.citation import PdfCitation
from shared.documents.layout import TextLine
from shared.documents.pdf import PdfDocument

_AROUND = 3  # rows above and below a figure that may hold its wrapped description
_BALANCE_BELOW = 2  # rows under a line's amount where its balance may be printed


@dataclass(frozen=True)
class Found:
    citation: PdfCitation
    balance: CitedAmount | None
    verified: bool


@dataclass
class PrintedPages:
    """The pages' rows and figures, and which figures a line has already taken."""

    document: PdfDocument
    rows: dict[int, list[tuple[TextLine, list[Figure]]]]
    taken: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, document: PdfDocument) -> PrintedPages:
        pages = read_pages(document)
        comma = decimal_comma(w for page in pages for line in page.lines for w in line.words)
        rows = {p.number: [(line, figures_in(line.words, comma)) for line in p.lines] for p in pages}
        return cls(document, rows)

    def has_text(self, page: int) -> bool:
        return bool(self.rows.get(page))


def locate_line(pages: PrintedPages, page: int, value: Decimal, printed: str, description: str,
                balance: Decimal | None) -> Found | str:
    """The line's citation, or why it is not on its page."""
    if page not in pages.rows:
        return f"page {page} is not in the file"
    if not pages.has_text(page):
        return _unverified(pages, page, printed, balance)
    candidates = [(i, f) for i, (_, figures) in enumerate(pages.rows[page]) for f in figures
                  if f.magnitude == abs(value) and id(f.words[0]) not in pages.taken]
    scored = [(_shared_words(pages.rows[page], i, description), i, f) for i, f in candidates]
    best = max(scored, key=lambda item: (item[0], -item[1]), default=None)
    if best is None or (best[0] == 0 and _words(description)):
        return f"{printed} with '{description}' is not printed on page {page}"
    _, row, figure = best
    pages.taken.add(id(figure.words[0]))
    cited = CitedAmount(balance, None) if balance is not None else None
    if balance is not None:
        shown = _balance_near(pages, page, row, balance, figure)
        if shown is None:
            return f"the balance {balance} after {printed} ('{description}') is not printed on page {page}"
        cited = CitedAmount(balance, _cite(pages, page, shown))
    return Found(_cite(pages, page, figure), cited, True)


def locate_figure(pages: PrintedPages, page: int, value: Decimal, printed: str) -> PdfCitation | str:
    """An opening or closing balance: a figure of its size on its page."""
    if page not in pages.rows:
        return f"page {page} is not in the file"
    if not pages.has_text(page):
        return _page_citation(pages, page, printed)
    found = next((f for _, figures in pages.rows[page] for f in figures if f.magnitude == abs(value)), None)
    return _cite(pages, page, found) if found else f"{printed} is not printed on page {page}"


def _unverified(pages: PrintedPages, page: int, printed: str, balance: Decimal | None) -> Found:
    citation = _page_citation(pages, page, printed)
    return Found(citation, CitedAmount(balance, citation) if balance is not None else None, False)


def _page_citation(pages: PrintedPages, page: int, printed: str) -> PdfCitation:
    plumber = pages.document.plumber_page(page)
    return pages.document.cite(page, (0.0, 0.0, float(plumber.width), float(plumber.height)), printed)


def _cite(pages: PrintedPages, page: int, figure: Figure) -> PdfCitation:
    return pages.document.cite(page, figure.bbox, figure.text)


def _balance_near(pages: PrintedPages, page: int, row: int, value: Decimal, amount: Figure) -> Figure | None:
    for _, figures in pages.rows[page][row : row + _BALANCE_BELOW + 1]:
        for figure in figures:
            if figure is not amount and figure.magnitude == abs(value):
                return figure
    return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{3,}", text) if not w.isdigit()}


def _shared_words(rows: Sequence[tuple[TextLine, list[Figure]]], row: int, description: str) -> int:
    near = " ".join(line.text for line, _ in rows[max(0, row - _AROUND) : row + _AROUND + 1])
    return len(_words(description) & _words(near))
