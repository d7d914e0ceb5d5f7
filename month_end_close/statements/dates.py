"""Dates as statements print them: "05/01", "05.01.", "2025-01-05", "5 Jan", "05Jan23",
"Jan 5, 2025", "5. Januar 2020", with or without the year.

A printed date is read into its parts first (`DateParts`): a month name or a dot
("05.01.") says which number is the day; two numbers with a slash or a dash do not, and
the document decides (`day_first`). A missing year is taken from the statement period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from shared.documents.layout import Word

_MONTH_NAMES = {
    1: ("january", "januar", "jan", "jänner", "jän"), 2: ("february", "februar", "feb"),
    3: ("march", "märz", "maerz", "mär", "mrz", "mar"), 4: ("april", "apr"), 5: ("may", "mai"),
    6: ("june", "juni", "jun"), 7: ("july", "juli", "jul"), 8: ("august", "aug"),
    9: ("september", "sept", "sep"), 10: ("october", "oktober", "oct", "okt"), 11: ("november", "nov"),
    12: ("december", "dezember", "dec", "dez"),
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MON = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>'?\d{2}|\d{4})"
_PATTERNS = (
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<a>\d{1,2})-(?P<b>\d{1,2})")),
    ("dot", re.compile(r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:" + _YEAR + r")?")),
    ("numeric", re.compile(r"(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?:(?P=sep)" + _YEAR + ")?")),
    ("day_name", re.compile(r"(?P<a>\d{1,2})(?:\.|st|nd|rd|th)?[ -]?" + _MON + r"(?:[ ,-]{0,2}" + _YEAR + ")?",
                            re.IGNORECASE)),
    ("name_day", re.compile(_MON + r" ?(?P<a>\d{1,2})(?:st|nd|rd|th)?(?:,? ?" + _YEAR + ")?", re.IGNORECASE)),
)


@dataclass(frozen=True)
class DateParts:
    """A printed date before the document's order is known. `a` and `b` are its two
    small numbers in print order; `kind` says what fixes their meaning."""

    kind: str  # iso, dot, numeric, day_name, name_day
    a: int
    b: int
    year: int | None

    def day_month(self, day_first: bool) -> tuple[int, int]:
        if self.kind in ("day_name", "name_day"):
            return self.a, self.b
        if self.kind == "iso" or (self.kind == "numeric" and not day_first):
            return self.b, self.a
        return self.a, self.b


@dataclass(frozen=True)
class DateToken:
    words: tuple[Word, ...]
    parts: DateParts


def parse_date_text(text: str) -> DateParts | None:
    """The whole of `text` as a date, or None."""
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text.strip().strip("()[]:;,"))
        if match is not None:
            parts = _parts(kind, match)
            if parts is not None:
                return parts
    return None


def _parts(kind: str, match: re.Match[str]) -> DateParts | None:
    groups = match.groupdict()
    b = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["b"])
    year = _year(groups.get("year"))
    parts = DateParts(kind, int(groups["a"]), b, year)
    day, month = parts.day_month(day_first=True)
    if not (1 <= month <= 12 and 1 <= day <= 31) and not (kind == "numeric" and 1 <= day <= 12 and month <= 31):
        return None
    return parts


def _year(text: str | None) -> int | None:
    if not text:
        return None
    number = int(text.lstrip("'"))
    return number + 2000 if number < 100 else number


def date_at(words: Sequence[Word]) -> DateToken | None:
    """The date that starts at the first of `words` (over up to three words), longest first."""
    for count in (3, 2, 1):
        if len(words) < count or (count > 1 and words[count - 1].x0 - words[count - 2].x1 > 12):
            continue
        parts = parse_date_text(" ".join(word.text for word in words[:count]))
        if parts is not None:
            return DateToken(tuple(words[:count]), parts)
    return None


def resolve(parts: DateParts, day_first: bool, year_of: YearRule) -> date | None:
    day, month = parts.day_month(day_first)
    year = parts.year if parts.year is not None else year_of.year(month, day)
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- which order the document prints ---------------------------------------------------


def order_evidence(parts: Iterable[DateParts]) -> bool | None:
    """Day first (True) or month first (False) when a number over 12 says so; None when
    no printed date settles it (or the dates disagree)."""
    numeric = [p for p in parts if p.kind == "numeric"]
    day_first = any(p.a > 12 for p in numeric)
    month_first = any(p.b > 12 for p in numeric)
    return None if day_first == month_first else day_first


def needs_order(parts: Iterable[DateParts]) -> bool:
    return any(p.kind == "numeric" for p in parts)


# -- the year of a date printed without one --------------------------------------------


@dataclass(frozen=True)
class YearRule:
    """The year of a day and month printed without one: the year that puts it in the
    statement period (a December line in a December-January statement is the first
    year), or, with no period, the year of the latest full date printed."""

    start: date | None
    end: date | None

    def year(self, month: int, day: int) -> int:
        if self.end is None:
            raise ValueError("no year")
        if self.start is None:
            return self.end.year - 1 if month > self.end.month else self.end.year
        for year in range(self.start.year, self.end.year + 1):
            if _within(year, month, day, self.start, self.end):
                return year
        return self.end.year if month <= self.end.month else self.start.year


def _within(year: int, month: int, day: int, start: date, end: date) -> bool:
    try:
        day_date = date(year, month, min(day, 28) if month == 2 and day == 29 else day)
    except ValueError:
        return False
    return start - timedelta(days=7) <= day_date <= end + timedelta(days=7)


# -- a period in running text ----------------------------------------------------------

_CONNECTOR = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|bis|au|al)\s*$", re.IGNORECASE)
# A date run into other text ("vom01.01.2020bis02.02.2020"): numeric forms only.
_EMBEDDED = re.compile(r"(?<![\d.])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?!\d)")


def dates_in_text(text: str) -> list[tuple[int, int, DateParts]]:
    """Every date printed in a line of text, with where it is: over one to three words,
    longest first, and numeric dates run into the words around them."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    found, i = [], 0
    while i < len(tokens):
        for count in (3, 2, 1):
            if i + count <= len(tokens):
                start, end = tokens[i][0], tokens[i + count - 1][1]
                parts = parse_date_text(text[start:end])
                if parts is not None:
                    found.append((start, end, parts))
                    i += count - 1
                    break
        i += 1
    for match in _EMBEDDED.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e, _ in found):
            parts = parse_date_text(match.group(0))
            found += [(match.start(), match.end(), parts)] if parts else []
    return sorted(found, key=lambda item: item[0])


def period_in_text(text: str) -> tuple[DateParts, DateParts] | None:
    """Two dates joined by "to", "bis", "-" and the like: a statement period."""
    found = dates_in_text(text)
    for (_, end, first), (start, _, second) in zip(found, found[1:]):
        if _CONNECTOR.match(text[end:start]) and second.year is not None:
            return first, second
    return None
