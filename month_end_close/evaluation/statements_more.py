"""The truth of the corpus's `close/statements_more/` (statements of banks other than
HSBC, read in place): each `<name>.truth.json` beside its `<name>.pdf`. Amounts are JSON
numbers there, read as Decimals (never floats); balances are strings."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.evaluation.layouts import Expected
from shared.errors import InputError

FOLDER = "statements_more"


def expected_statements(close_dir: Path) -> tuple[list[Expected], list[str]]:
    """One statement a file (the row is named by the file), and a note for each PDF
    whose truth is absent: a derived file, which `make corpus` cannot download."""
    folder = close_dir / FOLDER
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        raise InputError(folder, "holds no statement PDFs: the layouts evaluation's real statements")
    truths = {pdf: pdf.with_name(f"{pdf.stem}.truth.json") for pdf in pdfs}
    notes = [f"{FOLDER}/{pdf.name} not scored: its truth {truth.name} is not in the corpus"
             for pdf, truth in truths.items() if not truth.is_file()]
    return [_expected(truth) for truth in truths.values() if truth.is_file()], notes


def _expected(path: Path) -> Expected:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    pdf = path.with_name(str(data.get("pdf") or path.name.replace(".truth.json", ".pdf")))
    lines = tuple((date.fromisoformat(t["date"]), Decimal(str(t["amount"]))) for t in data["transactions"])
    return Expected(f"{FOLDER}/{pdf.name}", pdf, 0, Decimal(str(data["opening_balance"])),
                    Decimal(str(data["closing_balance"])), lines)
