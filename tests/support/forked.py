"""The `finagents` command (or a function) in a process of its own, forked from a server
that has already imported the pack and its libraries.

Some tests need a process of their own: a time limit that stops a hang or a memory bomb,
a SIGKILL, two commands racing for one folder. A fresh interpreter would spend about a
second importing LangGraph, pydantic and the PDF readers before the command starts; a
child forked from the server (multiprocessing's "forkserver", itself a fresh, single-
threaded interpreter, so forking it is safe) starts with them loaded. The child is as
apart from the test as a subprocess: its own working folder, its own environment (the
one given, never the test's or the server's), stdout and stderr of its own, stdin empty,
and the exit status, or -9 after a SIGKILL, as its return code.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PRELOAD = "tests.support.preload"


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    return context


@dataclass(frozen=True)
class Child:
    """A started child; `wait` gives what `subprocess.run` would."""

    args: list[str]
    process: multiprocessing.process.BaseProcess
    outputs: Path

    def running(self) -> bool:
        return self.process.exitcode is None

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would end it."""
        self.process.kill()

    def wait(self, timeout: float) -> subprocess.CompletedProcess:
        self.process.join(timeout)
        if self.process.exitcode is None:  # still running: stopped as subprocess.run stops it
            self.process.kill()
            self.process.join()
            self._read_and_remove()
            raise subprocess.TimeoutExpired(self.args, timeout)
        stdout, stderr = self._read_and_remove()
        return subprocess.CompletedProcess(self.args, self.process.exitcode, stdout, stderr)

    def _read_and_remove(self) -> tuple[str, str]:
        read = [(self.outputs / name).read_text(encoding="utf-8", errors="replace") for name in ("out", "err")]
        for name in ("out", "err"):
            (self.outputs / name).unlink()
        self.outputs.rmdir()
        return read[0], read[1]


def start(function: Callable[..., int | None], *args: object, cwd: Path,
          env: Mapping[str, str] | None = None) -> Child:
    """`function(*args)` in a forked child (a module-level function: the child imports it
    by name); its return value is the exit status."""
    outputs = Path(tempfile.mkdtemp(prefix="finagents-child-"))
    for name in ("out", "err"):
        (outputs / name).touch()
    environ = dict(os.environ if env is None else env)
    process = _context().Process(target=_child, args=(function, args, str(cwd), environ, str(outputs)))
    process.start()
    return Child([getattr(function, "__name__", "function"), *map(str, args)], process, outputs)


def start_finagents(argv: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None) -> Child:
    from shared.cli import main

    return start(main, list(argv), cwd=cwd, env=env)


def run_finagents(argv: Sequence[str], *, cwd: Path, timeout: float,
                  env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    """`finagents ARGV` as `subprocess.run(..., capture_output=True, text=True, timeout=...)`
    would give it: TimeoutExpired once `timeout` has passed, the child killed."""
    return start_finagents(argv, cwd=cwd, env=env).wait(timeout)


def _child(function: Callable[..., int | None], args: tuple, cwd: str, env: dict[str, str], outputs: str) -> None:
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, "")  # as `python -c` has it: the working folder first
    for fd, name in ((1, "out"), (2, "err")):
        target = os.open(os.path.join(outputs, name), os.O_WRONLY)
        os.dup2(target, fd)
        os.close(target)
    sys.exit(function(*args))
