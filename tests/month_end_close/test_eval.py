"""The reconciliation evaluation's targets, asserted on the generated closes in
fixtures/close/cases, so an accuracy regression fails CI."""

from __future__ import annotations

from decimal import Decimal

import pytest

from month_end_close.evaluate import TARGETS, default_cases, evaluate
from month_end_close.evaluation.matching import score_case
from shared.cli import main
from shared.errors import InputError


@pytest.fixture(scope="module")
def report():
    return evaluate()


def test_matching_meets_its_targets_over_all_cases(report):
    assert len(report.cases) >= 5
    assert report.precision >= TARGETS["precision"] and report.recall >= TARGETS["recall"]
    assert report.parsing.meets_target and report.meets_targets


def test_every_case_reconciles_as_its_truth_says(report):
    for case in report.cases:
        assert case.unexplained == case.unexplained_expected, case.name
        assert case.categories_right >= case.categories * Decimal("0.95"), case.name


def test_a_case_scores_pairs_not_groups():
    case = score_case(default_cases()[0])
    assert case.true_pairs >= case.right_pairs > 0
    assert case.precision == (Decimal(case.right_pairs) / case.found_pairs).quantize(Decimal("0.0001"))


def test_a_folder_without_truth_is_refused(tmp_path):
    with pytest.raises(InputError, match="has no .truth.json"):
        evaluate([tmp_path])


def test_the_command_prints_the_table_and_writes_json(tmp_path, capsys):
    out = tmp_path / "eval.json"
    assert main(["eval", "month_end_close", str(default_cases()[0]), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and default_cases()[0].name in printed
    assert '"meets_targets": true' in out.read_text()
