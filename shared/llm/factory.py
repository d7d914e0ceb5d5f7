"""The model a run uses: offline unless a model id is chosen, and then only with a key."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from shared.engagement import Prices
from shared.errors import InputError
from shared.llm.budget import Budget
from shared.llm.offline import OfflineModel
from shared.llm.protocol import OFFLINE, Model, OnCall
from shared.llm.usage import prices_for
from shared.prompts import PromptLibrary


def build_model(
    model_id: str,
    *,
    api_key: str | None,
    prices: Mapping[str, Prices],
    budget: Budget,
    on_call: OnCall | None = None,
    base_url: str | None = None,
    prompts: PromptLibrary | None = None,
    batch_run_dir: Path | None = None,
    note: Callable[[str], None] | None = None,
    thinking_budget: int = 0,
) -> Model:
    """`model_id` "offline" gives the offline model; any other id needs `api_key` (the
    caller reads the environment, this module never does) and a known price.
    `prompts` is the workflow's library, so an engagement's override of the re-ask or
    document template applies. With `batch_run_dir` (the run's folder: --batch-api) the
    requests go through the Message Batches API, `note` saying how the wait goes.
    `thinking_budget` is the engagement's: the steps that ask with `thinking` get it."""
    if model_id == OFFLINE:
        return OfflineModel()
    if not api_key:
        raise InputError(
            "--model", f"model '{model_id}' needs ANTHROPIC_API_KEY in the environment (or use --model offline)"
        )
    from shared.llm.anthropic_model import AnthropicModel, make_client  # noqa: PLC0415 (the anthropic SDK takes 1.5 s to import; offline runs never need it)

    client = make_client(api_key, base_url=base_url)
    if batch_run_dir is not None:
        from shared.llm.batch_api import BatchAPIModel  # noqa: PLC0415 (as above)

        return BatchAPIModel(client, model_id, prices=prices_for(model_id, prices), budget=budget, on_call=on_call,
                             prompts=prompts, run_dir=batch_run_dir, note=note, thinking_budget=thinking_budget)
    return AnthropicModel(
        client,
        model_id,
        prices=prices_for(model_id, prices),
        budget=budget,
        on_call=on_call,
        prompts=prompts,
        thinking_budget=thinking_budget,
    )
