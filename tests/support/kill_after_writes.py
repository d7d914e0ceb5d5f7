"""Run the finagents CLI and SIGKILL it right after the N-th step's writes are saved.

That is the boundary a crash hits when a step has finished and its successor has not
started: the step's writes are in the checkpoint database, the checkpoint after them is
not. Usage: python -m tests.support.kill_after_writes N finagents-arguments...
"""

from __future__ import annotations

import os
import signal
import sys

from langgraph.checkpoint.sqlite import SqliteSaver

from shared.cli import main


def kill_after(n: int) -> None:
    original = SqliteSaver.put_writes
    saved = 0

    def put_writes(self, config, writes, task_id, task_path=""):  # noqa: ANN001 (the saver's own signature)
        nonlocal saved
        original(self, config, writes, task_id, task_path)
        step = task_path.rsplit(", ", 1)[-1]
        if step != "__start__" and any(not channel.startswith("__") for channel, _ in writes):  # a step's output
            saved += 1
            if saved == n:
                os.kill(os.getpid(), signal.SIGKILL)

    SqliteSaver.put_writes = put_writes


if __name__ == "__main__":
    kill_after(int(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
