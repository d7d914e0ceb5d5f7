"""Screening the case's parties: each party becomes a query, each hit a reviewable item
that names the party it is about. The engine is `kyc.screening`; this module only puts
the case around it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from kyc.dispositions import Cleared
from kyc.fingerprints import entry_sha256, party_sha256
from kyc.parties import Party
from kyc.screening.engine import Query, Screener
from kyc.screening.lists import lists_in_force
from shared.documents.citation import ListCitation
from shared.runs.result import ListUse

CORROBORATING = ("dob", "country")
STRONG, CONTRADICTING = Decimal(90), Decimal(50)


class FieldEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    score: Decimal
    weight: Decimal
    query: str | None
    listed: str | None


class FieldCheck(BaseModel):
    """One field the model compared: the party's value (with its source), the listed one,
    and whether they agree, disagree or one is not given."""

    model_config = ConfigDict(frozen=True)

    field: str
    party: str
    listed: str
    outcome: str


class Adjudication(BaseModel):
    """The model's view of a possible hit: advice for the reviewer, never a decision."""

    model_config = ConfigDict(frozen=True)

    likely: str
    reason: str
    model: str
    comparisons: tuple[FieldCheck, ...] = ()
    # Why the model was not shown the listed entry in full (the list changed since the
    # screening), so its view rests on the engine's breakdown alone; None when it was.
    entry_not_found: str | None = None


class ScreeningHit(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    party_id: str
    party_name: str
    list: str
    entry_id: str
    matched_name: str
    score: Decimal
    breakdown: dict[str, FieldEvidence]
    citation: ListCitation
    adjudication: Adjudication | None = None
    # What the dispositions memory keys on (`kyc.fingerprints`); None in runs made before it.
    entry_sha256: str | None = None
    party_sha256: str | None = None
    # Set when the engagement's memory clears the hit (no verdict needed), or says why a
    # hit it once cleared is back for review.
    cleared: Cleared | None = None
    previously_cleared: str | None = None

    def is_certain(self, certain: Decimal) -> bool:
        """At or above `certain`, with a date of birth or country that agrees and none
        that contradicts."""
        evidence = [self.breakdown[f].score for f in CORROBORATING if f in self.breakdown]
        return (self.score >= certain and any(s >= STRONG for s in evidence)
                and all(s >= CONTRADICTING for s in evidence))


def query_for(party: Party) -> Any:
    return Query(name=party.name, type=party.type, dob=party.date_of_birth, country=party.country,
                 id=party.id.removeprefix("party:"))


class Named(NamedTuple):
    """A query and the party it stands for, as the hits will name it."""

    party_id: str
    party_name: str
    query: Any  # kyc.screening.engine.Query


def screen_parties(parties: Sequence[Party], engagement_root: Path | None, threshold: Decimal, case: Path,
                   on_name: Callable[[int, int], None] | None = None) -> tuple[list[ScreeningHit], list[ListUse]]:
    """`case` is the input folder: the pack's own sample is screened against the demo list.
    `on_name(done, total)`, if given, follows the names screened."""
    lists = lists_in_force(engagement_root, case)
    named = [Named(party.id, party.name, query_for(party)) for party in parties]
    return screen_named(named, lists, threshold, on_name), [list_use(listed) for listed in lists]


def screen_named(named: Sequence[Named], lists: Sequence[Any], threshold: Decimal,
                 on_name: Callable[[int, int], None] | None = None) -> list[ScreeningHit]:
    """Every hit of every query, each with the fingerprints of its entry and its party."""
    screener = Screener(lists, threshold=threshold)
    found = screener.screen_many([n.query for n in named],
                                 None if on_name is None else lambda done: on_name(done, len(named)))
    entries = {(entry.list_name, entry.entry_id): entry for listed in lists for entry in listed.entries}
    return [_hit(n, hit, entries[(hit.list, hit.entry_id)]) for n, hits in zip(named, found) for hit in hits]


def list_use(listed: Any) -> ListUse:
    files = ", ".join(Path(p).name for p in listed.files)
    source = f"{listed.source} [{files}]" if listed.source else files
    return ListUse(name=listed.name, source=source, sha256=listed.sha256, date=listed.date,
                   date_origin=listed.date_origin)


def _hit(named: Named, hit: Any, entry: Any) -> ScreeningHit:
    query = named.query
    breakdown = {field: FieldEvidence(score=f.score, weight=f.weight, query=f.query, listed=f.listed)
                 for field, f in hit.breakdown.items()}
    return ScreeningHit(id=hit.id, party_id=named.party_id, party_name=named.party_name, list=hit.list,
                        entry_id=hit.entry_id, matched_name=hit.matched_name, score=hit.score, breakdown=breakdown,
                        citation=hit.citation, entry_sha256=entry_sha256(entry),
                        party_sha256=party_sha256(query.name, query.type, query.dob, query.country))
