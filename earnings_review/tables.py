"""A statement page's table from word positions: value columns, period headers, rows.

Statements print figures right-aligned in columns; a column is found where many value
tokens share a right edge. The header above the first row gives each column its period:
a length phrase ("Three Months Ended", "Year Ended", "13 Weeks Ended", absent on a
balance sheet), a month and day, and a year, each matched to columns by position. A row
is a label and the values on its line; its section is the last label-only line above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from earnings_review.facts import Period
from shared.documents import PdfDocument, TextLine, Word

VALUE = re.compile(r"^\(?[-−]?\$?\(?\d(?:[\d,]*\d)?(?:\.\d+)?\)?%?$")
DASHES = {"—", "–", "-", "−", "——", "—-"}
YEAR_ONLY = re.compile(r"^(19|20)\d\d$")
COLUMN_TOLERANCE = 12.0
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_LENGTH = re.compile(
    r"\b(?:(?P<n>three|six|nine|twelve|3|6|9|12)[\s-]+months?|(?P<q>quarter)|(?P<y>(?:fiscal\s+)?years?)"
    r"|(?P<w>\d{1,2}|thirteen|twelve|sixteen|twenty-four|twenty-six|thirty-six|thirty-nine|fifty-two|fifty-three)"
    r"[\s-]+weeks?)\s+ended",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(r"\b(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}
_WEEKS = {"12": 3, "13": 3, "twelve": 3, "thirteen": 3, "16": 3, "sixteen": 3, "24": 6, "26": 6,
          "twenty-four": 6, "twenty-six": 6, "36": 9, "39": 9, "thirty-six": 9, "thirty-nine": 9,
          "52": 12, "53": 12, "fifty-two": 12, "fifty-three": 12}


@dataclass(frozen=True)
class Cell:
    text: str
    bbox: tuple[float, float, float, float]
    column: int


@dataclass(frozen=True)
class Row:
    label: str
    section: str
    indent: float
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    page: int
    columns: tuple[float, ...]  # right edges
    periods: tuple[Period | None, ...]
    rows: tuple[Row, ...]


def parse_table(pdf: PdfDocument, page: int, *, durations: bool) -> Table | None:
    """The statement table on `page`; None when no columns or periods can be read.
    `durations` says whether columns are periods (income, cash flow) or instants."""
    width = pdf.plumber_page(page).width
    lines = [_split(line, width) for line in pdf.lines(page)]
    candidates = [i for i, (label, values) in enumerate(lines) if label and values and not _all_years(values)]
    columns = _columns([w for i in candidates for w in lines[i][1]])
    # A data row has every value in a column; "Item 8" or a page number does not.
    data = [i for i in candidates if all(_column_of(w, columns) is not None for w in lines[i][1])] if columns else []
    if not data:
        return None
    periods = header_periods(_header_lines(pdf.lines(page), data[0]), columns, durations)
    if periods is None:
        return None
    start = data[0] - 1 if data[0] and _is_heading(pdf.lines(page)[data[0] - 1], lines[data[0] - 1]) else data[0]
    return Table(page, columns, periods, tuple(_rows(lines[start:], columns)))


HEADER_DEPTH = 60.0  # points above the first row; prose higher up on a notes page is not the header


HEADER_WORDS = 16  # a header is short phrases; a longer line is a sentence about the table


def _header_lines(lines: Sequence[TextLine], first_row: int) -> list[TextLine]:
    top = lines[first_row].bbox[1]
    return [line for line in lines[:first_row]
            if top - line.bbox[1] <= HEADER_DEPTH and len(line.words) <= HEADER_WORDS]


def _is_heading(line: TextLine, split: tuple[list[Word], list[Word]]) -> bool:
    """The line just above the first row is the first section's heading ("Current
    assets:"), unless it is the scale note or part of the period header."""
    from shared.money import detect_scale

    label, values = split
    return bool(label) and not values and not _marks(line) and detect_scale(line.text) is None


def _split(line: TextLine, width: float) -> tuple[list[Word], list[Word]]:
    """A line's label words and its value tokens (right of 40% of the page width)."""
    words = _merge_brackets([w for w in line.words if w.text != "$"])
    cut = next((i for i, w in enumerate(words) if w.x0 > 0.4 * width and _is_value(w.text)), len(words))
    # Percentages ("(6)%" in a change column) describe the amounts; they are not amounts.
    values = [w for w in words[cut:] if _is_value(w.text) and not w.text.endswith("%")]
    return words[:cut], values


def _merge_brackets(words: list[Word]) -> list[Word]:
    # Some PDFs set "(1,234" and ")" or "(" and "1,234)" as separate words.
    merged: list[Word] = []
    for word in words:
        if merged and word.text in (")", ")%", "%") and word.x0 - merged[-1].x1 < 4:
            merged[-1] = _join(merged[-1], word)
        elif merged and merged[-1].text in ("(", "$(") and word.x0 - merged[-1].x1 < 4:
            merged[-1] = _join(merged[-1], word)
        else:
            merged.append(word)
    return merged


def _join(a: Word, b: Word) -> Word:
    return Word(a.text + b.text, min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom))


def _is_value(text: str) -> bool:
    return bool(VALUE.match(text)) or text in DASHES


def _all_years(values: Sequence[Word]) -> bool:
    return all(YEAR_ONLY.match(w.text) for w in values)


def _columns(values: Sequence[Word]) -> tuple[float, ...]:
    """Right edges shared by several value tokens: the table's value columns."""
    edges = sorted(w.x1 for w in values)
    groups: list[list[float]] = []
    for edge in edges:
        if groups and edge - groups[-1][-1] <= COLUMN_TOLERANCE / 2:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    floor = max(3, len(values) // 20)
    return tuple(max(g) for g in groups if len(g) >= floor)


def _column_of(word: Word, columns: Sequence[float]) -> int | None:
    best = min(range(len(columns)), key=lambda i: abs(columns[i] - word.x1))
    return best if abs(columns[best] - word.x1) <= COLUMN_TOLERANCE else None


def _rows(lines: list[tuple[list[Word], list[Word]]], columns: Sequence[float]) -> list[Row]:
    """Rows from the first data line on (above it are titles, notes and headers, never
    sections). A section is the last label-only line; a "Total ..." line closes it."""
    rows, section = [], ""
    for label_words, values in lines:
        label = " ".join(w.text for w in label_words).strip()
        if label and not values:
            section = label
            continue
        cells = [(w, _column_of(w, columns)) for w in values]
        if not label or _all_years(values) or any(c is None for _, c in cells):
            continue  # unlabelled, a header, or a value between columns: not trusted
        row_cells = tuple(Cell(w.text, (w.x0, w.top, w.x1, w.bottom), c) for w, c in cells)
        rows.append(Row(label, section, label_words[0].x0, row_cells))
        if label.lower().startswith("total"):
            section = ""
    return rows


# -- periods ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    kind: str  # "length", "month_day", "year"
    value: object
    center: float


def header_periods(lines: Sequence[TextLine], columns: Sequence[float], durations: bool) -> tuple[Period | None, ...] | None:
    marks = [mark for line in lines for mark in _marks(line)]
    lengths = [m for m in marks if m.kind == "length"]
    days = [m for m in marks if m.kind == "month_day"]
    years = [m for m in marks if m.kind == "year"]
    centers = _centers(columns)
    year_of = _one_each(years, centers)
    if year_of is None:
        return None
    day_of = _one_each(days, centers) or _shared(days, centers)
    length_of = _shared(lengths, centers) if len(lengths) <= 1 else _nearest(lengths, centers)
    if day_of is None or (durations and length_of is None):
        return None
    return tuple(_period(year_of[i], day_of[i], length_of[i] if length_of else None, durations)
                 for i in range(len(columns)))


def _centers(columns: Sequence[float]) -> list[float]:
    # A right-aligned figure is about 40 points wide; its header sits over its middle.
    return [edge - 20 for edge in columns]


def _marks(line: TextLine) -> list[_Mark]:
    text, spans = _text_with_spans(line.words)
    found = []
    for pattern, kind in ((_LENGTH, "length"), (_MONTH_DAY, "month_day"), (_YEAR, "year")):
        for match in pattern.finditer(text):
            found.append(_Mark(kind, _mark_value(kind, match), _center(spans, match.start(), match.end())))
    return found


def _text_with_spans(words: Sequence[Word]) -> tuple[str, list[tuple[int, int, Word]]]:
    text, spans = "", []
    for word in words:
        start = len(text) + (1 if text else 0)
        text = f"{text} {word.text}" if text else word.text
        spans.append((start, len(text), word))
    return text, spans


def _center(spans: list[tuple[int, int, Word]], start: int, end: int) -> float:
    covered = [w for s, e, w in spans if s < end and e > start]
    return (min(w.x0 for w in covered) + max(w.x1 for w in covered)) / 2


def _mark_value(kind: str, match: re.Match[str]) -> object:
    if kind == "year":
        return int(match.group(0))
    if kind == "month_day":
        return (MONTHS[match.group("m")[:3].lower()], int(match.group("d")))
    return _months_of(match)


def _months_of(match: re.Match[str]) -> int:
    if match.group("n"):
        word = match.group("n").lower()
        return _WORD_MONTHS.get(word) or int(word)
    if match.group("q"):
        return 3
    if match.group("y"):
        return 12
    return _WEEKS.get(match.group("w").lower(), 0)


def _one_each(marks: Sequence[_Mark], centers: Sequence[float]) -> list[object] | None:
    """One mark per column, left to right, when there are exactly as many as columns."""
    if len(marks) != len(centers):
        return None
    return [m.value for m in sorted(marks, key=lambda m: m.center)]


def _shared(marks: Sequence[_Mark], centers: Sequence[float]) -> list[object] | None:
    """A single mark that heads every column (e.g. "Year Ended December 31,")."""
    distinct = {m.value for m in marks}
    return [distinct.pop()] * len(centers) if len(distinct) == 1 else None


def _nearest(marks: Sequence[_Mark], centers: Sequence[float]) -> list[object]:
    return [min(marks, key=lambda m: abs(m.center - c)).value for c in centers]


def _period(year: object, month_day: object, months: object, durations: bool) -> Period | None:
    month, day = month_day  # type: ignore[misc]  # a month_day mark's value is (month, day)
    try:
        end = date(int(year), month, day)  # type: ignore[call-overload]  # a year mark's value is an int
    except ValueError:
        return None
    if not durations:
        return Period(instant=end)
    return Period(end=end, months=months) if months in (3, 6, 9, 12) else None
