"""Reading a printed report back: which table headers made it onto the paper.

A table wider than the page loses its right-hand columns in print: Chromium draws the
page and leaves out whatever lies past its edge, so the column is not there at all, not
even clipped. So the check is positive: each table's header row must be found on a
printed page, every heading in it, left to right on one line (headings are aligned to
the top of their cells), each heading's words in order, a heading that wraps continuing
on the lines below within its own column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SAME_LINE = 1.5  # points between the tops of words on one printed line
WORD_GAP = 12.0  # at most this far to the next word of a heading on the same line
LINE_STEP = 40.0  # a wrapped heading continues within this many points below


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float


def printed_words(pdf_path: Path) -> tuple[list[list[Word]], list[str]]:
    """Each page's words, and any word printed across the page's edge (page: word)."""
    import pdfplumber

    pages, across = [], []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            # A tight tolerance, so that two headings a cell's padding apart stay two words.
            words = [Word(w["text"], w["x0"], w["x1"], w["top"]) for w in page.extract_words(x_tolerance=1.5)]
            across += [f"page {number}: {w.text}" for w in words if w.x0 < 0 or w.x1 > page.width]
            pages.append(words)
    return pages, across


def _heading_from(start: Word, rest: str, words: Sequence[Word], right: float) -> bool:
    """`rest` (the heading's letters after `start`'s, spaces left out, since a heading
    may also break at a hyphen: "2025-09-" / "30") read on: each next piece right after
    the last on its line, or on a following line within the heading's column (left of
    `right`)."""
    last, left = start, start.x0
    while rest:
        following = [w for w in words if rest.startswith(w.text) and (
            (abs(w.top - last.top) <= SAME_LINE and 0 <= w.x0 - last.x1 <= WORD_GAP)
            or (SAME_LINE < w.top - last.top <= LINE_STEP and w.x1 > left - WORD_GAP and w.x0 < right))]
        if not following:
            return False
        last = min(following, key=lambda w: (w.top, w.x0))
        rest = rest[len(last.text):]
    return True


def _row_on_line(first: Word, headings: Sequence[str], words: Sequence[Word]) -> bool:
    """The headings (spaces left out), left to right, starting on the line of `first`
    (the start of the first heading)."""
    line = sorted((w for w in words if abs(w.top - first.top) <= SAME_LINE and w.x0 >= first.x0), key=lambda w: w.x0)
    starts, after = [], first.x0 - 0.1
    for heading in headings:
        start = next((w for w in line if heading.startswith(w.text) and w.x0 > after), None)
        if start is None:
            return False
        starts.append(start)
        after = start.x1
    edges = [s.x0 for s in starts[1:]] + [float("inf")]
    return all(_heading_from(s, h[len(s.text):], words, right) for s, h, right in zip(starts, headings, edges))


def header_row_printed(pages: Iterable[Sequence[Word]], headings: Sequence[str]) -> bool:
    """Whether some printed page carries this header row whole."""
    compact = ["".join(h.split()) for h in headings if h.strip()]
    if not compact:
        return True
    return any(_row_on_line(w, compact, words) for words in pages for w in words if compact[0].startswith(w.text))


def missing_header_rows(pdf_path: Path, tables: Sequence[Sequence[str]]) -> list[list[str]]:
    """The header rows (one list of headings per table) that no printed page carries."""
    pages, _ = printed_words(pdf_path)
    return [list(headings) for headings in tables if not header_row_printed(pages, headings)]
