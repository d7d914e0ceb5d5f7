"""Our retry policy, explicit and deterministic (the SDK's own retries are switched off).

Transient failures (rate limits, overload, server errors, timeouts, lost connections)
are retried; a request the API rejects as wrong (400, 401, 403, 404, 413, 422) is not,
because sending it again cannot succeed and may cost money. The server's `retry-after`
is honoured; otherwise the wait doubles from `base_delay`, without jitter so that tests
and audit logs see the same waits every time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import anthropic

from shared.llm.errors import ModelAccessDenied, ModelCallFailed, redact

R = TypeVar("R")

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})
_ACCESS_STATUSES = frozenset({401, 403})


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    retry_statuses: frozenset[int] = RETRY_STATUSES

    def retryable(self, error: Exception) -> bool:
        if isinstance(error, anthropic.APIStatusError):
            return error.status_code in self.retry_statuses
        # APITimeoutError is an APIConnectionError; a body that is not the API's (an HTML
        # page from a proxy, served with 200) is as transient as the 502 it stands for.
        return isinstance(error, (anthropic.APIConnectionError, anthropic.APIResponseValidationError))

    def delay(self, retry: int, headers: Mapping[str, str] | None = None) -> float:
        """Seconds to wait before retry number `retry` (1 for the first retry)."""
        asked = _retry_after(headers) if headers is not None else None
        if asked is None:
            asked = self.base_delay * 2 ** (retry - 1)
        return min(asked, self.max_delay)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait, from `retry-after-ms` or `retry-after` (seconds);
    an HTTP-date or garbage counts as no request."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            seconds = float(headers.get(name, "")) / scale
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


def call_with_retries(
    send: Callable[[], R],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    *,
    source: str,
    secret: str | None,
) -> R:
    """`send()`, retried per `policy`; API failures become ModelCallFailed."""
    attempt = 1
    while True:
        try:
            return send()
        except anthropic.APIError as error:
            if not policy.retryable(error):
                raise _refused(error, source, secret, attempt) from None
            if attempt > policy.max_retries:
                raise _gave_up(error, source, secret, attempt) from None
            sleep(policy.delay(attempt, _headers(error)))
            attempt += 1


def _headers(error: anthropic.APIError) -> Mapping[str, str] | None:
    return error.response.headers if isinstance(error, anthropic.APIStatusError) else None


def describe(error: anthropic.APIError, secret: str | None) -> str:
    """One line about an API failure, never holding the key."""
    if isinstance(error, anthropic.APIStatusError):
        kind = f" {error.type}" if error.type else ""
        message = error.api_message or error.response.reason_phrase or "no message"
        return redact(f"HTTP {error.status_code}{kind}: {message}", secret)
    if isinstance(error, anthropic.APITimeoutError):
        return "the request timed out"
    if isinstance(error, anthropic.APIConnectionError):
        return redact(f"could not reach the API ({error.__cause__ or error})", secret)
    return redact(error.message, secret)


def _status(error: anthropic.APIError) -> int | None:
    return error.status_code if isinstance(error, anthropic.APIStatusError) else None


def _refused(error: anthropic.APIError, source: str, secret: str | None, attempt: int) -> ModelCallFailed:
    status = _status(error)
    kind = ModelAccessDenied if status in _ACCESS_STATUSES else ModelCallFailed
    return kind(source, f"the API refused the request ({describe(error, secret)})", status=status, attempts=attempt)


def _gave_up(error: anthropic.APIError, source: str, secret: str | None, attempt: int) -> ModelCallFailed:
    problem = f"gave up after {attempt} attempts; the last failed with {describe(error, secret)}"
    return ModelCallFailed(source, problem, status=_status(error), attempts=attempt)
