"""A run SIGKILLed right after its N-th step's writes are saved.

That is the boundary a crash hits when a step has finished and its successor has not
started: the step's writes are in the checkpoint database, the checkpoint after them is
not. The driver tells its `after_step` hook of each step whose writes the checkpointer
has saved; the hook installed here kills the process at the N-th. Call it in a process
of its own (tests/support/forked.py), which it ends with SIGKILL.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from shared.engagement import find_engagement
from shared.runs.driver import AfterStep, start_run
from shared.workflows import get_workflow


def kill_at(n: int) -> AfterStep:
    saved = 0

    def after_step(node: str) -> None:
        nonlocal saved
        saved += 1
        if saved == n:
            os.kill(os.getpid(), signal.SIGKILL)

    return after_step


def run_killed_after(n: int, workflow: str, input_path: str, out: str) -> int:
    """`finagents run WORKFLOW INPUT --out OUT` in the working folder's engagement, killed
    after the N-th step; 0 if the run reaches its end (or its gate) first."""
    start_run(get_workflow(workflow), Path(input_path), engagement=find_engagement(None, Path.cwd()),
              options={"model": None, "budget_usd": None}, out=Path(out), environ=os.environ, after_step=kill_at(n))
    return 0
