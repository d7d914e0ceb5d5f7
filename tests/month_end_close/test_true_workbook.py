"""Issue 16, true statements only: the report says every match is in close.xlsx, so it
is: the matches to check on one sheet and every exact match on a sheet of its own, each
exactly once. Every column is as wide as what it holds, within bounds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.workbook import MAX_WIDTH, MIN_WIDTH
from shared.cli import main
from shared.runs.result_file import read_result
from tests.conftest import FIXTURES
from tests.month_end_close.test_run import SAMPLE

CLOSES = {"sample": SAMPLE, "everyday_month": FIXTURES / "close" / "cases" / "everyday_month"}


@pytest.fixture(scope="module", params=list(CLOSES))
def run(request, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp(request.param) / "run"
    assert main(["run", "month_end_close", str(CLOSES[request.param]), "--out", str(out)]) == 0
    return out, read_result(out / "result.json")


def test_every_match_is_in_the_workbook_once(run):
    from openpyxl import load_workbook

    out, result = run
    matches = result["body"]["reconciliation"]["matches"]
    book = load_workbook(out / "close.xlsx", read_only=True)
    exact = [r[:2] for r in book["Exact matches"].iter_rows(min_row=2, values_only=True)]
    others = [(r[0], r[2], r[3]) for r in book["Matches"].iter_rows(min_row=2, values_only=True)]
    assert sorted(exact) == sorted((", ".join(m["bank_ids"]), ", ".join(m["ledger_ids"]))
                                   for m in matches if m["kind"] == "exact")
    assert sorted(others) == sorted((m["kind"], ", ".join(m["bank_ids"]), ", ".join(m["ledger_ids"]))
                                    for m in matches if m["kind"] != "exact")
    assert len(exact) + len(others) == len(matches) and len(exact) >= 29
    bank = {l["id"]: l for l in result["body"]["bank_lines"]}
    first = next(book["Exact matches"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert (first[2], Decimal(str(first[3])).quantize(Decimal("0.01"))) == (
        bank[first[0]]["date"], Decimal(bank[first[0]]["amount"]))


def _shown(value) -> int:
    """The characters a value takes as the sheet shows it (amounts to the cent)."""
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{abs(value):,.2f}") + (1 if value < 0 else 0)
    return max((len(part) for part in str(value).splitlines()), default=0)


def test_every_column_fits_what_it_holds_within_bounds(run):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    out, _ = run
    book = load_workbook(out / "close.xlsx")
    for sheet in book.worksheets:
        columns = list(sheet.iter_cols(values_only=True))
        for index, values in enumerate(columns, 1):
            width = sheet.column_dimensions[get_column_letter(index)].width
            longest = max(_shown(v) for v in values)
            assert min(MAX_WIDTH, longest) <= width <= MAX_WIDTH, (sheet.title, index, longest, width)
            assert width >= MIN_WIDTH
