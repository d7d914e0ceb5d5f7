"""Each case in a child process of its own (the `finagents` command of this interpreter),
so that a crash, a hang or a memory blow-up in one case is that case's failure."""

from __future__ import annotations

import multiprocessing
import os
import queue
import shlex
import signal
import sys
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from shared.runs.batch.records import BatchRecord, CaseRecord
from shared.workflows import get_workflow

# What every case's process needs, imported once by the fork server the cases come from.
PRELOAD = ("shared.cli.app", "shared.runs.driver", "langgraph.graph", "langgraph.checkpoint.sqlite")


@dataclass(frozen=True)
class Attempt:
    """A case's child process, and where its stderr begins in the case's log."""

    process: BaseProcess
    log_from: int


@dataclass(frozen=True)
class Ended:
    index: int
    exit_status: int
    timed_out: bool


def command(batch: BatchRecord, case: CaseRecord, run_dir: Path | None) -> list[str]:
    """`finagents resume RUN` for a run to continue, else `finagents run WORKFLOW CASE`."""
    options = batch.options
    budget = _flag("--budget-usd", options.budget_usd)
    if run_dir is not None:
        return ["resume", str(run_dir), *budget]
    return ["run", batch.workflow, str(case.path), *_flag("--model", options.model), *budget,
            *_flag("--engagement", options.engagement), *(["--batch-api"] if options.batch_api else [])]


def _flag(name: str, value: object) -> list[str]:
    return [] if value is None else [name, str(value)]


def children(workflow: str) -> ForkServerContext:
    """Where the cases' processes come from: a fork server, a fresh interpreter that has
    imported the command and the workflow's graph once, so that each case starts at its
    work instead of spending a second or two importing them. Importing reads nothing
    (house rule), so a child is a fresh `finagents` command, only sooner at work."""
    context = multiprocessing.get_context("forkserver")
    graph_module = get_workflow(workflow).graph.reference.partition(":")[0]
    context.set_forkserver_preload([*PRELOAD, graph_module])
    return context


def stop_children() -> None:
    """Stop the fork server and wait for it. The cases are its children, so their time
    and peak memory reach the batch's own account (`getrusage(RUSAGE_CHILDREN)`, `time`)
    only once the batch has waited for the server. multiprocessing has no public call
    for this; `_stop` is what its own tests use, and where it is missing the server ends
    with the batch as it always does, only unaccounted."""
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def launch(context: ForkServerContext, args: list[str], workdir: Path, log: Path, now: datetime) -> BaseProcess:
    """The child, its stderr appended to the case's log under a line saying which attempt."""
    with log.open("ab") as stderr:
        stderr.write(f"== {now:%Y-%m-%d %H:%M:%S} UTC: finagents {shlex.join(args)}\n".encode())
    # daemon: a batch that dies of an error takes its children with it; its record says
    # which cases were running, and `batch resume` continues them.
    process = context.Process(target=child_main, args=(args, str(workdir), str(log), dict(os.environ)), daemon=True)
    process.start()
    return process


def child_main(args: list[str], workdir: str, log: str, environ: dict[str, str]) -> None:
    """In the child: `finagents ARGS` as the batch would have run it from its own folder
    and environment (not the fork server's), its stderr appended to the case's log."""
    os.environ.clear()
    os.environ.update(environ)
    os.chdir(workdir)
    with open(log, "ab") as stderr, open(os.devnull, "wb") as stdout:
        os.dup2(stderr.fileno(), 2)
        os.dup2(stdout.fileno(), 1)
    from shared.cli import main  # noqa: PLC0415 - the runs layer sits below the command line; only a child runs it

    sys.exit(main(args))


def watch(index: int, process: BaseProcess, timeout: int | None, events: queue.Queue[Ended]) -> None:
    """On a thread of its own: tell `events` when the child ends, killing it at `timeout`."""
    process.join(timeout)
    timed_out = process.exitcode is None
    if timed_out:
        process.kill()  # as a crash would: the run is continued by `batch resume`
        process.join()
    events.put(Ended(index, process.exitcode if process.exitcode is not None else -signal.SIGKILL, timed_out))


def error_line(log: Path, start: int, ended: Ended, timeout: int | None) -> str | None:
    """The case's one-line error: the command's own last line where it gave one."""
    if ended.timed_out:
        return f"stopped after {timeout} s (--case-timeout); `finagents batch resume` continues it"
    if ended.exit_status < 0:
        return f"killed by {signal.Signals(-ended.exit_status).name}"
    if ended.exit_status == 0:
        return None
    try:
        with log.open("rb") as handle:
            handle.seek(start)
            lines = [line for line in handle.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        lines = []
    last = lines[-1] if lines else ""
    return last.removeprefix("finagents: ") if last.startswith("finagents: ") else f"exit status {ended.exit_status}"
