"""What changed for each party since its last screening, and only that.

- `new`: a hit on an entry that was not a hit for the party last time;
- `changed`: a hit on the same entry, whose content changed since (its sha256 differs,
  or the version screened against last time is no longer stored, so nobody can tell);
- `delisted`: last time's hit is gone because its entry is no longer on the list;
- `no_longer_hit`: the entry is still listed but no longer scores at the threshold;
- `list_not_in_force`: last time's hit was on a list that is not in force now.

New and changed hits need a verdict, unless the engagement's memory clears them; the
others are information. A hit on the same entry with the same content is no change and
is not reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict

from kyc.dispositions import Cleared
from kyc.rescreen.book import BookParty, PreviousHit
from kyc.rescreen.versions import StoredEntries, difference
from kyc.screening.records import ListEntry, ScreeningList, list_slug
from kyc.screening_step import FieldEvidence, ScreeningHit
from shared.documents.citation import ListCitation

Kind = Literal["new", "changed", "delisted", "no_longer_hit", "list_not_in_force"]
KINDS: tuple[str, ...] = get_args(Kind)


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str  # a new or changed hit's own id (the item the reviewer gives a verdict on)
    kind: Kind
    needs_verdict: bool
    message: str
    party_key: str
    party_name: str
    customer: str
    list: str
    entry_id: str
    matched_name: str
    last_screened_in: str  # the run it is compared with
    citation: ListCitation  # the entry now (new, changed) or as it was (the others)
    score: Decimal | None = None
    breakdown: dict[str, FieldEvidence] | None = None
    entry_sha256_then: str | None = None
    entry_sha256_now: str | None = None
    previous_citation: ListCitation | None = None
    cleared: Cleared | None = None
    previously_cleared: str | None = None


@dataclass(frozen=True)
class ListsNow:
    """The entries of the lists in force, and the versions each party was screened against."""

    entries: Mapping[tuple[str, str], ListEntry]
    names: frozenset[str]
    then: StoredEntries

    @classmethod
    def of(cls, lists: Sequence[ScreeningList], then: StoredEntries) -> ListsNow:
        entries = {(listed.name, entry.entry_id): entry for listed in lists for entry in listed.entries}
        return cls(entries, frozenset(listed.name for listed in lists), then)

    def difference(self, party: BookParty, before: PreviousHit) -> str | None:
        then = self.then.entry(party.lists, before.list, before.entry_id)
        return difference(then, self.entries.get((before.list, before.entry_id)))


def is_fresh(hit: ScreeningHit, party: BookParty) -> bool:
    """New or changed since the party's last screening: what the memory is asked about."""
    before = party.previous(hit.list, hit.entry_id)
    return before is None or before.entry_sha256 != hit.entry_sha256


def compare_book(parties: Sequence[BookParty], hits: Sequence[ScreeningHit], now: ListsNow) -> list[Change]:
    """Every party's changes, new hits first (`change_order`)."""
    by_party: dict[str, list[ScreeningHit]] = {}
    for hit in hits:
        by_party.setdefault(hit.party_id, []).append(hit)
    return sorted((c for party in parties for c in compare(party, by_party.get(party.key, []), now)),
                  key=change_order)


def compare(party: BookParty, hits: Sequence[ScreeningHit], now: ListsNow) -> list[Change]:
    """The party's changes, given its hits now and the lists in force."""
    fresh = [_hit_change(party, hit, now) for hit in hits if is_fresh(hit, party)]
    found = {(hit.list, hit.entry_id) for hit in hits}
    gone = [_gone(party, before, now) for before in party.hits if (before.list, before.entry_id) not in found]
    return fresh + gone


def _hit_change(party: BookParty, hit: ScreeningHit, now: ListsNow) -> Change:
    before = party.previous(hit.list, hit.entry_id)
    kind = "new" if before is None else "changed"
    message = (_new_text(party, hit) if before is None else
               _changed_text(party, hit, before, now.difference(party, before))) + _memory_note(hit)
    return Change(id=hit.id, kind=kind, needs_verdict=hit.cleared is None, message=message, party_key=party.key,
                  party_name=party.name, customer=party.customer, list=hit.list, entry_id=hit.entry_id,
                  matched_name=hit.matched_name, last_screened_in=party.run_id, citation=hit.citation,
                  score=hit.score, breakdown=hit.breakdown, entry_sha256_then=before.entry_sha256 if before else None,
                  entry_sha256_now=hit.entry_sha256, previous_citation=before.citation if before else None,
                  cleared=hit.cleared, previously_cleared=hit.previously_cleared)


def _new_text(party: BookParty, hit: ScreeningHit) -> str:
    return (f"New hit: {_who(party)} against {hit.list} entry {hit.entry_id} '{hit.matched_name}', score {hit.score} "
            f"(no hit on this entry when last screened, in run {party.run_id})")


def _changed_text(party: BookParty, hit: ScreeningHit, before: PreviousHit, what: str | None) -> str:
    why = ("the list version screened against then is no longer stored, so whether the entry changed cannot be "
           "told" if before.entry_sha256 is None else f"the entry changed since ({what or 'details not stored'})")
    return (f"Changed entry: {_who(party)} against {hit.list} entry {hit.entry_id} '{hit.matched_name}', score "
            f"{hit.score}, a hit when last screened in run {party.run_id}: {why}")


def _memory_note(hit: ScreeningHit) -> str:
    if hit.cleared is not None:
        return f"; {hit.cleared.message} (no verdict needed)"
    return f"; it {hit.previously_cleared}" if hit.previously_cleared else ""


def _gone(party: BookParty, before: PreviousHit, now: ListsNow) -> Change:
    kind, why = _why_gone(party, before, now)
    return Change(id=f"{kind}:{party.key}:{list_slug(before.list)}:{before.entry_id}", kind=kind, needs_verdict=False,
                  message=f"{before.list} entry {before.entry_id} '{before.matched_name}', a hit for {_who(party)} "
                          f"in run {party.run_id}, {why}",
                  party_key=party.key, party_name=party.name, customer=party.customer, list=before.list,
                  entry_id=before.entry_id, matched_name=before.matched_name, last_screened_in=party.run_id,
                  citation=before.citation, entry_sha256_then=before.entry_sha256)


def _why_gone(party: BookParty, before: PreviousHit, now: ListsNow) -> tuple[str, str]:
    if before.list not in now.names:
        return "list_not_in_force", f"was on a list that is not in force now ({before.list})"
    if (before.list, before.entry_id) not in now.entries:
        return "delisted", f"is no longer on the {before.list} list in force (delisted)"
    what = now.difference(party, before)
    return "no_longer_hit", (f"is still listed but no longer scores {party.threshold} or more"
                             + (f" (the entry changed: {what})" if what else ""))


def _who(party: BookParty) -> str:
    return f"{party.name} ({party.customer})" if party.name != party.customer else party.name


def change_order(change: Change) -> tuple[Any, ...]:
    """New hits first, then changed entries (what needs a verdict), then what is gone;
    within a kind, by customer and party."""
    return KINDS.index(change.kind), change.customer, change.party_name, change.list, change.entry_id


def counts(changes: Sequence[Change]) -> dict[str, Any]:
    """How many changes of each kind, how many need a verdict and how many the memory cleared."""
    by_kind = {kind: sum(1 for c in changes if c.kind == kind) for kind in KINDS}
    return {**by_kind, "needs_verdict": sum(1 for c in changes if c.needs_verdict),
            "cleared": sum(1 for c in changes if c.cleared is not None)}
