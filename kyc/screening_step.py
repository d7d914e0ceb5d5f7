"""Screening the case's parties: each party becomes a query, each hit a reviewable item
that names the party it is about. The engine is `kyc.screening`; this module only puts
the case around it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

from pydantic import BaseModel, ConfigDict

from kyc.parties import Party
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


class Adjudication(BaseModel):
    """The model's view of a possible hit: advice for the reviewer, never a decision."""

    model_config = ConfigDict(frozen=True)

    likely: str
    reason: str
    model: str


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

    def is_certain(self, certain: Decimal) -> bool:
        """At or above `certain`, with a date of birth or country that agrees and none
        that contradicts."""
        evidence = [self.breakdown[f].score for f in CORROBORATING if f in self.breakdown]
        return self.score >= certain and any(s >= STRONG for s in evidence) and all(s >= CONTRADICTING for s in evidence)


def query_for(party: Party) -> Any:
    from kyc.screening.engine import Query

    return Query(name=party.name, type=party.type, dob=party.date_of_birth, country=party.country,
                 id=party.id.removeprefix("party:"))


def screen_parties(parties: Sequence[Party], engagement_root: Path | None, threshold: Decimal, case: Path,
                   on_name: Callable[[int, int], None] | None = None) -> tuple[list[ScreeningHit], list[ListUse]]:
    """`case` is the input folder: the pack's own sample is screened against the demo list.
    `on_name(done, total)`, if given, follows the names screened."""
    from kyc.screening.engine import Screener
    from kyc.screening.lists import lists_in_force

    lists = lists_in_force(engagement_root, case)
    screener = Screener(lists, threshold=threshold)
    found = screener.screen_many([query_for(party) for party in parties],
                                 None if on_name is None else lambda done: on_name(done, len(parties)))
    hits = [_hit(party, hit) for party, party_hits in zip(parties, found) for hit in party_hits]
    return hits, [list_use(listed) for listed in lists]


def list_use(listed: Any) -> ListUse:
    files = ", ".join(Path(p).name for p in listed.files)
    source = f"{listed.source} [{files}]" if listed.source else files
    return ListUse(name=listed.name, source=source, sha256=listed.sha256, date=listed.date,
                   date_origin=listed.date_origin)


def _hit(party: Party, hit: Any) -> ScreeningHit:
    breakdown = {field: FieldEvidence(score=f.score, weight=f.weight, query=f.query, listed=f.listed)
                 for field, f in hit.breakdown.items()}
    return ScreeningHit(id=hit.id, party_id=party.id, party_name=party.name, list=hit.list, entry_id=hit.entry_id,
                        matched_name=hit.matched_name, score=hit.score, breakdown=breakdown, citation=hit.citation)
