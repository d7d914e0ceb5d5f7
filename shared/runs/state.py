"""The keys every workflow's state has; a workflow's `State` extends `RunState`."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict

from shared.audit import AuditHead
from shared.findings import Finding
from shared.runs.result import InputFile, ListUse, PromptUse, ReviewRecord, Status


class RunState(TypedDict, total=False):
    input_path: str
    # The run folder, in a run LangGraph Server started (shared/runs/served.py): its nodes
    # rebuild the run's context from it. `finagents run` passes the context in.
    run_dir: str
    # Accumulated across nodes: each node returns only what it adds.
    inputs: Annotated[list[InputFile], operator.add]
    findings: Annotated[list[Finding], operator.add]
    prompts: Annotated[list[PromptUse], operator.add]
    lists: Annotated[list[ListUse], operator.add]
    audit_head: AuditHead
    status: Status
    review: ReviewRecord | None
