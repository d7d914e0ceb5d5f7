"""A statement's pages as clean lines of words.

Three things on a page are not the statement's text and are taken out first:
- watermarks and marginal print: a word whose letters are far wider or far narrower than
  the page's type (a "MUSTER" spread across the page, a reference printed up the margin);
- page furniture: a line printed at the same height on several pages with the same text
  (a bank's name in the head, "continued overleaf" in the foot);
- nothing else: every other word stays, so that a transaction is never dropped quietly.

A figure a bank prints with a space between its thousands ("1 234,56") arrives as two
words; they are joined here (a space as wide as the line's font sets it: `spacing`).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from month_end_close.statements.spacing import monospaced, within
from shared.documents.layout import TextLine, Word, group_lines
from shared.documents.pdf import PdfDocument

# A word this many times wider or narrower per letter than the page's type is no text.
_WIDE, _NARROW = 4.0, 0.3
_THOUSANDS_HEAD = re.compile(r"[-+]?\d{1,3}")
_THOUSANDS_TAIL = re.compile(r"\d{3}(?: \d{3})*[.,]\d{2}(?:-|CR|DR)?")


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[TextLine, ...]
    furniture: frozenset[tuple[str, int]] = frozenset()

    def is_furniture(self, line: TextLine) -> bool:
        return _key(line) in self.furniture


def read_pages(document: PdfDocument) -> tuple[Page, ...]:
    """Every page's lines; `furniture` names the lines repeated on other pages (a
    repeated column header among them, which the table finder still needs)."""
    raw = [_clean_words(document.words(n)) for n in range(1, document.page_count + 1)]
    pages = [Page(n, tuple(_joined(line) for line in group_lines(words))) for n, words in enumerate(raw, 1)]
    furniture = frozenset(_furniture(pages))
    return tuple(Page(p.number, p.lines, furniture) for p in pages)


def _clean_words(words: Sequence[Word]) -> list[Word]:
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3]
    if not widths:
        return list(words)
    usual = statistics.median(widths)
    return [w for w in words if _NARROW * usual <= (w.x1 - w.x0) / len(w.text) <= _WIDE * usual]


def _joined(line: TextLine) -> TextLine:
    """Figures split at their thousands spaces ("2" "345" "678,90") made one word again,
    joined from the right so that every group finds its neighbour."""
    character = monospaced(line.words)
    words: list[Word] = []
    for word in reversed(line.words):
        right = words[-1] if words else None
        if right is not None and _splits_figure(word, right, character):
            words[-1] = Word(f"{word.text} {right.text}", word.x0, min(word.top, right.top), right.x1,
                             max(word.bottom, right.bottom))
        else:
            words.append(word)
    return TextLine(tuple(reversed(words)))


def _splits_figure(left: Word, right: Word, character: float | None) -> bool:
    gap = right.x0 - left.x1
    em = (right.bottom - right.top) or 1.0
    return (_THOUSANDS_HEAD.fullmatch(left.text) is not None and _THOUSANDS_TAIL.fullmatch(right.text) is not None
            and gap >= 0 and within(gap, em, 0.45, character))


def _key(line: TextLine) -> tuple[str, int]:
    return line.text, round(line.words[0].top / 3)


def _furniture(pages: Sequence[Page]) -> set[tuple[str, int]]:
    """Lines repeated at one height on most pages (at least two), except lines with a
    figure in them (a repeated transaction, a balance) and short ones (a lone date or a
    "CR"). A standing order printed at one height on two pages of five is no furniture."""
    if len(pages) < 2:
        return set()
    counts = Counter(key for page in pages for key in {_key(line) for line in page.lines})
    least = max(2, math.ceil(0.6 * len(pages)))
    return {key for key, n in counts.items() if n >= least and _is_text(key[0])}


def _is_text(text: str) -> bool:
    return len(text) >= 12 and not re.search(r"\d[.,]\d{2}\b", text)
