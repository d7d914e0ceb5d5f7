from decimal import Decimal

import pytest

from shared.spreadsheet import csv_text


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  "=1+cmd|' /C calc'!A0"])
def test_a_cell_a_spreadsheet_would_evaluate_is_quoted(text: str) -> None:
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Tesco Stores 3297", "", "1,234.56 CR", Decimal("-12.50"), 7, None])
def test_anything_else_is_left_as_it_is(value: object) -> None:
    assert csv_text(value) == value
