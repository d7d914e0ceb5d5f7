"""What OFAC's legacy CSV prints in its free-text Remarks column, read by rule.

Remarks are "; "-separated clauses such as "DOB 12 Mar 1960", "alt. DOB circa 1955",
"nationality Iran", "citizen Syria", "a.k.a. 'BNC'". Only the clauses screening uses
are read; everything else is left alone.
"""

from __future__ import annotations

import re

_MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}
_DATE = r"(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})"
_DOB = re.compile(rf"^(?:alt\. )?DOB (?:circa )?{_DATE}(?: to {_DATE})?$")
_COUNTRY = re.compile(r"^(?:alt\. )?(?:nationality|citizen)\s+(.+)$", re.IGNORECASE)
_WEAK_ALIAS = re.compile(r"\b([afn])\.k\.a\. '([^']+)'")
# A range wider than this is kept as its two ends: its years say little.
_MAX_RANGE_YEARS = 10


def clauses(remarks: str) -> list[str]:
    return [part.strip().rstrip(".").strip() for part in remarks.split(";") if part.strip()]


def dates_of_birth(remarks: str) -> list[str]:
    found: list[str] = []
    for clause in clauses(remarks):
        match = _DOB.match(clause)
        if match:
            found.extend(_dob_values(match.groups()))
    return list(dict.fromkeys(found))


def _dob_values(groups: tuple[str | None, ...]) -> list[str]:
    start = _iso(*groups[:3])
    if groups[5] is None:
        return [start] if start else []
    end = _iso(*groups[3:])
    if not start or not end or start == end:
        return [value for value in (start, end) if value]
    first, last = int(start[:4]), int(end[:4])
    if last < first or last - first > _MAX_RANGE_YEARS:
        return [start, end]
    return [str(year) for year in range(first, last + 1)]


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if year is None:
        return None
    if month is None or month not in _MONTHS:
        return year
    if day is None:
        return f"{year}-{_MONTHS[month]:02d}"
    return f"{year}-{_MONTHS[month]:02d}-{int(day):02d}"


def country_names(remarks: str) -> list[str]:
    """Nationality and citizenship countries, in the order printed."""
    names = []
    for clause in clauses(remarks):
        match = _COUNTRY.match(clause)
        if match:
            names.append(match.group(1))
    return names


_WEAK_KINDS = {"a": "low quality aka", "f": "low quality fka", "n": "low quality nka"}


def weak_aliases(remarks: str) -> list[tuple[str, str]]:
    """(kind, name) of the aliases OFAC prints in Remarks rather than in alt.csv: the
    ones its own data calls weak (nicknames, short forms)."""
    return [(_WEAK_KINDS[kind], name.strip()) for kind, name in _WEAK_ALIAS.findall(remarks)]
