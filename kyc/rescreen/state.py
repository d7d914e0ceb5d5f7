"""What a rescreen carries from step to step (and through the checkpointer)."""

from __future__ import annotations

from kyc.rescreen.book import Book
from kyc.rescreen.changes import Change
from kyc.screening_step import ScreeningHit
from shared.runs.state import RunState


class State(RunState, total=False):
    book: Book
    hits: list[ScreeningHit]  # every hit now, the unchanged ones too (the next rescreen compares with them)
    changes: list[Change]
