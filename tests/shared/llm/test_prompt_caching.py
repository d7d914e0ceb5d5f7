"""Prompt caching that is hit: a breakpoint on the system prompt when, and only when, it
reaches the model's cache minimum, and reads on later calls, as the loopback server
works them out from the requests (never from scripted usage)."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest

from shared.llm import AnthropicModel, Budget, DocumentInput, make_client
from shared.llm.request import cacheable
from shared.prompts import PromptLibrary
from tests.shared.llm.conftest import SONNET, TEST_KEY
from tests.shared.llm.outputs import Facts
from tests.support.messages_api import MessagesAPI, message
from tests.support.prompt_cache import PromptCache

GOOD = '{"facts": [{"concept": "Revenues", "value": "81797"}]}'
RULE = "Read every figure exactly as printed, with its sign and its period, and cite its page.\n"


def _library(tmp_path: Path, repeats: int) -> PromptLibrary:
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "system.j2").write_text(RULE * repeats)
    (folder / "extract.j2").write_text("List the {{ what }} facts in the documents above.\n")
    return PromptLibrary(folder)


def _ask(messages_api: MessagesAPI, library: PromptLibrary, model_id: str, what: str, document: str):
    model = AnthropicModel(make_client(TEST_KEY, base_url=messages_api.url), model_id, prices=SONNET,
                           budget=Budget(Decimal("5")))
    messages_api.script(message(GOOD))
    return model.ask(system=library.render("system.j2"), prompt=library.render("extract.j2", what=what),
                     output_type=Facts, documents=[DocumentInput(f"{what}.pdf", "a" * 64, document)])


def test_a_system_prompt_over_the_minimum_is_read_from_the_cache_on_the_second_call(messages_api, tmp_path):
    library = _library(tmp_path, 120)  # about 10,300 characters: past Sonnet 4.6's 2,048 tokens
    first = _ask(messages_api, library, "claude-sonnet-4-6", "revenue", "Total net sales 81,797")
    second = _ask(messages_api, library, "claude-sonnet-4-6", "margin", "Gross margin 36,413")

    system = messages_api.requests[0].body["system"]
    assert system[0]["cache_control"] == {"type": "ephemeral"}
    written = first.usage.cache_write_tokens
    assert written == -(-len(RULE * 120) // 4) and first.usage.cache_read_tokens == 0
    # The second call's documents and question differ; its system prompt is read back.
    assert second.usage.cache_read_tokens == written and second.usage.cache_write_tokens == 0
    # $0.30 a million read instead of $3: the read part costs a tenth.
    uncached = second.usage.input_tokens + written
    assert second.usage.cost_usd < (Decimal(uncached) * 3 + Decimal(second.usage.output_tokens) * 15) / 10**6


def test_a_breakpoint_is_placed_only_where_the_model_would_cache(messages_api, tmp_path):
    library = _library(tmp_path, 120)  # ~2,580 tokens: enough for Sonnet 4.6, not for Opus 4.6 (4,096)
    _ask(messages_api, library, "claude-opus-4-6", "revenue", "Total net sales 81,797")
    second = _ask(messages_api, library, "claude-opus-4-6", "margin", "Gross margin 36,413")

    assert "cache_control" not in messages_api.requests[0].body["system"][0]
    assert second.usage.cache_read_tokens == 0 and second.usage.cache_write_tokens == 0
    assert not cacheable(RULE * 120, "claude-opus-4-6") and cacheable(RULE * 120, "claude-sonnet-4-6")


def test_a_changed_system_prompt_is_not_read_from_the_cache(messages_api, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _ask(messages_api, _library(tmp_path / "a", 120), "claude-sonnet-4-6", "revenue", "Total net sales 81,797")
    edited = _library(tmp_path / "b", 121)
    second = _ask(messages_api, edited, "claude-sonnet-4-6", "revenue", "Total net sales 81,797")

    assert second.usage.cache_read_tokens == 0 and second.usage.cache_write_tokens > 0


@pytest.mark.parametrize(("model", "chars", "cached"), [
    ("claude-sonnet-4-6", 8_192, True), ("claude-sonnet-4-6", 8_188, False),
    ("claude-haiku-4-5", 16_384, True), ("claude-haiku-4-5", 16_380, False),
    ("claude-sonnet-4-5", 4_096, True), ("claude-sonnet-4-5", 4_092, False),
])
def test_the_loopback_server_caches_a_prefix_only_from_the_model_minimum(model, chars, cached):
    """The oracle itself: a repeated prefix is read only when it reaches the minimum."""
    cache = PromptCache()
    body = {"model": model, "system": [{"type": "text", "text": "x" * chars, "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": "first"}]}
    cache.usage(body, "ok")
    question = "second question"
    again = cache.usage({**body, "messages": [{"role": "user", "content": question}]}, "ok")
    assert again["cache_read_input_tokens"] == (chars // 4 if cached else 0)
    assert again["input_tokens"] + again["cache_read_input_tokens"] == chars // 4 + math.ceil(len(question) / 4)
