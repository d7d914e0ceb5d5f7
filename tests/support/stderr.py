"""Reading a command's stderr as CONTRACT.md lays it out: progress lines first (a run's
id and folder on the first), an error always the last line."""

from __future__ import annotations


def last_line(err: str) -> str:
    """The last line of `err`, with its newline; no line before it may look like an error."""
    lines = err.splitlines()
    assert lines, "nothing on stderr"
    assert not any(line.startswith("finagents:") or "Traceback" in line for line in lines[:-1]), err
    return lines[-1] + "\n"
