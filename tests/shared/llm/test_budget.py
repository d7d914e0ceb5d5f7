"""The run's model budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared.errors import LimitReached
from shared.llm import Budget, BudgetExceeded


def test_spend_below_the_limit_passes_and_at_the_limit_stops():
    budget = Budget(Decimal("5.00"))
    budget.check()
    budget.charge(Decimal("4.9999"))
    budget.check()
    assert budget.remaining_usd == Decimal("0.0001")
    budget.charge(Decimal("0.0124"))
    with pytest.raises(BudgetExceeded) as caught:
        budget.check()
    assert isinstance(caught.value, LimitReached) and caught.value.exit_code == 3
    assert str(caught.value) == (
        "budget: model spend $5.0123 reached the run's budget of $5.00; resume with a higher --budget-usd"
    )
    assert (caught.value.spent_usd, caught.value.limit_usd) == (Decimal("5.0123"), Decimal("5.00"))
    assert budget.remaining_usd == 0


def test_spent_is_restored_on_resume_and_a_higher_limit_continues():
    before = Budget(Decimal("1"))
    before.charge(Decimal("1.2"))
    resumed = Budget(Decimal("1"), spent_usd=before.spent_usd)
    with pytest.raises(BudgetExceeded):
        resumed.check()
    Budget(Decimal("2"), spent_usd=before.spent_usd).check()


def test_zero_budget_allows_no_call():
    with pytest.raises(BudgetExceeded):
        Budget(Decimal(0)).check()


@pytest.mark.parametrize("bad", [0.5, "1", -1, Decimal("NaN"), Decimal("-0.01"), True])
def test_amounts_must_be_non_negative_decimals(bad):
    with pytest.raises(TypeError):
        Budget(bad)
    with pytest.raises(TypeError):
        Budget(Decimal(1)).charge(bad)
