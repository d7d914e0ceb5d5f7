"""The SEC filings the earnings tests read, in place from the corpus (`tests.support.corpus`)."""

from __future__ import annotations

from pathlib import Path

from tests.support.corpus import corpus_path


def filing(name: str) -> Path:
    """A filing PDF of the corpus; without a corpus the test asking for it skips."""
    return corpus_path(f"earnings/pdfs/{name}")
