"""Precision, recall and F1 from counts, as exact decimals (integer ratios, no floats)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Counts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> Decimal:
        # Nothing flagged: no wrong alert was raised, so precision is perfect (and recall says the rest).
        return Decimal(self.tp) / Decimal(self.tp + self.fp) if self.tp + self.fp else Decimal(1)

    @property
    def recall(self) -> Decimal:
        return Decimal(self.tp) / Decimal(self.tp + self.fn) if self.tp + self.fn else Decimal(1)

    @property
    def f1(self) -> Decimal:
        # 2PR/(P+R) is 2TP/(2TP+FP+FN): the same number without dividing twice.
        counted = 2 * self.tp + self.fp + self.fn
        return Decimal(2 * self.tp) / Decimal(counted) if counted else Decimal(1)

    def to_json(self) -> dict[str, object]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": str(self.precision),
                "recall": str(self.recall), "f1": str(self.f1)}


def pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"
