"""The default model: none. Workflows check `is_offline(model)` and use their baseline."""

from __future__ import annotations

from collections.abc import Sequence

from shared.llm.errors import ModelUnavailable
from shared.llm.protocol import OFFLINE, ModelInput, Reply, T
from shared.prompts import RenderedPrompt


class OfflineModel:
    """A model that never answers; asking it is a bug in the calling workflow."""

    model_id = OFFLINE

    def ask(
        self,
        *,
        system: RenderedPrompt,
        prompt: RenderedPrompt,
        output_type: type[T],
        documents: Sequence[ModelInput] = (),
        max_tokens: int = 4096,
        thinking: bool = False,
    ) -> Reply[T]:
        raise ModelUnavailable(
            prompt.name,
            "no model in offline mode; the workflow should use its deterministic baseline "
            "(check is_offline(model) first)",
        )
