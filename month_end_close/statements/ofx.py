"""OFX and QFX statements (SGML 1.x or XML 2.x), parsed by the `ofxparse` package.

One `Statement` per account in the file (`<STMTRS>` for bank accounts, `<CCSTMTRS>` for
cards). OFX gives no opening balance, so a statement's closing is its `<LEDGERBAL>` and
its opening is left unknown: the proof says so rather than guessing one.

The package gives no positions, so the file's text is scanned for the same aggregates in
order: record numbers count `<STMTTRN>` blocks through the file (1-based), a record's
lines are its block's, and the amount is cited as its `<TRNAMT>` is printed. Every scanned
amount is checked against the package's, so the two readings must agree line for line,
and a transaction one of them missed is an error, not a silent gap.

Dates are the `<DTPOSTED>` date as printed: the package converts a time with a zone to
UTC, which can move a late-evening transaction to the next day.
"""

from __future__ import annotations

import io
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ofxparse import OfxParser

from month_end_close.records import BankLine, CitedAmount, Statement
from shared.documents.errors import DocumentError
from shared.documents.text import TextDocument, open_text

_FLAGS = re.IGNORECASE | re.DOTALL
_ACCOUNT = re.compile(r"<(CC)?STMTRS>(?P<body>.*?)</(CC)?STMTRS>", _FLAGS)
_TRANSACTION = re.compile(r"<STMTTRN>(?P<body>.*?)</STMTTRN>", _FLAGS)
_LEDGER = re.compile(r"<LEDGERBAL>.*?<BALAMT>\s*(?P<value>[^<\s]+)", _FLAGS)


def _element(name: str) -> re.Pattern[str]:
    return re.compile(rf"<{name}>\s*(?P<value>[^<\r\n]*?)\s*(?:<|$)", _FLAGS | re.MULTILINE)


_TRNAMT, _DTPOSTED, _DTSTART, _DTEND = (_element(n) for n in ("TRNAMT", "DTPOSTED", "DTSTART", "DTEND"))


@dataclass(frozen=True)
class _Text:
    """The file's text with the offsets where its lines start, to turn offsets into lines."""

    document: TextDocument
    text: str
    starts: tuple[int, ...]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def read_ofx(path: Path) -> tuple[Statement, ...]:
    document = open_text(path)
    text = _text(document)
    accounts = _parse(document).accounts
    blocks = list(_ACCOUNT.finditer(text.text))
    if not blocks:
        raise DocumentError(path, "is not an OFX statement (no <STMTRS> or <CCSTMTRS> account)")
    if len(blocks) != len(accounts):
        raise DocumentError(path, f"has {len(blocks)} account statements, but the OFX parser read {len(accounts)}")
    statements, record = [], 0
    for block, account in zip(blocks, accounts, strict=True):
        statement = _statement(text, block, account, record)
        record += len(statement.lines)
        statements.append(statement)
    return tuple(statements)


def _text(document: TextDocument) -> _Text:
    starts, offset = [], 0
    for line in document.lines:
        starts.append(offset)
        offset += len(line) + 1
    return _Text(document, "\n".join(document.lines), tuple(starts))


def _parse(document: TextDocument) -> Any:
    if not any("<ofx" in line.lower() for line in document.lines):
        raise DocumentError(document.path, "is not an OFX file (no <OFX> element)")
    data = "\n".join(document.lines).encode("utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns that it reads XML with its HTML parser
            return OfxParser.parse(io.BytesIO(data), fail_fast=True)
    except Exception as exc:  # the package raises many types for one malformed file
        detail = (str(exc).splitlines() or [""])[0]
        raise DocumentError(document.path, f"is not a readable OFX file: {type(exc).__name__}: {detail}") from exc


def _statement(text: _Text, block: re.Match[str], account: Any, records_before: int) -> Statement:
    transactions = list(_TRANSACTION.finditer(text.text, block.start("body"), block.end("body")))
    parsed = account.statement.transactions
    if len(transactions) != len(parsed):
        raise DocumentError(text.document.path, f"account {account.account_id}: the file has {len(transactions)} "
                                                f"<STMTTRN> records, but the OFX parser read {len(parsed)}")
    lines = tuple(_line(text, records_before + n, found, transaction)
                  for n, (found, transaction) in enumerate(zip(transactions, parsed, strict=True), 1))
    body = block.group("body")
    return Statement(
        path=str(text.document.path), sha256=text.document.sha256, format="ofx", lines=lines,
        account=account.account_id, currency=(account.statement.currency or "").upper() or None,
        period_start=_date_in(text, body, _DTSTART), period_end=_date_in(text, body, _DTEND),
        closing=_ledger_balance(text, block, account),
    )


def _line(text: _Text, record: int, found: re.Match[str], transaction: Any) -> BankLine:
    first, last = text.line(found.start()), text.line(found.end() - 1)
    printed = _value(text, found.group("body"), _TRNAMT, f"record {record} (line {first})")
    if _ofx_decimal(printed) != transaction.amount:
        raise DocumentError(text.document.path, f"record {record} (line {first}): TRNAMT {printed!r} was read "
                                                f"as {transaction.amount}")
    citation = text.document.cite_records("ofx", record, first, last, printed)
    posted = _value(text, found.group("body"), _DTPOSTED, f"record {record} (line {first})")
    return BankLine(
        id=f"{text.document.path.name}:{record}", date=_ofx_date(text, posted), description=_description(transaction),
        amount=transaction.amount, citation=citation, reference=_check_number(transaction),
    )


def _value(text: _Text, body: str, element: re.Pattern[str], where: str) -> str:
    match = element.search(body)
    if match is None or not match.group("value"):
        name = element.pattern[1 : element.pattern.index(">")]
        raise DocumentError(text.document.path, f"{where}: has no <{name}>")
    return match.group("value")


def _ofx_decimal(printed: str) -> Decimal | None:
    """OFX allows a decimal comma ("-5,50")."""
    normal = printed.replace(",", ".") if "." not in printed else printed
    try:
        return Decimal(normal)
    except InvalidOperation:
        return None


def _ofx_date(text: _Text, printed: str) -> date:
    try:
        return date(int(printed[0:4]), int(printed[4:6]), int(printed[6:8]))
    except ValueError:
        raise DocumentError(text.document.path, f"'{printed}' is not an OFX date (YYYYMMDD...)") from None


def _date_in(text: _Text, body: str, element: re.Pattern[str]) -> date | None:
    match = element.search(body)
    return _ofx_date(text, match.group("value")) if match and match.group("value") else None


def _ledger_balance(text: _Text, block: re.Match[str], account: Any) -> CitedAmount | None:
    """`<LEDGERBAL>`, cited on the line of its `<BALAMT>`."""
    match = _LEDGER.search(text.text, block.start("body"), block.end("body"))
    if match is None:
        return None
    value = _ofx_decimal(match.group("value"))
    if value is None or value != account.statement.balance:
        raise DocumentError(text.document.path, f"line {text.line(match.start('value'))}: the ledger balance "
                                                f"{match.group('value')!r} is not an amount")
    return CitedAmount(value, text.document.cite(text.line(match.start("value")), match.group("value")))


def _description(transaction: Any) -> str:
    payee = " ".join((transaction.payee or "").split())
    memo = " ".join((transaction.memo or "").split())
    if payee and memo and payee not in memo:
        return f"{payee} {memo}"
    return memo or payee


def _check_number(transaction: Any) -> str | None:
    number = (transaction.checknum or "").strip()
    return number if number.strip("0") else None
