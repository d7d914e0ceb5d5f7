"""Starting, resuming and reviewing runs: the one place a workflow's graph is compiled
with the checkpointer and invoked."""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from shared import __version__
from shared.engagement import Engagement, check_model_access, find_engagement, run_settings
from shared.errors import FinagentsError, InputError, LimitReached
from shared.runs.checkpoint import CHECKPOINT_DB, open_checkpointer
from shared.runs.context import RunContext
from shared.runs.gate import GATE, GatePayload, check_answer
from shared.runs.manifest import RunManifest, new_run_id
from shared.runs.review import ReviewAnswer
from shared.workflows import Workflow, get_workflow

Clock = Callable[[], datetime]
Progress = Callable[[str], None]


def _quiet(node: str) -> None:
    return None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Outcome:
    run_id: str
    run_dir: Path
    status: str


def start_run(
    workflow: Workflow,
    input_path: Path,
    *,
    engagement: Engagement,
    options: Mapping[str, Any],
    out: Path | None,
    environ: Mapping[str, str],
    clock: Clock = utc_now,
    progress: Progress = _quiet,
) -> Outcome:
    settings = run_settings(workflow.name, engagement, options=options,
                            input_file=workflow.input_settings(input_path), environ=environ)
    check_model_access(settings.engagement, environ)
    _graph_builder(workflow, settings.workflow.value.graph)  # fail before making a folder
    run_id = new_run_id(workflow.name, clock())
    run_dir, database = _placement(engagement, out, run_id)
    manifest = RunManifest(
        run_id=run_id, workflow=workflow.name, input_path=input_path.resolve(),
        engagement_root=engagement.root, options={k: v for k, v in options.items() if v is not None},
        checkpoint_db=database, created_at=clock(), pack_version=__version__,
    )
    manifest.write(run_dir)
    with _session(manifest, run_dir, environ, clock, repair=False, progress=progress) as (graph, config, context):
        context.audit.event("run_started", {"run_id": run_id, "workflow": workflow.name,
                                            "input": str(manifest.input_path), "method": context.method,
                                            "config": settings.record()})
        return _invoke(graph, {"input_path": str(manifest.input_path)}, config, context)


def _placement(engagement: Engagement, out: Path | None, run_id: str) -> tuple[Path, Path]:
    if out is None:
        runs = engagement.runs_dir(Path.cwd())
        return runs / run_id, (runs / CHECKPOINT_DB).resolve()
    if out.exists() and any(out.iterdir()):
        raise InputError(out, "already exists and is not empty; give --out a new folder")
    return out, (out / CHECKPOINT_DB).resolve()


def resume_run(run_dir: Path, *, options: Mapping[str, Any], environ: Mapping[str, str], clock: Clock = utc_now,
               progress: Progress = _quiet) -> Outcome:
    manifest = RunManifest.read(run_dir)
    overrides = {k: v for k, v in options.items() if v is not None}
    if overrides:
        manifest = manifest.model_copy(update={"options": {**manifest.options, **overrides}})
        manifest.write(run_dir)
    with _session(manifest, run_dir, environ, clock, repair=True, progress=progress) as (graph, config, context):
        snapshot = graph.get_state(config)
        if not snapshot.next:
            return Outcome(manifest.run_id, run_dir, snapshot.values.get("status", "unknown"))
        if _pending_payload(snapshot) is not None:
            return Outcome(manifest.run_id, run_dir, "awaiting_review")
        context.audit.event("run_resumed", {"run_id": manifest.run_id, "at_nodes": list(snapshot.next)})
        return _invoke(graph, None, config, context)


def pending_review(run_dir: Path, environ: Mapping[str, str]) -> GatePayload:
    """What the run's gate is waiting on; InputError if it is not waiting for review."""
    manifest = RunManifest.read(run_dir)
    with _graph_session(manifest, environ) as (graph, config, _):
        snapshot = graph.get_state(config)
        payload = _pending_payload(snapshot)
    if payload is None:
        status = snapshot.values.get("status", "running")
        raise InputError(manifest.run_id, f"is not waiting for review (status: {status})")
    return payload


def review_run(run_dir: Path, answer: ReviewAnswer, *, environ: Mapping[str, str], clock: Clock = utc_now,
               progress: Progress = _quiet) -> Outcome:
    from langgraph.types import Command

    check_answer(answer, pending_review(run_dir, environ))
    manifest = RunManifest.read(run_dir)
    with _session(manifest, run_dir, environ, clock, repair=True, progress=progress) as (graph, config, context):
        return _invoke(graph, Command(resume=answer.model_dump(mode="json")), config, context)


def expected_audit_head(run_dir: Path, environ: Mapping[str, str]) -> Any:
    """The audit chain head the run's checkpointed state records (None before any node)."""
    manifest = RunManifest.read(run_dir)
    with _graph_session(manifest, environ) as (graph, config, _):
        return graph.get_state(config).values.get("audit_head")


def _pending_payload(snapshot: Any) -> GatePayload | None:
    for task in snapshot.tasks:
        if task.name == GATE and task.interrupts:
            return GatePayload.model_validate(task.interrupts[0].value)
    return None


def _invoke(graph: Any, graph_input: Any, config: dict, context: RunContext) -> Outcome:
    try:
        for update in graph.stream(graph_input, config, context=context, stream_mode="updates"):
            for node in update:
                context.progress(node)
    except LimitReached as exc:
        _record_end(graph, config, context, "stopped", exc)
        raise
    except FinagentsError as exc:
        _record_end(graph, config, context, "failed", exc)
        raise
    snapshot = graph.get_state(config)
    status = "awaiting_review" if _pending_payload(snapshot) else snapshot.values.get("status", "unknown")
    return Outcome(context.run_id, context.run_dir, status)


def _record_end(graph: Any, config: dict, context: RunContext, status: str, error: Exception) -> None:
    """A run that cannot go on says so in its audit log and in a result.json whose status
    tells the reader it is not a finished result."""
    from shared.runs.manifest import write_atomic
    from shared.runs.outputs import build_result

    context.audit.event(f"run_{status}", {"run_id": context.run_id, "error": str(error)})
    state = graph.get_state(config).values
    result = build_result(state, context, status, body={})
    write_atomic(context.run_dir / "result.json", result.model_dump_json(indent=2) + "\n")


@contextmanager
def _graph_session(manifest: RunManifest, environ: Mapping[str, str]) -> Iterator[tuple[Any, dict, Any]]:
    """The run's graph compiled with its checkpointer, its thread config and settings."""
    workflow = get_workflow(manifest.workflow)
    engagement = find_engagement(manifest.engagement_root, Path.cwd()) if manifest.engagement_root else Engagement(None)
    settings = run_settings(workflow.name, engagement, options=manifest.options,
                            input_file=workflow.input_settings(manifest.input_path), environ=environ)
    builder = _graph_builder(workflow, settings.workflow.value.graph)()
    with open_checkpointer(manifest.checkpoint_db, builder.state_schema) as saver:
        yield builder.compile(checkpointer=saver), {"configurable": {"thread_id": manifest.run_id}}, settings


@contextmanager
def _session(manifest: RunManifest, run_dir: Path, environ: Mapping[str, str], clock: Clock,
             repair: bool, progress: Progress) -> Iterator[tuple[Any, dict, RunContext]]:
    """`_graph_session` plus the run context: audit log, model, prompts, clock, progress."""
    with _graph_session(manifest, environ) as (graph, config, settings):
        yield graph, config, _context(manifest, run_dir, settings, environ, clock, repair, progress)


def graph_builder_for(workflow: Workflow, engagement: Engagement) -> Callable[[], Any]:
    """The graph a run of `workflow` would use under `engagement`."""
    reference = getattr(engagement.config, workflow.name).get("graph")
    return _graph_builder(workflow, reference)


def _graph_builder(workflow: Workflow, reference: str | None) -> Callable[[], Any]:
    """The engagement's own graph (`graph = "package.module:build_graph"`) or the pack's."""
    if reference is None:
        return workflow.graph_builder()
    module_name, _, attribute = reference.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise InputError(reference, f"cannot load the engagement's graph for {workflow.name}: {exc}") from None


def _context(manifest: RunManifest, run_dir: Path, settings: Any, environ: Mapping[str, str],
             clock: Clock, repair: bool, progress: Progress) -> RunContext:
    from shared.audit import AUDIT_FILE, AuditLog
    from shared.llm import Budget, build_model
    from shared.runs.recorded_model import RecordedModel, recorded_answers
    from shared.runs.usage import usage_from_audit

    workflow = get_workflow(manifest.workflow)
    audit_path = run_dir / AUDIT_FILE
    api_key = environ.get("ANTHROPIC_API_KEY")
    audit = AuditLog.open(audit_path, secrets=[api_key] if api_key else [], now=clock, repair=repair)
    prompts = workflow.prompt_library(manifest.engagement_root / "prompts" / workflow.name if manifest.engagement_root else None)
    top = settings.engagement.value
    budget = Budget(top.budget_usd, usage_from_audit(audit_path).cost_usd)
    model = build_model(top.model, api_key=api_key, prices=settings.prices, budget=budget,
                        on_call=audit.model_call, base_url=environ.get("ANTHROPIC_BASE_URL"), prompts=prompts)
    return RunContext(run_id=manifest.run_id, workflow=workflow.name, run_dir=run_dir,
                      input_path=manifest.input_path, settings=settings,
                      model=RecordedModel(model, audit, recorded_answers(audit_path)),
                      prompts=prompts, audit=audit, clock=clock, progress=progress)
