"""A result printed without a caption: the line under "Total costs and expenses" that
is revenues less that total, with operating expenses still to come below it.

Some income statements print revenues, the costs of what was sold with their total, and
then the difference on a line of its own with no words ("(1,991)  7,724  3,530"), before
the operating expenses. That line is gross profit, and the total above it the cost of
revenue, whatever the total's caption says ("Total costs and expenses"): the
statement's arithmetic shows it, in every column, and the expenses below show that the
line is not yet the operating result. Without both, the line stays unmapped.
"""

from __future__ import annotations

from collections.abc import Sequence

from earnings_review.concepts import Mapping, arithmetic
from earnings_review.signs import Amount, differs_by
from earnings_review.tables import Row
from earnings_review.vocabulary import concept_class

REVENUES = concept_class("Revenues")


def captionless_results(rows: Sequence[Row], mappings: Sequence[Mapping | None],
                        amount: Amount) -> list[Mapping | None]:
    """The mappings, with each caption-less gross profit line (and the total of costs it
    follows) mapped."""
    out = list(mappings)
    for index, row in enumerate(rows):
        if row.label or index < 2 or not rows[index - 1].label.lower().startswith("total"):
            continue
        if _is_gross_profit(rows, out, index, amount):
            out[index], out[index - 1] = Mapping("GrossProfit", False), Mapping("CostOfRevenue", False)
    return out


def _is_gross_profit(rows: Sequence[Row], mappings: Sequence[Mapping | None], index: int, amount: Amount) -> bool:
    results, _ = arithmetic()
    operating = operating_expenses()
    concepts = [m.concept if m else None for m in mappings]
    base = next((j for j in range(index - 2, -1, -1) if concepts[j] in results), None)
    below = next((j for j in range(index + 1, len(rows)) if concepts[j] in results), len(rows))
    if base is None or concepts[base] not in REVENUES:
        return False
    return (differs_by(rows[base], rows[index - 1], rows[index], amount)
            and any(concepts[j] in operating for j in range(index + 1, below)))


def operating_expenses() -> frozenset[str]:
    """The deductions that come after gross profit: operating expenses, not costs of
    revenue nor tax."""
    _, deductions = arithmetic()
    return deductions - {"CostOfRevenue", "CostsAndExpenses", "IncomeTaxExpenseBenefit"}
