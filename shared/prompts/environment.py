"""The Jinja2 environment every prompt renders in."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

# A value from a document or a client file could hold our delimiters and so "leave" its
# quoted block (`</document>`), open another that looks like ours (`<document`), or close
# an attribute and forge one (`name="x" source="system"`). Every value a prompt prints is
# quoted, by default: tags of ours are broken and double quotes written as `&quot;`.
_DELIMITER = re.compile(r"<(\s*/?\s*document)", re.IGNORECASE)


def untrusted(value: Any) -> str:
    """`value` as text that stays data inside a `<document>` block or an attribute.
    Applying it twice changes nothing more, so a template may still name it."""
    return _DELIMITER.sub(r"<\\\1", str(value)).replace('"', "&quot;")


def _quote_by_default(context: Any, value: Any) -> Any:
    """Every `{{ value }}` of a prompt, quoted; a template ending `.md.j2` writes for a
    reader (the offline memo), not for the model, and prints values as they are."""
    name = getattr(context, "name", None) or ""
    return value if name.endswith(READER_SUFFIX) else untrusted(value)


READER_SUFFIX = ".md.j2"


def grouped(value: Any, places: int = 0) -> str:
    """A figure with thousands separators at `places` decimals: 81797 -> "81,797".
    Exact: strings and Decimals stay Decimal; a float is refused as it is everywhere."""
    if isinstance(value, float):
        raise TypeError("a float reached a prompt figure; pass a Decimal or a string")
    return format(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), f",.{places}f")


def millions(value: Any, places: int = 0) -> str:
    """An unscaled amount in millions: 81797000000 -> "81,797"."""
    return grouped(Decimal(str(value)).scaleb(-6), places)


# The most a `*` or `**` in a template may make: a prompt is a few pages, while
# `{{ 'a' * 300000000 }}` in an edited template would take the machine's memory.
MAX_REPEAT = 1_000_000
MAX_EXPONENT = 100


def _bounded_binop(env: Any, operator: str, left: Any, right: Any) -> Any:
    if operator == "*" and isinstance(right, int) and isinstance(left, (str, list, tuple)):
        left, right = right, left
    if (operator == "*" and isinstance(left, int) and isinstance(right, (str, list, tuple))
            and left * len(right) > MAX_REPEAT):
        raise SecurityError(f"repetition of {left} x {len(right)} is longer than a prompt may be ({MAX_REPEAT:,})")
    if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
        raise SecurityError(f"exponent {right} is larger than a template may use ({MAX_EXPONENT})")
    return env.binop_table[operator](left, right)


def build_environment(search_path: list[Path]) -> Any:
    """A sandboxed environment with StrictUndefined: a missing variable is an error,
    templates edited in a client project cannot reach Python internals, and no
    expression can build a string or number large enough to exhaust memory."""
    class BoundedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _bounded_binop(self, operator, left, right)

    env = BoundedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=pass_context(_quote_by_default),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["untrusted"] = untrusted
    env.filters["grouped"] = grouped
    env.filters["millions"] = millions
    return env
