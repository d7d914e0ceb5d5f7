"""Month-end close as the core finds it: the `finagents.workflows` entry point names SPEC.
Its command (`statement`) is in month_end_close/cli.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from month_end_close.cli import register
from shared.body import table
from shared.workflows import Lazy, WorkflowSpec


def headline(body: Mapping[str, Any]) -> str | None:
    """What the bank reconciliation leaves unexplained."""
    statement = table(body, "reconciliation", "statement")
    if statement.get("unexplained_difference") is None:
        return None
    return f"Unexplained difference: {statement['unexplained_difference']}"


SPEC = WorkflowSpec(
    name="month_end_close",
    summary="Statements and ledger in; proven bank reconciliation, flux analysis, draft entries.",
    input_help="a close folder: bank statements, ledger.csv, trial balances, close.toml",
    package="month_end_close",
    graph=Lazy("month_end_close.graph:build_graph"),
    settings=Lazy("month_end_close.context:Context"),
    input_settings_file="close.toml",
    input_settings_keys=("period", "entity", "currency", "bank", "columns", "cash_account"),
    headline=headline,
    evaluation=Lazy("month_end_close.evaluate:evaluate"),
    commands=register,
    tools=Lazy("month_end_close.tools:tools"),
)
