"""Fiscal years named by number, and the day each one ends, read from the filing itself.

A statement may head its columns "Fiscal 2024  Fiscal 2023  Fiscal 2022" with no date: a
retailer's year of 52 or 53 weeks ends on a weekday near a month's end, and the year's
number need not be the calendar year it ends in ("fiscal 2024" ended February 2, 2025).
The filing says when each ended: the cover ("For the fiscal year ended February 2, 2025"),
a glossary or the first note ("fiscal 2023 ... Fiscal year ended January 28, 2024"). A
year the filing dates nowhere has no end: its column is left without a period rather
than given a guessed one.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from shared.documents import PdfDocument

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = rf"(?P<date>(?:{_MONTHS})\s+\d{{1,2}},\s+(?:19|20)\d\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "fiscal 2023 Fiscal year ended January 28, 2024"; "fiscal year 2024, which ended on ...";
# "the fiscal year ended February 2, 2025 ("fiscal 2024")".
_NAMED = (
    re.compile(rf"\bfiscal\s+(?:year\s+)?{_YEAR}\b[^.;()]{{0,60}}?\bend(?:ed|ing|s)\s+(?:on\s+)?{_DATE}", re.I),
    re.compile(rf"\byear\s+end(?:ed|ing)\s+(?:on\s+)?{_DATE}\s*\(\s*[\"“]?fiscal\s+(?:year\s+)?{_YEAR}\b", re.I),
)
_COVER = re.compile(rf"\bfor\s+the\s+fiscal\s+year\s+ended\s+{_DATE}", re.I)
_SEARCH = re.compile(r"\bfiscal\s+(?:year\s+)?(?:19|20)\d\d\b|\bfiscal\s+year\s+ended\b", re.I)
COVER_PAGES = 3


class FiscalYears:
    """The end of each fiscal year the filing names, read on first use."""

    def __init__(self, pdf: PdfDocument) -> None:
        self._pdf = pdf
        self._ends: dict[int, date] | None = None
        self._latest: date | None = None

    def end(self, year: int, latest: int) -> date | None:
        """The last day of fiscal `year`; `latest` is the latest year the same header
        names, which in an annual report is the year the cover dates."""
        if self._ends is None:
            self._ends, self._latest = self._read()
        if year in self._ends:
            return self._ends[year]
        return self._latest if year == latest else None

    def _read(self) -> tuple[dict[int, date], date | None]:
        ends: dict[int, date] = {}
        cover: date | None = None
        for page in self._pdf.search(_SEARCH):
            text = " ".join(self._pdf.page_text(page).split())
            for pattern in _NAMED:
                for match in pattern.finditer(text):
                    year, day = int(match.group("year")), _day(match.group("date"))
                    if day.year - year in (0, 1):  # a fiscal year ends in the year it is named for, or the next
                        ends.setdefault(year, day)
            found = _COVER.search(text) if page <= COVER_PAGES else None
            if found and cover is None:
                cover = _day(found.group("date"))
        return ends, cover


def _day(text: str) -> date:
    return datetime.strptime(" ".join(text.split()), "%B %d, %Y").date()
