"""SWIFT MT940 statements (`*.sta`, `*.mt940`), parsed by the `mt-940` package.

A file may hold several statements, each opened by a `:20:` tag; each becomes one
`Statement`, its opening and closing from `:60F:`/`:62F:` (or the intermediate `:60M:`/
`:62M:` of a statement continued on another page), signed by their C/D mark.

The package parses; this module keeps what it does not: where each transaction is in the
file. Record numbers count `:61:` transactions through the whole file (1-based), and a
record's lines run from its `:61:` through its `:86:` (or `:NS:`) details. The amount is
cited as printed in the `:61:` line ("500,00") and checked against the package's value,
so a record mis-numbered here could not pass as right.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import mt940

from month_end_close.records import BankLine, CitedAmount, Statement
from shared.documents.errors import DocumentError
from shared.documents.text import TextDocument, open_text

_TAG = re.compile(r":(\d{2}[A-Z]?|NS):")
# :61: value date, optional entry date, C/D/RC/RD mark, optional funds code, amount.
# The amount must be followed by its transaction type, which starts S, N or F (banks vary in
# what follows): an amount such as 25,0X3 is a misprint to refuse, not 25,0 and a stray tail.
_AMOUNT_61 = re.compile(r":61:\d{6}(?:\d{4})?R?[CD][A-Z]?(?P<amount>\d+(?:,\d*)?)(?=[SNF]|\s*$)")
_BALANCE = re.compile(r":6[02][FM]:[CD]\d{6}[A-Z]{3}(?P<amount>\d+(?:,\d*)?)")
_DETAIL_TAGS = ("86", "NS")


@dataclass(frozen=True)
class _Block:
    """One statement's lines: `first` and `end` are 0-based, `end` exclusive."""

    number: int
    first: int
    end: int


def read_mt940(path: Path) -> tuple[Statement, ...]:
    document = open_text(path)
    blocks = _blocks(document.lines)
    if not blocks:
        raise DocumentError(path, "is not an MT940 statement (no :20: or :61: tag)")
    statements, record = [], 0
    for block in blocks:
        statement = _statement(document, block, record)
        record += len(statement.lines)
        statements.append(statement)
    return tuple(statements)


def _blocks(lines: tuple[str, ...]) -> list[_Block]:
    starts = [i for i, line in enumerate(lines) if line.startswith(":20:")]
    if not starts:
        # Some exports leave out the :20: reference; their transactions are one statement.
        has_lines = any(line.startswith(":61:") for line in lines)
        return [_Block(1, 0, len(lines))] if has_lines else []
    ends = starts[1:] + [len(lines)]
    return [_Block(n, first, end) for n, (first, end) in enumerate(zip(starts, ends, strict=True), 1)]


def _statement(document: TextDocument, block: _Block, records_before: int) -> Statement:
    parsed = _parse(document, block)
    spans = _record_spans(document.lines, block)
    if len(spans) != len(parsed.transactions):
        raise DocumentError(document.path, f"statement {block.number} (line {block.first + 1}): the MT940 parser "
                                           f"read {len(parsed.transactions)} transactions, but the file has "
                                           f"{len(spans)} :61: lines")
    lines = tuple(_line(document, records_before + n, span, transaction.data)
                  for n, (span, transaction) in enumerate(zip(spans, parsed.transactions, strict=True), 1))
    opening = _balance(document, block, parsed.data, "opening", "60")
    closing = _balance(document, block, parsed.data, "closing", "62")
    return Statement(
        path=str(document.path), sha256=document.sha256, format="mt940", lines=lines,
        account=parsed.data.get("account_identification"), currency=_currency(parsed.data),
        period_start=opening.on if opening else None, period_end=closing.on if closing else None,
        opening=opening.amount if opening else None, closing=closing.amount if closing else None,
    )


def _parse(document: TextDocument, block: _Block) -> Any:
    text = "\n".join(document.lines[block.first : block.end])
    # RC (reversal of a credit) is money out: the betterplace sample proves only so.
    transactions = mt940.models.Transactions(tags={61: _lenient_61()}, options=mt940.Options(reversal_sign=True))
    try:
        with _quiet():
            transactions.parse(text)
    except Exception as exc:  # the package raises many types for one malformed file
        raise DocumentError(document.path, f"is not a readable MT940 file: {_failure(document, block, exc)}") from exc
    return transactions


@cache
def _lenient_61() -> Any:
    """The package's :61: tag, but a customer reference may run to 34 characters.

    SWIFT allows 16; ASN Bank writes the counterparty's IBAN there (18). The package
    relaxed the supplementary details the same way for Wise; this only turns a parse
    error into a parse.
    """
    class Lenient61(mt940.tags.Statement):
        pattern = mt940.tags.Statement.pattern.replace("{0,16}", "{0,34}")

    return Lenient61()


@contextmanager
def _quiet() -> Iterator[None]:
    """The package logs a failed match at ERROR with the whole pattern; the user gets one
    line from the DocumentError instead."""
    logger = logging.getLogger("mt940")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _failure(document: TextDocument, block: _Block, exc: Exception) -> str:
    """Where the package gave up, as one line: the tag and its line when it says which."""
    if len(exc.args) == 3 and hasattr(exc.args[1], "id"):  # its (message, tag, data) for an unmatched tag
        data = (str(exc.args[2]).splitlines() or [""])[0]
        lines = range(block.first + 1, block.end + 1)
        number = next((n for n in lines if data and data in document.lines[n - 1]), block.first + 1)
        return f"line {number}: cannot read the :{exc.args[1].id}: tag {data!r}"
    detail = (str(exc).splitlines() or [""])[0]
    return f"statement {block.number} (line {block.first + 1}): {type(exc).__name__}: {detail}"


def _record_spans(lines: tuple[str, ...], block: _Block) -> list[tuple[int, int]]:
    """Each :61: record's 1-based (first, last) line: the :61: and its details, to the
    next tag or the end of the message, trailing blank lines left out."""
    spans, i = [], block.first
    while i < block.end:
        if not lines[i].startswith(":61:"):
            i += 1
            continue
        last, j, details = i, i + 1, False
        while j < block.end and not _ends_record(lines[j], details):
            details = details or _tag(lines[j]) in _DETAIL_TAGS
            last = j if lines[j].strip() else last
            j += 1
        spans.append((i + 1, last + 1))
        i = j
    return spans


def _tag(line: str) -> str | None:
    match = _TAG.match(line)
    return match.group(1) if match else None


def _ends_record(line: str, details_seen: bool) -> bool:
    tag = _tag(line)
    if tag is not None:
        return details_seen or tag not in _DETAIL_TAGS
    return line.strip().startswith(("-", "{"))  # end of message ("-", "-}") or the next one's header


def _line(document: TextDocument, record: int, span: tuple[int, int], data: dict[str, Any]) -> BankLine:
    first, last = span
    match = _AMOUNT_61.match(document.lines[first - 1])
    amount: Decimal = data["amount"].amount
    if match is None or _swift_decimal(match.group("amount")) != abs(amount):
        raise DocumentError(document.path, f"line {first}: cannot read the amount of transaction {record} "
                                           f"in {document.lines[first - 1].strip()!r}")
    citation = document.cite_records("mt940", record, first, last, match.group("amount"))
    return BankLine(
        id=f"{document.path.name}:{record}", date=_as_date(data["date"]), description=_description(data),
        amount=amount, citation=citation, reference=_reference(data),
    )


def _swift_decimal(text: str) -> Decimal:
    """SWIFT writes amounts with a decimal comma and may end on it: "9," is nine."""
    return Decimal(text.replace(",", ".").rstrip(".") or "0")


def _description(data: dict[str, Any]) -> str:
    for key in ("transaction_details", "extra_details", "customer_reference"):
        text = " ".join(str(data.get(key) or "").split())
        if text:
            return text
    return ""


def _reference(data: dict[str, Any]) -> str | None:
    customer = data.get("customer_reference")
    if customer and customer != "NONREF":
        return str(customer)
    return data.get("bank_reference") or None


@dataclass(frozen=True)
class _Balance:
    amount: CitedAmount
    on: date


def _balance(document: TextDocument, block: _Block, data: dict[str, Any], which: str, tag: str) -> _Balance | None:
    """The statement's opening (`:60F:`/`:60M:`) or closing balance, cited on its line."""
    balance = data.get(f"final_{which}_balance") or data.get(f"intermediate_{which}_balance")
    if balance is None:
        return None
    value: Decimal = balance.amount.amount
    for number in range(block.first + 1, block.end + 1):
        line = document.lines[number - 1]
        match = _BALANCE.match(line)
        if match and line.startswith(f":{tag}") and _swift_decimal(match.group("amount")) == abs(value):
            return _Balance(CitedAmount(value, document.cite(number, match.group("amount"))), _as_date(balance.date))
    raise DocumentError(document.path, f"statement {block.number} (line {block.first + 1}): cannot read its "
                                       f"{which} balance (:{tag}F: or :{tag}M:)")


def _as_date(value: Any) -> date:
    return date(value.year, value.month, value.day)


def _currency(data: dict[str, Any]) -> str | None:
    balance = data.get("final_opening_balance") or data.get("intermediate_opening_balance")
    return balance.amount.currency if balance is not None else None
