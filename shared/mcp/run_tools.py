"""`run_workflow` and `run_status`: the one way a tool call starts work, and it decides
nothing (DESIGN.md, principle 9). A run is `finagents run` in a child process of its own
session, so it goes on to its review gate even if the agent hangs up; the tool waits up to
`wait_seconds` for the gate and otherwise returns as soon as the run id is known, status
`running`. Neither tool takes an answer: approving, rejecting and resuming are
`finagents review` and `finagents resume`, by a person."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from pydantic import Field

from shared.errors import FinagentsError, InputError
from shared.mcp.run_state import RunState, run_state
from shared.mcp.tool import Arguments, Tool, ToolContext
from shared.runs.store import resolve_run
from shared.workflows import get_workflow

# The command line itself, so the run and its refusals are exactly `finagents run`'s.
CHILD = "import sys; from shared.cli import main; sys.exit(main())"
BEGUN = re.compile(r"^run (\S+) in (.+)$", re.MULTILINE)
POLL_SECONDS = 0.1


class RunArguments(Arguments):
    workflow: str = Field(description="The workflow: earnings_review, kyc, month_end_close (`finagents list`).")
    input: str = Field(description="The file or folder to work on: a filing, a KYC case folder, a close folder.")
    engagement: str | None = Field(None, description="Client project folder (default: the server's engagement).")
    model: str = Field("offline", description="offline (the default), or a Claude model id.")
    wait_seconds: int = Field(60, ge=0, le=600, description="How long to wait for the run to reach its review "
                                                            "gate before answering with status running.")


class StatusArguments(Arguments):
    run: str = Field(description="A run id (in the runs folder in force) or a run folder's path.")


def run_workflow(arguments: RunArguments, context: ToolContext) -> RunState:
    get_workflow(arguments.workflow).require_built()
    if not context.path(arguments.input).exists():
        raise InputError(arguments.input, "does not exist")
    # The child's stderr, appended through a handle of its own: a shared file offset would
    # let our reads move where it writes. Unlinked once read; the child keeps its handle.
    with tempfile.TemporaryDirectory(prefix="finagents-mcp-") as folder:
        log = Path(folder) / "stderr.log"
        with log.open("ab") as stderr:
            child = _start(arguments, context, stderr)
        run_dir = _wait(child, log, arguments.wait_seconds)
    return run_state(run_dir)


def _start(arguments: RunArguments, context: ToolContext, stderr: IO[bytes]) -> subprocess.Popen[bytes]:
    engagement = arguments.engagement or (str(context.engagement.root) if context.engagement.root else None)
    args = ["run", arguments.workflow, str(context.path(arguments.input)), "--model", arguments.model, "--quiet",
            *(["--engagement", str(context.path(engagement))] if engagement else [])]
    return subprocess.Popen([sys.executable, "-c", CHILD, *args], cwd=context.cwd, env=dict(context.environ),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                            start_new_session=True)


def _wait(child: subprocess.Popen[bytes], log: Path, wait_seconds: int) -> Path:
    """The run's folder once the run has ended, or once it has written its manifest and
    `wait_seconds` have passed; the command's own one-line error if it ended before."""
    deadline = time.monotonic() + wait_seconds
    while child.poll() is None and not (_placed(log) is not None and time.monotonic() >= deadline):
        time.sleep(POLL_SECONDS)
    run_dir = _placed(log)
    if run_dir is None:
        raise FinagentsError(None, _last_line(_read(log)) or f"the run ended with exit status {child.returncode}")
    return run_dir


def _placed(log: Path) -> Path | None:
    """The run folder the command named on its first line, once its run.json is there
    (the line comes just before the folder is claimed)."""
    begun = BEGUN.search(_read(log))
    run_dir = Path(begun[2]) if begun else None
    return run_dir if run_dir is not None and (run_dir / "run.json").is_file() else None


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith("finagents: ")]
    return lines[-1].removeprefix("finagents: ") if lines else ""


def run_status(arguments: StatusArguments, context: ToolContext) -> RunState:
    return run_state(resolve_run(arguments.run, context.engagement.runs_dir(context.cwd)))


RUN_WORKFLOW = Tool(
    name="run_workflow",
    arguments=RunArguments,
    result=RunState,
    call=run_workflow,
    servers=("screening",),
    serial=False,
)

RUN_STATUS = Tool(
    name="run_status",
    arguments=StatusArguments,
    result=RunState,
    call=run_status,
    servers=("screening", "internal-gl"),
    serial=False,
)
