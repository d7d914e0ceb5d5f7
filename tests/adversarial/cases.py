"""One bad input for the adversarial suite: the command that feeds it to the pack and
what must happen (exit 2 with a line naming the file, or a result with the right finding)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    argv: list[str]  # finagents arguments, e.g. ["run", "kyc", "/tmp/x/case"]
    expect_exit: int  # 2 for bad input, 0 for a result with a finding
    expect_in_stderr: str | None = None  # text the last stderr line must contain (exit 2)
    expect_finding: str | None = None  # a finding code result.json must hold (exit 0)
