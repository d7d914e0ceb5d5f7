"""A statement's table from word positions: value columns, period headers, rows.

Statements print figures right-aligned in columns; a column is found where many value
tokens share a right edge. The header above the first row gives each column its period:
a length phrase ("Three Months Ended", "Year Ended", "13 Weeks Ended"; none on a balance
sheet), a month and day, and a year. A year or a date belongs to the column it stands
over; a phrase printed once for every column ("Year Ended December 31,") applies to all,
and runs on over the columns to its right up to the next phrase. A date's day may be
wrapped under its month ("June" over "30,"). A lone date over one column is that column's
only: a column with no year over it, or no date, has no period rather than a guessed one.
Columns headed by fiscal years alone ("Fiscal 2024") end when the filing says those
years end (`fiscal`).

A row is a label and the figures on its line. Its section is the last label-only line
above it ("Current assets:"), within the headings above that (`parents`), and a "Total
..." line closes the section. A label wrapped over two lines is joined (the second line
set closer than rows are, or starting in lower case). A line with no caption under a
total is kept (a result the statement does not name). The table ends at its footnotes,
at a second header (a supplementary table below the statement) or at the next
statement's title; a continuation page with too few lines to find columns by takes
those of the page before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from earnings_review.facts import Period
from earnings_review.fiscal import FiscalYears
from earnings_review.locate import title_of
from shared.documents import PdfDocument, TextLine, Word
from shared.money import Scale, detect_scale

VALUE = re.compile(r"^\(?[-−]?\$?\(?\d(?:[\d,]*\d)?(?:\.\d+)?\)?%?$")
DASHES = {"—", "–", "-", "−", "——", "—-", "— —"}
COLUMN_TOLERANCE = 7.0  # points between a figure's last digit and its column's edge
LABEL_SHARE = 0.4  # figures start right of this share of the page width
HEADER_DEPTH = 60.0  # points above the first row; prose higher up on a notes page is not the header
HEADER_WORDS = 16  # a header is short phrases; a longer line is a sentence about the table
CARRIED_LINES = 4  # fewer data lines than this on a continuation page: too few to find columns by
WRAPPED_LINE = 0.85  # of the row pitch: a line set closer than this under another continues its caption
_FOOTNOTE = re.compile(r"^(?:\(\d{1,2}\)|\(?[a-z]\)|\*+|\d{1,2}|[†‡§])$")
_TABLE_END = re.compile(r"^(?:see\s+(?:the\s+)?accompanying|see\s+notes\s+to|the\s+accompanying\s+notes)", re.I)
_ASIDE_START = re.compile(r"^\([a-z]")  # "(loss) of affiliates": a caption's next line
_PERCENT_LINE = re.compile(r"\s\(?-?\d[\d,]*(?:\.\d+)?\)?\s?%(?:\s|$)")
_PERCENT_TABLE = re.compile(r"\bas\s+a\s+percentage\s+of\b", re.I)
_DANGLING = re.compile(r"\b(?:to|of|and|for|in|the|per|by|from|on|or|at|with)$", re.I)  # a heading that runs on
_ASIDE = re.compile(r"(?:\([^()]*\)\s*)+")  # "(Unaudited)": a remark, not a section heading
_MONTH_WORD = re.compile(r"^(?:january|february|march|april|may|june|july|august|september|october|november|december"
                         r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?$", re.I)
# "(millions, except per share data)", or a header line that starts "Millions, Except Per
# Share Amounts, for the Years Ended ...": the unit without "in".
_BARE_UNIT = re.compile(r"(?:^|\()\s*(thousands|millions|billions)\b", re.I | re.M)


@dataclass(frozen=True)
class Cell:
    text: str  # as printed: "81,797", "(1,234)", "—"
    bbox: tuple[float, float, float, float]
    column: int


@dataclass(frozen=True)
class Row:
    label: str
    section: str
    indent: float
    cells: tuple[Cell, ...]
    level: int = 0  # indentation level: 0 for the leftmost labels
    # A scale note of its own in the label or section ("Shares used in calculation (000s)").
    note: Scale | None = None
    # The headings the section sits under, outermost first ("Earnings per share:" above
    # "Assuming dilution:"): what a bare "Total" counts may only be said there.
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    page: int
    columns: tuple[float, ...]  # right edges
    periods: tuple[Period | None, ...]
    rows: tuple[Row, ...]
    statement: str | None = None
    scale: Scale | None = None
    scale_line: TextLine | None = None  # where the scale note is printed, to cite it


@dataclass(frozen=True)
class _Line:
    """A visual line split into its label words and its figures."""

    line: TextLine
    label: tuple[Word, ...]
    values: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.label).strip()


# -- the tables of a statement on a page ----------------------------------------------------


def statement_tables(pdf: PdfDocument, page: int, statement: str, carried: Table | None = None,
                     fiscal: FiscalYears | None = None) -> list[Table]:
    """Every table of `statement` on `page`: one under each of its titles, and, above the
    first title, the rest of the table `carried` over from the previous page."""
    lines = pdf.lines(page)
    titles = [i for i, line in enumerate(lines) if title_of(line.text)]
    blocks = [(i, next((j for j in titles if j > i), len(lines))) for i in titles
              if title_of(lines[i].text) == statement]
    if carried is not None and carried.statement == statement:
        blocks.insert(0, (0, titles[0] if titles else len(lines)))
    if not titles and carried is None:
        blocks = [(0, len(lines))]  # the title is not a line of its own here; read the page
    tables, width = [], pdf.plumber_page(page).width
    for start, end in blocks:
        table = read_block(lines[start:end], page, width, statement, carried, fiscal=fiscal)
        if table is not None:
            tables.append(table)
            carried = table
    return tables


def parse_table(pdf: PdfDocument, page: int, *, durations: bool) -> Table | None:
    """The main table on any page (a note's segment table, say); None when no columns or
    periods can be read. `durations` says whether columns are periods or instants."""
    statement = "income" if durations else "balance"
    return read_block(pdf.lines(page), page, pdf.plumber_page(page).width, statement, None, notes=True)


def read_block(lines: Sequence[TextLine], page: int, width: float, statement: str, carried: Table | None,
               *, notes: bool = False, fiscal: FiscalYears | None = None) -> Table | None:
    """The table in a run of lines (a title and what follows it, up to the next title)."""
    split = [_split(line, width) for line in lines]
    if any(_PERCENT_TABLE.search(s.line.text) for s in split[:6]):
        return None  # "As a percentage of total revenues": a common-size restatement, no amounts
    data = [s for s in split if _is_data(s)]
    columns = _columns([w for s in data for w in s.values], len(data))
    if carried is not None and carried.statement == statement and len(data) < CARRIED_LINES:
        columns = carried.columns  # a statement's last line or two, alone on the next page
    split = [_recut(s, columns) for s in split]
    first = next((i for i, s in enumerate(split) if _is_data(s) and _in_columns(s, columns)), None)
    if not columns or first is None:
        return None
    head = _header_lines(lines, first, notes)
    periods = _periods(head, split, first, columns, statement, carried, fiscal)
    if periods is None:
        return None
    scale, note = _scale(lines[:first], lines)
    if scale is None and carried is not None:
        scale, note = carried.scale, None
    start = first - 1 if first and _is_heading(split[first - 1]) else first
    return Table(page, columns, periods, tuple(_rows(split[start:], columns)), statement, scale, note)


def _periods(head: Sequence[TextLine], split: Sequence[_Line], first: int, columns: tuple[float, ...],
             statement: str, carried: Table | None, fiscal: FiscalYears | None) -> tuple[Period | None, ...] | None:
    spans = _spans(split[first:], columns)
    periods = header_periods(head, spans, durations=statement != "balance", fiscal=fiscal)
    if periods is not None and any(periods):
        return periods
    if carried is not None and carried.statement == statement:
        return tuple(_carried_period(edge, carried) for edge in columns)
    return None


def _carried_period(edge: float, carried: Table) -> Period | None:
    """A continuation page repeats its columns where the first page put them."""
    nearest = min(range(len(carried.columns)), key=lambda i: abs(carried.columns[i] - edge))
    return carried.periods[nearest] if abs(carried.columns[nearest] - edge) <= COLUMN_TOLERANCE else None


def _scale(head: Sequence[TextLine], lines: Sequence[TextLine]) -> tuple[Scale | None, TextLine | None]:
    """The scale note above the table (or, failing that, anywhere on the page) and the
    line it is printed on."""
    scale = _scale_in("\n".join(line.text for line in head)) or _scale_in("\n".join(line.text for line in lines))
    if scale is None:
        return None, None
    return scale, next((line for line in [*head, *lines] if _scale_in(line.text)), None)


def _scale_in(text: str) -> Scale | None:
    # "(millions, except per share data)" says "in millions" without the "in".
    return detect_scale(text) or detect_scale(_BARE_UNIT.sub(r"(in \1", text))


def _header_lines(lines: Sequence[TextLine], first: int, notes: bool) -> list[TextLine]:
    top = lines[first].bbox[1]
    return [line for line in lines[:first] if len(line.words) <= HEADER_WORDS
            and (not notes or top - line.bbox[1] <= HEADER_DEPTH)]


def _is_heading(line: _Line) -> bool:
    """The line just above the first row is the first section's heading ("Current
    assets:"), unless it is the scale note or part of the period header."""
    return (bool(line.label) and not line.values and not _marks(line.line) and detect_scale(line.text) is None
            and not _ASIDE.fullmatch(line.text))


# -- words into labels and figures ----------------------------------------------------------


def _split(line: TextLine, width: float) -> _Line:
    """Label words and figures: figures are the value tokens right of the label area."""
    words = _figures_marked(line)
    cut = next((i for i, (w, value) in enumerate(words) if w.x0 > LABEL_SHARE * width and value), len(words))
    return _Line(line, tuple(w for w, _ in words[:cut]), tuple(w for w, value in words[cut:] if value))


def _recut(line: _Line, columns: Sequence[float]) -> _Line:
    """Figures start at the first value in a column: a number inside a long caption
    ("900,000,000 shares authorized") that stands between columns is part of the label."""
    words = _figures_marked(line.line)
    cut = next((i for i, (w, value) in enumerate(words) if value and _column_of(w, columns) is not None), len(words))
    return replace(line, label=tuple(w for w, _ in words[:cut]), values=tuple(w for w, value in words[cut:] if value))


def _figures_marked(line: TextLine) -> list[tuple[Word, bool]]:
    """The line's words, each with whether it is a figure. A day after a month's name
    ("June 30" in a column header) is part of a date, not a figure."""
    words = _merge_brackets([w for w in line.words if w.text != "$"])
    return [(w, _is_value(w.text) and not (i and _MONTH_WORD.match(words[i - 1].text))) for i, w in enumerate(words)]


def _merge_brackets(words: list[Word]) -> list[Word]:
    # Some PDFs set "(1,234" and ")" or "(" and "1,234)" as separate words.
    merged: list[Word] = []
    for word in words:
        touching = bool(merged) and word.x0 - merged[-1].x1 < 4
        if touching and (word.text in (")", ")%", "%") or merged[-1].text in ("(", "$(")):
            merged[-1] = _join(merged[-1], word)
        else:
            merged.append(word)
    return merged


def _join(a: Word, b: Word) -> Word:
    return Word(a.text + b.text, min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom))


def _is_value(text: str) -> bool:
    # Percentages ("(6)%" in a change column) describe the amounts; they are not amounts.
    return (bool(VALUE.match(text)) and not text.endswith("%")) or text in DASHES


def _is_data(line: _Line) -> bool:
    return bool(line.values) and not is_year_line([w.text for w in line.values])


# -- columns --------------------------------------------------------------------------------


def _edge(word: Word) -> float:
    """Where a figure's last digit ends: a closing parenthesis hangs past the column."""
    trailing = len(word.text) - len(word.text.rstrip(")%"))
    return word.x1 - trailing * (word.x1 - word.x0) / max(len(word.text), 1)


def _columns(values: Sequence[Word], lines: int) -> tuple[float, ...]:
    """Right edges shared by the value tokens of many lines: the table's value columns
    (a number inside a caption, "443,222,000 shares issued", stands alone)."""
    edges = sorted(_edge(w) for w in values)
    groups: list[list[float]] = []
    for edge in edges:
        if groups and edge - groups[-1][-1] <= COLUMN_TOLERANCE / 2:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    floor = max(2, lines // 4)
    return tuple(max(g) for g in groups if len(g) >= floor)


def _column_of(word: Word, columns: Sequence[float]) -> int | None:
    if not columns:
        return None
    best = min(range(len(columns)), key=lambda i: abs(columns[i] - _edge(word)))
    return best if abs(columns[best] - _edge(word)) <= COLUMN_TOLERANCE else None


def _in_columns(line: _Line, columns: Sequence[float]) -> bool:
    return bool(line.label) and all(_column_of(w, columns) is not None for w in line.values)


def _spans(lines: Sequence[_Line], columns: Sequence[float]) -> tuple[tuple[float, float], ...]:
    """Each column's horizontal extent, from the figures in it."""
    lefts = dict(enumerate(columns))
    for line in lines:
        for word in line.values:
            column = _column_of(word, columns)
            if column is not None:
                lefts[column] = min(lefts[column], word.x0)
    return tuple((lefts[i], edge) for i, edge in enumerate(columns))


# -- rows -----------------------------------------------------------------------------------


def _rows(lines: Sequence[_Line], columns: Sequence[float]) -> list[Row]:
    """Rows from the first data line on (above it are titles, notes and headers, never
    sections), until the table's footnotes or a second header."""
    reader = _RowReader(columns, _pitch(lines))
    for line in lines:
        if _ends_table(line):
            break
        reader.take(line)
    return _levelled(reader.rows)


def _pitch(lines: Sequence[_Line]) -> float:
    """The usual distance from one row to the next: the median step between lines."""
    tops = [line.line.bbox[1] for line in lines]
    steps = sorted(b - a for a, b in zip(tops, tops[1:]) if b > a)
    return steps[len(steps) // 2] if steps else 0.0


class _RowReader:
    """Lines into rows, one at a time: the section open (and the headings it sits
    under), a heading just read (whose caption the next line may finish), the last row
    (whose label the next may finish)."""

    def __init__(self, columns: Sequence[float], pitch: float = 0.0) -> None:
        self.columns, self.pitch = columns, pitch
        self.rows: list[Row] = []
        self.section, self.outer = "", ""
        self.open: list[tuple[float, str]] = []  # headings still open, outermost first: (indent, text)
        self.heading: float | None = None  # where the heading just read starts
        self.after_row = self.previous_was_row = False
        self.previous: float | None = None  # the top of the line read before

    def take(self, line: _Line) -> None:
        if not line.values and _PERCENT_LINE.search(line.line.text):
            return  # a ratio printed among the lines ("Effective tax rate 26.1% 15.9%"): not a heading
        label = line.text
        wrapped = bool(label) and (label[0].islower() or label[0].isdigit() or _ASIDE_START.match(label) is not None
                                   or self._dangling() or (self.heading is not None and self._close_below(line)))
        self.previous_was_row = self.after_row
        if line.values:
            self._row(line, label, wrapped)
        else:
            self._label_only(line, label, wrapped)
        self.previous = line.line.bbox[1]

    def _dangling(self) -> bool:
        if self.heading is not None:
            return bool(_DANGLING.search(self.section))
        return self.after_row and bool(_DANGLING.search(self.rows[-1].label))

    def _close_below(self, line: _Line) -> bool:
        """Set closer under the line before than rows are to each other: the next line
        of the same caption ("...Attributable to Shareowners of The Acme" over "Company 10,631"),
        whatever its first letter."""
        return self.previous is not None and 0 < line.line.bbox[1] - self.previous < WRAPPED_LINE * self.pitch

    def _label_only(self, line: _Line, label: str, wrapped: bool) -> None:
        if wrapped and self.after_row and line.label[0].x0 >= self.rows[-1].indent - 1:
            self.rows[-1] = replace(self.rows[-1], label=f"{self.rows[-1].label} {label}")
        elif wrapped and self.heading is not None:
            self.section = f"{self.section} {label}"
            self.open[-1] = (self.open[-1][0], self.section)
        elif label:
            self.outer, self.section, self.heading = self.section, label, line.label[0].x0
            self.open = [h for h in self.open if h[0] < self.heading - 1] + [(self.heading, label)]
        self.after_row = False

    def _row(self, line: _Line, label: str, wrapped: bool) -> None:
        indent = line.label[0].x0 if line.label else 0.0
        if self.heading is not None and (wrapped or not label):
            # One caption over two lines: the heading just read is this row's label.
            label, indent, self.section = f"{self.section} {label}".strip(), self.heading, self.outer
            self.open.pop()
        self.heading, self.after_row = None, False
        found = [(w, _column_of(w, self.columns)) for w in line.values]
        cells = [(w, c) for w, c in found if c is not None]
        after_total = bool(self.rows) and self.rows[-1].label.lower().startswith("total") and self.previous_was_row
        if (not label and not after_total) or len(cells) < len(found):
            # No label, or a value between columns: not trusted. Under a total, a line
            # without a caption is a result ("Revenues - Total costs"), kept unlabelled.
            return
        parents = tuple(text for _, text in self.open if text != self.section)
        self.rows.append(Row(label, self.section, indent, tuple(Cell(w.text, w.bbox, c) for w, c in cells),
                             note=_note(label, self.section), parents=parents))
        self.after_row = True
        if label.lower().startswith("total"):
            if self.open and self.open[-1][1] == self.section:
                self.open.pop()
            self.section = ""


def _ends_table(line: _Line) -> bool:
    words = line.line.words
    if _TABLE_END.match(line.line.text):
        return True
    footnote = not line.values and len(words) >= 5 and bool(_FOOTNOTE.match(words[0].text))
    second_header = bool(line.values) and len(line.values) >= 2 and is_year_line([w.text for w in line.values])
    return footnote or second_header


def _note(label: str, section: str) -> Scale | None:
    for text in (label, section):
        scale = detect_scale(text) if "(" in text or " in " in text.lower() else None
        if scale is not None:
            return scale
    return None


def _levelled(rows: list[Row]) -> list[Row]:
    """Indentation levels: distinct label starts, left to right, a few points apart."""
    starts: list[float] = []
    for indent in sorted({r.indent for r in rows}):
        if not starts or indent - starts[-1] > 3:
            starts.append(indent)

    def level(x: float) -> int:
        return max(i for i, s in enumerate(starts) if s <= x + 3)

    return [replace(r, level=level(r.indent)) for r in rows] if starts else rows


# -- column headers into periods ------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NUMBER_WORDS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13, "twenty-four": 24, "twenty-six": 26,
                 "thirty-six": 36, "thirty-nine": 39, "fifty-two": 52, "fifty-three": 53}
_COUNT = r"\d{1,2}|" + "|".join(_NUMBER_WORDS)
_LENGTH = re.compile(
    rf"\b(?:(?P<months>{_COUNT})[\s-]+months?(?:\s+ended)?|(?P<weeks>{_COUNT})[\s-]+weeks?(?:\s+ended)?"
    r"|(?P<quarter>quarters?)\s+ended|(?:fiscal\s+)?(?P<year>years?)\s+ended|(?P<fiscal>fiscal\s+years?))\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(r"\b(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})\b",
                        re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Weeks in a retail calendar's quarter, half, three quarters and year (12/24/36 are the
# 12-12-12-16 calendar's; a 16-week quarter is no quarter multiple and has no length).
_WEEKS = {12: 3, 13: 3, 14: 3, 24: 6, 26: 6, 36: 9, 39: 9, 52: 12, 53: 12}
YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_FISCAL = re.compile(r"\bfiscal\b", re.I)
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01]),?$")
WRAPPED_DAY = 40.0  # points between a month's name and the day wrapped under it
TOUCHING = 0.8  # points between two words set as one
PAD = 3.0  # points: a header a hair outside its column's figures still stands over it


@dataclass(frozen=True)
class _Mark:
    kind: str  # "length", "month_day" or "year"
    value: object
    x0: float
    x1: float
    line: int = 0  # which header line it is on


def is_year_line(texts: Sequence[str]) -> bool:
    return bool(texts) and all(YEAR_ONLY.match(t) for t in texts)


def header_periods(lines: Sequence[TextLine], spans: Sequence[tuple[float, float]],
                   durations: bool, fiscal: FiscalYears | None = None) -> tuple[Period | None, ...] | None:
    """Each column's period from the header lines above the table (None for a column
    with no year over it); None when no column has one. Columns headed by fiscal years
    alone ("Fiscal 2024") end when the filing says those years end (`fiscal`)."""
    marks = [mark for i, line in enumerate(lines) for mark in _marks(line, i)] + _wrapped_dates(lines)
    years = _own(marks, "year", spans, shared=len(spans) == 1)
    days = _own(marks, "month_day", spans, shared=_shared_date(marks, spans))
    lengths = _spanning(marks, spans) if durations else [None] * len(spans)
    if fiscal is not None and not any(days) and any(_FISCAL.search(line.text) for line in lines):
        return _fiscal_periods(years, lengths, durations, fiscal)
    periods = tuple(_period(y, d, n, durations) for y, d, n in zip(years, days, lengths))
    return periods if any(periods) else None


def _fiscal_periods(years: Sequence[object], lengths: Sequence[object], durations: bool,
                    fiscal: FiscalYears) -> tuple[Period | None, ...] | None:
    latest = max((y for y in years if isinstance(y, int)), default=None)
    ends = [fiscal.end(y, latest) if isinstance(y, int) and latest else None for y in years]
    periods = tuple(None if end is None else Period(end=end, months=months or 12) if durations else Period(instant=end)
                    for end, months in zip(ends, lengths))
    return periods if any(periods) else None


def _marks(line: TextLine, index: int = 0) -> list[_Mark]:
    text, spans = _text_with_spans(line.words)
    found = []
    for pattern, kind in ((_LENGTH, "length"), (_MONTH_DAY, "month_day"), (_YEAR, "year")):
        for match in pattern.finditer(text):
            covered = [w for s, e, w in spans if s < match.end() and e > match.start()]
            value = _mark_value(kind, match)
            if value is not None:
                found.append(_Mark(kind, value, min(w.x0 for w in covered), max(w.x1 for w in covered), index))
    return found


def _wrapped_dates(lines: Sequence[TextLine]) -> list[_Mark]:
    """Dates whose day is wrapped onto the next line ("At December" over "31, 2024", or
    "December December" over "31, 2024 31, 2023"): a month with no day after it on its
    line takes the day under it, or the day alone on the next line."""
    found = []
    for index, (line, below) in enumerate(zip(lines, lines[1:])):
        words = line.words
        for at, month in enumerate(words):
            followed = at + 1 < len(words) and _DAY.match(words[at + 1].text)
            if not _MONTH_WORD.match(month.text.rstrip(",")) or followed:
                continue
            day = _day_under(month, below)
            if day is not None:
                value = (MONTHS[month.text[:3].lower()], int(day.text.rstrip(",")))
                found.append(_Mark("month_day", value, min(month.x0, day.x0), max(month.x1, day.x1), index))
    return found


def _day_under(month: Word, below: TextLine) -> Word | None:
    alone = len(below.words) == 1  # the day alone on its line, centred under the phrase
    days = [w for w in below.words if _DAY.match(w.text) and (alone or abs(_centre(w) - _centre(month)) <= WRAPPED_DAY)]
    return min(days, key=lambda w: abs(_centre(w) - _centre(month)), default=None)


def _centre(word: Word) -> float:
    return (word.x0 + word.x1) / 2


def _shared_date(marks: Sequence[_Mark], spans: Sequence[tuple[float, float]]) -> bool:
    """A lone date may stand for every column when it is printed for all of them: in a
    length phrase ("Nine Months Ended March 31"), or centred over the gap between
    columns; a date centred over one column is that column's (the others' dates were
    not read)."""
    lengths = {m.line for m in marks if m.kind == "length"}
    dates = [m for m in marks if m.kind == "month_day"]
    return all(m.line in lengths or not any(a - PAD <= (m.x0 + m.x1) / 2 <= b + PAD for a, b in spans) for m in dates)


def _text_with_spans(words: Sequence[Word]) -> tuple[str, list[tuple[int, int, Word]]]:
    """The line's text, each word's span in it. Words that touch are one word: some PDFs
    set a heading letter by letter ("M on t hs" for "Months")."""
    text, spans = "", []
    for i, word in enumerate(words):
        touching = i > 0 and word.x0 - words[i - 1].x1 < TOUCHING
        start = len(text) + (0 if touching or not text else 1)
        text = f"{text}{word.text}" if touching or not text else f"{text} {word.text}"
        spans.append((start, len(text), word))
    return text, spans


def _mark_value(kind: str, match: re.Match[str]) -> object:
    if kind == "year":
        return int(match.group(0))
    if kind == "month_day":
        return (MONTHS[match.group("m")[:3].lower()], int(match.group("d")))
    return _months_of(match)


def _months_of(match: re.Match[str]) -> int | None:
    def count(group: str) -> int:
        return _NUMBER_WORDS.get(group.lower()) or int(group)

    if match.group("months"):
        return count(match.group("months"))
    if match.group("weeks"):
        return _WEEKS.get(count(match.group("weeks")))
    return 3 if match.group("quarter") else 12


def _overlap(mark: _Mark, span: tuple[float, float]) -> float:
    return min(mark.x1, span[1] + PAD) - max(mark.x0, span[0] - PAD)


def _own(marks: Sequence[_Mark], kind: str, spans: Sequence[tuple[float, float]], shared: bool) -> list[object]:
    """A year or date stands over one column: the one it overlaps most. Those that
    overlap none (a header set off to the left of its figures) go to the columns left
    over, in order, when they are as many. A column still without one takes the header's
    only one, when `shared` and there is only one."""
    own: list[set] = [set() for _ in spans]
    loose = []
    for mark in sorted((m for m in marks if m.kind == kind), key=lambda m: m.x0):
        best = max(range(len(spans)), key=lambda i: _overlap(mark, spans[i]))
        if _overlap(mark, spans[best]) > 0:
            own[best].add(mark.value)
        else:
            loose.append(mark)
    empty = [i for i, values in enumerate(own) if not values]
    if len(loose) == len(empty):
        for i, mark in zip(empty, loose):
            own[i].add(mark.value)
    only = {m.value for m in marks if m.kind == kind}
    fallback = next(iter(only)) if shared and len(only) == 1 else None
    return [next(iter(values)) if len(values) == 1 else (fallback if not values else None) for values in own]


def _spanning(marks: Sequence[_Mark], spans: Sequence[tuple[float, float]]) -> list[object]:
    """A length phrase spans the columns under it: each column takes the phrase it
    overlaps most, or the header's only phrase; a column under none of several phrases
    ("Three Months Ended June 30," over two columns) takes the phrase that starts last
    to its left, as phrases run on to the right until the next one."""
    lengths = sorted((m for m in marks if m.kind == "length"), key=lambda m: m.x0)
    only = {m.value for m in lengths}
    fallback = next(iter(only)) if len(only) == 1 else None
    out = []
    for span in spans:
        best = max(lengths, key=lambda m: _overlap(m, span), default=None)
        if best is not None and _overlap(best, span) > 0:
            out.append(best.value)
            continue
        left = [m for m in lengths if m.x0 <= (span[0] + span[1]) / 2]
        out.append(left[-1].value if left and fallback is None else fallback)
    return out


def _period(year: object, month_day: object, months: object, durations: bool) -> Period | None:
    # A year mark's value is an int, a month_day mark's (month, day): see _mark_value.
    if not isinstance(year, int) or not isinstance(month_day, tuple):
        return None
    month, day = month_day
    try:
        end = date(year, month, day)
    except ValueError:
        return None
    if not durations:
        return Period(instant=end)
    return Period(end=end, months=months) if months in (3, 6, 9, 12) else None
