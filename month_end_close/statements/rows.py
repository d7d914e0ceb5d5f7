"""One line of a transaction table, its words sorted into the table's columns: the date
printed in the date column, the figures under the money columns, and the rest, which is
the description (a figure inside a description, "USD 10.00 @ 1.2690", stays text).

A figure belongs to the money column its box overlaps most; one that overlaps none is
still that column's when it ends or starts within a few points of the column heading
(figures are set flush right or flush left under their heading).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from month_end_close.statements.dates import DateToken, date_at
from month_end_close.statements.figures import MARKS, Figure, figures_in
from month_end_close.statements.headings import column_of
from month_end_close.statements.tables import DATES, Column, Header, TableLine
from month_end_close.statements.words import CLOSING, OPENING, find
from shared.documents.layout import Word

_DATE_LEAD = 25.0  # a date may start this far left of its heading
_MARK_GAP = 40.0  # a mark in a column of its own stands at most this far right of its figure


@dataclass(frozen=True)
class Row:
    page: int
    top: float
    text: str
    date: DateToken | None
    description: tuple[str, ...]
    figures: tuple[tuple[str, Figure], ...]  # (money column role, figure), left to right
    balance_label: str | None  # "opening", "closing" or "either" for a balance line
    section: str | None

    def amounts(self) -> list[tuple[str, Figure]]:
        return [(role, f) for role, f in self.figures if role != "balance"]

    def balance(self) -> Figure | None:
        return next((f for role, f in self.figures if role == "balance"), None)


def read_row(line: TableLine, header: Header, comma_decimals: bool) -> Row:
    words = list(line.line.words)
    date = _date_in(words, header.date)
    used = {id(w) for w in date.words} if date else set()
    for column in (c for c in header.of(*DATES) if c is not header.date):
        other = _date_in([w for w in words if id(w) not in used], column)
        used |= {id(w) for w in other.words} if other else set()
    figures = []
    for figure in figures_in([w for w in words if id(w) not in used], comma_decimals):
        role = column_of(figure, header)
        if role is not None:
            figures.append((role, figure))
            used |= {id(w) for w in figure.words}
    figures = _with_marks(words, used, figures)
    description = tuple(w.text for w in words if id(w) not in used)
    return Row(line.page, words[0].top, line.line.text, date, description, tuple(figures),
               _balance_label(words, used), line.section)


def _with_marks(words: Sequence[Word], used: set[int], figures: list[tuple[str, Figure]]) -> list[
        tuple[str, Figure]]:
    """A "CR", "DR", "S" or "H" printed in a column of its own, right of a figure with no
    mark: that figure's mark."""
    for word in words:
        mark = MARKS.get(word.text) if id(word) not in used else None
        left = [(i, f) for i, (_, f) in enumerate(figures) if f.x1 <= word.x0 and word.x0 - f.x1 <= _MARK_GAP]
        if mark is None or mark in ("-", "+") or not left:
            continue
        i, figure = max(left, key=lambda item: item[1].x1)
        if figure.mark is None:
            figures[i] = (figures[i][0], replace(figure, words=(*figure.words, word), mark=mark))
            used.add(id(word))
    return figures


def _date_in(words: Sequence[Word], column: Column) -> DateToken | None:
    for i, word in enumerate(words):
        if word.x0 > column.x1 + 5:
            return None
        if word.x0 >= column.x0 - _DATE_LEAD:
            return date_at(words[i:])
    return None


def _balance_label(words: Sequence[Word], used: set[int]) -> str | None:
    text_words = [w for w in words if id(w) not in used]
    opening, closing = find(text_words, OPENING), find(text_words, CLOSING)
    if opening and closing and opening.words == closing.words:
        return "either"
    if opening or closing:
        return "opening" if opening else "closing"
    return None
