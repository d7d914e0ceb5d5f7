"""A statement as `finagents statement` gives it: a JSON object, CSV rows, or lines for a
person to read, each with the lines as read and the proof (CONTRACT.md, "Bank
statements").

`proves` is the proof's verdict on the lines as read: opening + lines = closing, every
printed running balance, the printed totals; a reading the reader itself doubts (dates
whose order nothing settles) is not proven either.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.proof import first_break, money, proof_summary, prove, signed
from month_end_close.records import BankLine, Statement
from shared.spreadsheet import csv_text

CSV_COLUMNS = ("file", "id", "date", "description", "amount", "balance", "page")


def proof(statement: Statement) -> dict[str, Any]:
    summary = proof_summary(statement)
    doubted = any(f.severity == "error" for f in statement.findings)
    return {"proves": bool(summary["proves"]) and not doubted, "opening": summary["opening"],
            "money_in": summary["money_in"], "money_out": summary["money_out"],
            "closing_computed": summary["closing_computed"], "closing_printed": summary["closing_printed"],
            "difference": summary["difference"], "first_break": first_break(statement)}


def as_json(statement: Statement) -> dict[str, Any]:
    return _plain({
        "file": statement.path, "sha256": statement.sha256, "format": statement.format, "bank": statement.bank,
        "account": statement.account, "currency": statement.currency, "period_start": statement.period_start,
        "period_end": statement.period_end, "method": statement.method,
        "opening": statement.opening.value if statement.opening else None,
        "closing": statement.closing.value if statement.closing else None,
        "lines": [_line(line) for line in statement.lines], "proof": proof(statement),
        "findings": [{"code": f.code, "severity": f.severity, "message": f.message} for f in prove([statement])],
    })


def _line(line: BankLine) -> dict[str, Any]:
    return {"id": line.id, "date": line.date, "description": line.description, "amount": line.amount,
            "balance": line.balance.value if line.balance else None,
            "citation": {**line.citation.model_dump(mode="json"), "verified": line.verified}}


def _plain(value: Any) -> Any:
    """Decimals as exact strings, dates as ISO dates: JSON with nothing rounded."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def as_csv(statements: Iterable[Statement]) -> str:
    """Every line of every statement, one row each, with a header row: a file a
    spreadsheet opens (UTF-8 with a byte-order mark, so that accents survive)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for statement in statements:
        for line in statement.lines:
            # Amounts stay numbers; text read from the statement is made inert (csv_text).
            writer.writerow([csv_text(Path(statement.path).name), csv_text(line.id), line.date.isoformat(),
                             csv_text(line.description), line.amount, line.balance.value if line.balance else "",
                             getattr(line.citation, "page", "")])
    return "\ufeff" + out.getvalue()


def as_text(statement: Statement) -> str:
    """The lines and the proof, for a person at a terminal."""
    head = [f"{Path(statement.path).name}: {statement.format} statement read by {statement.method}",
            *(f"  {name}: {value}" for name, value in _facts(statement) if value)]
    rows = [f"  {line.date:%Y-%m-%d}  {signed(line.amount):>15}  {_balance(line):>15}  {line.description}  "
            f"[{line.id}]" for line in statement.lines]
    return "\n".join([*head, f"  {len(statement.lines)} lines:", *rows, *_proof_text(statement)])


def _facts(statement: Statement) -> Sequence[tuple[str, Any]]:
    period = (f"{statement.period_start or '?'} to {statement.period_end}" if statement.period_end
              else None)
    return (("bank", statement.bank), ("account", statement.account), ("currency", statement.currency),
            ("period", period))


def _balance(line: BankLine) -> str:
    return money(line.balance.value) if line.balance else ""


def _proof_text(statement: Statement) -> list[str]:
    shown = proof(statement)
    figures = [f"  {label}: {money(shown[key]) if shown[key] is not None else '-'}" for label, key in
               (("opening", "opening"), ("money in", "money_in"), ("money out", "money_out"),
                ("closing computed", "closing_computed"), ("closing printed", "closing_printed"),
                ("difference", "difference"))]
    verdict = "proves" if shown["proves"] else "does NOT prove" + (
        f" (first break at {shown['first_break']})" if shown["first_break"] else "")
    findings = [f"  {f.severity}: {f.code}: {f.message}" for f in prove([statement])]
    return ["  proof:", *figures, f"  the statement {verdict}", *findings]
