"""A run's model usage, summed from its audit log: the log is the one record that
survives crashes and resumes, so spend is never counted twice or lost."""

from __future__ import annotations

from pathlib import Path

from shared.audit import read_data
from shared.llm.usage import Usage


def usage_from_audit(path: Path) -> Usage:
    """Every model call's usage, added up (failed calls included: they were paid for)."""
    return sum((Usage.model_validate(call["usage"]) for call in read_data(path, "model_call")), start=Usage())
