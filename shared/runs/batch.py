"""`finagents batch`: every case of a folder as its own run, N at a time, each in a child
process of its own (the `finagents` command of this interpreter), so that a crash, a hang
or a memory blow-up in one case is that case's failure and the rest go on.

The batch folder holds `batch.json` (the cases and how each went, rewritten atomically
after each change), `batch.csv` (one row a case, for a spreadsheet) and `logs/`, each
case's stderr. `finagents batch resume` finishes a batch that was killed or had failures:
a case whose run reached the review gate is left alone, one whose run stopped short is
continued as `finagents resume` continues it, one never started is started. A case's run
is found by its manifest (the input it ran on, started since the case was), not by the
batch's record alone: a run that reached its gate while the batch was being killed is
never run twice.
"""

from __future__ import annotations

import csv
import fcntl
import io
import multiprocessing
import os
import queue
import secrets
import shlex
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from shared.audit import AUDIT_FILE, read_data
from shared.errors import InputError
from shared.money import Money
from shared.runs.manifest import RunManifest, write_atomic
from shared.runs.progress import SILENT, RunProgress
from shared.runs.result_file import read_result
from shared.spreadsheet import csv_text
from shared.workflows import get_workflow

BATCH_FILE, CSV_FILE, LOGS, LOCK_FILE = "batch.json", "batch.csv", "logs", ".lock"
DONE = frozenset({"awaiting_review", "approved", "rejected"})  # the run reached its review gate
PENDING, RUNNING, FAILED = "pending", "running", "failed"
CSV_COLUMNS = ("case", "run_id", "status", "headline", "findings_error", "findings_warning", "findings_info",
               "cost_usd", "failure")
# What every case's process needs, imported once by the fork server the cases come from.
PRELOAD = ("shared.cli.app", "shared.runs.driver", "langgraph.graph", "langgraph.checkpoint.sqlite")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


# -- records ------------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Findings(_Record):
    """A run's findings counted by severity."""

    error: int = 0
    warning: int = 0
    info: int = 0


class CaseRecord(_Record):
    name: str
    path: Path
    log: str  # the case's stderr, every attempt one after the other, relative to the batch folder
    status: str = PENDING
    run_id: str | None = None
    exit_status: int | None = None
    error: str | None = None
    started: datetime | None = None
    ended: datetime | None = None
    attempts: int = 0
    headline: str | None = None
    findings: Findings = Findings()
    cost_usd: Money | None = None
    # Runs of this case killed before their first step: nothing to continue, so the case
    # was started again; their folders are left where they are.
    abandoned_runs: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status in DONE


class BatchOptions(_Record):
    jobs: int = 1
    model: str | None = None
    budget_usd: str | None = None
    engagement: Path | None = None
    case_timeout: int | None = None  # seconds; None: a case may take as long as it takes


class BatchRecord(_Record):
    batch_id: str
    workflow: str
    cases_dir: Path
    # Where the children run: the engagement and the runs folder are found from here, as
    # `finagents run` finds them, whichever folder `batch resume` is given from.
    workdir: Path
    runs_dir: Path
    options: BatchOptions
    created_at: datetime
    cases: tuple[CaseRecord, ...]

    def replaced(self, index: int, **changes: Any) -> BatchRecord:
        cases = list(self.cases)
        cases[index] = cases[index].model_copy(update=changes)
        return self.model_copy(update={"cases": tuple(cases)})

    def with_options(self, **changes: Any) -> BatchRecord:
        return self.model_copy(update={"options": self.options.model_copy(update=changes)})

    def failed(self) -> list[CaseRecord]:
        return [case for case in self.cases if not case.done]


# -- a new batch ---------------------------------------------------------------------------


def case_paths(cases_dir: Path) -> list[Path]:
    """Each folder or file directly under `cases_dir`, hidden ones left out, by name."""
    if not cases_dir.is_dir():
        raise InputError(cases_dir, "is not a folder of cases")
    found = sorted(path for path in cases_dir.iterdir() if not path.name.startswith("."))
    if not found:
        raise InputError(cases_dir, "holds no case (a case is a folder or a file directly under it; "
                                    "hidden ones are left out)")
    return found


def new_batch(workflow: str, cases_dir: Path, *, runs_dir: Path, workdir: Path, options: BatchOptions,
              now: datetime) -> BatchRecord:
    cases = tuple(CaseRecord(name=path.name, path=path.resolve(), log=f"{LOGS}/{number:03d}.log")
                  for number, path in enumerate(case_paths(cases_dir), start=1))
    return BatchRecord(batch_id=f"batch-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}", workflow=workflow,
                       cases_dir=cases_dir.resolve(), workdir=workdir.resolve(), runs_dir=runs_dir.resolve(),
                       options=options, created_at=now, cases=cases)


def claim_folder(folder: Path, given: bool) -> Path:
    """The batch folder, made now; one given with --out must be new or empty."""
    if given and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(folder, "already exists and is not an empty folder; give --out a new folder")
    (folder / LOGS).mkdir(parents=True, exist_ok=True)
    return folder.resolve()


# -- batch.json and batch.csv -----------------------------------------------------------------


def save(batch: BatchRecord, folder: Path) -> None:
    write_atomic(folder / BATCH_FILE, batch.model_dump_json(indent=2) + "\n")
    write_atomic(folder / CSV_FILE, csv_table(batch))


def load(folder: Path) -> BatchRecord:
    try:
        return BatchRecord.model_validate_json((folder / BATCH_FILE).read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(folder, f"is not a batch folder ({BATCH_FILE} cannot be read: {type(exc).__name__})") from None


def csv_table(batch: BatchRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(case) for case in batch.cases)
    return out.getvalue()


def csv_row(case: CaseRecord) -> list[object]:
    """Text cells made safe for a spreadsheet: a case is named by whoever sent it."""
    cost = "" if case.cost_usd is None else str(case.cost_usd)
    cells = [case.name, case.run_id or "", case.status, case.headline or "", case.findings.error,
             case.findings.warning, case.findings.info, cost, case.error or ""]
    return [csv_text(cell) for cell in cells]


# -- a case's run -----------------------------------------------------------------------------


def find_run(batch: BatchRecord, case: CaseRecord) -> Path | None:
    """The case's run: the one recorded, else the newest run on the case's input started
    since the case was (the batch may have been killed before it could record it)."""
    if case.run_id is not None:
        return batch.runs_dir / case.run_id
    if case.started is None:
        return None
    found = runs_on(batch.runs_dir, batch.workflow, case.path, case.started)
    return found[-1] if found else None


def runs_on(runs_dir: Path, workflow: str, input_path: Path, since: datetime) -> list[Path]:
    """Runs of `workflow` on `input_path` started at or after `since`, oldest first."""
    if not runs_dir.is_dir():
        return []
    # A run id starts with its UTC start time to the second: later runs sort after.
    stamp = f"{since.astimezone(UTC):%Y%m%d-%H%M%S}"
    folders = sorted(p for p in runs_dir.iterdir() if p.name[:len(stamp)] >= stamp and f"-{workflow}-" in p.name)
    return [folder for folder in folders if _ran_on(folder, workflow, input_path)]


def _ran_on(folder: Path, workflow: str, input_path: Path) -> bool:
    try:
        manifest = RunManifest.read(folder)
    except InputError:  # not a run, or one killed before it wrote its manifest
        return False
    return manifest.workflow == workflow and manifest.input_path == input_path


def run_fields(run_dir: Path, workflow: str) -> dict[str, Any]:
    """What the case record says of its run: id, state, headline, findings, cost."""
    fields: dict[str, Any] = {"run_id": run_dir.name, "status": FAILED}
    try:
        result = read_result(run_dir / "result.json")
    except (OSError, ValueError):  # killed before it wrote a result
        return fields
    body = result.get("body")
    counts = Counter(item.get("severity") for item in result.get("findings", ()) if isinstance(item, Mapping))
    return {**fields, "status": str(result.get("status", FAILED)),
            "headline": get_workflow(workflow).headline(body) if isinstance(body, Mapping) else None,
            "findings": Findings(error=counts["error"], warning=counts["warning"], info=counts["info"]),
            "cost_usd": _cost(result.get("usage"))}


def _cost(usage: Any) -> Decimal | None:
    try:
        return Decimal(str(usage["cost_usd"]))
    except (TypeError, KeyError, InvalidOperation):
        return None


def has_begun(run_dir: Path) -> bool:
    """Whether the run got as far as its first step. Before that it holds nothing that
    `resume` could continue (perhaps not even its first checkpoint), so the case is
    started again instead."""
    try:
        return bool(read_data(run_dir / AUDIT_FILE, "node_started"))
    except ValueError:  # a log that cannot be read: `resume` repairs or says why
        return True


def refreshed(batch: BatchRecord) -> BatchRecord:
    """Each started case as its run stands now: a run that reached its gate while the
    batch was being killed counts as done, and a run reviewed since shows its review."""
    for index, case in enumerate(batch.cases):
        run_dir = find_run(batch, case)
        if run_dir is not None and run_dir.is_dir():
            fields = run_fields(run_dir, batch.workflow)
            batch = batch.replaced(index, **fields, **({"error": None} if fields["status"] in DONE else {}))
    return batch


# -- children ----------------------------------------------------------------------------------


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
            *_flag("--engagement", options.engagement)]


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


# -- running ------------------------------------------------------------------------------------


def run_batch(batch: BatchRecord, folder: Path, *, progress: RunProgress = SILENT,
              clock: Clock = utc_now) -> BatchRecord:
    """Every case not done, `batch.options.jobs` at a time; the batch as it ends."""
    with _locked(folder):
        batch = refreshed(batch)
        save(batch, folder)
        try:
            return _Runner(folder, progress, clock, children(batch.workflow)).run(batch)
        finally:
            stop_children()


class _Runner:
    """The batch's one loop: only it changes the record; the children's watchers only
    say when a child ended."""

    def __init__(self, folder: Path, progress: RunProgress, clock: Clock, context: ForkServerContext) -> None:
        self.folder, self.progress, self.clock, self.context = folder, progress, clock, context
        self.events: queue.Queue[Ended] = queue.Queue()
        self.running: dict[int, Attempt] = {}

    def run(self, batch: BatchRecord) -> BatchRecord:
        todo = deque(index for index, case in enumerate(batch.cases) if not case.done)
        finished = len(batch.cases) - len(todo)
        try:
            while todo or self.running:
                while todo and len(self.running) < batch.options.jobs:
                    batch = self.start(batch, todo.popleft())
                ended = self.events.get()
                batch = self.finish(batch, ended)
                finished += 1
                self.progress.note(progress_line(finished, len(batch.cases), batch.cases[ended.index]))
        finally:  # interrupted: no child goes on alone; their runs are continued by `batch resume`
            for attempt in self.running.values():
                attempt.process.kill()
        return batch

    def start(self, batch: BatchRecord, index: int) -> BatchRecord:
        case, now = batch.cases[index], self.clock()
        run_dir = _to_continue(batch, case)
        changes: dict[str, Any] = {"status": RUNNING, "started": now, "ended": None, "exit_status": None,
                                   "error": None, "attempts": case.attempts + 1}
        if run_dir is None and case.run_id is not None:
            changes |= {"run_id": None, "abandoned_runs": (*case.abandoned_runs, case.run_id)}
        batch = batch.replaced(index, **changes)
        save(batch, self.folder)  # before the child starts: a kill from here on finds the case started
        log = self.folder / case.log
        log_from = log.stat().st_size if log.exists() else 0
        process = launch(self.context, command(batch, case, run_dir), batch.workdir, log, now)
        self.running[index] = Attempt(process, log_from)
        threading.Thread(target=watch, args=(index, process, batch.options.case_timeout, self.events),
                         daemon=True).start()
        return batch

    def finish(self, batch: BatchRecord, ended: Ended) -> BatchRecord:
        attempt, case = self.running.pop(ended.index), batch.cases[ended.index]
        run_dir = find_run(batch, case)
        fields = run_fields(run_dir, batch.workflow) if run_dir is not None else {"status": FAILED}
        error = error_line(self.folder / case.log, attempt.log_from, ended, batch.options.case_timeout)
        if fields["status"] not in DONE and error is None:
            error = "the run did not reach the review gate"
        batch = batch.replaced(ended.index, **fields, exit_status=ended.exit_status, error=error,
                               ended=self.clock())
        save(batch, self.folder)
        return batch


def _to_continue(batch: BatchRecord, case: CaseRecord) -> Path | None:
    """The case's run to continue with `resume`, if it has one that got under way."""
    run_dir = batch.runs_dir / case.run_id if case.run_id is not None else None
    return run_dir if run_dir is not None and run_dir.is_dir() and has_begun(run_dir) else None


def progress_line(position: int, total: int, case: CaseRecord) -> str:
    """`[3/20] case-07: awaiting_review (RUN_ID)`, or the status and the case's error."""
    run = f" ({case.run_id})" if case.run_id else ""
    error = f": {case.error}" if case.error and not case.done else ""
    return f"[{position}/{total}] {case.name}: {case.status}{run}{error}"


def status_counts(batch: BatchRecord) -> str:
    """`18 awaiting_review, 2 failed`: how many cases stand in each state."""
    counts = Counter(case.status for case in batch.cases)
    return ", ".join(f"{number} {status}" for status, number in sorted(counts.items(), key=lambda i: (-i[1], i[0])))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One process at a time on a batch: two resumes at once would run a case twice."""
    with (folder / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(folder, "is being worked on by another finagents process; "
                                     "try again when it has finished") from None
        yield
