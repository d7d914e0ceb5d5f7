"""What a run says on stderr while it works (CONTRACT.md, "Errors and progress on stderr"):
the run id and folder first, then what is in force, one line per step with its time (and
its count, where the step has one: pages, names screened, lines matched), and a last line;
an error, printed by the command, is always last.

The driver and the nodes only call `RunProgress`; `Silent` is for tests and servers, and
`StderrProgress` for the command line: a live count on a terminal, plain lines otherwise
(a log file or a CI job must not fill with carriage returns).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO


class RunProgress(Protocol):
    def begin(self, line: str) -> None:
        """The first line: which run, where."""

    def note(self, line: str) -> None:
        """What is in force (the engagement, the runs folder, a version warning)."""

    def step(self, node: str) -> None:
        """A step has finished."""

    def count(self, what: str, done: int, total: int | None) -> None:
        """How far the running step has gone, in `what` (pages, names, lines)."""

    def end(self, line: str) -> None:
        """The last line of a run that did not fail."""


class Silent:
    """Says nothing: the runs tests and servers start."""

    def begin(self, line: str) -> None:
        return None

    def note(self, line: str) -> None:
        return None

    def step(self, node: str) -> None:
        return None

    def count(self, what: str, done: int, total: int | None) -> None:
        return None

    def end(self, line: str) -> None:
        return None


SILENT = Silent()


def progress_of(runtime: object) -> RunProgress:
    """The run's progress, or `SILENT` for a step called outside a run (a test, a
    notebook) with no runtime context to report to."""
    return getattr(getattr(runtime, "context", None), "progress", SILENT)


class StderrProgress:
    """Lines on `stream`; `quiet` keeps the first and the last only."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False, terminal: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._terminal = self._stream.isatty() if terminal is None else terminal
        self._clock = clock
        self._started = self._since = clock()
        self._counted: tuple[str, int, int | None] | None = None
        self._drawn = 0.0  # when the live count was last drawn
        self._live = False  # a live count is on the terminal's last line

    def begin(self, line: str) -> None:
        self._started = self._since = self._clock()
        self._say(line)

    def note(self, line: str) -> None:
        if not self._quiet:
            self._say(f"  {line}")

    def step(self, node: str) -> None:
        now = self._clock()
        seconds, self._since = now - self._since, now
        counted, self._counted = self._counted, None
        if not self._quiet:
            self._say(f"  {node:<24} {seconds:6.1f} s{_counted(counted)}")

    def count(self, what: str, done: int, total: int | None) -> None:
        self._counted = (what, done, total)
        now = self._clock()
        # A terminal shows the count as it moves, redrawn a few times a second at most.
        if self._terminal and not self._quiet and (now - self._drawn >= _REDRAW or done == total):
            self._drawn = now
            self._live = True
            self._stream.write(f"\r  {_bar(done, total)} {done:,}{f'/{total:,}' if total else ''} {what}\033[K")
            self._stream.flush()

    def end(self, line: str) -> None:
        self._say(f"{line} ({self._clock() - self._started:.1f} s)")

    def _say(self, line: str) -> None:
        if self._live:
            self._stream.write("\r\033[K")
            self._live = False
        self._stream.write(line + "\n")
        self._stream.flush()


_REDRAW = 0.1
_BAR = 20


def _bar(done: int, total: int | None) -> str:
    if not total:
        return ""
    filled = min(_BAR, _BAR * done // total)
    return "[" + "#" * filled + "." * (_BAR - filled) + "]"


def _counted(counted: tuple[str, int, int | None] | None) -> str:
    if counted is None:
        return ""
    what, done, total = counted
    return f"  {done:,}{f' of {total:,}' if total and total != done else ''} {what}"
