"""The review gate every workflow ends with: drafts, a human answer, then final outputs.

Three nodes, so that LangGraph's re-execution of an interrupted node on resume repeats
nothing with side effects: `draft_outputs` writes the drafts, `review_gate` only waits
for the answer (`interrupt`) and records it, `final_outputs` renders with the sign-off.
No flag skips the gate; demo and batch runs stop there too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from langgraph.graph import END
from langgraph.types import interrupt
from pydantic import BaseModel, ConfigDict, ValidationError

from shared.errors import InputError
from shared.runs.nodes import audited
from shared.runs.result import ReviewRecord
from shared.runs.review import WORKFLOW_TERMS, AnswerRules, ReviewAnswer
from shared.workflows import all_workflows, get_workflow

DRAFT, GATE, FINAL = "draft_outputs", "review_gate", "final_outputs"


class ReviewItem(BaseModel):
    """Something in result.json a reviewer must give a verdict on before approving."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    summary: str
    verdicts: tuple[str, ...]


class GatePayload(BaseModel):
    """What the gate shows while it waits: the run, its workflow (whose own terms the
    answer must meet) and the items needing a disposition."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    run_id: str
    # Empty in a run that stopped at its gate before payloads named their workflow.
    workflow: str = ""
    items: tuple[ReviewItem, ...] = ()
    # Why the last answer was refused, when one given through LangGraph Server was.
    refused: str = ""


class WorkflowOutputs(Protocol):
    """A workflow's side of the gate: its reviewable items and how it writes its outputs."""

    def review_items(self, state: Mapping[str, Any]) -> Sequence[ReviewItem]: ...

    def write(self, state: Mapping[str, Any], context: Any, status: str) -> None: ...


def add_review_gate(graph: Any, *, after: str, outputs: WorkflowOutputs) -> None:
    """Wire draft -> gate -> final after node `after`, ending the graph."""
    graph.add_node(DRAFT, audited(DRAFT, lambda state, runtime: _draft(state, runtime, outputs)))
    graph.add_node(GATE, audited(GATE, lambda state, runtime: _wait_for_answer(state, runtime, outputs),
                                 announce=False))
    graph.add_node(FINAL, audited(FINAL, lambda state, runtime: _final(state, runtime, outputs)))
    graph.add_edge(after, DRAFT)
    graph.add_edge(DRAFT, GATE)
    graph.add_edge(GATE, FINAL)
    graph.add_edge(FINAL, END)


def _draft(state: Mapping[str, Any], runtime: Any, outputs: WorkflowOutputs) -> dict[str, Any]:
    outputs.write({**state, "status": "awaiting_review"}, runtime.context, "awaiting_review")
    return {"status": "awaiting_review"}


def _wait_for_answer(state: Mapping[str, Any], runtime: Any, outputs: WorkflowOutputs) -> dict[str, Any]:
    payload = GatePayload(run_id=runtime.context.run_id, workflow=runtime.context.workflow,
                          items=tuple(outputs.review_items(state)))
    answer = _valid_answer(payload)
    # Logged only now, so that while the run waits the log ends where its state says.
    runtime.context.audit.node_started(GATE, runtime.context.run_id)
    record = ReviewRecord(**answer.model_dump(), at=runtime.context.clock())
    runtime.context.audit.decision(record.model_dump(mode="json"))
    return {"review": record, "status": "approved" if answer.decision == "approve" else "rejected"}


def _valid_answer(payload: GatePayload) -> ReviewAnswer:
    """The first answer the gate can take. `finagents review` checks its answer before
    resuming; one given through LangGraph Server is checked only here, and a refused one is
    asked for again (its reason in the payload), not raised: LangGraph keeps an answer the
    node failed on and would hand it back on every later resume."""
    asked = payload
    while True:
        given = interrupt(asked.model_dump(mode="json"))
        try:
            answer = ReviewAnswer.model_validate(given)
            check_answer(answer, payload)
            return answer
        except ValidationError as error:
            asked = payload.model_copy(update={"refused": f"not a review answer: {error.errors()[0]['msg']}"})
        except InputError as error:
            asked = payload.model_copy(update={"refused": str(error)})


def _final(state: Mapping[str, Any], runtime: Any, outputs: WorkflowOutputs) -> dict[str, Any]:
    outputs.write(state, runtime.context, state["status"])
    return {}


def check_answer(answer: ReviewAnswer, payload: GatePayload) -> None:
    """Refuse an answer the gate cannot take: unknown items, verdicts the item does not
    allow, an approval that leaves an item without a disposition, or an answer that
    does not meet the workflow's own terms (KYC's onboarding decision)."""
    _check_dispositions(answer, payload)
    rules = answer_rules(payload)
    if rules is None:
        _refuse_workflow_terms(answer, payload)
    else:
        rules.check(answer, payload)


def _refuse_workflow_terms(answer: ReviewAnswer, payload: GatePayload) -> None:
    """A workflow without terms of its own takes none of the fields other workflows'
    terms are about: an onboarding decision on a close would be recorded and mean nothing."""
    given = [option for field, option in WORKFLOW_TERMS.items() if getattr(answer, field)]
    if given:
        takers = ", ".join(w.name for w in all_workflows() if w.answer_rules)
        kind = f"a {payload.workflow} run" if payload.workflow else "this run"
        raise InputError(given[0], f"is not taken for {kind}; only {takers} runs have an onboarding decision")


def answer_rules(payload: GatePayload) -> AnswerRules | None:
    """The terms the run's workflow sets for the answer, beyond the gate's, if any."""
    return get_workflow(payload.workflow).review_rules() if payload.workflow else None


def _check_dispositions(answer: ReviewAnswer, payload: GatePayload) -> None:
    items = {item.id: item for item in payload.items}
    given_ids = [d.item_id for d in answer.dispositions]
    repeated = sorted({i for i in given_ids if given_ids.count(i) > 1})
    if repeated:
        raise InputError("--disposition", f"one verdict per item; given more than once: {', '.join(repeated)}")
    for disposition in answer.dispositions:
        item = items.get(disposition.item_id)
        if item is None:
            raise InputError("--disposition", f"run {payload.run_id} has no reviewable item '{disposition.item_id}'")
        if disposition.verdict not in item.verdicts:
            allowed = ", ".join(item.verdicts)
            raise InputError("--disposition",
                             f"'{disposition.verdict}' is not a verdict for {item.id} (one of: {allowed})")
    given = {d.item_id for d in answer.dispositions}
    missing = [item_id for item_id in items if item_id not in given]
    if answer.decision == "approve" and missing:
        raise InputError("--approve",
                         f"approval needs a disposition for every item; none given for: {', '.join(missing)}")
