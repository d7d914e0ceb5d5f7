"""The most output tokens a model may be asked for: a cut-off answer is asked again once
at this limit (`AnthropicModel.ask`), and the API refuses a request above it.

From Anthropic's model overviews (platform.claude.com/docs, "Max output"): the 4.5
models allow 64K, Opus 4 and 4.1 32K, the 4.6 and later models 128K. An id not known
here gets 64K, which every current model allows: asking for less than a model could give
costs one more re-ask at worst, asking for more is refused outright.
"""

from __future__ import annotations

_KNOWN = (
    ("claude-opus-4-0", 32_000), ("claude-opus-4-1", 32_000), ("claude-opus-4-2025", 32_000),
    ("claude-opus-4-6", 128_000), ("claude-opus-4-7", 128_000), ("claude-opus-4-8", 128_000),
    ("claude-sonnet-4-6", 128_000),
)
DEFAULT_MAX_OUTPUT = 64_000


def max_output_tokens(model_id: str) -> int:
    for prefix, limit in _KNOWN:
        if model_id.startswith(prefix):
            return limit
    return DEFAULT_MAX_OUTPUT
