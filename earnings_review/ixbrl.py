"""Inline-XBRL filings: the figures are tagged, so they are read, not inferred.

Each `ix:nonFraction` names a concept and a context (the period, plus dimensions when
the figure is a breakdown by segment or product, which are skipped: the statements show
totals), a unit, a scale and a sign. Only the us-gaap concepts that
`data/ixbrl_statements.toml` places on a primary statement are kept, each cited by the
element's id, with the text shown in the filing.

A filing tags the same figure in several places (statements, notes, MD&A). Copies that
agree are one fact, cited where it is printed most precisely ("391,035" in millions
rather than "$391.0 billion"); copies that disagree are kept out and reported as
conflicts, since a wrong number is worse than a missing one.

Both parsings `open_html` may choose are read: XHTML (namespaced elements) and plain
HTML (prefixed, lower-cased tag and attribute names), as some filings lack an XML
declaration.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from earnings_review.facts import Fact, Period, Statement, Unit, duration, instant, months_between, period_end
from shared.documents import HtmlCitation, HtmlDocument, PdfCitation
from shared.errors import InputError
from shared.money import decimal_places

STATEMENTS = Path(__file__).parent / "data" / "ixbrl_statements.toml"
XHTML = "{http://www.w3.org/1999/xhtml}"
US_GAAP = "http://fasb.org/us-gaap/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SIMPLE_UNITS: dict[str, Unit] = {"iso4217:usd": "USD", "xbrli:shares": "shares", "xbrli:pure": "pure"}
PER_SHARE = (["iso4217:usd"], ["xbrli:shares"])
ZERO_FORMATS = ("fixedzero", "zerodash")
DASHES = ("-", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212")
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y", "%d %B %Y")
_PLAIN = re.compile(r"\d+(\.\d*)?|\.\d+")


class NotAFiling(InputError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "is not an inline-XBRL filing (no tagged figures found)")


class NoStatementFigures(InputError):
    """Tagged, but nothing the review reads: an IFRS filing, or one in another currency."""

    def __init__(self, path: str | Path, tagged: int) -> None:
        figures = "figure" if tagged == 1 else "figures"
        super().__init__(path, f"tags {tagged} {figures} but none is a us-gaap primary-statement figure "
                               "in US dollars (an IFRS or non-USD filing?)")


@dataclass(frozen=True)
class Conflict:
    """One concept and period tagged with values that disagree: one fact per value."""

    concept: str
    period: Period
    facts: tuple[Fact, ...]

    def describe(self) -> str:
        shown = " and ".join(f"{f.citation.text!r} ({_place(f.citation)})" for f in self.facts)
        return f"{self.concept} for {self.period.describe()} is tagged as {shown}"


@dataclass(frozen=True)
class IxbrlFacts:
    facts: tuple[Fact, ...]
    document_type: str | None
    period_end: date | None
    registrant: str | None
    conflicts: tuple[Conflict, ...] = ()
    # Statement figures whose shown text the format does not read: "element: why".
    unread: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tagged:
    fact: Fact
    decimals: int | None  # None is INF: exact


def read_ixbrl(document: HtmlDocument) -> IxbrlFacts:
    found = _by_kind(document.root)
    tagged = sorted(found.get("nonfraction", []), key=_hidden)  # visible copies cite first
    if not tagged:
        raise NotAFiling(document.path)
    contexts, units, table = _contexts(found.get("context", [])), _units(found.get("unit", [])), statements()
    read = [_read(document, e, c) for e in tagged if (c := _candidate(e, contexts, units, table))]
    if not read:
        raise NoStatementFigures(document.path, len(tagged))
    facts, conflicts = _one_per_period([r for r in read if isinstance(r, _Tagged)])
    dei = _dei(found.get("nonnumeric", []))
    return IxbrlFacts(facts, _text(dei.get("DocumentType")), _period_end(dei.get("DocumentPeriodEndDate"), contexts),
                      _text(dei.get("EntityRegistrantName")), conflicts, tuple(r for r in read if isinstance(r, str)))


@cache
def statements(path: Path = STATEMENTS) -> Mapping[str, Statement]:
    """concept -> statement, from the table (read-only: it is shared, being cached)."""
    table = tomllib.loads(path.read_text(encoding="utf-8"))["concepts"]
    wrong = {c: s for c, s in table.items() if s not in ("income", "balance", "cash_flow")}
    if wrong:
        raise ValueError(f"{path}: unknown statement(s) {wrong}")
    return MappingProxyType(table)


# -- the document's elements ----------------------------------------------------------------


def _kind(element: Any) -> str | None:
    """'nonfraction' for ix:nonFraction whichever way it was parsed; None for XHTML."""
    tag = element.tag
    if not isinstance(tag, str) or tag.startswith(XHTML):
        return None  # comments and processing instructions have no string tag
    if tag.startswith("{"):
        return tag.rsplit("}", 1)[1].lower()
    return tag.split(":", 1)[1].lower() if ":" in tag else None


def _by_kind(root: Any) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for element in root.iter():
        if kind := _kind(element):
            found.setdefault(kind, []).append(element)
    return found


def _inside(element: Any, kind: str) -> list[Any]:
    return [e for e in element.iter() if _kind(e) == kind]


def _attr(element: Any, name: str) -> str | None:
    # The HTML parser lower-cases attribute names (contextref).
    return element.get(name, element.get(name.lower()))


def _text(element: Any) -> str | None:
    return None if element is None else " ".join(element.xpath("string()").split())


def _hidden(element: Any) -> bool:
    return any(_kind(a) == "hidden" for a in element.iterancestors())


# -- contexts and units ---------------------------------------------------------------------


def _contexts(elements: list[Any]) -> dict[str, Period]:
    """Context id -> period, for contexts without dimensions and with a usable period."""
    periods: dict[str, Period] = {}
    for context in elements:
        if _inside(context, "explicitmember") or _inside(context, "typedmember"):
            continue  # a breakdown (segment, product, class of stock): not a statement total
        if (period := _period(context)) is not None and (name := _attr(context, "id")):
            periods[name] = period
    return periods


def _period(context: Any) -> Period | None:
    if (at := _day(context, "instant")) is not None:
        return instant(at)
    start, end = _day(context, "startdate"), _day(context, "enddate")
    if start is None or end is None:
        return None
    months = months_between(start, end)
    # A month, or a stub period, is not one the statements compare.
    return duration(end, months, start) if months else None


def _day(context: Any, kind: str) -> date | None:
    found = _inside(context, kind)
    try:
        return date.fromisoformat((_text(found[0]) or "")[:10]) if found else None
    except ValueError:
        return None


def _units(elements: list[Any]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for unit in elements:
        if (name := _unit(unit)) is not None and (ident := _attr(unit, "id")):
            units[ident] = name
    return units


def _unit(unit: Any) -> Unit | None:
    numerator, denominator = _inside(unit, "unitnumerator"), _inside(unit, "unitdenominator")
    if numerator and denominator:
        return "USD/share" if (_measures(numerator[0]), _measures(denominator[0])) == PER_SHARE else None
    measures = _measures(unit)
    return SIMPLE_UNITS.get(measures[0]) if len(measures) == 1 else None


def _measures(element: Any) -> list[str]:
    return [(_text(m) or "").lower() for m in _inside(element, "measure")]


# -- one tagged figure ----------------------------------------------------------------------


class _Candidate(NamedTuple):
    concept: str
    statement: Statement
    period: Period
    unit: Unit


def _candidate(element: Any, contexts: Mapping[str, Period], units: Mapping[str, Unit],
               table: Mapping[str, Statement]) -> _Candidate | None:
    """A figure the review reads: its concept is in the table, its context and unit known."""
    if (_attr(element, "xsi:nil") or element.get(f"{{{XSI}}}nil")) == "true":
        return None  # nil: tagged as not reported, no figure to read
    concept = _us_gaap(element)
    # No id is ever "": _contexts and _units keep only elements with one.
    period, unit = contexts.get(_attr(element, "contextRef") or ""), units.get(_attr(element, "unitRef") or "")
    if concept is None or concept not in table or period is None or unit is None:
        return None
    return _Candidate(concept, table[concept], period, unit)


def _us_gaap(element: Any) -> str | None:
    prefix, _, local = (_attr(element, "name") or "").partition(":")
    namespace = _namespace(element, prefix)  # the prefix is the filing's choice; the namespace is not
    return local if (namespace.startswith(US_GAAP) if namespace else prefix == "us-gaap") else None


def _namespace(element: Any, prefix: str) -> str | None:
    if prefix in element.nsmap:
        return element.nsmap[prefix]
    # The HTML parser keeps declarations as plain attributes (xmlns:us-gaap="...").
    return next((a.get(f"xmlns:{prefix}") for a in element.iterancestors() if a.get(f"xmlns:{prefix}")), None)


def _read(document: HtmlDocument, element: Any, candidate: _Candidate) -> _Tagged | str:
    concept, statement, period, unit = candidate
    shown, form = _text(element) or "", (_attr(element, "format") or "").rsplit(":", 1)[-1]
    value = _value(shown, form, element)
    citation = _cite(document, element, shown)
    if value is None:
        return f"{_place(citation)}: {concept} shows {shown!r}, which format {form or '(none)'} does not read"
    fact = Fact(concept=concept, label=_row_label(element) or concept, period=period, value=value, unit=unit,
                statement=statement, citation=citation, mapped_by="ixbrl")
    return _Tagged(fact, _decimals(element))


def _value(shown: str, form: str, element: Any) -> Decimal | None:
    """The shown number times 10^scale, negated by sign="-", exactly."""
    number = _number(shown, form.replace("-", "").lower())
    try:
        scale = int(_attr(element, "scale") or 0)
    except ValueError:
        return None
    if number is None:
        return None
    value = number.scaleb(scale)
    if decimal_places(value) < 0:  # 9.5359E+10 -> 95359000000: exact, and printable
        value = value.quantize(Decimal(1))
    return -value if _attr(element, "sign") == "-" and value else value


def _number(shown: str, form: str) -> Decimal | None:
    if form in ZERO_FORMATS:
        return Decimal(0)  # the filing shows a dash (or anything) for a zero
    if form == "numwordsen":
        return _words(shown)
    if form == "numcommadecimal":
        digits = re.sub(r"[.\s]", "", shown).replace(",", ".")
    elif form in ("", "numdotdecimal"):
        digits = re.sub(r"[,\s]", "", shown)
    else:
        return None
    return Decimal(digits) if _PLAIN.fullmatch(digits) else None


_NUMBER_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_NUMBER_WORDS |= {w: 10 * n for n, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)}
_NUMBER_WORDS |= {"no": 0, "none": 0, "nil": 0}
_WORD_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}


def _words(shown: str) -> Decimal | None:
    """ixt-sec:numwordsen: "no", "none", a dash, or a number in words ("twenty-two")."""
    if shown.strip() in DASHES:
        return Decimal(0)
    total = group = 0
    for word in re.split(r"[\s\-]+", shown.lower().strip()):
        if word in _NUMBER_WORDS:
            group += _NUMBER_WORDS[word]
        elif word == "hundred":
            group *= 100
        elif word in _WORD_SCALES:
            total, group = total + group * _WORD_SCALES[word], 0
        elif word != "and":
            return None
    return Decimal(total + group)


def _decimals(element: Any) -> int | None:
    try:
        return int(_attr(element, "decimals") or "INF")
    except ValueError:
        return None  # INF, or absent: the value is exact


def _cite(document: HtmlDocument, element: Any, shown: str) -> HtmlCitation:
    element_id = _attr(element, "id")
    if element_id and document.element(element_id) is element:
        return document.cite(element_id, shown)
    # No id, or one another element holds first: only a path finds this one again.
    return document.cite_xpath(document.xpath_of(element), shown)


def _place(citation: PdfCitation | HtmlCitation) -> str:
    if isinstance(citation, PdfCitation):
        return f"page {citation.page}"  # a Fact may cite a PDF; this reader's facts never do
    return citation.element_id or citation.xpath or "?"


def _row_label(element: Any) -> str | None:
    """The statement's own caption for the figure: the first text cell of its table row."""
    row = next((a for a in element.iterancestors() if str(a.tag).rsplit("}", 1)[-1].lower() == "tr"), None)
    for cell in [] if row is None else row:
        caption = _text(cell)
        if caption and not any(_kind(e) == "nonfraction" for e in cell.iter()):
            return caption
    return None


# -- copies of one figure -------------------------------------------------------------------


def _one_per_period(tagged: list[_Tagged]) -> tuple[tuple[Fact, ...], tuple[Conflict, ...]]:
    groups: dict[tuple, list[_Tagged]] = {}
    for item in tagged:
        groups.setdefault((item.fact.concept, item.fact.period.key), []).append(item)
    kept, conflicts = [], []
    for group in groups.values():
        if _consistent(group):
            kept.append(max(group, key=_precision).fact)  # max keeps the first of equals
        else:
            firsts: dict[Decimal, Fact] = {}
            for item in group:
                firsts.setdefault(item.fact.value, item.fact)
            conflicts.append(Conflict(group[0].fact.concept, group[0].fact.period, tuple(firsts.values())))
    return tuple(kept), tuple(conflicts)


def _precision(tagged: _Tagged) -> tuple[bool, int]:
    return tagged.decimals is None, tagged.decimals or 0


def _consistent(group: list[_Tagged]) -> bool:
    """Copies agree when each could be a rounding of one number: "$391.0 billion" (to
    the hundred million) and "391,035" (to the million) do; 24,780 and 24,781, whose
    ranges only touch, do not."""
    if len({t.fact.value for t in group}) == 1:
        return True
    half = [Decimal(0) if t.decimals is None else Decimal("0.5").scaleb(-t.decimals) for t in group]
    lows = [t.fact.value - h for t, h in zip(group, half)]
    highs = [t.fact.value + h for t, h in zip(group, half)]
    return max(lows) < min(highs)


# -- about the filing -----------------------------------------------------------------------


def _dei(elements: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for element in elements:
        prefix, _, local = (_attr(element, "name") or "").partition(":")
        if prefix == "dei":
            found.setdefault(local, element)
    return found


def _period_end(element: Any, contexts: dict[str, Period]) -> date | None:
    """dei:DocumentPeriodEndDate as shown ("March 29, 2025"), else its context's end."""
    if shown := _text(element):
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(shown, pattern).date()
            except ValueError:
                continue
    period = contexts.get(_attr(element, "contextRef") or "") if element is not None else None
    return period_end(period) if period else None
