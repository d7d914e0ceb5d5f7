"""Claude through the `anthropic` SDK: structured output, caching, retries, re-asks, cost.

The SDK's `messages.parse(output_format=...)` sends the output type's JSON schema and
validates the answer. When the answer does not validate the SDK raises and keeps
nothing, so a small middleware holds on to the raw response: its text goes back to the
model with the validation errors, and its tokens are paid for like any other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import anthropic
from anthropic.types import Message, MessageParam, TextBlock
from pydantic import BaseModel, ValidationError

from shared.engagement import MIN_THINKING_BUDGET, Prices
from shared.llm.budget import Budget
from shared.llm.errors import ModelCallFailed, ModelOutputInvalid
from shared.llm.estimate import estimated_cost
from shared.llm.limits import max_output_tokens, thinking_mode
from shared.llm.protocol import CallRecord, ModelInput, OnCall, Reply, T
from shared.llm.request import (
    Turn,
    assistant_turn,
    first_turn,
    reask_turn,
    system_blocks,
    validation_problems,
)
from shared.llm.retry import RetryPolicy, call_with_retries
from shared.llm.usage import Usage
from shared.prompts import PromptLibrary, RenderedPrompt, TemplateSource

Problems = list[dict[str, str]]


def make_client(api_key: str, *, base_url: str | None = None, timeout: float = 120.0) -> anthropic.Anthropic:
    """A client whose own retries are off: `RetryPolicy` is the only one, and explicit."""
    return anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)


class _KeepResponse:
    """Middleware that keeps the last HTTP response of one request."""

    def __init__(self) -> None:
        self.response: Any = None

    def __call__(self, request: Any, call_next: Callable[[Any], Any]) -> Any:
        self.response = call_next(request)
        return self.response

    def message(self) -> Message:
        # construct() is the SDK's lenient build: a content block type this SDK does not
        # know must not turn a paid-for answer into a crash.
        return Message.construct(**self.response.json())


@dataclass(frozen=True)
class _Answer:
    """One response: its text, what it cost, and either the output or what was wrong."""

    raw_text: str
    usage: Usage
    output: BaseModel | None
    problems: Problems = field(default_factory=list)
    cut_off: bool = False  # stopped at the token limit: asked again with room, not re-asked


@dataclass
class _Conversation:
    """The growing exchange of one `ask` (its re-asks included)."""

    messages: list[MessageParam]
    templates: list[TemplateSource]
    thinking_tokens: int = 0  # the thinking budget of each request (0: none)
    usage: Usage = Usage()
    attempts: int = 0
    raw_text: str = ""

    def add(self, turn: Turn) -> None:
        self.messages.append(turn.message)
        self.templates.extend(t for t in turn.templates if t not in self.templates)

    def took(self, answer: _Answer) -> None:
        self.attempts += 1
        self.usage += answer.usage
        self.raw_text = answer.raw_text


class AnthropicModel:
    """A `Model` backed by the Messages API. The client is passed in, never built here."""

    def __init__(
        self,
        client: anthropic.Anthropic,
        model_id: str,
        *,
        prices: Prices,
        budget: Budget,
        retry: RetryPolicy = RetryPolicy(),
        max_validation_attempts: int = 3,
        on_call: OnCall | None = None,
        sleep: Callable[[float], None] = time.sleep,
        prompts: PromptLibrary | None = None,
        thinking_budget: int = 0,
    ) -> None:
        if max_validation_attempts < 1:
            raise ValueError("max_validation_attempts must be at least 1")
        # Whatever client we are given, its own retries would multiply ours.
        self._client = client.with_options(max_retries=0)
        self.model_id = model_id
        self._prices = prices
        self._budget = budget
        self._retry = retry
        self._max_attempts = max_validation_attempts
        self._on_call = on_call
        self._sleep = sleep
        self._prompts = prompts or PromptLibrary()
        self._thinking_budget = thinking_budget

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
        """A validated `output_type`, re-asking with the errors up to the attempt limit.
        The budget is checked before every request against what it may cost at most.
        With `thinking` and a thinking budget, the model thinks first within it."""
        if not (isinstance(output_type, type) and issubclass(output_type, BaseModel)):
            raise TypeError(f"output_type must be a pydantic model class, not {output_type!r}")
        started = time.perf_counter()
        turn = first_turn(self._prompts, prompt, documents)
        # A model that cannot think is asked without it (Fable 5, Mythos 5).
        thinks = thinking and thinking_mode(self.model_id) != ""
        talk = _Conversation([turn.message], list(turn.templates), self._thinking_budget if thinks else 0)
        answer = self._exchange(talk, system, output_type, max_tokens)
        ceiling = max_output_tokens(self.model_id)
        try:
            while answer.output is None and talk.attempts < self._max_attempts:
                if answer.cut_off and max_tokens < ceiling:
                    # An answer cut off at the limit is not a wrong answer: asked again as
                    # it was, once, with all the room the model has, before any re-ask.
                    max_tokens = ceiling
                else:
                    self._reask(talk, answer)
                answer = self._exchange(talk, system, output_type, max_tokens)
        except ModelCallFailed as error:
            # The answers already received were paid for: record them before giving up.
            _Call(self, system, prompt, documents, output_type, talk, _elapsed_ms(started)).report_failure(str(error))
            raise
        record = _Call(self, system, prompt, documents, output_type, talk, _elapsed_ms(started))
        if answer.output is None:
            raise record.failed(answer.problems)
        return record.succeeded(answer.output)

    # -- one request -----------------------------------------------------------------

    def _exchange(self, talk: _Conversation, system: RenderedPrompt, output_type: type, max_tokens: int) -> _Answer:
        answer = self._request(system, talk.messages, output_type, max_tokens, talk.thinking_tokens)
        talk.took(answer)
        self._budget.charge(answer.usage.cost_usd)
        return answer

    def _reask(self, talk: _Conversation, answer: _Answer) -> None:
        # An empty answer cannot be an assistant turn (the API refuses empty text blocks).
        if answer.raw_text:
            talk.messages.append(assistant_turn(answer.raw_text))
        talk.add(reask_turn(self._prompts, talk.attempts, self._max_attempts, answer.problems))

    def _request(self, system: RenderedPrompt, messages: list[MessageParam], output_type: type,
                 max_tokens: int, thinking_tokens: int = 0) -> _Answer:
        blocks = system_blocks(system, self.model_id)
        # Thinking is output too, and must fit under max_tokens beside the answer: a budget
        # that would crowd the answer out is cut to what the model's limit leaves.
        ceiling = max_output_tokens(self.model_id)
        thinking_tokens = min(thinking_tokens, ceiling - max_tokens)
        if thinking_tokens < MIN_THINKING_BUDGET:
            thinking_tokens = 0
        limit = min(max_tokens + thinking_tokens, ceiling)
        self._budget.check(estimated_cost(blocks, messages, limit, self._prices))
        params: dict[str, Any] = {"model": self.model_id, "max_tokens": limit, "system": blocks, "messages": messages}
        if thinking_tokens:
            params["thinking"] = _thinking(self.model_id, thinking_tokens)
        return self._send(params, output_type)

    def _send(self, params: dict[str, Any], output_type: type) -> _Answer:
        """One request through `messages.parse`; `BatchAPIModel` sends the same `params`
        through a message batch instead."""
        kept = _KeepResponse()
        client = self._client.with_middleware(kept)

        def send() -> Any:
            try:
                return client.messages.parse(**params, output_format=output_type)
            except AttributeError:
                if kept.response is None:
                    raise  # nothing was received: a fault of ours, not the API's
                raise _not_an_answer(kept.response) from None

        try:
            parsed = call_with_retries(send, self._retry, self._sleep, source=self.source, secret=self._client.api_key)
        except ValidationError as error:
            if kept.response is None:
                raise  # not the answer's validation: nothing was received
            return self._invalid(kept.message(), error)
        return self._parsed(parsed)

    def _invalid(self, message: Message, error: ValidationError) -> _Answer:
        return self._answer(message, None, _cut_off(message) + validation_problems(error))

    def _parsed(self, parsed: Any) -> _Answer:
        output = parsed.parsed_output
        return self._answer(parsed, output, [] if output is not None else _cut_off(parsed) or _no_answer(parsed))

    def _answer(self, message: Message, output: BaseModel | None, problems: Problems) -> _Answer:
        return _Answer(_text_of(message), _usage_of(message).priced(self._prices), output, problems,
                       cut_off=output is None and message.stop_reason == "max_tokens")

    @property
    def source(self) -> str:
        return f"model {self.model_id}"

    def report(self, record: dict[str, Any]) -> None:
        if self._on_call is not None:
            self._on_call(record)


@dataclass(frozen=True)
class _Call:
    """The finished call, turned into a Reply or a ModelOutputInvalid; both are reported."""

    model: AnthropicModel
    system: RenderedPrompt
    prompt: RenderedPrompt
    documents: Sequence[ModelInput]
    output_type: type
    talk: _Conversation
    latency_ms: int

    def succeeded(self, output: Any) -> Reply[Any]:
        reply = Reply(
            output, self.talk.usage, self.model.model_id, self.latency_ms,
            self.talk.attempts, self.talk.raw_text, tuple(self.talk.templates),
        )  # fmt: skip
        self.model.report(self._thinking(reply.record(self.system, self.prompt, self.documents)))
        return reply

    def failed(self, problems: Problems) -> ModelOutputInvalid:
        first = problems[0] if problems else {"location": "(whole answer)", "message": "no usable answer"}
        problem = (
            f"the answer to {self.prompt.name} never matched {self.output_type.__name__} "
            f"({self.talk.attempts} attempts; last problem: {first['location']}: {first['message']})"
        )
        self.model.report(self._record(problem))
        return ModelOutputInvalid(
            self.model.source, problem, raw_output=self.talk.raw_text, usage=self.talk.usage,
            attempts=self.talk.attempts,
        )

    def report_failure(self, problem: str) -> None:
        self.model.report(self._record(problem))

    def _thinking(self, record: dict[str, Any]) -> dict[str, Any]:
        """The audit log says when the model was let think, and within what."""
        tokens = self.talk.thinking_tokens
        return {**record, "thinking_budget": tokens} if tokens else record

    def _record(self, error: str) -> dict[str, Any]:
        record = CallRecord.build(
            model_id=self.model.model_id,
            system=self.system,
            prompt=self.prompt,
            documents=self.documents,
            output_type=self.output_type,
            usage=self.talk.usage,
            latency_ms=self.latency_ms,
            attempts=self.talk.attempts,
            templates=self.talk.templates,
            error=error,
        )
        return self._thinking(record.model_dump(mode="json"))


def _thinking(model_id: str, budget: int) -> dict[str, Any]:
    """The request's `thinking`: a manual budget, or adaptive where the model takes only
    that (max_tokens, raised by the budget, then bounds the thinking)."""
    if thinking_mode(model_id) == "adaptive":
        return {"type": "adaptive"}
    return {"type": "enabled", "budget_tokens": budget}


# -- reading a response ------------------------------------------------------------------


def _not_an_answer(response: Any) -> anthropic.APIResponseValidationError:
    """A 200 whose body is not the API's JSON (a proxy's or gateway's HTML page): the SDK
    hands back the text and then fails on it. It is an API failure like a 502, retried
    as one, and reported with what was received instead."""
    kind = response.headers.get("content-type", "no content type")
    return anthropic.APIResponseValidationError(
        response.http_response, None,
        message=f"the API answered {response.status_code} with {kind}, not a Messages API answer")


def _text_of(message: Message) -> str:
    return "".join(block.text for block in message.content if isinstance(block, TextBlock))


def _usage_of(message: Message) -> Usage:
    usage = message.usage
    return Usage(
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cache_write_tokens=usage.cache_creation_input_tokens or 0,
        cache_read_tokens=usage.cache_read_input_tokens or 0,
    )


def _cut_off(message: Message) -> Problems:
    if message.stop_reason != "max_tokens":
        return []
    return [{"location": "(whole answer)", "message": "the answer was cut off at the token limit (max_tokens)"}]


def _no_answer(message: Message) -> Problems:
    return [{"location": "(whole answer)", "message": f"no structured answer (stop reason: {message.stop_reason})"}]


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
