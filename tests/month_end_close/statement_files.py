"""The HSBC statement fixtures and their truth, read once per test session: reading a
PDF's words takes a few tenths of a second, and several test modules need them all."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from month_end_close.records import Statement
from month_end_close.statements import read_statement
from tests.conftest import FIXTURES

PDFS = FIXTURES / "close" / "statements_pdf"
TRUTH = json.loads((PDFS / "statement_summaries.json").read_text(encoding="utf-8"), parse_float=Decimal)
GOOD = sorted(key for key in TRUTH if key.startswith("good/"))
CUR_2024 = "anonymised_HSBC_UK_CUR_12345678_20240108.pdf"
CARD = "anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf"


@cache
def statement(key: str) -> Statement:
    """The one statement in a fixture PDF, by its key in the truth ("good/<name>")."""
    (read,) = read_statement(PDFS / key)
    return read


def path(key: str) -> Path:
    return PDFS / key


def refusal(read, path: Path, *args: object) -> str:
    """The one line the user sees when `read(path, *args)` cannot read the file."""
    from shared.errors import InputError

    try:
        read(path, *args)
    except InputError as error:
        assert error.exit_code == 2 and "\n" not in str(error)
        return str(error)
    raise AssertionError(f"{path} was read without an error")
