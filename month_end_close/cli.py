"""`finagents statement FILE... [--json | --csv]`: bank and card statements read on their
own, without a close, with the proof of each. The reading is `month_end_close.statements`;
this is the command around it."""

from __future__ import annotations

from pathlib import Path

import typer

from shared.cli.common import EngagementOption


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("statement", cls=PlainUsage, help="Read bank or card statements (PDF, OFX, MT940, CSV) and prove "
                                                  "each: the lines as read and opening + lines = closing.")(statement)


def statement(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="Statement files: PDF, OFX/QFX, MT940 (.sta, "
                                                                ".mt940) or a bank*.csv export."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per statement, one a line."),
    as_csv: bool = typer.Option(False, "--csv", help="The lines of every statement as CSV (for a spreadsheet)."),
    model: str | None = typer.Option(None, "--model", metavar="MODEL",
                                        help="offline, or a model id to read what the rules cannot prove "
                                             "(needs ANTHROPIC_API_KEY)."),
    engagement: Path | None = EngagementOption,
) -> None:
    import json

    from month_end_close.statements.export import as_csv as csv_of
    from month_end_close.statements.export import as_json as json_of
    from month_end_close.statements.export import as_text
    from shared.errors import InputError

    if as_json and as_csv:
        raise InputError("statement", "give --json or --csv, not both")
    statements = _read_all(files, model, engagement)
    if as_csv:
        typer.echo(csv_of(statements), nl=False)
        return
    for read in statements:
        typer.echo(json.dumps(json_of(read), ensure_ascii=False) if as_json else as_text(read) + "\n")


def _read_all(files: list[Path], model: str | None, engagement: Path | None) -> list:
    """Every statement of every file; findings about a file as a whole (the model's
    reading not used) go to stderr, since no statement carries them."""
    import os
    import sys

    from month_end_close.statements.files import command_reader, read_files
    from shared.cli.common import engagement_in_force

    reader = command_reader(model, engagement_in_force(engagement), os.environ)
    statements, findings = read_files(files, reader)
    for found in findings:
        print(f"{found.severity}: {found.code}: {found.message}", file=sys.stderr)
    return statements
