"""The whole evidence of a possible hit, as the adjudication prompt shows it: the engine's
breakdown, the listed entry in full (`kyc.screening.entries`: every name with its kind,
dates and places of birth, nationalities, addresses, programmes, identifiers, remarks),
and the party's own evidence with its sources (`kyc.party_evidence`).

The entry is looked up in the version of its list that screened the case (by the sha256
the run recorded), and must still be the entry that was screened (its fingerprint). When
it cannot be found the prompt says so, with the reason, and the model's view records it:
nothing is filled in from elsewhere."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kyc.fingerprints import entry_sha256
from kyc.party_evidence import party_evidence
from kyc.screening.entries import FullEntry, entries_in_full, screened_list
from kyc.screening_step import ScreeningHit
from shared.errors import InputError

# How the prompt names each kind of listed name (the loaders' kinds; others as they are).
KINDS = {"primary": "primary name", "aka": "strong a.k.a.", "fka": "f.k.a.", "nka": "n.k.a.",
         "low quality aka": "weak a.k.a.", "low quality fka": "weak f.k.a.", "low quality nka": "weak n.k.a.",
         "original script": "original script"}
_PRINTED = ("dates_of_birth", "places_of_birth", "nationalities", "citizenships", "addresses", "address_countries",
            "identifiers", "other", "remarks")
Found = FullEntry | str  # the entry, or why it could not be shown


def shown_hits(doubtful: Sequence[ScreeningHit], state: Mapping[str, Any],
               engagement_root: Path | None) -> list[dict[str, Any]]:
    """The prompt's `hits`: one dict per hit, in order."""
    found = listed_entries(doubtful, state.get("lists") or (), engagement_root, Path(state["input_path"]))
    parties, packet = {p.id: p for p in state["parties"]}, state["packet"]
    return [shown(hit, parties[hit.party_id], found[hit.id], packet, state.get("structure")) for hit in doubtful]


def shown(hit: ScreeningHit, party: Any, entry: Found, packet: Any, structure: Any) -> dict[str, Any]:
    return {"party_name": party.name, "party_type": party.type, "party_dob": party.date_of_birth or "",
            "party_country": party.country or "", "list": hit.list, "entry_id": hit.entry_id,
            "matched_name": hit.matched_name, "score": str(hit.score),
            "breakdown": {f: {"score": str(e.score), "query": e.query or "", "listed": e.listed or ""}
                          for f, e in hit.breakdown.items()},
            "listed": listed_view(entry) if isinstance(entry, FullEntry) else None,
            "missing": entry if isinstance(entry, str) else "",
            "evidence": [source.to_prompt() for source in party_evidence(party, packet, structure)]}


def listed_view(full: FullEntry) -> dict[str, Any]:
    entry, printed = full.entry, full.printed
    view: dict[str, Any] = {"type": entry.type, "programmes": list(entry.programs),
                            "names": [{"name": n.name, "kind": KINDS.get(n.kind, n.kind)} for n in entry.names]}
    view.update({field: list(getattr(printed, field)) for field in _PRINTED})
    if not view["dates_of_birth"]:  # a list whose dates only the parser's reading gives
        view["dates_of_birth"] = list(entry.dates_of_birth)
    return view


def listed_entries(hits: Sequence[ScreeningHit], uses: Sequence[Any], engagement_root: Path | None,
                   case: Path) -> dict[str, Found]:
    """Each hit's entry in full, or why not; each list read once for all its hits."""
    screened = {use.name: use.sha256 for use in uses}
    by_list: dict[str, list[ScreeningHit]] = defaultdict(list)
    for hit in hits:
        by_list[hit.list].append(hit)
    found: dict[str, Found] = {}
    for name, listed_hits in by_list.items():
        entries, why = _entries_of(name, screened.get(name), {h.entry_id for h in listed_hits}, engagement_root, case)
        found.update({hit.id: _checked(hit, entries, why) for hit in listed_hits})
    return found


def _entries_of(name: str, sha256: str | None, ids: set[str], engagement_root: Path | None,
                case: Path) -> tuple[Mapping[str, FullEntry], str]:
    try:
        listed = screened_list(name, sha256, engagement_root, case)
        if listed is None:
            version = f" (sha256 {sha256[:12]})" if sha256 else ""
            return {}, f"the version of {name}{version} that screened the case is no longer stored"
        entries = entries_in_full(listed, ids)
    except InputError as error:
        return {}, f"{name} could not be read: {error}"
    if entries is None:
        return {}, f"the files of {name} changed since they screened the case"
    return entries, ""


def _checked(hit: ScreeningHit, entries: Mapping[str, FullEntry], why: str) -> Found:
    full = entries.get(hit.entry_id)
    if full is None:
        return why or f"entry {hit.entry_id} is not in {hit.list} any more"
    if hit.entry_sha256 and entry_sha256(full.entry) != hit.entry_sha256:
        return f"entry {hit.entry_id} of {hit.list} is no longer the entry that was screened: it changed since"
    return full
