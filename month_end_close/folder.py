"""A close folder: which file is which, read into statements and books.

Files are known by name and extension (CONTRACT.md): statements `*.pdf`, `*.ofx`/`*.qfx`,
`*.sta`/`*.mt940`, `bank*.csv`; `ledger.csv`; `tb_current.csv`, `tb_prior.csv`;
optionally `budget.csv` and `accounts.csv`; `close.toml`. Hidden files (fixtures keep
their truth there) and a README are ignored. Anything else is reported, not silently
skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from month_end_close.columns import columns_mapped
from month_end_close.ledger import read_accounts, read_balances, read_ledger
from month_end_close.records import Account, AccountBalance, LedgerLine, Statement
from month_end_close.statements import read_bank_csv
from month_end_close.statements.files import NeedsModel, read_file
from shared.documents.folder import folder_documents
from shared.errors import InputError
from shared.findings import Finding, finding

STATEMENT_SUFFIXES = (".pdf", ".ofx", ".qfx", ".sta", ".mt940")
BOOK_FILES = ("ledger.csv", "tb_current.csv", "tb_prior.csv", "budget.csv", "accounts.csv", "close.toml")


@dataclass(frozen=True)
class Books:
    ledger: tuple[LedgerLine, ...]
    tb_current: tuple[AccountBalance, ...] | None
    tb_prior: tuple[AccountBalance, ...] | None
    budget: tuple[AccountBalance, ...] | None
    accounts: tuple[Account, ...] | None


def statement_files(folder: Path) -> list[Path]:
    return [p for p in _visible(folder) if p.suffix.lower() in STATEMENT_SUFFIXES
            or (p.suffix.lower() == ".csv" and p.name.lower().startswith("bank"))]


def unrecognised(folder: Path) -> list[Finding]:
    known = set(statement_files(folder))
    return [finding("unrecognised_file", p.name, f"{p.name} is not a file a close folder holds (statements, "
                    "ledger.csv, trial balances, budget.csv, accounts.csv, close.toml): not read", "warning")
            for p in _visible(folder) if p not in known and p.name.lower() not in BOOK_FILES]


def _visible(folder: Path) -> list[Path]:
    # Hidden files and a README are notes beside the close (the sample's says it is
    # synthetic), not files of it. A link among them is refused (folder_documents).
    return [p for p in folder_documents(folder) if not p.name.upper().startswith("README")]


def read_statements(folder: Path, settings: Any) -> tuple[Statement, ...]:
    return read_statements_noted(folder, settings)[0]


def read_statements_noted(folder: Path, settings: Any, reader: Any = None) -> tuple[tuple[Statement, ...],
                                                                                      list[Finding]]:
    """Every statement in the folder, and what reading them found. A statement only a
    model could read is a finding when offline (`reader` None), unless nothing in the
    folder can be read at all: then it is the input error."""
    statements: list[Statement] = []
    findings: list[Finding] = []
    refused: list[NeedsModel] = []
    for path in statement_files(folder):
        if path.suffix.lower() == ".csv":
            with columns_mapped(settings.columns):
                statements.append(read_bank_csv(path, settings.columns, settings.bank.opening, settings.bank.closing))
            continue
        try:
            read, found = read_file(path, reader)
        except NeedsModel as error:
            refused.append(error)
            continue
        statements.extend(read)
        findings.extend(found)
    if refused and not statements:
        raise refused[0]
    findings += [finding("statement_needs_model", Path(e.path).name, str(e), "error") for e in refused]
    return tuple(sorted(statements, key=lambda s: (s.period_start or _first_date(s), s.path))), findings


def _first_date(statement: Statement):
    return statement.lines[0].date if statement.lines else dt.date.min


def read_books(folder: Path, settings: Any) -> Books:
    ledger_path = folder / "ledger.csv"
    if not ledger_path.is_file():
        raise InputError(folder, "has no ledger.csv (the period's general-ledger detail): nothing to reconcile to")
    optional = {name: folder / f"{name}.csv" for name in ("tb_current", "tb_prior", "budget")}
    balances = {name: read_balances(p) if p.is_file() else None for name, p in optional.items()}
    accounts_path = folder / "accounts.csv"
    with columns_mapped(settings.columns):
        ledger = read_ledger(ledger_path, settings.columns)
    return Books(ledger, balances["tb_current"], balances["tb_prior"],
                 balances["budget"], read_accounts(accounts_path) if accounts_path.is_file() else None)


def missing_books(books: Books) -> list[Finding]:
    missing = [name for name in ("tb_current", "tb_prior") if getattr(books, name) is None]
    return [finding("missing_trial_balance", name, f"No {name}.csv in the close folder: the trial-balance checks "
                    "and the flux analysis that need it are skipped", "error") for name in missing]


def cash_account(books: Books, configured: str | None, folder: Path) -> str:
    """The account reconciled: `cash_account` if set, else the one `accounts.csv` marks."""
    if configured:
        return configured
    marked = [a.account for a in books.accounts or () if a.cash]
    if len(marked) == 1:
        return marked[0]
    problem = "marks several accounts cash" if marked else "marks no account cash"
    where = folder / "accounts.csv" if books.accounts else folder
    raise InputError(where, f"{problem if books.accounts else 'has no accounts.csv'}: say which account is "
                            "reconciled with cash_account in close.toml or [month_end_close]")
