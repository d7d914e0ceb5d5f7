"""What a close carries from step to step. The bulky parts (statements, books and the
reconciliation: a hundred thousand lines a side in a large close) are `Packed`, so the
checkpoint after each step copies them as bytes instead of encoding them again."""

from __future__ import annotations

from month_end_close.entries import ProposedEntry
from month_end_close.flux import FluxRow
from month_end_close.folder import Books
from month_end_close.reconcile import Reconciliation
from month_end_close.records import Statement
from shared.runs.packed import Packed
from shared.runs.state import RunState


class State(RunState, total=False):
    statements: Packed  # tuple[Statement, ...]
    books: Packed  # folder.Books
    cash_account: str
    reconciliation: Packed  # reconcile.Reconciliation
    entries: Packed  # tuple[ProposedEntry, ...]
    flux: Packed  # tuple[FluxRow, ...]


def statements_of(state) -> tuple:
    return state["statements"].unpack(tuple[Statement, ...]) if "statements" in state else ()


def books_of(state):
    return state["books"].unpack(Books) if "books" in state else None


def reconciliation_of(state):
    return state["reconciliation"].unpack(Reconciliation) if "reconciliation" in state else None


def entries_of(state) -> tuple:
    return state["entries"].unpack(tuple[ProposedEntry, ...]) if "entries" in state else ()


def flux_of(state) -> tuple:
    return state["flux"].unpack(tuple[FluxRow, ...]) if "flux" in state else ()
