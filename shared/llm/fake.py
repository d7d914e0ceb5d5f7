"""A model for unit tests: queued answers, every call recorded, nothing sent anywhere."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from shared.llm.budget import Budget
from shared.llm.protocol import ModelInput, OnCall, Reply, T
from shared.llm.usage import Usage
from shared.prompts import RenderedPrompt


@dataclass(frozen=True)
class FakeCall:
    """One `ask` as the fake saw it."""

    system: str
    prompt: str
    output_type: type
    documents: tuple[ModelInput, ...]
    prompt_name: str
    thinking: bool = False


class FakeModel:
    """Returns `answers` in order; an Exception in the queue is raised instead.

    Each answer must be an instance of the type the call asks for, so a test cannot
    pass by handing a workflow the wrong shape. Each answer costs `usage`, charged to
    `budget` if one is given, exactly as the real model would."""

    def __init__(
        self,
        answers: Iterable[BaseModel | Exception],
        usage: Usage | None = None,
        *,
        model_id: str = "fake",
        budget: Budget | None = None,
        on_call: OnCall | None = None,
    ) -> None:
        self.model_id = model_id
        self.calls: list[FakeCall] = []
        self._answers = deque(answers)
        self._usage = usage or Usage()
        self._budget = budget
        self._on_call = on_call

    @property
    def remaining(self) -> int:
        return len(self._answers)

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
        if self._budget is not None:
            self._budget.check()
        self.calls.append(FakeCall(system.text, prompt.text, output_type, tuple(documents), prompt.name, thinking))
        answer = self._next_answer(output_type)
        if self._budget is not None:
            self._budget.charge(self._usage.cost_usd)
        reply = Reply(answer, self._usage, self.model_id, 0, 1, answer.model_dump_json())
        if self._on_call is not None:
            self._on_call(reply.record(system, prompt, documents))
        return reply

    def _next_answer(self, output_type: type[T]) -> T:
        number = len(self.calls)
        if not self._answers:
            raise AssertionError(
                f"FakeModel: call {number} asked for {output_type.__name__} but no answers are left "
                f"(queue more answers)"
            )
        answer = self._answers.popleft()
        if isinstance(answer, Exception):
            raise answer
        if not isinstance(answer, output_type):
            raise AssertionError(
                f"FakeModel: call {number} expected an answer of type {output_type.__name__}, "
                f"but the queued answer is {type(answer).__name__}"
            )
        return answer
