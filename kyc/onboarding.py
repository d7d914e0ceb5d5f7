"""KYC's terms for the reviewer's answer: the onboarding decision.

Approving a KYC run says the analysis is right and may go out; it says nothing about
the customer. What the firm does with the customer (clear, request documents, enhanced
due diligence, decline) is a second decision, the reviewer's, recorded beside the
approval so that nobody reads "approved" above "recommend decline" as an onboarding.
The decision must agree with the reviewer's own verdicts on the hits: a customer with a
true sanctions match is cleared only with the reason written down.

The generic review path reaches these terms through the workflow (`shared.workflows`,
`answer_rules`), at the gate and in the interactive review alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.errors import InputError
from shared.runs.gate import GatePayload
from shared.runs.review import ONBOARDING_DECISIONS, AnswerRules, Disposition, ReviewAnswer

# The verdict on a screening hit that says the customer is the listed person or company.
TRUE_MATCH = "true_match"


def conflicts(decision: str | None, dispositions: Sequence[Disposition]) -> tuple[str, ...]:
    """The hits whose verdict the onboarding decision disagrees with: every true match,
    when the decision is to clear the customer."""
    if decision != "clear":
        return ()
    return tuple(d.item_id for d in dispositions if d.verdict == TRUE_MATCH)


def check(answer: ReviewAnswer, payload: GatePayload) -> None:
    """Required to approve, optional on a rejection; explained when it overrides a true
    match."""
    decision = answer.onboarding_decision
    if decision is None and answer.decision == "approve":
        raise InputError("--onboarding-decision", "approving a KYC run needs the reviewer's onboarding decision "
                                                  f"({', '.join(ONBOARDING_DECISIONS)})")
    if decision is None and answer.override_reason:
        raise InputError("--override-reason", "explains an onboarding decision; give --onboarding-decision too")
    against = conflicts(decision, answer.dispositions)
    if against and not answer.override_reason.strip():
        raise InputError("--onboarding-decision",
                         f"'{decision}' disagrees with the true_match verdict on {', '.join(against)}: "
                         "a customer with a true match is cleared only with --override-reason TEXT saying why")


ANSWER_RULES = AnswerRules(onboarding_decisions=ONBOARDING_DECISIONS, conflicts=conflicts, check=check)
