"""What the PDF statement layouts share: figures as printed, labels found by their words,
columns found by their headers, and citing a figure where it stands.

Words come from pdfplumber, which may or may not split a label ("ClosingBalance",
"Closing Balance"), so labels are matched on their letters with the spaces taken out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from month_end_close.records import CitedAmount
from shared.documents.layout import TextLine, Word, union_bbox
from shared.documents.pdf import PdfDocument
from shared.money import to_decimal

# A money figure as statements print it: "1,281.84", "2563.50", "£64.06", "2,549.97CR".
FIGURE = re.compile(r"£?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?:CR|DR|D)?")
# What a bank prints after a balance when the account is overdrawn.
_OVERDRAWN = ("D", "OD", "DR")


def squash(words: Sequence[Word]) -> str:
    return "".join(word.text for word in words).lower()


def is_figure(word: Word) -> bool:
    return FIGURE.fullmatch(word.text) is not None


def find_label(words: Sequence[Word], label: str) -> tuple[Word, ...] | None:
    """The run of words that spells `label` (compared without spaces or case)."""
    wanted = label.replace(" ", "").lower()
    for start in range(len(words)):
        for end in range(start + 1, min(start + 5, len(words)) + 1):
            run = words[start:end]
            if squash(run) == wanted:
                return tuple(run)
            if not wanted.startswith(squash(run)):
                break
    return None


def figure_after(lines: Sequence[TextLine], label: str) -> tuple[Word, ...] | None:
    """The figure printed to the right of `label` on its line (a summary box's rows),
    with an overdrawn mark after it if there is one."""
    for line in lines:
        found = find_label(line.words, label)
        if found is None:
            continue
        right = [word for word in line.words if word.x0 >= found[-1].x1]
        for i, word in enumerate(right):
            if is_figure(word):
                return with_mark(word, right[i + 1 : i + 2])
    return None


def with_mark(word: Word, following: Sequence[Word]) -> tuple[Word, ...]:
    mark = following[0] if following else None
    return (word, mark) if mark is not None and mark.text in _OVERDRAWN else (word,)


def printed_value(words: Sequence[Word]) -> Decimal:
    """The figure's value as printed, negative when an overdrawn mark follows it."""
    text = words[0].text
    overdrawn = len(words) > 1 or (text.endswith("D") and not text.endswith(("CR", "DR")))
    value = to_decimal(text[:-1] if overdrawn and len(words) == 1 else text)
    return -abs(value) if overdrawn else value


def cite_figure(document: PdfDocument, page: int, words: Sequence[Word], value: Decimal) -> CitedAmount:
    text = " ".join(word.text for word in words)
    return CitedAmount(value, document.cite(page, union_bbox(word.bbox for word in words), text))


@dataclass(frozen=True)
class Column:
    """A right-aligned figure column, known by its header's box.

    A figure belongs to it when its right edge is within the header's width of the
    header's right edge: figures are set flush right under their heading, and a page
    may be shifted a few points against another.
    """

    x0: float
    x1: float

    @classmethod
    def under(cls, header: Sequence[Word]) -> Column:
        return cls(min(w.x0 for w in header), max(w.x1 for w in header))

    def holds(self, word: Word) -> bool:
        return abs(word.x1 - self.x1) <= self.x1 - self.x0


def parse_day(text: str, layout: str) -> date | None:
    """The date printed as `layout` (a strptime format), or None when it is not one."""
    try:
        return datetime.strptime(text, layout).date()
    except ValueError:
        return None


_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_PERIOD = re.compile(r"(\d{1,2}) ([A-Za-z]+)(?: (\d{4}))? to (\d{1,2}) ([A-Za-z]+) (\d{4})")


def statement_period(text: str) -> tuple[date, date] | None:
    """"9 December 2023 to 8 January 2024", or "9 January to 8 February 2022" with the
    first year left out (the year before the end's when the start's month is later)."""
    match = _PERIOD.search(text)
    if match is None or match.group(2).lower() not in _MONTHS or match.group(5).lower() not in _MONTHS:
        return None
    end = date(int(match.group(6)), _MONTHS[match.group(5).lower()], int(match.group(4)))
    start_month = _MONTHS[match.group(2).lower()]
    start_year = int(match.group(3) or (end.year - 1 if start_month > end.month else end.year))
    return date(start_year, start_month, int(match.group(1))), end
