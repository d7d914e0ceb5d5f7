"""Exceptions for when a run cannot go on.

Problems in the data itself are not exceptions but `Finding` records (see findings.py).
Every error here renders as one line that names its source, because the user sees that
line, not a traceback; `exit_code` is the process status the CLI returns for it.
"""

from __future__ import annotations

from pathlib import Path


class FinagentsError(Exception):
    """Base of every error the pack raises on purpose."""

    exit_code = 1

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}" if self.source else self.problem


class InputError(FinagentsError):
    """Bad input or usage: a file that cannot be read, an option that makes no sense."""

    exit_code = 2


class ConfigError(InputError):
    """A configuration file or value that cannot be used; `key` names the setting."""

    def __init__(self, source: str | Path | None, problem: str, key: str | None = None) -> None:
        self.key = key
        super().__init__(source, problem)


class LimitReached(FinagentsError):
    """A run stopped by one of its limits (its model budget); its state is saved."""

    exit_code = 3
