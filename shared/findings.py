"""Findings: problems in the data, recorded in the result while the run goes on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from shared.documents.citation import Citation

Severity = Literal["info", "warning", "error"]
# Most serious first: the order summaries count them in.
SEVERITIES: tuple[str, ...] = tuple(reversed(get_args(Severity)))


class Finding(BaseModel):
    """One thing a reviewer should look at: what was found, how bad, and on what evidence.

    `citations` are the facts the finding rests on; a finding about an absence (a missing
    document) has none.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    code: str
    severity: Severity
    message: str
    subject: str | None = None
    citations: tuple[Citation, ...] = Field(default_factory=tuple)


class SeverityCounts(BaseModel):
    """A run's findings counted by severity, as result.json holds them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    error: int = 0
    warning: int = 0
    info: int = 0

    @classmethod
    def of(cls, findings: Iterable[Any]) -> SeverityCounts:
        """Counted from result.json's findings (mappings); anything else is skipped."""
        counts = Counter(item.get("severity") for item in findings if isinstance(item, Mapping))
        return cls(error=counts["error"], warning=counts["warning"], info=counts["info"])


def finding(code: str, subject: str, message: str, severity: Severity = "warning",
            citations: Iterable[Citation] = ()) -> Finding:
    """A finding whose id is its code and a slug of its subject, so the same problem
    found again in a resumed or repeated run keeps its id."""
    slug = re.sub(r"[^a-z0-9]+", "-", subject.lower()).strip("-")
    return Finding(id=f"{code}:{slug}", code=code, severity=severity, message=message, subject=subject,
                   citations=tuple(citations))
