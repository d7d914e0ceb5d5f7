"""What a model allows: the most output tokens it may be asked for, and the shortest
prefix it will cache.

Max output, from Anthropic's model overviews (platform.claude.com/docs, "Max output"):
the 4.5 models allow 64K, Opus 4 and 4.1 32K, the 4.6 and later models 128K. An id not
known here gets 64K, which every current model allows: asking for less than a model
could give costs one more re-ask at worst, asking for more is refused outright. A
cut-off answer is asked again once at this limit (`AnthropicModel.ask`).

Cache minimum, from the prompt-caching documentation ("minimum cacheable prompt
length"): a prefix shorter than this is never cached, and the API says nothing; a
breakpoint there only marks a cache that is never written. Where sources disagree the
higher figure is kept (Sonnet 4.6: documented 1,024, observed 2,048), so a breakpoint is
placed only where it will be honoured. An unknown id gets 1,024, the minimum of most
current models.

Thinking, from the extended-thinking documentation: Opus 4.6 takes adaptive thinking only
(`{"type": "adaptive"}`; a manual budget is deprecated there), Fable 5 and Mythos 5 take
none, and the other current models take a manual budget (`{"type": "enabled",
"budget_tokens": N}`).
"""

from __future__ import annotations

from typing import Literal, TypeVar

V = TypeVar("V")

_MAX_OUTPUT = (
    ("claude-opus-4-0", 32_000), ("claude-opus-4-1", 32_000), ("claude-opus-4-2025", 32_000),
    ("claude-opus-4-6", 128_000), ("claude-opus-4-7", 128_000), ("claude-opus-4-8", 128_000),
    ("claude-sonnet-4-6", 128_000),
)
DEFAULT_MAX_OUTPUT = 64_000

_CACHE_MINIMUM = (
    ("claude-opus-4-5", 4_096), ("claude-opus-4-6", 4_096), ("claude-haiku-4-5", 4_096),
    ("claude-opus-4-7", 2_048), ("claude-sonnet-4-6", 2_048), ("claude-3-haiku", 2_048),
    ("claude-3-5-haiku", 2_048),
)
DEFAULT_CACHE_MINIMUM = 1_024

ThinkingMode = Literal["enabled", "adaptive", ""]  # a manual budget, adaptive, or none
_THINKING: tuple[tuple[str, ThinkingMode], ...] = (
    ("claude-opus-4-6", "adaptive"), ("claude-fable-5", ""), ("claude-mythos-5", ""))
DEFAULT_THINKING: ThinkingMode = "enabled"


def max_output_tokens(model_id: str) -> int:
    return _by_prefix(model_id, _MAX_OUTPUT, DEFAULT_MAX_OUTPUT)


def min_cached_tokens(model_id: str) -> int:
    return _by_prefix(model_id, _CACHE_MINIMUM, DEFAULT_CACHE_MINIMUM)


def thinking_mode(model_id: str) -> ThinkingMode:
    return _by_prefix(model_id, _THINKING, DEFAULT_THINKING)


def _by_prefix(model_id: str, table: tuple[tuple[str, V], ...], default: V) -> V:
    for prefix, value in table:
        if model_id.startswith(prefix):
            return value
    return default
