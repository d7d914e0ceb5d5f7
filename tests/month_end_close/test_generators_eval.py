"""Matching on closes from two generators written apart (issue 16): five seeds each at
1,000 lines a side, each held to the targets (precision 99.5%, recall 99%, categories
95%, unexplained difference 0.00). The second generator was written without reading the
first or the matcher."""

from __future__ import annotations

from decimal import Decimal

import pytest

from month_end_close.evaluation.closes import GENERATORS, generated


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    made = generated(tmp_path_factory.mktemp("closes"))
    assert made is not None, "the generators are in the repository: the suite runs from a checkout"
    return {score.generator: score for score in made}


def test_both_generators_make_five_closes_each(scores):
    assert sorted(scores) == sorted(GENERATORS)
    assert all(len(score.cases) == 5 for score in scores.values())


def test_the_packs_own_generator_meets_every_target(scores):
    synthetic = scores["synthetic"]
    assert synthetic.meets_targets, synthetic.line()


def test_the_second_generator_meets_every_target(scores):
    books = scores["books"]
    assert books.meets_targets, books.line()


def test_every_kind_of_match_is_found_on_both(scores):
    for score in scores.values():
        kinds = score.by_kind()
        assert set(kinds) == {"exact", "date_window", "one_to_many", "many_to_one", "amount_difference"}, score.line()
        assert all(Decimal(right) / true >= Decimal("0.85") for right, true in kinds.values()), score.line()


def test_one_close_of_each_generator_meets_every_target(tmp_path):
    """The same scoring on a single seed: a few hundred milliseconds, so `make check` runs it."""
    made = generated(tmp_path, seeds=(1,))
    assert made is not None and [(s.generator, len(s.cases), s.meets_targets) for s in made] == [
        ("synthetic", 1, True), ("books", 1, True)]
    assert made[0].line().startswith("synthetic  1 closes of 1,000 lines: precision ")
    assert made[1].to_dict()["unexplained"] == "0.00"
