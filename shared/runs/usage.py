"""A run's model usage, summed from its audit log: the log is the one record that
survives crashes and resumes, so spend is never counted twice or lost."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from shared.llm.usage import Usage

TOKEN_FIELDS = ("input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens")


def usage_from_audit(path: Path) -> Usage:
    totals = dict.fromkeys(TOKEN_FIELDS, 0)
    cost = Decimal("0")
    for usage in _model_call_usages(path):
        for field in TOKEN_FIELDS:
            totals[field] += int(usage.get(field, 0))
        cost += Decimal(str(usage.get("cost_usd", "0")))
    return Usage(**totals, cost_usd=cost)


def _model_call_usages(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    usages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn last line; verify reports it, resume repairs it
        if entry.get("type") == "model_call":
            usages.append(entry["data"].get("usage", {}))
    return usages
