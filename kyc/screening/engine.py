"""Screening names against lists: `Screener(lists).screen(Query(...))` -> hits.

A hit is one list entry whose best-matching name (primary or any alias), weighed
together with date of birth, country and type, scores at or above the threshold. Every
hit explains itself (`breakdown`, one row per field with its score, weight and the two
values compared) and cites the list file that prints the matched name.
Scores are similarities, not money: computed in floats, handed out as one-decimal
`Decimal`s built from strings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz, process

from kyc.screening import romanise, scoring
from kyc.screening.countries import resolve_country
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
    if _DOB.match(value):
        try:
            dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
            return value
        except ValueError:
            pass
    raise ValueError(f"date of birth '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")


def check_country(value: str) -> str:
    """An ISO 3166 alpha-2 or alpha-3 code or a country's name -> its alpha-2 code."""
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
        """The hit ids' middle part: the id, else the name's letters, with 8 hex of the
        name's sha256 when it is not ASCII (anyascii can write two names alike)."""
        if self.id:
            return _SLUG.sub("-", self.id).strip("-") or "query"
        plain = _SLUG.sub("-", anyascii(self.name)).strip("-") or "query"
        if self.name.isascii():
            return plain
        return f"{plain}-{hashlib.sha256(self.name.encode('utf-8')).hexdigest()[:8]}"


@dataclass(frozen=True)
class FieldScore:
    score: Decimal
    weight: Decimal
    query: str | None
    listed: str | None
    detail: str | None = None  # which rule decided the score, when plain comparison did not
    romanised: str | None = None  # the query's Latin form that scored, when it was romanised
    romanised_by: str | None = None  # what made that form

    def to_json(self) -> dict[str, str | None]:
        shown = {"score": str(self.score), "weight": str(self.weight), "query": self.query, "listed": self.listed}
        optional = {"romanised": self.romanised, "romanised_by": self.romanised_by, "detail": self.detail}
        return shown | {key: value for key, value in optional.items() if value}


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
        """Hits at or above the threshold, best first; one per list entry. A name in
        another script is screened as each of its romanised forms, each entry keeping
        its best."""
        best: dict[int, Best] = {}
        for written in romanise.forms(query.name):
            form = NameForm.parse(written.text, abjad=written.abjad)
            for entry, (score, name, detail) in self._best_names(form, self.candidates(form)).items():
                if entry not in best or score > best[entry].score:
                    best[entry] = Best(score, name, detail, written)
        hits = (self._hit(query, entry, found) for entry, found in best.items())
        kept = [hit for hit in hits if hit.score >= self.threshold]
        return tuple(sorted(kept, key=lambda h: (-h.score, h.list, h.entry_id)))

    def screen_many(self, queries: Iterable[Query],
                    progress: Callable[[int], None] | None = None) -> list[tuple[Hit, ...]]:
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
        best: dict[int, tuple[float, int, str | None]] = {}
        memo: dict[tuple[int, str], float] = {}
        for position in self._prefiltered(form, candidates):
            number = candidates[position]
            score, detail = scoring.name_match(form, self._names.form(number), memo)
            if score < self._floor:
                continue
            entry, name = self._names.entry_of[number], self._names.name_of[number]
            held = best.get(entry)
            if held is None or (score, -name) > (held[0], -held[1]):
                best[entry] = (score, name, detail)
        return best

    def _prefiltered(self, form: NameForm, candidates: list[int]) -> set[int]:
        """Positions in `candidates` of the names the cheap screen lets through. A name
        romanised from Arabic or Hebrew lacks its short vowels, which alone can fail the
        screen: its consonant keys, word by word and written without spaces, get a second chance."""
        choices = [self._names.texts[i] for i in candidates]
        found = process.extract(prefilter_text(form), choices, scorer=fuzz.token_set_ratio, processor=None,
                                score_cutoff=PREFILTER, limit=None)
        kept = {position for _, _, position in found}
        if form.abjad:
            listed = [self._names.form(i) for i in candidates]
            found = process.extract(_key_text(form), [_key_text(f) for f in listed], scorer=fuzz.token_set_ratio,
                                    processor=None, score_cutoff=PREFILTER, limit=None)
            kept.update(position for _, _, position in found)
            # Split into other words ("HADAIT ALLAH" / "HIDAYATULLAH"), no word of one is like the other's.
            kept.update(at for at, f in enumerate(listed) if scoring.compact_keys_agree(form, f))
        return kept

    def _hit(self, query: Query, entry_number: int, found: Best) -> Hit:
        slug, entry = self._entries[entry_number]
        listed = entry.names[found.name]
        rows = _evidence(query, entry, listed.name, found.score)
        romanised = found.form if found.form.source != romanise.AS_WRITTEN else None
        total = sum(row[0] * row[1] for row in rows.values()) / sum(row[1] for row in rows.values())
        return Hit(
            id=f"hit:{query.slug}:{slug}:{entry.entry_id}",
            list=entry.list_name,
            entry_id=entry.entry_id,
            matched_name=listed.name,
            score=_decimal(total),
            breakdown={k: _field(k, row, found.detail, romanised) for k, row in rows.items()},
            citation=ListCitation(doc_sha256=listed.doc_sha256, path=str(listed.path), text=listed.name,
                                  list_name=entry.list_name, entry_id=entry.entry_id),
        )


Row = tuple[float, float, str | None, str | None]


@dataclass(frozen=True)
class Best:
    """An entry's best name for a query: its score, its position, the rule that decided
    it and the query's form that scored it."""

    score: float
    name: int
    detail: str | None
    form: romanise.Romanised


def _field(key: str, row: Row, detail: str | None, romanised: romanise.Romanised | None) -> FieldScore:
    score, weight, query, listed = row
    if key != "name":
        return FieldScore(_decimal(score), _weight(weight), query, listed)
    shown = anyascii(romanised.text) if romanised else None  # the anyascii form shown as it reads
    return FieldScore(_decimal(score), _weight(weight), query, listed, detail, shown,
                      romanised.source if romanised else None)


def _key_text(form: NameForm) -> str:
    return " ".join(scoring.abjad_key(t.text) for t in form.tokens if t.role != "legal")


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
