"""Statement files read as the close and `finagents statement` read them: by the pack's
rules first, and by the model (when one is in force) for what the rules cannot read (a
scan, a layout with no table they find) or cannot prove.

Offline, a file the rules cannot read is refused with the two ways forward (a model, or
an export from the bank); one they read but cannot prove is kept, unproven, with its
finding. With a model, the model's reading replaces the rules' only when it proves and
every line is found on its page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from month_end_close.records import Statement
from month_end_close.statements import read_bank_csv, read_statement
from month_end_close.statements.by_model import ModelOutcome, Reader, read_by_model
from month_end_close.statements.generic import RulesCannotRead
from month_end_close.statements.readings import WAYS_FORWARD, proves
from shared.documents.errors import DocumentError, NoTextLayer
from shared.findings import Finding
from shared.llm import Budget, build_model
from shared.workflows import get_workflow


class NeedsModel(DocumentError):
    """A statement only a model (or an export from the bank) can serve: the rules cannot
    read it, and no model read it."""


def read_file(path: Path, reader: Reader | None = None) -> tuple[tuple[Statement, ...], list[Finding]]:
    """The file's statements and what reading them found beyond each statement's own
    findings. Raises `NeedsModel` offline for a file only a model could read."""
    try:
        statements = read_statement(path)
    except (NoTextLayer, RulesCannotRead) as error:
        problem = _problem(error)
        if reader is None:
            raise NeedsModel(path, f"{problem}; {WAYS_FORWARD}") from None
        outcome = read_by_model(path, reader, f"The pack's rules cannot read it: {problem}.")
        return outcome.statements, outcome.findings
    if reader is None or all(proves(s) for s in statements):
        return statements, []
    return _second_opinion(path, statements, reader)


def _second_opinion(path: Path, statements: tuple[Statement, ...], reader: Reader) -> tuple[
        tuple[Statement, ...], list[Finding]]:
    """The model's reading of a statement the rules read but could not prove; the rules'
    reading stays when the model's is not used."""
    unproven = next(s for s in statements if not proves(s))
    why = next((f.message for f in unproven.findings if f.code == "statement_unproved"),
               "the pack's rules read it, but the lines do not prove")
    printed = sum(line.balance is not None for s in statements for line in s.lines)
    outcome: ModelOutcome = read_by_model(path, reader, f"The pack's rules read it but cannot prove it: {why}", printed)
    if outcome.statements:
        return outcome.statements, outcome.findings
    return statements, outcome.findings


def _problem(error: DocumentError) -> str:
    if isinstance(error, NoTextLayer):
        return "has no text layer (a scan), which the pack's rules cannot read"
    message = str(error)
    prefix = f"{error.path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def read_files(files: Sequence[Path], reader: Reader | None = None) -> tuple[list[Statement], list[Finding]]:
    """Several files in order (`finagents statement`); a CSV of any name is a bank CSV."""
    statements: list[Statement] = []
    findings: list[Finding] = []
    for path in files:
        if Path(path).suffix.lower() == ".csv":
            statements.append(read_bank_csv(Path(path)))
            continue
        read, found = read_file(Path(path), reader)
        if not read:  # the model read it, and its reading was not used
            raise NeedsModel(path, next((f.message for f in found if f.code == "statement_model_rejected"),
                                        "no statement could be read from it"))
        statements.extend(read)
        findings.extend(found)
    return statements, findings


def command_reader(model_option: str | None, engagement: Any, environ: Mapping[str, str]) -> Reader | None:
    """The model `finagents statement` reads with: `--model`, else the engagement's;
    None offline. A model id without ANTHROPIC_API_KEY is an input error."""
    model_id = model_option or engagement.config.engagement.model
    if model_id == "offline":
        return None
    prompts = get_workflow("month_end_close").prompt_library(engagement.prompts_dir("month_end_close"))
    model = build_model(model_id, api_key=environ.get("ANTHROPIC_API_KEY"), prices=engagement.config.prices,
                        budget=Budget(engagement.config.engagement.budget_usd),
                        base_url=environ.get("ANTHROPIC_BASE_URL"), prompts=prompts)
    return Reader(model, prompts)
