"""Dates as documents print them and clients type them, read or refused with a reason.

A date that cannot be read is never taken as "no date": an expiry printed `01.03.2020`
that read as nothing would skip the expiry check and let an expired passport through.
So every form below is read, and anything else is a `DateProblem` the caller turns into
an error finding (a document) or exit 2 (a client's structured file).

Read: ISO `2020-03-01` and `2020/03/01`; a day and a month word in either order
(`1 March 2020`, `1st MAR 2020`, `01 MAR/MARS 2020`, `March 1, 2020`); day-first dotted
`01.03.2020` (the dot is the day-first convention wherever it is printed); and
`01/03/2020` or `01-03-2020` only where a number over 12 shows which is the day: when
both could be a month the two readings differ by months, so it is refused as ambiguous.
Two-digit years are refused too (1920 or 2020 is a guess).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
# A bilingual passport prints the month twice ("JUN/JUIN"); the first word is read.
_MONTH = r"([A-Za-z]+)\.?(?:\s*/\s*[A-Za-z]+\.?)?"
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})", re.I)
_MONTH_DAY = re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{2}")
EXAMPLES = "e.g. 2 March 2015, 02.03.2015 or 2015-03-02"


class DateProblem(ValueError):
    """Why a printed or typed date was not read; the message quotes the text."""


def read_date(text: str) -> date:
    """The date `text` means; DateProblem when it is unreadable, impossible or ambiguous."""
    shown = " ".join(text.split())
    for reader in (_year_first, _dotted, _slashed, _day_month, _month_day):
        found = reader(shown)
        if found is not None:
            return _real(shown, *found)
    if _TWO_DIGIT_YEAR.fullmatch(shown):
        raise DateProblem(f"{shown!r} gives the year in two digits: the century would be a guess")
    raise DateProblem(f"{shown!r} is not a date this pack reads ({EXAMPLES})")


def _real(shown: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(f"{shown!r} is not a real date") from None


def _year_first(text: str) -> tuple[int, int, int] | None:
    match = _YEAR_FIRST.fullmatch(text)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _dotted(text: str) -> tuple[int, int, int] | None:
    match = _DOTTED.fullmatch(text)
    return (int(match[3]), int(match[2]), int(match[1])) if match else None


def _slashed(text: str) -> tuple[int, int, int] | None:
    match = _SLASHED.fullmatch(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first <= 12 and second <= 12 and first != second:
        raise DateProblem(f"{text!r} could be day/month or month/day: give the month as a word or write YYYY-MM-DD")
    # Over 12 only a day can be; equal parts read the same either way.
    return (year, first, second) if second > 12 else (year, second, first)


def _day_month(text: str) -> tuple[int, int, int] | None:
    match = _DAY_MONTH.fullmatch(text)
    return (int(match[3]), _month(text, match[2]), int(match[1])) if match else None


def _month_day(text: str) -> tuple[int, int, int] | None:
    match = _MONTH_DAY.fullmatch(text)
    return (int(match[3]), _month(text, match[1]), int(match[2])) if match else None


def _month(text: str, word: str) -> int:
    number = MONTHS.get(word.lower())
    if number is None:
        raise DateProblem(f"{text!r} names no month ({word!r})")
    return number
