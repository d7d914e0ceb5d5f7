"""Claude through the Message Batches API: the same requests as `AnthropicModel`, at half price.

Each request becomes a batch of one. The batch id is written to the run folder, keyed by
a hash of the request, before the first poll: a run killed while it waits, resumed, polls
the batch it already paid for instead of sending the request again. A request the batch
could not answer (errored, expired, canceled) is a `ModelCallFailed`, as a failed
`messages.create` is, so the step falls back to its offline result.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import anthropic

# What `messages.parse` itself uses to send an output type's schema and read the answer
# against it; the SDK has no public way to build a batch request with `output_format`.
from anthropic.lib._parse._response import parse_response
from anthropic.lib._parse._transform import transform_schema
from anthropic.types import Message
from anthropic.types.messages import MessageBatch
from pydantic import ValidationError

from shared.engagement import Prices
from shared.llm.anthropic_model import AnthropicModel, _Answer  # the parent's own record of one answer
from shared.llm.errors import ModelCallFailed
from shared.llm.protocol import ModelInput, Reply, T
from shared.llm.retry import call_with_retries
from shared.prompts import RenderedPrompt

BATCHES_FOLDER = "model_batches"
Note = Callable[[str], None]


@dataclass(frozen=True)
class Polling:
    """Seconds between polls: `first`, doubling up to `longest` (a batch may take an hour)."""

    first: float = 1.0
    longest: float = 30.0

    def waits(self) -> Iterator[float]:
        wait = self.first
        while True:
            yield wait
            wait = min(wait * 2, self.longest)


# Read when a model is built, not bound as a default: a test shortens it for a whole run.
POLLING = Polling()


def batch_prices(prices: Prices) -> Prices:
    """The Batches API bills every kind of token at half the model's price."""
    half = Decimal("0.5")
    return Prices(input=prices.input * half, output=prices.output * half,
                  cache_write=prices.cache_write * half, cache_read=prices.cache_read * half)


def request_key(params: dict[str, Any]) -> str:
    """The request's identity: its exact body (the API's custom_id takes 64 characters)."""
    material = json.dumps(params, sort_keys=True, default=str)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BatchLedger:
    """Which batch holds which request: one small file per request in the run folder."""

    folder: Path

    def batch_of(self, key: str) -> str | None:
        path = self.folder / f"{key}.json"
        return str(json.loads(path.read_text(encoding="utf-8"))["batch_id"]) if path.is_file() else None

    def record(self, key: str, batch_id: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{key}.tmp"
        temporary.write_text(json.dumps({"batch_id": batch_id, "custom_id": key}) + "\n", encoding="utf-8")
        os.replace(temporary, self.folder / f"{key}.json")  # whole or absent, even if killed mid-write


class BatchAPIModel(AnthropicModel):
    """`AnthropicModel` whose requests go through message batches; every call's audit
    record names its batches (`batch`)."""

    def __init__(self, client: anthropic.Anthropic, model_id: str, *, prices: Prices, run_dir: Path,
                 note: Note | None = None, polling: Polling | None = None, **options: Any) -> None:
        super().__init__(client, model_id, prices=batch_prices(prices), **options)
        self._ledger = BatchLedger(run_dir / BATCHES_FOLDER)
        self._note = note or (lambda line: None)
        self._polling = polling or POLLING
        self._batch_ids: list[str] = []

    def ask(self, *, system: RenderedPrompt, prompt: RenderedPrompt, output_type: type[T],
            documents: Sequence[ModelInput] = (), max_tokens: int = 4096, thinking: bool = False) -> Reply[T]:
        self._batch_ids = []
        return super().ask(system=system, prompt=prompt, output_type=output_type, documents=documents,
                           max_tokens=max_tokens, thinking=thinking)

    def report(self, record: dict[str, Any]) -> None:
        super().report({**record, "batch": ", ".join(self._batch_ids)})

    def _send(self, params: dict[str, Any], output_type: type) -> _Answer:
        body = {**params, "output_config": {"format": {"type": "json_schema", "schema": transform_schema(output_type)}}}
        message = self._answered(body)
        try:
            parsed = parse_response(response=message, output_format=output_type)
        except ValidationError as error:
            return self._invalid(message, error)
        return self._parsed(parsed)

    # -- one batch ---------------------------------------------------------------------

    def _answered(self, body: dict[str, Any]) -> Message:
        key = request_key(body)
        batch_id = self._ledger.batch_of(key)
        if batch_id is None:
            batch_id = self._create(key, body)
        else:
            self._note(f"model batch {batch_id}: polling again the batch this request was sent in")
        self._batch_ids.append(batch_id)
        self._wait(batch_id)
        return self._result(batch_id, key)

    def _create(self, key: str, body: dict[str, Any]) -> str:
        requests: Any = [{"custom_id": key, "params": body}]
        batch = self._call(lambda: self._client.messages.batches.create(requests=requests))
        self._ledger.record(key, batch.id)  # before any poll: a resumed run finds it
        self._note(f"model batch {batch.id}: sent through the Message Batches API (half price)")
        return batch.id

    def _wait(self, batch_id: str) -> None:
        for wait in self._polling.waits():
            batch = self._call(lambda: self._client.messages.batches.retrieve(batch_id))
            if batch.processing_status == "ended":
                return
            self._note(f"model batch {batch_id}: {batch.processing_status} ({_counts(batch)}); "
                       f"next poll in {wait:g} s")
            self._sleep(wait)

    def _result(self, batch_id: str, key: str) -> Message:
        items = self._call(lambda: list(self._client.messages.batches.results(batch_id)))
        found = next((item.result for item in items if item.custom_id == key), None)
        if found is None:
            raise ModelCallFailed(self.source, f"batch {batch_id} ended without a result for the request")
        if found.type == "succeeded":
            self._note(f"model batch {batch_id}: answered")
            return found.message
        raise ModelCallFailed(self.source, f"batch {batch_id}: the request {_why(found)}")

    def _call(self, send: Callable[[], Any]) -> Any:
        return call_with_retries(send, self._retry, self._sleep, source=self.source, secret=self._client.api_key)


def _counts(batch: MessageBatch) -> str:
    counts = batch.request_counts
    return f"{counts.processing} processing, {counts.succeeded} succeeded"


def _why(result: Any) -> str:
    if result.type == "errored":
        error = result.error.error
        return f"errored: {error.type}: {error.message}"
    return f"{result.type} before it was answered"
