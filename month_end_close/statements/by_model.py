"""Claude as the reader of last resort: a statement the rules cannot read or prove (or a
scan with no text layer) is given to the model as the PDF itself.

Nothing it says is taken on trust. Its reading is used only when every statement in it
proves (opening + lines = closing, every running balance it gave, through the pack's own
proof) and every line is found on the page it names (`model_cite`); then the statement's
`method` is `model`. Otherwise its reading is not used, and a finding says why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from month_end_close.proof import describe
from month_end_close.records import BankLine, CitedAmount, Statement
from month_end_close.statements.model_answer import ReadBalance, ReadStatement, StatementReading
from month_end_close.statements.model_cite import PrintedPages, locate_figure, locate_line
from month_end_close.statements.readings import proves, where_unproved
from shared.documents.pdf import PdfDocument, open_pdf
from shared.findings import Finding, finding
from shared.llm import PdfInput
from shared.llm.protocol import Model
from shared.prompts import PromptLibrary
from shared.runs.fallback import or_baseline

_MAX_TOKENS = 32000  # a long statement's lines, each with its date, text and figures


@dataclass(frozen=True)
class Reader:
    """What reading by model needs: the model and the workflow's prompts."""

    model: Model
    prompts: PromptLibrary


@dataclass(frozen=True)
class ModelOutcome:
    statements: tuple[Statement, ...]
    findings: list[Finding] = field(default_factory=list)


class _Rejected(Exception):
    """The model's reading cannot be used; the message says why."""


def read_by_model(path: Path, reader: Reader, problem: str, printed_balances: int = 0) -> ModelOutcome:
    """The model's reading of the file, accepted or not. `problem` tells the model (and
    the finding) why it is asked; `printed_balances` is how many running balances the
    rules saw printed: a reading that leaves them out would escape their check."""
    with open_pdf(path, require_text=False) as document:
        prompt = reader.prompts.render("read_statement.j2", name=path.name, pages=document.page_count,
                                       problem=problem)
        answer, fell = or_baseline(f"read_close ({path.name})", lambda: reader.model.ask(
            system=reader.prompts.render("system.j2"), prompt=prompt, output_type=StatementReading,
            documents=[PdfInput.read(path)], max_tokens=_MAX_TOKENS).output)
        if answer is None:
            return ModelOutcome((), fell)  # as if no model had read it: the rules' reading, or none
        notes = [finding("document_instructs_model", path.name, f"{path.name} tried to instruct the model: {q!r}")
                 for q in answer.suspected_injection]
        try:
            statements = _accepted(document, answer, printed_balances)
        except _Rejected as why:
            return ModelOutcome((), [*notes, _rejected(path, reader.model.model_id, str(why))])
    return ModelOutcome(statements, [*notes, *(_read_note(s, reader.model.model_id) for s in statements)])


def _accepted(document: PdfDocument, answer: StatementReading, printed_balances: int) -> tuple[Statement, ...]:
    if not answer.statements or not any(s.lines for s in answer.statements):
        raise _Rejected("it found no transaction lines")
    given = sum(line.balance is not None for s in answer.statements for line in s.lines)
    if given < printed_balances:
        raise _Rejected(f"it gave {given} running balances, but the statement prints {printed_balances}")
    pages = PrintedPages.of(document)
    per_page: Counter[int] = Counter()
    statements = tuple(_statement(document, pages, read, per_page) for read in answer.statements)
    for statement in statements:
        if not proves(statement):
            raise _Rejected(_why_not(statement))
    return statements


def _statement(document: PdfDocument, pages: PrintedPages, read: ReadStatement, per_page: Counter[int]) -> Statement:
    lines = []
    for line in read.lines:
        found = locate_line(pages, line.page, line.value, line.printed_amount, line.description,
                            Decimal(line.balance) if line.balance is not None else None)
        if isinstance(found, str):
            raise _Rejected(f"its line of {line.date} for {line.printed_amount} fails the citation check: {found}")
        per_page[line.page] += 1
        lines.append(BankLine(id=f"{document.path.name}:{line.page}:{per_page[line.page]}",
                              date=date.fromisoformat(line.date), description=" ".join(line.description.split()),
                              amount=line.value, citation=found.citation, balance=found.balance,
                              verified=found.verified))
    return Statement(
        path=str(document.path), sha256=document.sha256, format="pdf", lines=tuple(lines), account=read.account,
        currency=read.currency, bank=read.bank, method="model",
        period_start=date.fromisoformat(read.period_start) if read.period_start else None,
        period_end=date.fromisoformat(read.period_end) if read.period_end else None,
        opening=_balance(pages, read.opening, "opening"), closing=_balance(pages, read.closing, "closing"),
    )


def _balance(pages: PrintedPages, read: ReadBalance | None, name: str) -> CitedAmount | None:
    if read is None:
        return None
    found = locate_figure(pages, read.page, Decimal(read.value), read.printed)
    if isinstance(found, str):
        raise _Rejected(f"its {name} balance fails the citation check: {found}")
    return CitedAmount(Decimal(read.value), found)


def _why_not(statement: Statement) -> str:
    if statement.opening is None or statement.closing is None:
        return "it gave no opening or closing balance, so its lines cannot be proved"
    return f"it does not prove: {where_unproved(statement)}"


def _rejected(path: Path, model_id: str, why: str) -> Finding:
    return finding("statement_model_rejected", path.name, f"The reading of {path.name} by {model_id} was not "
                   f"used: {why}. A reading is used only when it proves and every line is found on its page; "
                   f"ask the bank for an export of the account (CSV, OFX or MT940)", "error")


def _read_note(statement: Statement, model_id: str) -> Finding:
    label = describe(statement)
    unverified = sum(not line.verified for line in statement.lines)
    how = (f"; {unverified} line(s) are on pages with no text layer (a scan), cited by page only and not verified"
           if unverified else "; every line was found on its page")
    return finding("statement_read_by_model", label, f"{label} was read by {model_id}, not by the pack's rules: "
                   f"{len(statement.lines)} lines, and they prove{how}", "warning" if unverified else "info")


__all__ = ["ModelOutcome", "Reader", "read_by_model"]
