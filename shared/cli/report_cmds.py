"""`finagents open`: a run's report."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

import typer

from shared.cli.common import EngagementOption, runs_dir
from shared.errors import InputError

REPORT_FILE = "report.html"
# Where a browser can be shown without an X or Wayland display.
DESKTOP_PLATFORMS = ("darwin", "win32")


def register(app: typer.Typer) -> None:
    app.command("open", help="Print the path of a run's report.html, and open it where a browser is available.")(
        open_report)


def open_report(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    engagement: Path | None = EngagementOption,
) -> None:
    from shared.runs.store import resolve_run

    report = report_path(resolve_run(run_ref, runs_dir(engagement)))
    # The path alone on stdout, so that `$(finagents open RUN)` is the file.
    typer.echo(str(report))
    show_in_browser(report)


def report_path(run_dir: Path) -> Path:
    """The run's report.html as an absolute path; InputError if it has none."""
    report = (run_dir / REPORT_FILE).resolve()
    if not report.is_file():
        raise InputError(run_dir, f"has no {REPORT_FILE} (a run writes it when it reaches the review gate)")
    return report


def show_in_browser(report: Path, *, stdout: TextIO | None = None, environ: Mapping[str, str] | None = None,
                    platform: str | None = None, opener: Callable[[str], bool] | None = None) -> bool:
    """Open the report in a browser when a person is at a desktop; True if one was asked.

    In a pipe, a script, CI or over ssh without a display, `webbrowser` would start a
    text browser in the terminal or hang, so then the printed path is all we give."""
    if not browser_available(stdout or sys.stdout, os.environ if environ is None else environ,
                             platform or sys.platform):
        return False
    if opener is None:
        import webbrowser

        opener = webbrowser.open
    return bool(opener(report.as_uri()))


def browser_available(stdout: TextIO, environ: Mapping[str, str], platform: str) -> bool:
    if not stdout.isatty():
        return False
    has_display = any(environ.get(name) for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"))
    return has_display or platform in DESKTOP_PLATFORMS
