"""Reading a result body as plain JSON: what a headline or a summary needs of it, where a
missing or null table means there is nothing to say rather than an error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def table(body: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    """The table at `path` in `body`, or an empty one where any step is missing or not a table."""
    node: Any = body
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}
