"""Screening the book against the lists now in force: one query per party, each kept to
the threshold of its own last screening (or the rescreen's, when one is set), so that a
changed threshold does not pass for a changed list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from kyc.rescreen.book import BookParty
from kyc.screening.engine import Query
from kyc.screening_step import Named, ScreeningHit, screen_named
from shared.findings import Finding, finding


def screen_book(parties: Sequence[BookParty], lists: Sequence[Any], threshold: Decimal | None,
                on_party: Callable[[int, int], None] | None = None) -> tuple[list[ScreeningHit], list[Finding]]:
    named, findings = book_queries(parties)
    if not named:
        return [], findings
    kept_from = {p.key: threshold if threshold is not None else p.threshold for p in parties}
    hits = screen_named(named, lists, min(kept_from[n.party_id] for n in named), on_party)
    return [hit for hit in hits if hit.score >= kept_from[hit.party_id]], findings


def book_queries(parties: Sequence[BookParty]) -> tuple[list[Named], list[Finding]]:
    """A query for each party; a party whose recorded data the screener refuses is named
    in a finding, never dropped silently."""
    named, findings = [], []
    for party in parties:
        try:
            query = Query(name=party.name, type=party.type, dob=party.date_of_birth, country=party.country,
                          id=party.key)
        except ValueError as exc:
            findings.append(finding("party_not_screened", party.key, f"{party.name} ({party.customer}), from run "
                                    f"{party.run_id}, was not screened: {exc}", "error"))
            continue
        named.append(Named(party.key, party.name, query))
    return named, findings
