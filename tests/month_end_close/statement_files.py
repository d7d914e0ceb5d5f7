"""The real HSBC statements and their truth, read in place from the corpus, each once per
test session: reading a PDF's words takes a few tenths of a second, and several test
modules need them all. Without a corpus, a test asking for one skips with the line
naming FINAGENTS_CORPUS."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from month_end_close.records import Statement
from month_end_close.statements import read_statement
from tests.support.corpus import corpus_glob, corpus_path

HSBC = "close/bank_statements_pdf_hsbc_uk_anonymised"
# Keys as the truth names them ("good/<name>"); empty without a corpus, so a test
# parametrised on them is marked `needs_corpus`.
GOOD = [f"good/{p.name}" for p in corpus_glob(f"{HSBC}/good", "*.pdf")]
CUR_2024 = "anonymised_HSBC_UK_CUR_12345678_20240108.pdf"
CARD = "anonymised_HSBC_UK_CRD_0000111215197236_20230111.pdf"


@cache
def truth() -> dict[str, Any]:
    """`statement_summaries.json`: each statement's summary box, by key."""
    text = corpus_path(f"{HSBC}/statement_summaries.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return data


@cache
def statement(key: str) -> Statement:
    """The one statement in a corpus PDF, by its key in the truth ("good/<name>")."""
    (read,) = read_statement(path(key))
    return read


def path(key: str) -> Path:
    return corpus_path(f"{HSBC}/{key}")


def refusal(read, path: Path, *args: object) -> str:
    """The one line the user sees when `read(path, *args)` cannot read the file."""
    from shared.errors import InputError

    try:
        read(path, *args)
    except InputError as error:
        assert error.exit_code == 2 and "\n" not in str(error)
        return str(error)
    raise AssertionError(f"{path} was read without an error")
