"""Month-end close's tools for Claude agents (`finagents mcp`): `read_statement`, the
statement reader of `finagents statement` with each statement's proof, and `reconcile`,
the close's matcher on bank and ledger lines given as rows or files, with the workflow's
settings (the engagement's `[month_end_close]` table, then the pack's defaults)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from month_end_close.balances import bank_balance
from month_end_close.bank_to_book import match_settings
from month_end_close.body import dump
from month_end_close.context import Context
from month_end_close.ledger import read_ledger
from month_end_close.reconcile import Match, ReconciliationStatement, Unmatched, reconcile
from month_end_close.records import BankLine, LedgerLine
from month_end_close.statements.export import as_json
from month_end_close.statements.files import command_reader, read_files
from shared.documents.citation import TextCitation
from shared.engagement import validate
from shared.errors import InputError
from shared.mcp.tool import Answer, Arguments, MoneyArgument, Tool, ToolContext

SETTINGS = ("window_days", "lead_days", "max_subset_size", "subset_candidates", "in_transit_days")


# -- read_statement ----------------------------------------------------------------------


class StatementArguments(Arguments):
    path: str = Field(description="A bank or card statement: PDF, OFX/QFX, MT940 (.sta, .mt940) or a bank CSV.")
    model: str | None = Field(None, description="offline, or a model id to read what the rules cannot prove "
                                                "(default: the engagement's model, offline unless set).")


class StatementLine(Answer):
    id: str
    date: str
    description: str
    amount: Decimal
    balance: Decimal | None
    citation: dict[str, Any]


class Proof(Answer):
    proves: bool = Field(description="opening + lines = closing, every printed running balance and total agree.")
    opening: Decimal | None
    money_in: Decimal | None
    money_out: Decimal | None
    closing_computed: Decimal | None
    closing_printed: Decimal | None
    difference: Decimal | None
    first_break: Any = Field(description="The first line where the running balance breaks, if any.")


class StatementRead(Answer):
    file: str
    sha256: str
    format: str
    bank: str | None
    account: str | None
    currency: str | None
    period_start: str | None
    period_end: str | None
    method: str = Field(description="rules (the pack's) or model.")
    opening: Decimal | None
    closing: Decimal | None
    lines: list[StatementLine]
    proof: Proof
    findings: list[dict[str, Any]]


class Statements(Answer):
    statements: list[StatementRead]
    findings: list[dict[str, Any]] = Field(description="What reading the file as a whole found.")


def read_statement(arguments: StatementArguments, context: ToolContext) -> Statements:
    reader = command_reader(arguments.model, context.engagement, context.environ)
    statements, findings = read_files([context.path(arguments.path)], reader)
    return Statements(statements=[StatementRead.model_validate(as_json(s)) for s in statements],
                      findings=[{"code": f.code, "severity": f.severity, "message": f.message} for f in findings])


# -- reconcile ---------------------------------------------------------------------------


class Row(Arguments):
    id: str
    date: dt.date
    description: str = ""
    amount: MoneyArgument = Field(description="Money into the account positive, on both sides.")
    reference: str | None = None


class LedgerRow(Row):
    account: str | None = None


class ReconcileArguments(Arguments):
    bank: list[Row] | None = Field(None, description="Bank lines as rows (or bank_file).")
    bank_file: str | None = Field(None, description="A statement file the pack reads (or bank).")
    ledger: list[LedgerRow] | None = Field(None, description="The cash account's ledger lines as rows (or "
                                                             "ledger_file).")
    ledger_file: str | None = Field(None, description="A ledger.csv: id, date, account, description, amount.")
    cash_account: str | None = Field(None, description="The account reconciled, for a ledger of several accounts.")
    as_of: dt.date | None = Field(None, description="The statement date (default: the latest line's date).")
    bank_balance: MoneyArgument | None = Field(None, description="Balance per bank (default: the statement file's "
                                                           "closing); with book_balance, a statement is drawn up.")
    book_balance: MoneyArgument | None = Field(None, description="Balance per books at the statement date.")
    window_days: int | None = Field(None, description="Days the books may run ahead of the bank.")
    lead_days: int | None = Field(None, description="Days the books may run behind the bank.")
    max_subset_size: int | None = Field(None, description="Most lines making up one amount.")
    subset_candidates: int | None = Field(None, description="Nearby lines tried for one-to-many matches.")
    in_transit_days: int | None = Field(None, description="Receipts this close to the date are in transit.")

    @model_validator(mode="after")
    def _one_source_a_side(self) -> ReconcileArguments:
        for rows, file, side in ((self.bank, self.bank_file, "bank"), (self.ledger, self.ledger_file, "ledger")):
            if (rows is None) == (file is None):
                raise ValueError(f"give {side} (rows) or {side}_file, one or the other")
        return self


class Reconciled(Answer):
    matches: list[dict[str, Any]] = Field(description="bank_ids, ledger_ids, kind (exact, date_window, one_to_many, "
                                                      "many_to_one, amount_difference), score, difference, reason, "
                                                      "citations of the lines (file inputs).")
    bank_only: list[dict[str, Any]] = Field(description="id, category (fee, interest, returned_item, error, "
                                                        "unknown), reason, citation.")
    ledger_only: list[dict[str, Any]] = Field(description="id, category (outstanding_payment, deposit_in_transit, "
                                                          "error, unknown), reason, citation.")
    statement: dict[str, Any] | None = Field(description="The reconciliation statement, when both balances are known.")
    as_of: str
    settings: dict[str, int]


def reconcile_lines(arguments: ReconcileArguments, context: ToolContext) -> Reconciled:
    settings = _settings(arguments, context)
    bank, balance = _bank(arguments, context)
    ledger = _ledger(arguments, context)
    as_of = arguments.as_of or max([line.date for line in bank] + [line.date for line in ledger],
                                     default=dt.date.today())
    book = arguments.book_balance
    rec = reconcile(bank, ledger, match_settings(settings), as_of, balance or Decimal(0), book or Decimal(0))
    on_bank, on_ledger = _cited(bank, arguments.bank_file), _cited(ledger, arguments.ledger_file)
    return Reconciled(
        matches=[{**dump(m, Match), "citations": [*_each(on_bank, m.bank_ids), *_each(on_ledger, m.ledger_ids)]}
                 for m in rec.matches],
        bank_only=[{**dump(u, Unmatched), "citation": on_bank.get(u.id)} for u in rec.bank_only],
        ledger_only=[{**dump(u, Unmatched), "citation": on_ledger.get(u.id)} for u in rec.ledger_only],
        statement=dump(rec.statement, ReconciliationStatement) if balance is not None and book is not None else None,
        as_of=as_of.isoformat(), settings={name: getattr(settings, name) for name in SETTINGS})


def _settings(arguments: ReconcileArguments, context: ToolContext) -> Context:
    given = {name: getattr(arguments, name) for name in SETTINGS if getattr(arguments, name) is not None}
    return validate(Context, {**context.engagement.config.table("month_end_close"), **given}, "reconcile")


def _bank(arguments: ReconcileArguments, context: ToolContext) -> tuple[list[BankLine], Decimal | None]:
    if arguments.bank is not None:
        return [_bank_line(row, n) for n, row in enumerate(arguments.bank, 1)], arguments.bank_balance
    statements, _ = read_files([context.path(arguments.bank_file or "")])
    lines = [line for s in statements for line in s.lines]
    return lines, arguments.bank_balance if arguments.bank_balance is not None else bank_balance(statements)


def _ledger(arguments: ReconcileArguments, context: ToolContext) -> list[LedgerLine]:
    if arguments.ledger is not None:
        rows = [_ledger_line(row, n) for n, row in enumerate(arguments.ledger, 1)]
    else:
        rows = list(read_ledger(context.path(arguments.ledger_file or "")))
    return _cash_lines(rows, arguments.cash_account, arguments.ledger_file or "ledger")


def _cash_lines(rows: Sequence[LedgerLine], cash: str | None, source: str) -> list[LedgerLine]:
    accounts = sorted({row.account for row in rows if row.account})
    if cash is None and len(accounts) > 1:
        raise InputError(source, f"holds several accounts ({', '.join(accounts)}): give cash_account")
    if cash is not None and cash not in accounts:
        raise InputError("cash_account", f"'{cash}' is not an account of {source} ({', '.join(accounts) or 'none'})")
    return [row for row in rows if cash is None or row.account == cash]


def _bank_line(row: Row, number: int) -> BankLine:
    return BankLine(row.id, row.date, row.description, row.amount, _stand_in(row, "bank", number),
                    reference=row.reference)


def _ledger_line(row: LedgerRow, number: int) -> LedgerLine:
    return LedgerLine(row.id, row.date, row.account or "", row.description, row.amount,
                      _stand_in(row, "ledger", number), row.reference)


def _stand_in(row: Row, side: str, number: int) -> TextCitation:
    """A row given inline has no document to cite: the matcher's line carries a stand-in,
    never shown (the result names such lines by the caller's own ids)."""
    return TextCitation(doc_sha256=hashlib.sha256(row.model_dump_json().encode()).hexdigest(),
                        path=f"(reconcile arguments: {side})", text=str(row.amount), line=number)


def _cited(lines: Sequence[BankLine | LedgerLine], from_file: str | None) -> dict[str, Any]:
    """One side's citations by line id (bank and ledger ids are separate namespaces);
    none for rows given inline."""
    return {line.id: line.citation.model_dump(mode="json") for line in lines} if from_file is not None else {}


def _each(cited: dict[str, Any], ids: Sequence[str]) -> list[Any]:
    return [cited[i] for i in ids if i in cited]


def tools() -> tuple[Tool, ...]:
    return (
        Tool(name="read_statement",
             arguments=StatementArguments, result=Statements, call=read_statement,
             servers=("internal-gl", "subledger")),
        Tool(name="reconcile",
             arguments=ReconcileArguments, result=Reconciled, call=reconcile_lines,
             servers=("internal-gl", "subledger")),
    )
