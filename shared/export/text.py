"""The Jinja environment the plugin's prose renders in (templates/ beside this file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: PLC0415 (kept out of --help)

    # Markdown and plain text for Claude Code, not HTML: nothing to escape, and a missing
    # variable is an error rather than a silent blank in a shipped skill.
    return Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), undefined=StrictUndefined,
                       autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **variables: Any) -> str:
    return str(_environment().get_template(name).render(**variables))


def one_line(name: str, **variables: Any) -> str:
    """A template rendered as a single line (descriptions, prompts): whitespace collapsed."""
    return " ".join(render(name, **variables).split())


def lines(name: str, **variables: Any) -> tuple[str, ...]:
    """A template rendered as one item a line, blank lines dropped (eval expectations)."""
    return tuple(line.strip() for line in render(name, **variables).splitlines() if line.strip())
