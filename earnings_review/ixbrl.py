"""Inline-XBRL filings: the figures are tagged, so they are read, not inferred.

Each `ix:nonFraction` gives a concept, a context (its period, and dimensions when the
figure is a breakdown, which are skipped), a unit, a scale and a sign. Only us-gaap
concepts of the primary statements (those the label table places) are kept, each cited by
its element id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from earnings_review.concepts import entries
from earnings_review.facts import Fact, Period, months_between
from earnings_review.vocabulary import concept_class
from shared.documents import HtmlDocument
from shared.errors import InputError

ZERO_FORMATS = ("fixed-zero", "numwordsen", "zerodash")


class NotAFiling(InputError):
    def __init__(self, path: object) -> None:
        super().__init__(path, "is not an inline-XBRL filing (no tagged figures found)")


@dataclass(frozen=True)
class IxbrlFacts:
    facts: tuple[Fact, ...]
    document_type: str | None
    registrant: str | None
    conflicts: tuple[str, ...]


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _all(root: Any, name: str) -> list[Any]:
    return root.xpath(f"//*[local-name()='{name}']")


def read_ixbrl(document: HtmlDocument) -> IxbrlFacts:
    root = document.root
    tagged = _all(root, "nonFraction")
    if not tagged:
        raise NotAFiling(document.path)
    contexts, units = _contexts(root), _units(root)
    statements = _statements()
    facts = [f for e in tagged if (f := _fact(document, e, contexts, units, statements)) is not None]
    kept, conflicts = _one_per_period(facts)
    return IxbrlFacts(tuple(kept), _text_of(root, "dei:DocumentType"), _text_of(root, "dei:EntityRegistrantName"),
                      tuple(conflicts))


def _statements() -> dict[str, str]:
    placed = {}
    for entry in entries():
        for member in concept_class(entry.concept):
            placed.setdefault(member, entry.statement)
    return placed


def _contexts(root: Any) -> dict[str, Period]:
    periods = {}
    for context in _all(root, "context"):
        if context.xpath(".//*[local-name()='explicitMember' or local-name()='typedMember']"):
            continue  # a breakdown by segment, product or the like: not the statement's total
        period = _period(context)
        if period is not None:
            periods[context.get("id")] = period
    return periods


def _period(context: Any) -> Period | None:
    def day(name: str) -> date | None:
        found = context.xpath(f".//*[local-name()='{name}']")
        return date.fromisoformat(found[0].text.strip()) if found else None

    if (instant := day("instant")) is not None:
        return Period(instant=instant)
    start, end = day("startDate"), day("endDate")
    months = months_between(start, end) if start and end else None
    return Period(end=end, months=months, start=start) if months else None


def _units(root: Any) -> dict[str, str]:
    units = {}
    for unit in _all(root, "unit"):
        measures = [m.text.strip().lower() for m in unit.xpath(".//*[local-name()='measure']")]
        if unit.xpath(".//*[local-name()='divide']"):
            units[unit.get("id")] = "USD/share" if measures[:2] == ["iso4217:usd", "xbrli:shares"] else "other"
        else:
            units[unit.get("id")] = {"iso4217:usd": "USD", "xbrli:shares": "shares", "xbrli:pure": "pure"}.get(
                measures[0] if measures else "", "other")
    return units


def _fact(document: HtmlDocument, element: Any, contexts: dict, units: dict, statements: dict) -> Fact | None:
    name = element.get("name", "")
    concept, period, unit = _local(name), contexts.get(element.get("contextRef")), units.get(element.get("unitRef"))
    if not name.startswith("us-gaap:") or concept not in statements or period is None or unit in (None, "other"):
        return None
    shown = " ".join("".join(element.itertext()).split())
    value = _value(shown, element)
    if value is None or (statements[concept] == "balance") != (period.instant is not None):
        return None
    citation = document.cite(element.get("id"), shown) if element.get("id") else document.cite_xpath(
        document.xpath_of(element), shown)
    return Fact(concept=concept, label=concept, period=period, value=value, unit=unit, statement=statements[concept],
                citation=citation, mapped_by="ixbrl")


def _value(shown: str, element: Any) -> Decimal | None:
    if any(form in element.get("format", "") for form in ZERO_FORMATS):
        return Decimal(0)
    try:
        number = Decimal(shown.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    value = number.scaleb(int(element.get("scale", "0")))
    value = -value if element.get("sign") == "-" else value
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _one_per_period(facts: list[Fact]) -> tuple[list[Fact], list[str]]:
    first: dict[tuple, Fact] = {}
    clashes: set[tuple] = set()
    for fact in facts:
        key = (fact.concept, fact.period.key)
        if key in first and first[key].value != fact.value:
            clashes.add(key)
        first.setdefault(key, fact)
    kept = [f for k, f in first.items() if k not in clashes]
    return kept, [f"{concept} {period}" for concept, period in sorted(clashes, key=str)]


def _text_of(root: Any, name: str) -> str | None:
    found = root.xpath(f"//*[local-name()='nonNumeric'][@name='{name}']")
    return " ".join("".join(found[0].itertext()).split()) if found else None
