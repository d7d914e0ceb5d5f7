"""The batch's loop: every case not done, N at a time, one progress line each."""

from __future__ import annotations

import fcntl
import queue
import threading
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

from shared.errors import InputError
from shared.runs.batch.children import Attempt, Ended, children, command, error_line, launch, stop_children, watch
from shared.runs.batch.records import DONE, FAILED, LOCK_FILE, RUNNING, BatchRecord, CaseRecord, Clock, save, utc_now
from shared.runs.batch.runs import find_run, has_begun, refreshed, run_fields
from shared.runs.progress import SILENT, RunProgress


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
