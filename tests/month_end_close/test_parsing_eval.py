"""The parsing evaluation: on the corpus (read in place) every statement is exact and both
seeded errors are caught and located (the target, asserted so a regression fails CI); a
wrong truth or a reader that misses is reported as a mismatch."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from fixtures.close.statements.families import FAMILIES
from month_end_close import evaluate as close_evaluation
from month_end_close.evaluation import generated, layouts, statements_more
from month_end_close.evaluation.layouts import (
    ACCURACY_IN_FORCE,
    Expected,
    LayoutScore,
    evaluate_layouts,
    judge,
    judge_file,
)
from month_end_close.evaluation.parsing import HSBC, ParsingScore, evaluate_parsing
from month_end_close.records import BankLine, CitedAmount, Statement
from shared.documents.citation import PdfCitation
from shared.errors import InputError
from tests.month_end_close.statement_files import path, truth
from tests.support.corpus import ROOT, corpus_glob, needs_corpus


@pytest.fixture
def parsing_score(close_report) -> ParsingScore:
    """The corpus's `close/` folder scored, as the session's whole evaluation scored it."""
    return close_report.parsing


@needs_corpus
def test_the_corpus_meets_the_target(parsing_score):
    score = parsing_score
    assert score.mismatches == () and score.meets_target
    # 6 HSBC statements, 76 MT940 statements in 12 files, 6 OFX accounts in 5 files.
    assert (score.statements_checked, score.statements_exact) == (88, 88)
    assert (score.transactions_checked, score.transactions_exact) == (160, 160)
    assert (len(score.seeded), score.seeded_caught, score.seeded_located) == (2, 2, 2)


@needs_corpus
def test_the_table_shows_each_file_and_the_verdict(parsing_score):
    table = parsing_score.table()
    assert "statements_pdf/good/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf" in table
    assert "mt940/betterplace_sepa_mt9401.sta" in table and "ofx/multiple_accounts2.ofx" in table
    assert table.splitlines()[-1].endswith("(target: all): met")
    assert parsing_score.to_dict()["seeded_located"] == 2


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


def test_two_statements_read_as_their_truth_says_make_the_table(tmp_path):
    score = _copy_with_truth(tmp_path, lambda truth: None)
    assert score.table().splitlines()[1:] == [
        "statements_pdf/good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf pdf"
        "                     1      1      -      -",
        "seeded error statements_pdf/bad_seeded_error/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf: "
        "caught, located",
        # The target asks for both of the corpus's seeded errors; this folder holds one.
        "statements exact 1/1, transactions exact 0/0, seeded errors caught 1/1 and located 1/1 (target: all): "
        "NOT MET"]
    assert score.to_dict() == {"statements_checked": 1, "statements_exact": 1, "transactions_checked": 0,
                               "transactions_exact": 0, "seeded_errors": 1, "seeded_caught": 1, "seeded_located": 1,
                               "meets_target": False, "mismatches": []}


@needs_corpus
def test_the_other_banks_statements_are_expected_as_their_truth_files_say():
    expected, notes = statements_more.expected_statements(ROOT / "close")
    assert [(e.group, len(e.lines), e.opening, e.closing) for e in expected] == [
        ("statements_more/gravy_toast_2025-01.pdf", 62, Decimal("50000.00"), Decimal("11663.82")),
        ("statements_more/postbank_demokonto_2020-01.pdf", 11, Decimal("2853.82"), Decimal("5314.05"))]
    assert notes == []


def test_a_seeded_error_found_elsewhere_is_caught_but_not_located(tmp_path):
    def elsewhere(truth):
        key = "bad_seeded_error/anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf"
        truth[key]["seeded_error"] = truth[key]["seeded_error"].replace("page 1", "page 2")

    (seeded,) = _copy_with_truth(tmp_path, elsewhere).seeded
    assert seeded.caught and not seeded.located


# -- statements of other layouts (issue 15) ----------------------------------------------
# The generated families need no corpus; the corpus's statements_more join them when it
# is there. With today's reader most are refused or not proven: what is asserted now is
# the table itself and that none is ever proven wrongly. The accuracy targets are the
# xfail tests at the end, switched on with layouts.ACCURACY_IN_FORCE.

FAMILY_NAMES = [family.name for family in FAMILIES]
REAL_OTHERS = [p.name for p in corpus_glob("close/statements_more", "*.pdf")]
NOT_YET = pytest.mark.xfail(not ACCURACY_IN_FORCE, strict=False,
                            reason="the layout-agnostic reader (issue 15) is being written: these are its targets, "
                                   "switched on with month_end_close.evaluation.layouts.ACCURACY_IN_FORCE")


@pytest.fixture(scope="session")
def layout_score(close_report) -> LayoutScore:
    """The corpus's other banks (with the corpus) and every generated family, as the
    session's close evaluation scored them (conftest.py)."""
    return close_report.layouts


def test_the_layouts_table_has_a_row_per_family_and_none_is_proven_wrongly(layout_score):
    table = layout_score.table()
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[1:] if line.startswith("generated/")}
    assert list(rows) == [f"generated/{name}" for name in FAMILY_NAMES]
    assert all(row[0] == ("6" if name.endswith("two_in_one") else "3") for name, row in rows.items())
    total = 48 + len(REAL_OTHERS)
    assert layout_score.count("proven_wrongly") == 0 and layout_score.count("crashed") == 0
    assert layout_score.meets_target
    overall = next(line for line in table.splitlines() if line.startswith("other layouts:"))
    assert overall.startswith(f"other layouts: {total} statements in {15 + len(REAL_OTHERS)} rows, read exactly ")
    assert "proven wrongly 0 (must be 0)" in overall and overall.endswith(": met")
    assert layout_score.to_dict()["groups"][-1]["name"] == "generated/corrupted_balance"


@needs_corpus
def test_the_real_statements_of_other_banks_have_their_rows(layout_score):
    assert REAL_OTHERS == ["gravy_toast_2025-01.pdf", "postbank_demokonto_2020-01.pdf"]
    shown = {g.name: len(g.verdicts) for g in layout_score.groups if g.name.startswith("statements_more/")}
    assert shown == {f"statements_more/{name}": 1 for name in REAL_OTHERS}


@needs_corpus
def test_the_evaluation_adds_the_layouts_table_between_the_corpus_and_the_matching(monkeypatch, tmp_path):
    one_family = tmp_path / "one"
    generated.generator().generate(one_family, FAMILIES[:1])
    with monkeypatch.context() as patched:
        patched.setattr(generated, "folder", lambda: one_family)
        score = close_evaluation.other_layouts(ROOT / "close")
    names = [*(f"statements_more/{name}" for name in REAL_OTHERS), "generated/uk_paid_out_paid_in"]
    assert [g.name for g in score.groups] == names and score.notes == ()
    parsing = type("Parsing", (), {"table": lambda self: "PARSING", "meets_target": True})()
    table = close_evaluation.Report(parsing, (), score).table().splitlines()
    assert table[0] == "PARSING" and table[2].startswith("statement layout") and table[-1].startswith("all cases")
    monkeypatch.setattr(generated, "generator", lambda: None)  # an installed pack: fixtures/ is not in the wheel
    assert close_evaluation.other_layouts(ROOT / "close").notes == (generated.UNAVAILABLE,)


def test_the_cache_folder_is_the_users_and_named_by_the_generators_version():
    environ = {"HOME": "/home/someone"}
    assert generated.cache_folder("abc", environ) == Path("/home/someone/.cache/finagents/statements/abc")
    assert generated.cache_folder("abc", {"XDG_CACHE_HOME": "/c"}) == Path("/c/finagents/statements/abc")
    version = generated.generator().version()
    assert len(version) == 16 and version == generated.generator().version()


# -- judging one statement: made-up readings of a three-line statement -----------------

_OPENING = Decimal("100.00")
_LINES = ((dt.date(2024, 3, 4), Decimal("-30.00")), (dt.date(2024, 3, 9), Decimal("50.00")),
          (dt.date(2024, 3, 11), Decimal("-5.00")))


def _cite(text: str) -> PdfCitation:
    return PdfCitation(doc_sha256="0" * 64, path="made.pdf", text=text, page=1, bbox=(0, 0, 1, 1))


def _reading(lines=_LINES, balances: tuple[str, ...] | None = None, closing: str = "115.00") -> Statement:
    balances = balances or (None,) * len(lines)
    read = tuple(BankLine(f"made.pdf:1:{i}", day, "line", amount, _cite(str(amount)),
                          CitedAmount(Decimal(b), _cite(b)) if b else None)
                 for i, ((day, amount), b) in enumerate(zip(lines, balances, strict=True), start=1))
    return Statement("made.pdf", "0" * 64, "pdf", read, opening=CitedAmount(_OPENING, _cite("100.00")),
                     closing=CitedAmount(Decimal(closing), _cite(closing)))


def _expected(outcome: str = "exact", first_break: int | None = None, closing: str = "115.00") -> Expected:
    return Expected("generated/made", Path("made.pdf"), 0, _OPENING, Decimal(closing), _LINES, outcome, first_break)


def test_an_exact_reading_that_proves_is_as_expected():
    verdict = judge(_reading(), _expected())
    assert (verdict.exact, verdict.proven, verdict.as_expected, verdict.proven_wrongly) == (True, True, True, False)


def test_a_reading_that_proves_with_a_wrong_date_is_proven_wrongly():
    swapped = ((dt.date(2024, 4, 3), Decimal("-30.00")), *_LINES[1:])  # day-first read as month-first
    verdict = judge(_reading(swapped), _expected())
    assert verdict.proven and not verdict.exact and verdict.proven_wrongly
    assert verdict.mismatches == ("3 lines read, truth 3; 1 not read, first 2024-03-04 -30.00; "
                                  "1 not in the truth, first 2024-04-03 -30.00",)


def test_a_corrupted_balance_is_as_expected_only_unproved_with_its_break_named():
    # 210.00 printed for 120.00, and carried on to the closing
    reading = _reading(balances=("70.00", "210.00", "205.00"), closing="205.00")
    verdict = judge(reading, _expected("unproved", first_break=2, closing="205.00"))
    assert (verdict.exact, verdict.proven, verdict.as_expected, verdict.proven_wrongly) == (True, False, True, False)
    assert not judge(reading, _expected("unproved", first_break=3, closing="205.00")).as_expected
    hidden = judge(_reading(lines=(*_LINES[:2], (_LINES[2][0], Decimal("85.00"))), closing="205.00"),
                   _expected("unproved", first_break=2, closing="205.00"))  # an amount made up to prove
    assert hidden.proven and hidden.proven_wrongly and hidden.mismatches[0].startswith("3 lines read, truth 3")


def test_an_ambiguous_statement_proven_silently_is_proven_wrongly_even_when_its_guess_is_right():
    verdict = judge(_reading(), _expected("ambiguous_dates"))
    assert verdict.exact and verdict.proven and verdict.proven_wrongly and not verdict.as_expected


def test_a_refusal_and_a_crash_are_scored_and_a_crash_fails_the_target(monkeypatch):
    def refuse(path):
        raise InputError(path, "is not a bank statement this pack reads")

    monkeypatch.setattr(layouts, "read_statement", refuse)
    (verdict,) = judge_file(Path("made.pdf"), [_expected()])
    assert verdict.refused and not verdict.crashed
    assert verdict.mismatches == ("refused: made.pdf: is not a bank statement this pack reads",)
    monkeypatch.setattr(layouts, "read_statement", lambda path: 1 / 0)
    score = evaluate_layouts([_expected()])
    assert score.count("refused") == score.count("crashed") == 1 and not score.meets_target
    assert "  CRASHED: made.pdf#1: reader crashed: ZeroDivisionError: division by zero" in score.table()


# -- the targets, switched on when the reader lands ---------------------------------------


@NOT_YET
@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_every_generated_family_reads_as_expected(layout_score, family):
    (group,) = [g for g in layout_score.groups if g.name == f"generated/{family}"]
    assert [(v.file, v.mismatches) for v in group.verdicts if not v.as_expected] == []


@NOT_YET
@needs_corpus
@pytest.mark.parametrize("name", REAL_OTHERS)
def test_each_real_statement_of_another_bank_reads_exactly_and_proves(layout_score, name):
    (group,) = [g for g in layout_score.groups if g.name == f"statements_more/{name}"]
    assert [(v.exact, v.proven, v.mismatches) for v in group.verdicts] == [(True, True, ())]
