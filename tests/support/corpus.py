"""The real public documents for tests, read in place through `shared.corpus`.

The corpus is resolved once, when the tests are collected, before any test moves HOME
into a temporary folder. Without it, every test that needs it skips with one line
naming FINAGENTS_CORPUS, and the rest of the suite still runs; `.ci/run` refuses to
start without it, so CI never skips them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from shared.corpus import corpus_root, missing_message
from shared.corpus_download import read_manifest

ROOT: Path | None = corpus_root()
SKIP_REASON = f"needs the corpus: {missing_message()}"

needs_corpus = pytest.mark.skipif(ROOT is None, reason=SKIP_REASON)


def corpus_path(relative: str) -> Path:
    """A corpus file for a test: skips the test when there is no corpus, fails it when
    the corpus lacks a downloadable file (a corpus that is there must be whole). A truth
    file the corpus's authors derived is not downloaded by `make corpus`: without it the
    test skips, saying so."""
    if ROOT is None:
        pytest.skip(SKIP_REASON)
    path = ROOT / relative
    if not path.exists() and relative in _derived():
        pytest.skip(f"needs {relative}, a truth file of the full corpus that `make corpus` cannot download")
    if not path.exists():
        pytest.fail(f"{path} is missing from the corpus at {ROOT}")
    return path


@cache
def _derived() -> frozenset[str]:
    return frozenset(item.path for item in read_manifest() if item.derived)


def corpus_glob(folder: str, pattern: str) -> list[Path]:
    """Corpus files for parametrising at collection time: empty without a corpus (mark
    the test `needs_corpus` so that it skips with its line rather than for want of cases)."""
    if ROOT is None:
        return []
    return sorted((ROOT / folder).glob(pattern))


def skip_without_corpus() -> None:
    """For fixtures (marks on a fixture have no effect): skip the test that asked for it."""
    if ROOT is None:
        pytest.skip(SKIP_REASON)


def in_corpus(relative: str) -> Path:
    """A corpus path for a module-level constant; only tests marked `needs_corpus` (or
    fixtures calling `skip_without_corpus`) may open it."""
    return (ROOT or Path("/finagents-corpus-not-found")) / relative
