"""`finagents run earnings_review` on input it cannot use: exit 2, one line, no result."""

import shutil
from pathlib import Path

import pytest

from shared.cli import main
from tests.conftest import REPO_ROOT
from tests.support.stderr import last_line

# The project's own synthetic 10-Q: these cases need a filing, not a particular one.
FILING = REPO_ROOT / "earnings_review" / "sample" / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"


def _scanned(folder, make_pdf):
    return make_pdf("scan.pdf", text=None, image=True)


def _blank_form(folder, make_pdf):
    return make_pdf("form.pdf", text="Name: ________ Date: ________")


def _truncated(folder, make_pdf):
    data = FILING.read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    return folder / "cut.pdf"


def _bad_consensus(folder, make_pdf):
    case = folder / "case"
    case.mkdir()
    shutil.copy(FILING, case / "q3.pdf")
    (case / "consensus.csv").write_text("metric,period_end,months,estimate\nrevenue,2023-07-01,3,lots\n")
    return case


def _consensus_missing_column(folder, make_pdf):
    case = _bad_consensus(folder, make_pdf)
    (case / "consensus.csv").write_text("metric,period_end,estimate\nrevenue,2023-07-01,5\n")
    return case


CASES = {
    "scanned PDF": (_scanned, "has no text layer"),
    "no statements": (_blank_form, "no financial statements found"),
    "truncated": (_truncated, "is truncated"),
    "consensus not numeric": (_bad_consensus, "row 1, column 'estimate': not an amount: 'lots'"),
    "consensus missing column": (_consensus_missing_column, "missing column(s) 'months'"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_unusable_input_is_exit_2_with_one_line(case, isolated_home: Path, make_pdf, capsys) -> None:
    build, problem = CASES[case]
    path = build(isolated_home, make_pdf)
    status = main(["run", "earnings_review", str(path)])
    _, err = capsys.readouterr()
    err = last_line(err)
    assert status == 2 and err.count("\n") == 1 and problem in err, err
    (run_dir,) = (isolated_home / "runs").glob("2*")
    assert not (run_dir / "memo.md").exists()  # nothing presented as a result
