"""The run's model budget: checked before each request against what the request may
cost at most (`shared.llm.estimate`), charged after each response with what it did cost.

A request is sent only when its estimate fits in what is left, so a run stops before the
request that could take it past its budget, not after. The run checkpoints `spent_usd` and builds a new Budget
from it on resume, so a resumed run keeps counting from where it stopped.
"""

from __future__ import annotations

import threading
from decimal import Decimal

from shared.llm.errors import BudgetExceeded


def _amount(value: object, what: str) -> Decimal:
    # A float budget would make the exact cost sums inexact; refuse it by name.
    if isinstance(value, Decimal) and value.is_finite() and value >= 0:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Decimal(value)
    raise TypeError(f"{what} must be a non-negative Decimal, not {value!r}")


class Budget:
    """Spend against a limit in USD. Thread-safe: parallel graph nodes share one budget."""

    def __init__(self, limit_usd: Decimal, spent_usd: Decimal = Decimal(0)) -> None:
        self._limit = _amount(limit_usd, "limit_usd")
        self._spent = _amount(spent_usd, "spent_usd")
        self._lock = threading.Lock()

    @property
    def limit_usd(self) -> Decimal:
        return self._limit

    @property
    def spent_usd(self) -> Decimal:
        return self._spent

    @property
    def remaining_usd(self) -> Decimal:
        return max(self._limit - self._spent, Decimal(0))

    def check(self, estimate_usd: Decimal = Decimal(0)) -> None:
        """Raise BudgetExceeded if nothing is left to spend, or if a request estimated to
        cost `estimate_usd` could cost more than what is left."""
        if self._spent >= self._limit:
            raise BudgetExceeded(self._spent, self._limit)
        estimate = _amount(estimate_usd, "estimate_usd")
        if self._spent + estimate > self._limit:
            raise BudgetExceeded(self._spent, self._limit, estimate)

    def charge(self, cost_usd: Decimal) -> None:
        cost = _amount(cost_usd, "cost_usd")
        with self._lock:
            self._spent += cost

    def __repr__(self) -> str:
        return f"Budget(limit_usd={self._limit!r}, spent_usd={self._spent!r})"
