"""Packed state: checkpointed as bytes, decoded only into the type the reader names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from month_end_close.records import BankLine
from shared.documents.citation import CsvCitation
from shared.runs.checkpoint import checkpoint_types
from shared.runs.packed import Packed
from shared.runs.state import RunState

LINES = tuple[BankLine, ...]


class _State(RunState, total=False):
    lines: Packed


def _lines() -> tuple[BankLine, ...]:
    cite = CsvCitation(doc_sha256="a" * 64, path="bank.csv", text="-12.30", row=1, column="amount")
    return (BankLine("B1", date(2024, 3, 5), "DD POWER", Decimal("-12.30"), cite),
            BankLine("B2", date(2024, 3, 6), "BGC ACME", Decimal("1000.10"), cite.model_copy(update={"row": 2})))


def test_a_checkpoint_holds_the_bytes_not_the_decoded_lines():
    packed = Packed.of(_lines(), LINES)
    serde = JsonPlusSerializer(allowed_msgpack_modules=checkpoint_types(_State))
    kind, data = serde.dumps_typed({"lines": packed})
    assert b"DD POWER" not in data  # compressed JSON, not the records field by field
    restored = serde.loads_typed((kind, data))["lines"]
    assert restored._value is None and restored.blob == packed.blob


def test_unpacking_gives_back_equal_records_with_exact_decimals():
    restored = Packed(Packed.of(_lines(), LINES).blob)
    lines = restored.unpack(LINES)
    assert lines == _lines()
    assert lines[1].amount == Decimal("1000.10") and str(lines[1].amount) == "1000.10"
    assert lines[1].citation.row == 2
    assert restored.unpack(LINES) is lines  # decoded once per process
