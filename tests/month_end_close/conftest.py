"""The close evaluation, computed once per session for the tests that read its parts (a
run of it takes some fifteen seconds, reading it none). With the corpus it is the whole
of `finagents eval month_end_close` with no cases: parsing, other layouts, the six cases,
both generators. Without one it holds the part that needs no corpus, the generated layout
families, and nothing else (a test of another part is marked `needs_corpus`)."""

from __future__ import annotations

import pytest

from month_end_close.evaluate import Report
from shared.corpus import ENV
from tests.support import corpus
from tests.support.shared_runs import private_home


@pytest.fixture(scope="session")
def close_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    from month_end_close.evaluate import evaluate
    from month_end_close.evaluation import generated
    from month_end_close.evaluation.layouts import evaluate_layouts

    with private_home(tmp_path_factory.mktemp("close-evaluation")), pytest.MonkeyPatch.context() as patch:
        if corpus.ROOT is None:
            made = generated.folder()
            assert made is not None  # the tests run in a checkout, where the generator is
            return Report(None, (), evaluate_layouts(generated.expected_statements(made)))
        patch.setenv(ENV, str(corpus.ROOT))  # the corpus the tests were collected with, whatever HOME is
        return evaluate()
