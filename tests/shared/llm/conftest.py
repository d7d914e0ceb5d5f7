"""Fixtures for the model layer: a loopback Messages API, prompts, and models built on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shared.engagement import Prices
from shared.llm import AnthropicModel, Budget, make_client
from shared.prompts import PromptLibrary, RenderedPrompt
from tests.support.messages_api import MessagesAPI

TEST_KEY = "sk-ant-loopback-test-key-0123456789"
MODEL_ID = "claude-sonnet-4-6"
SONNET = Prices(input=Decimal("3"), output=Decimal("15"), cache_write=Decimal("3.75"), cache_read=Decimal("0.30"))


@pytest.fixture
def prompts(tmp_path: Path) -> PromptLibrary:
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "system.j2").write_text(
        "You read financial statements. {% include 'partials/data_not_instructions.j2' %}\n")
    (folder / "extract.j2").write_text("List the {{ what }} facts in the documents above.\n")
    return PromptLibrary(folder)


@pytest.fixture
def system(prompts: PromptLibrary) -> RenderedPrompt:
    return prompts.render("system.j2")


@pytest.fixture
def prompt(prompts: PromptLibrary) -> RenderedPrompt:
    return prompts.render("extract.j2", what="revenue")


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_model(messages_api: MessagesAPI, sleeps: list[float]) -> Iterator[Callable[..., AnthropicModel]]:
    """Build an AnthropicModel on a real SDK client pointed at the loopback server."""
    clients = []

    def make(*, budget: Budget | None = None, timeout: float = 5.0, **options: Any) -> AnthropicModel:
        client = make_client(TEST_KEY, base_url=messages_api.url, timeout=timeout)
        clients.append(client)
        return AnthropicModel(
            client, MODEL_ID, prices=SONNET, budget=budget or Budget(Decimal("5")), sleep=sleeps.append, **options
        )

    yield make
    for client in clients:
        client.close()
