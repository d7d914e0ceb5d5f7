"""The reconciliation evaluation's targets, asserted on the generated closes in
fixtures/close/cases, so an accuracy regression fails CI. The cases are the project's own,
so that part runs without a corpus; the whole evaluation also reads the corpus's
statements, and without one it is exit 2 naming FINAGENTS_CORPUS."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import month_end_close.evaluate as close_evaluation
from month_end_close.evaluate import TARGETS, default_cases, evaluate
from month_end_close.evaluation.matching import score_case
from shared.cli import main
from shared.corpus import ENV
from shared.errors import InputError
from tests.support.corpus import needs_corpus


@pytest.fixture(scope="module")
def report():
    """The cases named, so only the matching is scored: no corpus needed."""
    return evaluate(default_cases())


def test_matching_meets_its_targets_over_all_cases(report):
    assert len(report.cases) == 6 and report.parsing is None
    assert report.precision >= TARGETS["precision"] and report.recall >= TARGETS["recall"]
    assert report.meets_targets


def test_every_case_reconciles_as_its_truth_says(report):
    for case in report.cases:
        assert case.unexplained == case.unexplained_expected, case.name
        assert case.categories_right >= case.categories * Decimal("0.95"), case.name


def test_a_case_scores_pairs_not_groups():
    case = score_case(default_cases()[0])
    assert case.true_pairs >= case.right_pairs > 0
    assert case.precision == (Decimal(case.right_pairs) / case.found_pairs).quantize(Decimal("0.0001"))


def test_a_folder_without_truth_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"has no \.truth\.json"):
        evaluate([tmp_path])


def test_the_command_prints_the_table_and_writes_json(tmp_path, capsys):
    out = tmp_path / "eval.json"
    assert main(["eval", "month_end_close", str(default_cases()[0]), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and default_cases()[0].name in printed
    assert '"meets_targets": true' in out.read_text()


@needs_corpus
def test_the_whole_evaluation_reads_the_corpus_and_scores_both_generators(close_report, tmp_path, capsys,
                                                                          monkeypatch):
    """Parsing, layouts, the six cases and both generators' closes each meet their
    targets, and the exit code and the JSON say so. The evaluation is the session's
    (tests/month_end_close/conftest.py, shared with the parsing and layout tests); the
    command prints, writes and exits by it."""

    def whole(cases):
        assert cases is None  # the command named no cases: the whole evaluation
        return close_report

    monkeypatch.setattr(close_evaluation, "evaluate", whole)
    out = tmp_path / "eval.json"
    code = main(["eval", "month_end_close", "--json", str(out)])
    printed = capsys.readouterr().out
    assert ("statements exact 88/88, transactions exact 160/160, seeded errors caught 2/2 and located 2/2 "
            "(target: all): met") in printed
    assert "statements_pdf/good/anonymised_HSBC_UK_CUR_12345678_20240108.pdf" in printed
    written = json.loads(out.read_text())
    verdicts = {g["generator"]: g["meets_targets"] for g in written["generated"]}
    assert verdicts == {"synthetic": True, "books": True}
    assert code == 0 and written["meets_targets"] is True


def test_without_a_corpus_the_whole_evaluation_is_refused_but_named_cases_are_scored(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ENV, str(tmp_path / "no-corpus"))
    with pytest.raises(InputError) as refused:
        evaluate()
    assert refused.value.source == ENV and "no corpus of real documents found" in str(refused.value)
    assert main(["eval", "month_end_close"]) == 2
    assert capsys.readouterr().err.startswith(f"finagents: {ENV}: no corpus of real documents found")
    assert main(["eval", "month_end_close", str(default_cases()[0]), "--json", str(tmp_path / "eval.json")]) == 0
    assert "statements exact" not in capsys.readouterr().out
