"""Why a model call did not produce an answer.

Each error is one line the user can act on. None of them ever holds the API key: error
texts from the API pass through `redact` before they are kept.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from shared.errors import FinagentsError, LimitReached

if TYPE_CHECKING:
    from shared.llm.usage import Usage


class ModelUnavailable(FinagentsError):
    """The offline model was asked a question: the workflow should have used its baseline."""


class ModelCallFailed(FinagentsError):
    """The API refused the request, or kept failing until the retry policy gave up."""

    def __init__(self, source: str | None, problem: str, *, status: int | None = None, attempts: int = 1) -> None:
        self.status = status
        self.attempts = attempts
        super().__init__(source, problem)


class ModelAccessDenied(ModelCallFailed):
    """401/403: the key is wrong or may not use this model; the user must fix it (exit 2)."""

    exit_code = 2


class ModelOutputInvalid(FinagentsError):
    """The model never gave an answer that validates against the requested type."""

    def __init__(self, source: str | None, problem: str, *, raw_output: str, usage: Usage, attempts: int) -> None:
        self.raw_output = raw_output
        self.usage = usage
        self.attempts = attempts
        super().__init__(source, problem)


class BudgetExceeded(LimitReached):
    """The run's model spend reached its budget; the run stops cleanly and can resume."""

    def __init__(self, spent_usd: Decimal, limit_usd: Decimal, estimate_usd: Decimal | None = None) -> None:
        self.spent_usd = spent_usd
        self.limit_usd = limit_usd
        self.estimate_usd = estimate_usd
        if estimate_usd is None:
            reached = f"model spend ${spent_usd:.4f} reached the run's budget of ${_as_typed(limit_usd)}"
        else:
            reached = (f"the next model request may cost up to ${estimate_usd:.4f}, more than the "
                       f"${limit_usd - spent_usd:.4f} left of the run's budget of ${_as_typed(limit_usd)} "
                       f"(spent ${spent_usd:.4f})")
        super().__init__("budget", f"{reached}; resume with a higher --budget-usd")


def _as_typed(amount: Decimal) -> str:
    # Cents at least, and never a rounded limit: "$0.00" for a budget of 0.005 would mislead.
    cents = amount.quantize(Decimal("0.01"))
    return str(cents) if cents == amount else str(amount)


def redact(text: str, secret: str | None) -> str:
    """`text` without `secret`: a proxy or a future API version might echo the key back."""
    if not secret:
        return text
    return text.replace(secret, "[redacted]")
