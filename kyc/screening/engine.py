"""Screening names against lists: `Screener(lists).screen(Query(...))` -> hits.

A hit is one list entry whose best-matching name (primary or any alias), weighed
together with date of birth, country and type, scores at or above the threshold. Every
hit explains itself (`breakdown`, one row per field with its score, weight and the two
values compared) and cites the list file that prints the matched name.
Scores are similarities, not money: computed in floats, handed out as one-decimal
`Decimal`s built from strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz, process

from kyc.screening import scoring
from kyc.screening.prepared import prefilter_text, prepare
from kyc.screening.records import ListEntry, ScreeningList
from kyc.screening.scoring import NameForm
from shared.documents.citation import ListCitation

QUERY_TYPES = ("individual", "entity")
# A cheap C-speed screen before the token pairing: token_set_ratio is 100 whenever one
# name's words are a subset of the other's, so it does not reject a missing middle name.
# Below 70 almost nothing reaches the name floor (measured: 34 of 11,400 names scoring
# 60-75 on the benchmark's queries), while scoring them took most of the time.
PREFILTER = 70.0
_DOB = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


def check_type(value: str) -> str:
    if value not in QUERY_TYPES:
        raise ValueError(f"type '{value}' is not one of {', '.join(QUERY_TYPES)}")
    return value


def check_dob(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real date."""
    import datetime as dt

    if _DOB.match(value):
        try:
            dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
            return value
        except ValueError:
            pass
    raise ValueError(f"date of birth '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")


def check_country(value: str) -> str:
    """An ISO 3166 alpha-2 or alpha-3 code or a country's name -> its alpha-2 code."""
    from kyc.screening.countries import resolve_country

    return resolve_country(value)


@dataclass(frozen=True)
class Query:
    name: str
    type: str | None = None
    dob: str | None = None
    country: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("name is empty")
        if self.type is not None:
            check_type(self.type)
        if self.dob is not None:
            check_dob(self.dob)
        if self.country is not None:
            object.__setattr__(self, "country", check_country(self.country))

    def to_json(self) -> dict[str, str]:
        shown = {"id": self.id, "name": self.name, "type": self.type, "dob": self.dob, "country": self.country}
        return {key: value for key, value in shown.items() if value is not None}

    @property
    def slug(self) -> str:
        return _SLUG.sub("-", self.id or self.name).strip("-") or "query"


@dataclass(frozen=True)
class FieldScore:
    score: Decimal
    weight: Decimal
    query: str | None
    listed: str | None
    detail: str | None = None  # which rule decided the score, when plain comparison did not

    def to_json(self) -> dict[str, str | None]:
        shown = {"score": str(self.score), "weight": str(self.weight), "query": self.query, "listed": self.listed}
        return shown | ({"detail": self.detail} if self.detail else {})


@dataclass(frozen=True)
class Hit:
    id: str
    list: str
    entry_id: str
    matched_name: str
    score: Decimal
    breakdown: dict[str, FieldScore] = field(hash=False)
    citation: ListCitation = field(hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "list": self.list, "entry_id": self.entry_id, "matched_name": self.matched_name,
            "score": str(self.score), "breakdown": {name: row.to_json() for name, row in self.breakdown.items()},
        }


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


def _weight(value: float) -> Decimal:
    return Decimal(f"{value:g}")


class Screener:
    """Screens queries against `lists`. The index is made here, once: read from the
    user's cache when these lists were indexed before (`cache=False` always builds it)."""

    def __init__(self, lists: Sequence[ScreeningList], *, threshold: Decimal = Decimal("85"),
                 cache: bool = True) -> None:
        self.lists = tuple(lists)
        self.threshold = Decimal(threshold)
        self._floor = scoring.name_floor(float(self.threshold))
        prepared = prepare(self.lists, cached=cache)
        self._names = prepared.names
        self._entries = prepared.names.entries
        self._index = prepared.index

    def screen(self, query: Query) -> tuple[Hit, ...]:
        """Hits at or above the threshold, best first; one per list entry."""
        form = NameForm.parse(query.name)
        best = self._best_names(form, self.candidates(form))
        hits = (self._hit(query, entry, name, score, detail) for entry, (score, name, detail) in best.items())
        kept = [hit for hit in hits if hit.score >= self.threshold]
        return tuple(sorted(kept, key=lambda h: (-h.score, h.list, h.entry_id)))

    def screen_many(self, queries: Iterable[Query], progress: Callable[[int], None] | None = None) -> list[tuple[Hit, ...]]:
        """`progress`, if given, is called with the number of queries done after each."""
        results = []
        for done, query in enumerate(queries, 1):
            results.append(self.screen(query))
            if progress is not None:
                progress(done)
        return results

    def candidates(self, form: NameForm) -> list[int]:
        """Positions of the indexed names worth scoring (overridden by the benchmark's
        brute-force baseline to return every name)."""
        return self._index.candidates(form)

    def _best_names(self, form: NameForm, candidates: list[int]) -> dict[int, tuple[float, int, str | None]]:
        """Entry -> (name score, position of its best name, why the name scored so)."""
        text = prefilter_text(form)
        choices = [self._names.texts[i] for i in candidates]
        survivors = process.extract(text, choices, scorer=fuzz.token_set_ratio, processor=None,
                                    score_cutoff=PREFILTER, limit=None)
        best: dict[int, tuple[float, int, str | None]] = {}
        memo: dict[tuple[int, str], float] = {}
        for _, _, position in survivors:
            number = candidates[position]
            score, detail = scoring.name_match(form, self._names.form(number), memo)
            if score < self._floor:
                continue
            entry, name = self._names.entry_of[number], self._names.name_of[number]
            held = best.get(entry)
            if held is None or (score, -name) > (held[0], -held[1]):
                best[entry] = (score, name, detail)
        return best

    def _hit(self, query: Query, entry_number: int, name_number: int, name_score: float, detail: str | None) -> Hit:
        slug, entry = self._entries[entry_number]
        listed = entry.names[name_number]
        rows = _evidence(query, entry, listed.name, name_score)
        total = sum(row[0] * row[1] for row in rows.values()) / sum(row[1] for row in rows.values())
        return Hit(
            id=f"hit:{query.slug}:{slug}:{entry.entry_id}",
            list=entry.list_name,
            entry_id=entry.entry_id,
            matched_name=listed.name,
            score=_decimal(total),
            breakdown={k: FieldScore(_decimal(s), _weight(w), q, v, detail if k == "name" else None)
                       for k, (s, w, q, v) in rows.items()},
            citation=ListCitation(doc_sha256=listed.doc_sha256, path=str(listed.path), text=listed.name,
                                  list_name=entry.list_name, entry_id=entry.entry_id),
        )


Row = tuple[float, float, str | None, str | None]


def _evidence(query: Query, entry: ListEntry, matched: str, name_score: float) -> dict[str, Row]:
    rows: dict[str, Row] = {"name": (name_score, 1.0, query.name, matched)}
    if query.dob and entry.dates_of_birth:
        score, listed = scoring.best_dob(query.dob, entry.dates_of_birth)
        rows["dob"] = (score, scoring.DOB_WEIGHT, query.dob, listed)
    if query.country and entry.countries:
        score = scoring.country_score(query.country, entry.countries)
        rows["country"] = (score, scoring.COUNTRY_WEIGHT, query.country, ", ".join(entry.countries))
    if query.type:
        score, weight = scoring.type_score(query.type, entry.type)
        rows["type"] = (score, weight, query.type, entry.type)
    return rows
