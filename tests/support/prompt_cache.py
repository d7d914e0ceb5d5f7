"""The loopback server's own account of a request's tokens and of prompt caching.

A test of caching must not pass because its script says the cache was read, so the
server works the usage out from what it received, as the API does: a request reads from
the cache when its prefix up to a breakpoint (`cache_control`) is the same as that of an
earlier request and reaches the model's minimum; a breakpoint reaching the minimum that
was not cached before writes it. Tokens are estimated at four characters each (a text
block's text; any other block, such as a base64 PDF, its JSON).

The minimums are this server's own table, from Anthropic's prompt-caching
documentation, not the pack's, so the pack's choice of breakpoints is checked against
an independent reading of the rule.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Mapping
from typing import Any

MINIMUMS = (("claude-opus-4-5", 4096), ("claude-opus-4-6", 4096), ("claude-haiku-4-5", 4096),
            ("claude-sonnet-4-6", 2048), ("claude-opus-4-7", 2048))
DEFAULT_MINIMUM = 1024
CHARS_PER_TOKEN = 4


def minimum(model: str) -> int:
    return next((tokens for prefix, tokens in MINIMUMS if model.startswith(prefix)), DEFAULT_MINIMUM)


def tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _blocks(body: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Every block of the prompt in the order the API caches them: tools, system, messages."""
    found: list[tuple[str, Mapping[str, Any]]] = [("tool", tool) for tool in body.get("tools", ())]
    system = body.get("system", ())
    found += [("system", b) for b in ([{"type": "text", "text": system}] if isinstance(system, str) else system)]
    for message in body.get("messages", ()):
        content = message["content"]
        found += [(message["role"], b) for b in ([{"type": "text", "text": content}] if isinstance(content, str)
                                                 else content)]
    if body.get("cache_control") and found:  # automatic caching: the breakpoint is on the last block
        role, last = found[-1]
        found[-1] = (role, {**last, "cache_control": body["cache_control"]})
    return found


def _size(block: Mapping[str, Any]) -> int:
    if block.get("type") == "text":
        return tokens(block.get("text", ""))
    return tokens(json.dumps(_plain(block), sort_keys=True))


def _plain(block: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in block.items() if k != "cache_control"}


class PromptCache:
    """The prefixes cached so far (they never expire within a test) and the usage of
    each request against them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: set[str] = set()

    def usage(self, body: Mapping[str, Any], answer: str) -> dict[str, int]:
        blocks = _blocks(body)
        total, digest, points = 0, hashlib.sha256(str(body.get("model")).encode()), []
        for role, block in blocks:
            total += _size(block)
            digest.update(json.dumps([role, _plain(block)], sort_keys=True).encode())
            if block.get("cache_control"):
                points.append((total, digest.hexdigest()))
        read, written = self._account(points, minimum(str(body.get("model"))))
        return {"input_tokens": total - read - written, "output_tokens": max(1, tokens(answer)),
                "cache_read_input_tokens": read, "cache_creation_input_tokens": written}

    def _account(self, points: list[tuple[int, str]], least: int) -> tuple[int, int]:
        eligible = [(size, key) for size, key in points if size >= least]
        with self._lock:
            read = max((size for size, key in eligible if key in self._cached), default=0)
            new = [(size, key) for size, key in eligible if key not in self._cached and size > read]
            self._cached.update(key for _, key in new)
        return read, (max(size for size, _ in new) - read) if new else 0
