"""The real public documents for tests, read in place through `shared.corpus`.

The corpus is resolved once, when the tests are collected, before any test moves HOME
into a temporary folder. Without it, every test that needs it skips with one line
naming FINAGENTS_CORPUS, and the rest of the suite still runs; `.ci/run` refuses to
start without it, so CI never skips them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.corpus import corpus_root, missing_message

ROOT: Path | None = corpus_root()
SKIP_REASON = f"needs the corpus: {missing_message()}"

needs_corpus = pytest.mark.skipif(ROOT is None, reason=SKIP_REASON)


def corpus_path(relative: str) -> Path:
    """A corpus file for a test: skips the test when there is no corpus, fails it when
    the corpus lacks the file (a corpus that is there must be whole)."""
    if ROOT is None:
        pytest.skip(SKIP_REASON)
    path = ROOT / relative
    if not path.exists():
        pytest.fail(f"{path} is missing from the corpus at {ROOT}")
    return path


def corpus_glob(folder: str, pattern: str) -> list[Path]:
    """Corpus files for parametrising at collection time: empty without a corpus (mark
    the test `needs_corpus` so that it skips with its line rather than for want of cases)."""
    if ROOT is None:
        return []
    return sorted((ROOT / folder).glob(pattern))
