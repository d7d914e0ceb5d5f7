"""Every kind of unreadable input: exit 2, one line naming the file, no traceback, and
no result presented as complete."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.cli import main
from tests.support.corpus import in_corpus, needs_corpus, skip_without_corpus
from tests.support.stderr import last_line

APPLE = in_corpus("earnings/pdfs/APPLE_2023Q3_10Q.pdf")


def _empty(folder: Path, make_pdf) -> Path:
    (folder / "empty.csv").write_bytes(b"")
    return folder / "empty.csv"


def _not_a_pdf(folder: Path, make_pdf) -> Path:
    with zipfile.ZipFile(folder / "statement.pdf", "w") as archive:
        archive.writestr("sheet.xml", "<x/>")
    return folder / "statement.pdf"


def _truncated(folder: Path, make_pdf) -> Path:
    skip_without_corpus()
    data = APPLE.read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    return folder / "cut.pdf"


def _corrupt(folder: Path, make_pdf) -> Path:
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    return folder / "broken.pdf"


def _password(folder: Path, make_pdf) -> Path:
    return make_pdf("locked.pdf", user_password="user", owner_password="owner")


def _scanned(folder: Path, make_pdf) -> Path:
    return make_pdf("scan.pdf", text=None, image=True)


def _latin1(folder: Path, make_pdf) -> Path:
    (folder / "lines.csv").write_bytes("id,amount\n1,5\n# Zoë Café\n".encode("latin-1"))
    return folder / "lines.csv"


def _missing_column(folder: Path, make_pdf) -> Path:
    (folder / "lines.csv").write_text("id,value\n1,5\n")
    return folder / "lines.csv"


def _bad_amount(folder: Path, make_pdf) -> Path:
    (folder / "lines.csv").write_text("id,amount\n1,12a4\n")
    return folder / "lines.csv"


CASES: dict[str, tuple[Callable[..., Path], str]] = {
    "empty file": (_empty, "is empty"),
    "not a PDF": (_not_a_pdf, "is not a PDF"),
    "truncated PDF": (_truncated, "is truncated"),
    "corrupt PDF": (_corrupt, "is a damaged PDF"),
    "password PDF": (_password, "needs a password to open"),
    "scanned PDF": (_scanned, "has no text layer"),
    "wrong encoding": (_latin1, "is not UTF-8 text"),
    "missing column": (_missing_column, "missing column(s) 'amount'"),
    "not an amount": (_bad_amount, "not an amount: '12a4'"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_unreadable_input_is_exit_2_with_one_line(case: str, toy_project: Path, make_pdf, capsys) -> None:
    build, problem = CASES[case]
    path = build(toy_project / "case", make_pdf)
    status = main(["run", "kyc", str(path)])
    _out, err = capsys.readouterr()
    err = last_line(err)
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"finagents: {path}: ")
    assert problem in err
    (run_dir,) = [p for p in (toy_project / "runs").iterdir() if p.is_dir()]
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "failed" and result["body"] == {"error": err.strip().removeprefix("finagents: ")}
    assert not (run_dir / "memo.md").exists() and not (run_dir / "report.html").exists()


@needs_corpus
def test_owner_password_only_pdf_opens_normally(toy_project: Path, capsys) -> None:
    status = main(["run", "kyc", str(APPLE)])
    _, err = capsys.readouterr()
    assert status == 2  # it opens; the toy then refuses it for not being a CSV
    assert last_line(err) == f"finagents: {APPLE}: the toy workflow reads a CSV of id, amount\n"
