"""The review gate's answer: the pydantic model the gate takes, however it is given
(flags, a `--decisions` JSON file, or the interactive prompt)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.errors import InputError


class Disposition(BaseModel):
    """A reviewer's verdict on one reviewable item of result.json (by its `id`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str = Field(min_length=1)
    verdict: str = Field(min_length=1)
    reason: str = ""


class ReviewAnswer(BaseModel):
    """Decision, reviewer, comment and dispositions; the system adds the time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    decision: Literal["approve", "reject"]
    reviewer: str = Field(min_length=1)
    comment: str = ""
    dispositions: tuple[Disposition, ...] = ()


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
