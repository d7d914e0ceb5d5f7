"""A model step that cannot give a usable answer leaves the offline result in place.

Every step that asks the model has an offline baseline already in the run's state (the
rules' reading, the template memo, no adjudication). When the model fails after its
re-asks, retries and a raised token limit, the run goes on with that baseline and a
finding says which step fell back and why: a run is not lost to a flaky answer.

Two failures still stop the run: a key the API refuses (`ModelAccessDenied`, exit 2: the
user must fix it, and every later step would fail the same way) and the budget
(`LimitReached`, exit 3, resumable).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from shared.findings import Finding, finding
from shared.llm.errors import ModelAccessDenied, ModelCallFailed, ModelOutputInvalid

T = TypeVar("T")


def or_baseline(step: str, ask: Callable[[], T]) -> tuple[T | None, list[Finding]]:
    """`ask()`'s answer and no finding; or None (keep the baseline) and a finding."""
    try:
        return ask(), []
    except ModelAccessDenied:
        raise
    except (ModelOutputInvalid, ModelCallFailed) as error:
        return None, [fell_back(step, str(error))]


def fell_back(step: str, why: str) -> Finding:
    return finding("model_step_fell_back", step,
                   f"The model step '{step}' gave no usable answer, so its offline result stands: {why}")
