"""The rescreen's steps: read the book, then screen it and say what changed."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from kyc.dispositions import consult_for_run
from kyc.findings import list_findings
from kyc.rescreen.book import read_book as read_approved_runs
from kyc.rescreen.changes import ListsNow, compare_book, is_fresh
from kyc.rescreen.context import Context
from kyc.rescreen.screening import screen_book
from kyc.rescreen.versions import StoredEntries
from kyc.screening.lists import lists_in_force, require_lists
from kyc.screening_step import list_use
from shared.runs.context import NodeRuntime, workflow_settings
from shared.runs.progress import progress_of

State = Mapping[str, Any]


def read_book(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    root = runtime.context.engagement_root
    book = read_approved_runs(Path(state["input_path"]), root)
    require_lists(root)  # refused before the screening, with the command to run
    return {"book": book, "inputs": list(book.inputs), "findings": list(book.findings)}


def rescreen_book(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """Every party against the lists in force; the new and changed hits looked up in the
    engagement's memory (`kyc.dispositions`), then each party's changes."""
    context, book = runtime.context, state["book"]
    lists = lists_in_force(context.engagement_root)
    screened = partial(progress_of(runtime).count, "parties screened")
    hits, refused = screen_book(book.parties, lists, workflow_settings(context, Context).screening_threshold, screened)
    parties = {party.key: party for party in book.parties}
    fresh, remembered = consult_for_run([h for h in hits if is_fresh(h, parties[h.party_id])], context)
    hits = _replaced(hits, fresh)
    changes = compare_book(book.parties, hits, ListsNow.of(lists, StoredEntries(context.engagement_root)))
    uses = [list_use(listed) for listed in lists]
    return {"hits": hits, "changes": changes, "lists": uses,
            "findings": refused + list_findings(uses, context.clock().date()) + remembered}


def _replaced(hits: list[Any], fresh: list[Any]) -> list[Any]:
    by_id = {hit.id: hit for hit in fresh}
    return [by_id.get(hit.id, hit) for hit in hits]
