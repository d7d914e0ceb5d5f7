"""The close's steps. Each takes the state and the run's runtime and returns what it
adds; the work lives in the domain modules it calls."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from month_end_close.balances import book_balance
from month_end_close.bank_to_book import flagged_lines, reconcile_close
from month_end_close.context import Context
from month_end_close.entries import ProposedEntry, proposals
from month_end_close.flux import FluxRow, flux_table, offline_explanation
from month_end_close.folder import (
    BOOK_FILES,
    Books,
    cash_account,
    missing_books,
    read_books,
    read_statements_noted,
    unrecognised,
)
from month_end_close.model_steps import explain
from month_end_close.period import period_findings
from month_end_close.proof import prove
from month_end_close.reconcile import Reconciliation
from month_end_close.records import Statement
from month_end_close.state import books_of, flux_of, reconciliation_of, statements_of
from month_end_close.statements.by_model import Reader
from month_end_close.trial_balance import activity, balances_check, cash_check, roll_forward
from shared.documents.base import sha256_file
from shared.errors import InputError
from shared.findings import finding
from shared.llm import is_offline
from shared.runs.context import NodeRuntime, RunContext, workflow_settings
from shared.runs.fallback import or_baseline
from shared.runs.packed import Packed
from shared.runs.progress import progress_of
from shared.runs.result import InputFile

State = Mapping[str, Any]


def _settings(runtime: NodeRuntime) -> Context:
    return workflow_settings(runtime.context, Context)


def read_close(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    folder, settings = Path(state["input_path"]), _settings(runtime)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder: give the close folder (statements, ledger.csv, trial balances)")
    statements, read_findings = read_statements_noted(folder, settings, _reader(runtime.context))
    books = read_books(folder, settings)
    files = {s.path: s.sha256 for s in statements} | _book_hashes(books, folder)
    findings = unrecognised(folder) + missing_books(books) + read_findings
    findings += period_findings(settings.period, statements, books.ledger)
    if not statements:
        findings.append(_no_statement(folder))
    return {"statements": Packed.of(statements, tuple[Statement, ...]), "books": Packed.of(books, Books),
            "cash_account": cash_account(books, settings.cash_account, folder), "findings": findings,
            "inputs": [InputFile(path=p, sha256=h) for p, h in files.items()]}


def _reader(context: RunContext) -> Reader | None:
    """With a model in force, the model reads the statements the rules cannot read or prove."""
    if is_offline(context.model):
        return None
    return Reader(context.model, context.prompts)


def _book_hashes(books: Any, folder: Path) -> dict[str, str]:
    """Every book file read, with its hash: taken from a citation where the file has rows
    (it was hashed when read), else hashed here (the chart, close.toml, an empty file)."""
    cited = {part[0].citation.path: part[0].citation.doc_sha256
             for part in (books.ledger, books.tb_current, books.tb_prior, books.budget) if part}
    present = [str(folder / name) for name in BOOK_FILES if (folder / name).is_file()]
    return {path: cited.get(path) or sha256_file(path) for path in present}


def _no_statement(folder: Path) -> Any:
    return finding("no_statement", folder.name, "No bank statement in the close folder: the books cannot be "
                   "reconciled, every cash line is reported unmatched", "error")


def prove_statements(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    return {"findings": prove(statements_of(state))}


def reconcile(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    lines_matched = partial(progress_of(runtime).count, "bank lines matched")
    rec = reconcile_close(statements_of(state), books_of(state), state["cash_account"], _settings(runtime),
                          on_pass=lines_matched)
    return {"reconciliation": Packed.of(rec, Reconciliation)}


def propose_entries(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    statements = statements_of(state)
    bank = {line.id: line for s in statements for line in s.lines}
    entries, withheld = proposals(reconciliation_of(state), bank, books_of(state).ledger, state["cash_account"],
                                  _settings(runtime).entry_accounts, flagged_lines(statements))
    return {"entries": Packed.of(entries, tuple[ProposedEntry, ...]), "findings": [w.finding() for w in withheld]}


def check_trial_balance(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    books, cash = books_of(state), state["cash_account"]
    findings = []
    for name, rows in (("current trial balance", books.tb_current), ("prior trial balance", books.tb_prior)):
        findings += balances_check(name, rows) if rows is not None else []
    if books.tb_current is not None:
        findings += cash_check(books.tb_current, cash, book_balance(books, cash))
        findings += roll_forward(books.tb_prior or (), books.tb_current, activity(books.ledger))
    return {"findings": findings}


def analyse_flux(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    books, settings = books_of(state), _settings(runtime)
    if books.tb_current is None or books.tb_prior is None:
        return {}
    credit_normal = frozenset(a.account for a in books.accounts or () if a.type in ("liability", "equity", "revenue"))
    rows = flux_table(books.tb_current, books.tb_prior, books.budget, books.ledger, settings.materiality_amount,
                      settings.materiality_pct, settings.flux_drivers, credit_normal)
    rows = tuple(replace(r, explanation=offline_explanation(r)) if r.flagged else r for r in rows)
    return {"flux": Packed.of(rows, tuple[FluxRow, ...])}


def explain_flux(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """With a model: why each flagged account moved, from its drivers."""
    context, settings = runtime.context, _settings(runtime)
    rows = flux_of(state)
    if is_offline(context.model) or not settings.explain_flux or not any(r.flagged for r in rows):
        return {}
    explained, fell = or_baseline("explain_flux", lambda: explain(rows, context, books_of(state).ledger))
    if explained is None:
        return {"findings": fell}  # the offline explanations stand
    flux, findings = explained
    return {"flux": Packed.of(flux, tuple[FluxRow, ...]), "findings": findings}
