"""The parsing evaluation: on the corpus (read in place) every statement is exact and both
seeded errors are caught and located (the target, asserted so a regression fails CI); a
wrong truth or a reader that misses is reported as a mismatch."""

from __future__ import annotations

import copy
import json
import shutil
from functools import cache

from month_end_close.evaluation.parsing import HSBC, ParsingScore, evaluate_parsing
from tests.month_end_close.statement_files import path, truth
from tests.support.corpus import corpus_path


@cache
def _score() -> ParsingScore:
    return evaluate_parsing(corpus_path("close"))


def test_the_corpus_meets_the_target():
    score = _score()
    assert score.mismatches == () and score.meets_target
    # 6 HSBC statements, 76 MT940 statements in 12 files, 6 OFX accounts in 5 files.
    assert (score.statements_checked, score.statements_exact) == (88, 88)
    assert (score.transactions_checked, score.transactions_exact) == (160, 160)
    assert (len(score.seeded), score.seeded_caught, score.seeded_located) == (2, 2, 2)


def test_the_table_shows_each_file_and_the_verdict():
    table = _score().table()
    assert "statements_pdf/good/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf" in table
    assert "mt940/betterplace_sepa_mt9401.sta" in table and "ofx/multiple_accounts2.ofx" in table
    assert table.splitlines()[-1].endswith("(target: all): met")
    assert _score().to_dict()["seeded_located"] == 2


def _copy_with_truth(tmp_path, change) -> ParsingScore:
    """A close folder laid out as the corpus's, made here with only the savings statement
    and the seeded card copied from the corpus, and their truth changed."""
    root = tmp_path / HSBC
    keep = ("good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf",
            "bad_seeded_error/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf")
    for key in keep:
        (root / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path(key), root / key)
    kept = copy.deepcopy({key: truth()[key] for key in keep})
    change(kept)
    (root / "statement_summaries.json").write_text(json.dumps(kept, default=str), encoding="utf-8")
    return evaluate_parsing(tmp_path)


def test_a_figure_that_differs_from_the_truth_is_a_mismatch(tmp_path):
    def wrong_closing(truth):
        truth["good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf"]["closing_balance"] = "1600.62"

    score = _copy_with_truth(tmp_path, wrong_closing)
    assert score.statements_exact == 0 and not score.meets_target
    assert score.mismatches[0] == ("statements_pdf/good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf: "
                                   "closing_balance read 1600.52, truth 1600.62")


def test_a_seeded_error_found_elsewhere_is_caught_but_not_located(tmp_path):
    def elsewhere(truth):
        key = "bad_seeded_error/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf"
        truth[key]["seeded_error"] = truth[key]["seeded_error"].replace("page 1", "page 2")

    (seeded,) = _copy_with_truth(tmp_path, elsewhere).seeded
    assert seeded.caught and not seeded.located
