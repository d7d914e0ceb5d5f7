"""Names shared across the workflow: concept equivalence classes and metric names.

A consensus or guidance file names a metric either by a us-gaap concept
(`RevenueFromContractWithCustomerExcludingAssessedTax`) or by one of `METRICS` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# One class per line of the contract: concepts that count as the same figure.
EQUIVALENT_CONCEPTS: tuple[frozenset[str], ...] = (
    frozenset({"Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
               "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet"}),
    frozenset({"CostOfRevenue", "CostOfGoodsAndServicesSold", "CostOfGoodsSold"}),
    frozenset({"IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
               "IncomeLossFromContinuingOperationsBeforeIncomeTaxesMinorityInterestAndIncomeLossFromEquityMethodInvestments"}),
    frozenset({"PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"}),
)


def concept_class(concept: str) -> frozenset[str]:
    """The concepts that count as the same figure as `concept` (itself alone if none)."""
    for members in EQUIVALENT_CONCEPTS:
        if concept in members:
            return members
    return frozenset({concept})


MetricKind = Literal["amount", "per_share", "percent"]


@dataclass(frozen=True)
class MetricName:
    name: str
    kind: MetricKind
    description: str


METRICS: tuple[MetricName, ...] = (
    MetricName("revenue", "amount", "Total revenue (any concept of the revenue class)"),
    MetricName("gross_profit", "amount", "Revenue less cost of revenue"),
    MetricName("operating_income", "amount", "Operating income (loss)"),
    MetricName("net_income", "amount", "Net income (loss)"),
    MetricName("eps_diluted", "per_share", "Diluted earnings per share"),
    MetricName("eps_basic", "per_share", "Basic earnings per share"),
    MetricName("gross_margin", "percent", "Gross profit / revenue, in percent"),
    MetricName("operating_margin", "percent", "Operating income / revenue, in percent"),
    MetricName("net_margin", "percent", "Net income / revenue, in percent"),
    MetricName("operating_cash_flow", "amount", "Net cash from operating activities"),
    MetricName("capex", "amount", "Payments for property, plant and equipment"),
    MetricName("free_cash_flow", "amount", "Operating cash flow less capital expenditure"),
)
METRIC_NAMES = frozenset(m.name for m in METRICS)

# The concept (class representative) a metric name reads directly, where it is one figure.
METRIC_CONCEPTS: dict[str, str] = {
    "revenue": "Revenues",
    "gross_profit": "GrossProfit",
    "operating_income": "OperatingIncomeLoss",
    "net_income": "NetIncomeLoss",
    "eps_diluted": "EarningsPerShareDiluted",
    "eps_basic": "EarningsPerShareBasic",
    "operating_cash_flow": "NetCashProvidedByUsedInOperatingActivities",
    "capex": "PaymentsToAcquirePropertyPlantAndEquipment",
}
