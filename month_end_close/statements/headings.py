"""Column headings: the line (or two lines) over a transaction table that names its
columns, and the columns it names.

A heading names a date column and at least one money column (paid out, paid in, debit,
credit, Soll, Haben, amount, balance), in the words of `words.HEADER_ROLES`; it may be set
over two lines ("Paid" over "out"), and the same columns may repeat across the line for
tables printed side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from month_end_close.statements.dates import date_at
from month_end_close.statements.figures import Figure, figures_in
from month_end_close.statements.spacing import monospaced, within
from month_end_close.statements.words import header_role
from shared.documents.layout import TextLine, Word

MONEY = ("out", "in", "amount", "balance")
_ALIGN = 10.0  # points a figure may sit off its heading's edge
_NEAREST = 45.0  # how far a figure's centre may sit from its off-centre heading's
DATES = ("date", "trans_date", "value_date")


@dataclass(frozen=True)
class Column:
    role: str
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Header:
    """A table's columns; `bounds` the stretch of the page it holds, when the page sets
    two tables side by side (a list of cheques printed two-up)."""

    page: int
    columns: tuple[Column, ...]
    bounds: tuple[float, float] = (float("-inf"), float("inf"))

    def of(self, *roles: str) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role in roles)

    def cut(self, line: TextLine) -> TextLine | None:
        """The part of a line within this table's stretch of the page."""
        left, right = self.bounds
        words = tuple(w for w in line.words if left <= (w.x0 + w.x1) / 2 < right)
        return line if len(words) == len(line.words) else TextLine(words) if words else None

    @property
    def date(self) -> Column:
        """The date a line is booked on: the posting date where a card also prints the
        day it was used."""
        return (self.of("date") or self.of("trans_date"))[0]


def column_of(figure: Figure, header: Header) -> str | None:
    """The money column a figure stands in: the one its box overlaps most, else the one
    whose heading it is aligned with, else the nearest heading when that is a money
    column's and close (a heading set off-centre over its figures)."""
    columns = header.of(*MONEY)
    overlaps = [(min(figure.x1, c.x1) - max(figure.x0, c.x0), c) for c in columns]
    best = max(overlaps, key=lambda pair: pair[0], default=None)
    if best is not None and best[0] > 0:
        return best[1].role
    near = [c for c in columns if abs(figure.x1 - c.x1) <= _ALIGN or abs(figure.x0 - c.x0) <= _ALIGN]
    if near:
        return near[0].role if len(near) == 1 else None
    centre = (figure.x0 + figure.x1) / 2
    nearest = min(header.columns, key=lambda c: abs((c.x0 + c.x1) / 2 - centre), default=None)
    if nearest is not None and nearest.role in MONEY and abs((nearest.x0 + nearest.x1) / 2 - centre) <= _NEAREST:
        return nearest.role
    return None


def parse_header(words: Sequence[Word]) -> tuple[tuple[Column, ...], ...] | None:
    """The columns a heading line names (two or three sets of them for tables printed
    side by side), or None when the line is no table heading.

    The line is cut into phrases where the gap between words is wider than a space or
    two, or than one in a monospaced font (`spacing`): "Payment type and details" is one
    phrase, "Paid out" another. A phrase names a column as a whole, or as a run of
    headings that uses every one of its words ("Paid out Paid in" set close together); a
    phrase that does neither is text ("Wir haben für Sie gebucht" names nothing, though
    "haben" alone would)."""
    columns: list[Column] = []
    unmatched = 0
    for phrase in _phrases(words):
        named = _named(phrase)
        columns += named
        unmatched += 0 if named or all(is_mark(w.text) for w in phrase) else 1
    roles = [c.role for c in columns]
    money = [r for r in roles if r in ("out", "in", "amount")]
    if not {"date", "trans_date"} & set(roles) or not money or unmatched > max(1, len(columns) // 2):
        return None
    if len(money) == len(set(money)) and roles.count("balance") <= 1:
        return (tuple(columns),)
    return _side_by_side(columns)


def _side_by_side(columns: Sequence[Column]) -> tuple[tuple[Column, ...], ...] | None:
    """The same columns two or three times across the line: as many tables. A grid of
    balances repeated so is no table of transactions."""
    roles = [c.role for c in columns]
    for ways in (2, 3):
        size = len(columns) // ways
        groups = [tuple(columns[i * size : (i + 1) * size]) for i in range(ways)]
        if len(columns) % ways == 0 and all([c.role for c in g] == roles[:size] for g in groups) \
                and "balance" not in roles and _names_a_table(roles[:size]):
            return tuple(groups)
    return None


def _names_a_table(roles: Sequence[str]) -> bool:
    money = [r for r in roles if r in ("out", "in", "amount")]
    return bool({"date", "trans_date"} & set(roles)) and bool(money) and len(money) == len(set(money))


def _phrases(words: Sequence[Word]) -> list[list[Word]]:
    phrases: list[list[Word]] = []
    character = monospaced(words)
    for word in words:
        last = phrases[-1][-1] if phrases else None
        if last is not None and within(word.x0 - last.x1, word.bottom - word.top, 0.6, character):
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return phrases


def _named(phrase: Sequence[Word]) -> list[Column]:
    """The phrase's columns: itself as one heading, or headings that use all its words."""
    columns, i = [], 0
    while i < len(phrase):
        column, used = _longest_heading(phrase, i)
        if column is None:
            if is_mark(phrase[i].text):
                i += 1
                continue
            return []
        columns.append(column)
        i += used
    return columns


def _longest_heading(words: Sequence[Word], start: int) -> tuple[Column | None, int]:
    for count in range(min(5, len(words) - start), 0, -1):
        run = words[start : start + count]
        role = header_role("".join(w.text for w in run))
        if role is not None:
            return Column(role, run[0].x0, run[-1].x1, " ".join(w.text for w in run)), count
    return None, 1


def is_mark(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def header_at(lines: Sequence[TextLine], i: int) -> tuple[tuple[tuple[Column, ...], ...], int] | None:
    """The heading at line `i`, alone or set over it and the next line, and how many
    lines it takes."""
    if has_data(lines[i]):
        return None
    single = parse_header(lines[i].words)
    if single is not None:
        return single, 1
    if i + 1 < len(lines) and _close_below(lines[i], lines[i + 1]) and not has_data(lines[i + 1]):
        double = parse_header(_stacked(lines[i].words, lines[i + 1].words))
        if double is not None:
            return double, 2
    return None


def has_data(line: TextLine) -> bool:
    return bool(figures_in(line.words, False) or figures_in(line.words, True)) or any(
        date_at(line.words[i:]) for i in range(len(line.words)))


def _close_below(upper: TextLine, lower: TextLine) -> bool:
    height = max(w.bottom - w.top for w in upper.words)
    return lower.words[0].top - upper.words[0].top <= 1.8 * height


def _stacked(upper: Sequence[Word], lower: Sequence[Word]) -> list[Word]:
    """Two heading lines as one: a word set over another becomes one word ("Paid out")."""
    merged = sorted([*upper, *lower], key=lambda w: w.x0)
    out: list[Word] = []
    for word in merged:
        last = out[-1] if out else None
        if last is not None and overlap(last, word) >= 0.5 * min(last.x1 - last.x0, word.x1 - word.x0):
            top, bottom = (last, word) if last.top <= word.top else (word, last)
            out[-1] = Word(f"{top.text} {bottom.text}", min(last.x0, word.x0), top.top, max(last.x1, word.x1),
                           bottom.bottom)
        else:
            out.append(word)
    return out


def overlap(a: Word | Column, b: Word | Column) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)
