"""Who filed and for which period: the registrant's name and the reporting period, read
from the cover page of a 10-K or 10-Q ("Exact name of registrant as specified in its
charter", "For the quarterly period ended ...") or from the first lines of an earnings
release ("... Corporation (NYSE: X) today announced results for the second quarter ended
June 30, 2023"). Each is taken only where the document states it; where it does not, the
record says so in words a reader can act on, and nothing is made up from the file name.

The period on the cover is checked against the statements' own headers (`headline_period`):
the memo's figures come from the statements, so a cover that disagrees is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from earnings_review.facts import DAYS_SLACK, Period, period_end
from shared.findings import Finding, finding

COMPANY_MISSING = "registrant name not found on the cover page"
PERIOD_MISSING = "reporting period not found on the cover page or in the statement headers"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DATE = r"(?P<month>" + "|".join(_MONTHS) + r")\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
_FORM = re.compile(r"\bFORM\s+(10-Q|10-K|20-F|40-F|6-K|8-K)\b", re.IGNORECASE)
_RELEASE = re.compile(r"\bExhibit\s+99\.1\b|\b(?:news|press|earnings)\s+release\b"
                      r"|\b(?:announced|reported|reports|announces)\b[^.]{0,80}?\bresults\b", re.IGNORECASE)
# A 10-K or 10-Q cover: "For the quarterly period ended June 2, 2023", "FOR THE QUARTER
# ENDED JUNE 30, 2025", "For the Fiscal Year Ended June 30, 2015".
_COVER_PERIOD = re.compile(
    r"\bfor\s+the\s+(?P<kind>quarterly\s+period|quarter|fiscal\s+year|year)\s+ended\s+" + _DATE, re.IGNORECASE)
# A release's opening: "the 13-week second quarter ended July 29, 2023", "thirteen-week
# period ("fourth quarter") and fifty-two-week period ("fiscal year") ended January 28, 2023".
_RELEASE_PERIOD = re.compile(
    r"\b(?:\w+-)?(?P<kind>quarter|year|weeks?|months|period)\b[^.;]{0,100}?\bended\s+(?:on\s+)?" + _DATE,
    re.IGNORECASE)
# Anywhere in a release, last resort: "the three and six months ended July 2, 2023".
_STATED_PERIOD = re.compile(
    r"\b(?P<kind>three|six|nine|twelve|thirteen|\d{1,2})(?:\s+and\s+\w+)?[-\s](?P<unit>months|weeks)\s+ended\s+"
    r"(?:on\s+)?" + _DATE, re.IGNORECASE)
_MONTHS_OF = {"quarterly period": 3, "quarter": 3, "fiscal year": 12, "year": 12}
_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13}
# Weeks in a 52/53-week year's quarter, half and three quarters (12 and 36: a 16-week first quarter).
_WEEKS = {12: 3, 13: 3, 16: 3, 24: 6, 26: 6, 36: 9, 39: 9, 40: 9, 52: 12, 53: 12}


@dataclass(frozen=True)
class Stated:
    """A period as the document states it: its last day, its length where the words say
    it (a quarter, a fiscal year), and the words themselves with their page."""

    end: date
    months: int | None
    source: str


@dataclass(frozen=True)
class Cover:
    company: str | None
    document_type: str  # "10-Q", "10-K", ..., "earnings release", or "filing"
    period: Stated | None
    company_source: str  # where the name was read, or why it was not


# -- the registrant ---------------------------------------------------------------------------

_EXACT_NAME = re.compile(r"^(?P<name>[^\n]+)\n\s*\(Exact name of registrant", re.IGNORECASE | re.MULTILINE)
_FILE_NUMBER_THEN_NAME = re.compile(r"Commission\s+File\s+(?:Number|No\.)[^\n]*\n(?P<name>[^\n]+)", re.IGNORECASE)
_TICKER = re.compile(r"[(\[]\s*(?:NYSE|NASDAQ|AMEX|TSX|LSE)[A-Za-z ]{0,30}:\s*[A-Z][A-Z.\-]{0,9}\s*[)\]]",
                     re.IGNORECASE)
_ANNOUNCES = re.compile(r"\b(?:today\s+)?(?:announced|reported)\b", re.IGNORECASE)
_QUOTED_ASIDE = re.compile(r"\([^()]*[“\"][^()]*\)\s*$")  # (“Acme” or the “Company”)
_LEGAL_SUFFIX = re.compile(r"(?:Inc|Incorporated|Corp|Corporation|Co|Company|LLC|L\.P|LP|Ltd|Limited|plc|PLC|N\.V|"
                           r"S\.A|AG|SE|Holdings)\.?,?$")
_NAME_WORD = re.compile(r"[A-Z][\w.'’&-]*,?|&|of|and")
_RULE = re.compile(r"^[\s_=\-–—]+")


def registrant(first_page: str, document_type: str) -> tuple[str | None, str]:
    """The company's name as printed, and where it was read (or why it was not)."""
    readers: tuple[tuple[Callable[[str], str | None], str], ...]
    if document_type in ("10-K", "10-Q", "20-F", "40-F"):
        readers = ((_exact_name, "the cover page's exact name of registrant"),
                   (_after_file_number, "the cover page, below the Commission file number"))
    else:
        readers = ((_before_ticker, "the release's first lines, before its ticker"),
                   (_before_announcement, "the release's first lines"),
                   (_exact_name, "the cover page's exact name of registrant"))
    for reader, source in readers:
        name = reader(first_page)
        if name:
            return name, source
    return None, COMPANY_MISSING


def _exact_name(text: str) -> str | None:
    match = _EXACT_NAME.search(text)
    return _clean(match.group("name")) if match else None


def _after_file_number(text: str) -> str | None:
    match = _FILE_NUMBER_THEN_NAME.search(text)
    return _clean(match.group("name")) if match else None


def _clean(line: str) -> str | None:
    """A cover line as a name: rules of underscores stripped; not a label or a number."""
    name = _RULE.sub("", line).strip()
    return name if re.search(r"[A-Za-z]{2}", name) and not name.startswith("(") else None


def _before_ticker(text: str) -> str | None:
    flat = " ".join(text.split())
    match = _TICKER.search(flat)
    return _name_ending(_QUOTED_ASIDE.sub("", flat[: match.start()].rstrip())) if match else None


def _before_announcement(text: str) -> str | None:
    flat = " ".join(text.split())
    match = _ANNOUNCES.search(flat)
    return _name_ending(flat[: match.start()]) if match else None


def _name_ending(text: str) -> str | None:
    """The run of capitalised words at the end of `text`: "-- Acme Widget Co., Inc." gives
    "Acme Widget Co., Inc."; a comma is part of a name only before a legal suffix (so a
    dateline's "NEW YORK," is not)."""
    words = text.split()
    taken: list[str] = []
    while words and len(taken) < 8:
        word = words[-1]
        if not _NAME_WORD.fullmatch(word) or (word.endswith(",") and not (taken and _LEGAL_SUFFIX.match(taken[0]))):
            break
        taken.insert(0, words.pop())
    while taken and taken[0] in ("&", "of", "and"):
        taken.pop(0)
    name = " ".join(taken)
    return name if taken and not _LEGAL_SUFFIX.fullmatch(name) else None


# -- the period -------------------------------------------------------------------------------


def _day(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("year")), _MONTHS.index(match.group("month").lower()) + 1, int(match.group("day")))
    except ValueError:
        return None  # "February 30": not a date, so not a period end


def _length(match: re.Match[str]) -> int | None:
    """Months from the words: "quarterly period", "fiscal year", "three ... months", "12 weeks"."""
    kind = " ".join(match.group("kind").lower().split())
    unit = match.groupdict().get("unit")
    if unit is None:
        # A release's "13-week second quarter ended": the first quarter or year named.
        named = re.search(r"quarterly period|fiscal year|quarter|year", match.group(0), re.IGNORECASE)
        return _MONTHS_OF.get(named.group(0).lower()) if named else None
    count = int(kind) if kind.isdigit() else _COUNTS[kind]
    return _WEEKS.get(count) if unit.lower() == "weeks" else count if count in (3, 6, 9, 12) else None


def _stated(match: re.Match[str], page: int) -> Stated | None:
    day = _day(match)
    return Stated(day, _length(match), f'page {page}: "{_quoted(match)}"') if day else None


def _quoted(match: re.Match[str]) -> str:
    """The words that state the period, shortened where a clause sits between the
    period's name and its end date."""
    words = " ".join(match.group(0).split())
    if len(words) <= 60:
        return words
    ended = words.lower().rindex("ended")
    named = match.group(0)[: match.end("kind") - match.start()]
    return f"{' '.join(named.split())} ... {words[ended:]}"


def cover_period(first_page: str) -> Stated | None:
    """A 10-K or 10-Q cover's "For the quarterly period / fiscal year ended ..."."""
    match = _COVER_PERIOD.search(" ".join(first_page.split()))
    return _stated(match, 1) if match else None


def release_period(first_page: str) -> Stated | None:
    """A release's "... quarter ended ..." on its first page: the latest date so named
    (a release compares with the year before, and names that period too)."""
    found = [s for m in _RELEASE_PERIOD.finditer(" ".join(first_page.split())) if (s := _stated(m, 1))]
    return max(found, key=lambda s: s.end, default=None)


def stated_period(pages: Sequence[str]) -> Stated | None:
    """The latest "three (and six) months ended ..." anywhere in the document: a release
    whose first page names no date (its statements' notes do)."""
    found = [s for number, text in enumerate(pages, start=1)
             for m in _STATED_PERIOD.finditer(" ".join(text.split())) if (s := _stated(m, number))]
    return max(found, key=lambda s: (s.end, -(s.months or 12)), default=None)


# -- the cover as a whole -----------------------------------------------------------------------


def document_type(first_page: str) -> str:
    form = _FORM.search(first_page)
    if form:
        return form.group(1).upper()
    return "earnings release" if _RELEASE.search(" ".join(first_page.split())) else "filing"


def read_cover(first_page: str) -> Cover:
    """Company, kind of document and period, from the first page's text."""
    kind = document_type(first_page)
    company, source = registrant(first_page, kind)
    period = cover_period(first_page) if kind in ("10-K", "10-Q") else release_period(first_page)
    return Cover(company, kind, period or cover_period(first_page), source)


def headline_period(stated: Stated | None, reported: Period | None) -> tuple[Period | Stated | None, list[Finding]]:
    """The period the memo is about: the statements' latest (shortest) period, named with
    the stated end date where the two agree; the stated period alone where the statements
    gave none. A stated end date more than a week from the statements' is a warning."""
    if reported is None or stated is None:
        return reported or stated, []
    end = period_end(reported)
    if abs((end - stated.end).days) <= DAYS_SLACK:
        return reported, []
    message = (f"The document states its period as {stated.source}, but the latest column of its income statement "
               f"ends {end:%B} {end.day}, {end.year}; the memo reports the statements' "
               "period. Check that the right document was given.")
    return reported, [finding("period_mismatch", "reporting period", message)]


def describe_period(period: Period | Stated | None) -> str | None:
    """As a reader says it: "quarter ended June 2, 2023", "year ended December 31, 2022"."""
    if period is None:
        return None
    length = {3: "quarter", 6: "six months", 9: "nine months", 12: "year"}.get(period.months or 0, "period")
    end = period.end if isinstance(period, Stated) else period_end(period)
    return f"{length} ended {end:%B} {end.day}, {end.year}"


def with_stated_period(cover: Cover, reported: Period | None, pages: Callable[[], Sequence[str]]) -> Cover:
    """The cover, with the period the document states elsewhere ("three months ended ..."
    in its notes) where neither its first page nor its statements give one."""
    if cover.period is not None or reported is not None:
        return cover
    return replace(cover, period=stated_period(pages()))


def filing_fields(cover: Cover, reported: Period | None) -> tuple[dict[str, Any], list[Finding]]:
    """What the memo and report say the document is, and where each part was read; a
    name or period not found is said in words and is a warning."""
    period, findings = headline_period(cover.period, reported)
    fields = {"company": cover.company, "company_source": cover.company_source, "document_type": cover.document_type,
              "period_end": str(period.end) if period else None, "period_text": describe_period(period),
              "period_source": _period_source(cover.period, period)}
    if cover.company is None:
        findings.append(finding("registrant_not_found", "registrant", f"{COMPANY_MISSING.capitalize()}: the memo "
                                "and report name the document only by its kind; check that it is the filing intended."))
    if period is None:
        findings.append(finding("period_not_found", "reporting period", f"{PERIOD_MISSING.capitalize()}: the memo "
                                "cannot say which period its figures are for."))
    return fields, findings


def _period_source(stated: Stated | None, period: Period | Stated | None) -> str:
    if period is None:
        return PERIOD_MISSING
    if isinstance(period, Stated):
        return period.source
    columns = "the income statement's latest column"
    return f"{stated.source}, as in {columns}" if stated and stated.end == period.end else columns
