"""KYC onboarding as the core finds it: the `finagents.workflows` entry point names SPEC.
Its commands (`screen`, `lists`) are in kyc/cli.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kyc.cli import register
from shared.body import table
from shared.workflows import Lazy, WorkflowSpec


def headline(body: Mapping[str, Any]) -> str | None:
    """The recommendation, why, and the risk rating."""
    risk = table(body, "risk")
    if not risk.get("recommendation"):
        return None
    reason = f" ({risk['reason']})" if risk.get("reason") else ""
    rating = f"; risk rating {risk['rating']}" if risk.get("rating") else ""
    return f"Recommendation: {str(risk['recommendation']).replace('_', ' ')}{reason}{rating}"


SPEC = WorkflowSpec(
    name="kyc",
    summary="Onboarding packet in; inventory, cross-checks, beneficial owners, screening, risk.",
    input_help="a case folder: application plus supporting documents",
    package="kyc",
    graph=Lazy("kyc.graph:build_graph"),
    settings=Lazy("kyc.context:Context"),
    answer_rules=Lazy("kyc.onboarding:ANSWER_RULES"),
    headline=headline,
    evaluation=Lazy("kyc.evaluate:evaluate"),
    commands=register,
    tools=Lazy("kyc.tools:tools"),
)
