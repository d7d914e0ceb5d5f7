"""The review gate's answer: the pydantic model the gate takes, however it is given
(flags, a `--decisions` JSON file, or the interactive prompt)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.errors import InputError

if TYPE_CHECKING:
    from shared.runs.gate import GatePayload

# What a KYC reviewer decides for the customer, apart from approving the analysis
# (CONTRACT.md, "What approval means"). Which workflows take it is their own rule
# (`AnswerRules`, reached through `shared.workflows`).
OnboardingDecision = Literal["clear", "request_documents", "edd", "decline"]
ONBOARDING_DECISIONS: tuple[str, ...] = get_args(OnboardingDecision)
# The answer's fields that only some workflows take, and the options that give them.
WORKFLOW_TERMS = {"onboarding_decision": "--onboarding-decision", "override_reason": "--override-reason"}


class Disposition(BaseModel):
    """A reviewer's verdict on one reviewable item of result.json (by its `id`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str = Field(min_length=1)
    verdict: str = Field(min_length=1)
    reason: str = ""


class ReviewAnswer(BaseModel):
    """Decision (on the analysis), reviewer, comment and dispositions, and for KYC the
    onboarding decision with the reason for overriding the verdicts; the system adds
    the time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    decision: Literal["approve", "reject"]
    reviewer: str = Field(min_length=1)
    comment: str = ""
    dispositions: tuple[Disposition, ...] = ()
    onboarding_decision: OnboardingDecision | None = None
    override_reason: str = ""


@dataclass(frozen=True)
class AnswerRules:
    """A workflow's own terms for the reviewer's answer, beyond the gate's: KYC's
    onboarding decision. A workflow names its rules in `shared.workflows`; the gate's
    `check_answer` and the interactive review reach them there."""

    # The onboarding decisions the reviewer chooses from, in the order offered.
    onboarding_decisions: tuple[str, ...]
    # The items whose verdicts an onboarding decision disagrees with (empty: none).
    conflicts: Callable[[str | None, Sequence[Disposition]], tuple[str, ...]]
    # Raises InputError, naming the option, for an answer the workflow cannot take.
    check: Callable[[ReviewAnswer, GatePayload], None]


def parse_disposition(text: str) -> Disposition:
    """`ITEM_ID=VERDICT[:REASON]` as given to `--disposition`."""
    item_id, sep, rest = text.partition("=")
    verdict, _, reason = rest.partition(":")
    if not sep or not item_id.strip() or not verdict.strip():
        raise InputError("--disposition", f"'{text}' is not ITEM_ID=VERDICT[:REASON]")
    return Disposition(item_id=item_id.strip(), verdict=verdict.strip(), reason=reason.strip())


def read_decisions(path: Path) -> ReviewAnswer:
    """A `--decisions FILE.json` holding a ReviewAnswer."""
    try:
        return ReviewAnswer.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise InputError(path, "does not exist") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        raise InputError(path, f"not a review answer: '{where}': {error['msg']}") from None
