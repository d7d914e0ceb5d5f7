"""The truth of a printed iXBRL filing: its own `ix:nonFraction` tags, derived when the
evaluation runs (never stored: it would carry the filing's figures).

Each us-gaap figure in a context without dimensions (a breakdown by segment or product
is not a statement total), with its scale and sign applied and its format read
(`ixt:num-dot-decimal`, `ixt:fixed-zero` for a dash, numbers in words), exactly as the
pack's iXBRL reader reads tags (`earnings_review.ixbrl`), and its period from the
context: an instant, or a duration's end date and length in months.

A figure tagged more than once (the statement's "391,035" and the MD&A's "$391.0
billion") is judged by the primary statement's tag where there is one, its most precise
tag otherwise: the figure as the statement prints it, not a rounded quote of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from earnings_review.evaluation.placement import statement_tables
from earnings_review.facts import Period

# The tag-reading rules are the iXBRL reader's own: one reading of contexts, scale, sign
# and formats for the pack. They are module-private there, being its internals.
from earnings_review.ixbrl import (
    XSI,
    _attr,
    _by_kind,
    _contexts,
    _decimals,
    _kind,
    _text,
    _us_gaap,
    _value,
)
from earnings_review.vocabulary import concept_class
from shared.documents import open_html

Key = tuple[frozenset[str], tuple]  # (concept class, period key), as the evaluation compares


@dataclass(frozen=True)
class Tag:
    concept: str
    period: Period
    value: Decimal
    decimals: int | None  # None: exact (INF)
    statement: str | None  # "income", "balance" or "cash_flow" when in a primary statement's table


def read_tags(path: Path) -> tuple[Tag, ...]:
    """Every us-gaap figure the filing tags without dimensions, in document order."""
    document = open_html(path)
    found = _by_kind(document.root)
    contexts = _contexts(found.get("context", []))
    placed = statement_tables(document.root, _is_figure)
    tags = (_tag(element, contexts, placed) for element in found.get("nonfraction", []))
    return tuple(tag for tag in tags if tag is not None)


def _is_figure(element: Any) -> bool:
    return _kind(element) == "nonfraction"


def _tag(element: Any, contexts: dict[str, Period], placed: dict[Any, str]) -> Tag | None:
    concept, period = _us_gaap(element), contexts.get(_attr(element, "contextRef") or "")
    if concept is None or period is None or (_attr(element, "xsi:nil") or element.get(f"{{{XSI}}}nil")) == "true":
        return None
    form = (_attr(element, "format") or "").rsplit(":", 1)[-1]
    value = _value(_text(element) or "", form, element)
    if value is None:
        return None
    table = next((a for a in element.iterancestors() if _local(a) == "table"), None)
    return Tag(concept, period, value, _decimals(element), placed.get(table))


def _local(element: Any) -> str:
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def judged(tags: Iterable[Tag]) -> dict[Key, dict[Decimal, str]]:
    """What precision is judged against: {(class, period): {value: concept}}, each
    concept's value for the period as the primary statements print it where they tag
    it (a statement's "930.8" million shares, though a note tags 930,807,276), else
    from its most precise tags."""
    out: dict[Key, dict[Decimal, str]] = {}
    for group in _by_concept(tags).values():
        pool = [tag for tag in group if tag.statement] or group
        for tag in _most_precise(pool):
            out.setdefault((concept_class(tag.concept), tag.period.key), {})[tag.value] = tag.concept
    return out


def shown(tags: Iterable[Tag], classes: Iterable[frozenset[str]]) -> dict[Key, set[Decimal]]:
    """What recall is measured over: the key concepts' figures tagged inside the primary
    statements' tables, {(class, period): values}."""
    wanted = set(classes)
    out: dict[Key, set[Decimal]] = {}
    for group in _by_concept(t for t in tags if t.statement and concept_class(t.concept) in wanted).values():
        for tag in _most_precise(group):
            out.setdefault((concept_class(tag.concept), tag.period.key), set()).add(tag.value)
    return out


def _by_concept(tags: Iterable[Tag]) -> dict[tuple, list[Tag]]:
    groups: dict[tuple, list[Tag]] = {}
    for tag in tags:
        groups.setdefault((tag.concept, tag.period.key), []).append(tag)
    return groups


def _most_precise(group: list[Tag]) -> list[Tag]:
    """The tags of one concept and period printed most precisely (a figure quoted again,
    rounded, in the MD&A is not the truth)."""
    best = max(_precision(tag) for tag in group)
    return [tag for tag in group if _precision(tag) == best]


def _precision(tag: Tag) -> tuple[bool, int]:
    return tag.decimals is None, tag.decimals or 0
