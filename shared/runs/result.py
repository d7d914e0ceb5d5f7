"""`result.json`: one envelope for every workflow, then the workflow's own body."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from shared.findings import Finding
from shared.llm.usage import Usage
from shared.runs.review import Disposition, OnboardingDecision

SCHEMA_VERSION = "1"
Status = Literal["running", "awaiting_review", "approved", "rejected", "stopped", "failed"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputFile(_Record):
    path: str
    sha256: str


class PromptUse(_Record):
    name: str
    source: Literal["pack", "engagement"]
    sha256: str


class ListUse(_Record):
    name: str
    source: str
    sha256: str
    date: str | None = None
    date_origin: str | None = None  # published | last_modified | declared: where `date` came from


class ReviewRecord(_Record):
    decision: Literal["approve", "reject"]
    reviewer: str
    comment: str
    at: datetime
    dispositions: tuple[Disposition, ...] = ()
    onboarding_decision: OnboardingDecision | None = None  # KYC: the reviewer's decision on the customer
    override_reason: str = ""


class RunResult(_Record):
    schema_version: str = SCHEMA_VERSION
    run_id: str
    workflow: str
    status: Status
    method: str
    inputs: tuple[InputFile, ...] = ()
    config: dict[str, Any] = {}
    prompts: tuple[PromptUse, ...] = ()
    lists: tuple[ListUse, ...] = ()
    usage: Usage = Usage()
    findings: tuple[Finding, ...] = ()
    review: ReviewRecord | None = None
    body: dict[str, Any] = {}
