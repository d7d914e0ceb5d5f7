"""result.json's `body` for a rescreen, and the items a reviewer must dispose of.

`changes` comes first: it is what the rescreen is for, and what a reviewer's item ids
are found in. `parties` holds every party as this rescreen screened it, with all its
hits now (unchanged ones too): the next rescreen compares with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kyc.body import VERDICTS
from kyc.rescreen.changes import counts
from shared.runs.gate import ReviewItem


def body(state: Mapping[str, Any]) -> dict[str, Any]:
    book, changes = state.get("book"), state.get("changes", [])
    parties = book.parties if book else ()
    hits: dict[str, list[Any]] = {}
    for hit in state.get("hits", []):
        hits.setdefault(hit.party_id, []).append(hit)
    return {
        "changes": [c.model_dump(mode="json") for c in changes],
        "summary": {"parties": len(parties), "runs": len(book.runs) if book else 0, **counts(changes)},
        "runs_read": [run.model_dump(mode="json") for run in book.runs] if book else [],
        "parties": [_party(party, hits.get(party.key, [])) for party in parties],
    }


def _party(party: Any, hits: list[Any]) -> dict[str, Any]:
    shown = party.model_dump(mode="json", exclude={"run_id", "lists", "hits"})
    return {**shown, "compared_with": party.run_id, "hits": [h.model_dump(mode="json") for h in hits]}


def review_items(state: Mapping[str, Any]) -> list[ReviewItem]:
    """The new and changed hits the memory does not clear; a delisting is information."""
    return [ReviewItem(id=c.id, kind="screening_hit", summary=c.message, verdicts=VERDICTS)
            for c in state.get("changes", []) if c.needs_verdict]
