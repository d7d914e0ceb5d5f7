"""Starting, resuming and reviewing runs: the one place a workflow's graph is compiled
with the checkpointer and invoked.

A run folder is worked on by one process at a time (a lock file in it), and a run is
always rebuilt from its `run.json`: the settings it started with, its checkpoint database
and its client project, stored relative to the folder so that the whole can be moved.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langgraph.types import Command

from shared import __version__
from shared.audit import AUDIT_FILE, AuditLog
from shared.engagement import Engagement, RunSettings, check_model_access, run_settings
from shared.errors import FinagentsError, InputError, LimitReached
from shared.findings import Finding
from shared.llm import Budget, build_model, prices_for
from shared.project.graph_ref import project_graph
from shared.runs.checkpoint import CHECKPOINT_DB, new_store, open_checkpointer
from shared.runs.context import RunContext
from shared.runs.gate import GATE, GatePayload, check_answer
from shared.runs.in_force import in_force, version_findings
from shared.runs.manifest import CheckpointStore, RunManifest, new_run_id, read_json, write_atomic
from shared.runs.outputs import build_result
from shared.runs.progress import SILENT, RunProgress
from shared.runs.recorded_model import RecordedModel, recorded_answers
from shared.runs.result import RunResult
from shared.runs.review import ReviewAnswer
from shared.runs.usage import usage_from_audit
from shared.workflows import WorkflowSpec, get_workflow

Clock = Callable[[], datetime]
AfterStep = Callable[[str], None]
"""Told a step's name once the checkpointer has saved that step's writes and before the
checkpoint after them: the boundary a crash between two steps falls on. Called on the
saver's thread. A test installs one to stop a run there (a SIGKILL); a run has none."""
LOCK_FILE = ".lock"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Outcome:
    run_id: str
    run_dir: Path
    status: str


# -- starting ---------------------------------------------------------------------------


def start_run(workflow: WorkflowSpec, input_path: Path, *, engagement: Engagement, options: Mapping[str, Any],
              out: Path | None, environ: Mapping[str, str], clock: Clock = utc_now,
              progress: RunProgress = SILENT, after_step: AfterStep | None = None) -> Outcome:
    opened = open_run(workflow, input_path, engagement=engagement, options=options, out=out, environ=environ,
                      clock=clock, progress=progress)
    with claimed(opened):
        return _first_invoke(opened, environ, clock, progress, after_step)


@dataclass(frozen=True)
class OpenedRun:
    """A run refused nothing and placed: its manifest, not yet written (`claimed` writes it)."""

    manifest: RunManifest
    run_dir: Path
    settings: RunSettings
    out: Path | None
    # The pack version the project pins, when it differs from the one installed.
    findings: list[Finding]


def open_run(workflow: WorkflowSpec, input_path: Path, *, engagement: Engagement, options: Mapping[str, Any],
             out: Path | None, environ: Mapping[str, str], clock: Clock = utc_now,
             progress: RunProgress = SILENT, server_thread: str | None = None) -> OpenedRun:
    """What starting a run does before its graph is invoked, from `finagents run` and from
    a graph served by LangGraph Server (`server_thread`: the server's thread, which keeps the
    checkpoints there in place of a saver of ours)."""
    settings = run_settings(workflow.name, engagement, options=options,
                            input_file=workflow.input_settings(input_path), environ=environ)
    _check_before_any_folder(workflow, settings, engagement, environ)
    run_id = new_run_id(workflow.name, clock())
    run_dir, database = _placement(engagement, out, run_id)
    store = (CheckpointStore(kind="server", at=server_thread) if server_thread is not None
             else new_store(environ, database, run_dir))
    manifest = RunManifest(
        run_id=run_id, workflow=workflow.name, input_path=input_path.resolve(),
        engagement_root=os.path.relpath(engagement.root, run_dir) if engagement.root else None,
        checkpointer=store, options={k: v for k, v in options.items() if v is not None},
        settings=settings.frozen(), created_at=clock(), pack_version=__version__,
    )
    progress.begin(f"run {run_id} in {run_dir}")
    for line in in_force(engagement, run_dir.parent if out is None else None):
        progress.note(line)
    if store.kind == "postgres":  # in place of the runs folder's (or --out's) SQLite file
        progress.note(f"checkpoints: Postgres at {store.at}")
    pinned = version_findings(engagement)
    for found in pinned:
        progress.note(f"warning: {found.message}")
    return OpenedRun(manifest, run_dir, settings, out, pinned)


@contextmanager
def claimed(opened: OpenedRun) -> Iterator[None]:
    """The run folder taken (locked, empty) and its manifest written."""
    with _locked(opened.run_dir):
        _claim(opened.run_dir, opened.out)
        opened.manifest.write(opened.run_dir)
        yield


def announce_start(context: RunContext, opened: OpenedRun) -> None:
    manifest = opened.manifest
    context.audit.event("run_started", {"run_id": manifest.run_id, "workflow": manifest.workflow,
                                        "input": str(manifest.input_path), "method": context.method,
                                        "config": opened.settings.record()})


def _first_invoke(opened: OpenedRun, environ: Mapping[str, str], clock: Clock, progress: RunProgress,
                  after_step: AfterStep | None) -> Outcome:
    manifest, run_dir = opened.manifest, opened.run_dir
    with _failed_if_raises(manifest, run_dir, opened.settings), \
            _graph_session(manifest, run_dir, create=True, after_step=after_step,
                           environ=environ) as (graph, config, frozen):
        context = _context(manifest, run_dir, frozen, environ, clock, repair=False, progress=progress)
        announce_start(context, opened)
        return _invoke(graph, {"input_path": str(manifest.input_path), "findings": opened.findings}, config,
                       context)


@contextmanager
def _failed_if_raises(manifest: RunManifest, run_dir: Path, settings: RunSettings) -> Iterator[None]:
    """A run that cannot even start still says so: its folder must not look like a run
    that is going on."""
    try:
        yield
    except FinagentsError as error:
        if not (run_dir / "result.json").exists():
            result = RunResult(run_id=manifest.run_id, workflow=manifest.workflow, status="failed",
                               method=settings.engagement.value.model, config=settings.record(),
                               body={"error": str(error)})
            write_atomic(run_dir / "result.json", result.model_dump_json(indent=2) + "\n")
        raise


def _check_before_any_folder(workflow: WorkflowSpec, settings: RunSettings, engagement: Engagement,
                             environ: Mapping[str, str]) -> None:
    """Everything that can be refused is refused before a run folder exists."""
    check_model_access(settings.engagement, environ)
    model = settings.engagement.value.model
    if model != "offline":
        prices_for(model, settings.prices)
    _graph_builder(workflow, settings.workflow.value.graph, engagement.root)
    if engagement.root is not None:  # a linked or escaping override is refused now, not when first rendered
        workflow.prompt_library(engagement.root / "prompts" / workflow.name).overrides()


def _claim(run_dir: Path, out: Path | None) -> None:
    """Under the run folder's lock: the folder holds nothing but that lock, so of two
    `run --out SAME` started at once exactly one gets it and the other is told why."""
    if any(p.name != LOCK_FILE for p in run_dir.iterdir()):
        raise InputError(out or run_dir, "already exists and is not an empty folder; give --out a new folder")


def _placement(engagement: Engagement, out: Path | None, run_id: str) -> tuple[Path, Path]:
    if out is None:
        runs = engagement.runs_dir(Path.cwd()).resolve()
        return runs / run_id, runs / CHECKPOINT_DB
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(out, "already exists and is not an empty folder; give --out a new folder")
    return out.resolve(), out.resolve() / CHECKPOINT_DB


# -- resuming and reviewing ------------------------------------------------------------------


def resume_run(run_dir: Path, *, options: Mapping[str, Any], environ: Mapping[str, str], clock: Clock = utc_now,
               progress: RunProgress = SILENT) -> Outcome:
    manifest = RunManifest.read(run_dir)
    progress.begin(f"resuming run {manifest.run_id} in {run_dir}")
    with _locked(run_dir), \
            _graph_session(manifest, run_dir, overrides=options, environ=environ) as (graph, config, settings):
        AuditLog.open(run_dir / AUDIT_FILE, now=clock, repair=True)  # a crash's torn line, repaired and recorded
        snapshot = _snapshot(graph, config, manifest)
        if not snapshot.tasks:
            return Outcome(manifest.run_id, run_dir, snapshot.values.get("status", "unknown"))
        if _pending_payload(snapshot) is not None:
            return Outcome(manifest.run_id, run_dir, "awaiting_review")
        context = _context(manifest, run_dir, settings, environ, clock, repair=True, progress=progress)
        _save_overrides(manifest, run_dir, settings, options)
        context.audit.event("run_resumed", {"run_id": manifest.run_id, "at_nodes": _unfinished(snapshot)})
        return _invoke(graph, None, config, context)


def _save_overrides(manifest: RunManifest, run_dir: Path, settings: RunSettings, options: Mapping[str, Any]) -> None:
    # Only once the new values have been validated (by building the settings).
    if any(v is not None for v in options.values()):
        manifest.model_copy(update={"settings": settings.frozen()}).write(run_dir)


def pending_review(run_dir: Path, environ: Mapping[str, str]) -> GatePayload:
    """What the run's gate is waiting on; InputError if it is not waiting for review."""
    manifest = RunManifest.read(run_dir)
    with _graph_session(manifest, run_dir, environ=environ) as (graph, config, _):
        payload = _pending_payload(_snapshot(graph, config, manifest))
    if payload is None:
        raise InputError(manifest.run_id, f"is not waiting for review (status: {_status(run_dir)})")
    return payload


def review_run(run_dir: Path, answer: ReviewAnswer, *, environ: Mapping[str, str], clock: Clock = utc_now,
               progress: RunProgress = SILENT) -> Outcome:
    manifest = RunManifest.read(run_dir)
    progress.begin(f"review of run {manifest.run_id} in {run_dir}")
    with _locked(run_dir), _graph_session(manifest, run_dir, environ=environ) as (graph, config, settings):
        payload = _pending_payload(_snapshot(graph, config, manifest))
        if payload is None:  # answered meanwhile, by the process that held the lock before us
            raise InputError(manifest.run_id, f"is not waiting for review (status: {_status(run_dir)})")
        check_answer(answer, payload)
        context = _context(manifest, run_dir, settings, environ, clock, repair=True, progress=progress,
                           model_needed=False)
        return _invoke(graph, Command(resume=answer.model_dump(mode="json")), config, context)


def _status(run_dir: Path) -> str:
    try:
        return read_json(run_dir / "result.json").get("status", "running")
    except (OSError, ValueError):
        return "running"


def _snapshot(graph: Any, config: dict, manifest: RunManifest) -> Any:
    snapshot = graph.get_state(config)
    if not snapshot.values and not snapshot.next:
        raise InputError(manifest.run_id, "has no saved state (it stopped before its first step); start a new run")
    return snapshot


def _unfinished(snapshot: Any) -> list[str]:
    """The steps a resume picks up at. `snapshot.next` is not enough: it leaves out a step
    whose writes were saved when the process died before the checkpoint that follows it,
    and such a run is not finished (its writes are applied when it resumes)."""
    return [task.name for task in snapshot.tasks]


def _pending_payload(snapshot: Any) -> GatePayload | None:
    for task in snapshot.tasks:
        if task.name == GATE and task.interrupts:
            return GatePayload.model_validate(task.interrupts[0].value)
    return None


# -- invoking -----------------------------------------------------------------------------


def _invoke(graph: Any, graph_input: Any, config: dict, context: RunContext) -> Outcome:
    try:
        # "sync": each step's checkpoint is on disk before the next step starts, so a kill
        # costs at most the step that was running, never one that had finished.
        for update in graph.stream(graph_input, config, context=context, stream_mode="updates", durability="sync"):
            for node in update:
                if not node.startswith("__"):  # LangGraph's own (__interrupt__ at the gate)
                    context.progress.step(node)
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
    record_end(graph.get_state(config).values, context, status, error)


def record_end(state: Mapping[str, Any], context: RunContext, status: str, error: Exception) -> None:
    """A run that cannot go on says so in its audit log and in a result.json whose status
    tells the reader it is not a finished result."""
    context.audit.event(f"run_{status}", {"run_id": context.run_id, "error": str(error)})
    # The reason is part of the result, not only of the audit log: a reader of result.json
    # sees why the run is not finished.
    result = build_result(state, context, status, body={"error": str(error)})
    write_atomic(context.run_dir / "result.json", result.model_dump_json(indent=2) + "\n")


# -- sessions -----------------------------------------------------------------------------


@contextmanager
def _locked(run_dir: Path) -> Iterator[None]:
    """One process at a time on a run folder: two reviewers answering at once, or a
    resume while the run is still going, would otherwise both be recorded."""
    run_dir.mkdir(parents=True, exist_ok=True)
    with (run_dir / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(run_dir.name, "is being worked on by another finagents process; "
                                           "try again when it has finished") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _graph_session(manifest: RunManifest, run_dir: Path, *, create: bool = False,
                   overrides: Mapping[str, Any] | None = None,
                   after_step: AfterStep | None = None,
                   environ: Mapping[str, str] | None = None) -> Iterator[tuple[Any, dict, RunSettings]]:
    """The run's graph compiled with its checkpointer, its thread config and the
    settings it started with (plus `overrides`). `environ` names the Postgres database of a
    run kept there (FINAGENTS_CHECKPOINTER); a run on SQLite needs none."""
    _refuse_served(manifest)
    workflow = get_workflow(manifest.workflow)
    settings = RunSettings.thaw(manifest.settings, workflow.settings_model(), overrides or {})
    builder = _graph_builder(workflow, settings.workflow.value.graph, manifest.engagement_dir(run_dir))()
    with open_checkpointer(manifest.checkpointer, run_dir, manifest.run_id, builder.state_schema, environ or {},
                           create=create) as saver:
        if after_step is not None:
            _tell_saved_steps(saver, after_step)
        yield builder.compile(checkpointer=saver), {"configurable": {"thread_id": manifest.run_id}}, settings


def _refuse_served(manifest: RunManifest) -> None:
    """A run LangGraph Server started keeps its state in that server (in memory for
    `langgraph dev`), out of our reach: it is answered and resumed there."""
    if manifest.checkpointer.kind == "server":
        raise InputError(manifest.run_id, f"was started on a LangGraph server (thread {manifest.checkpointer.at}); "
                                          "review or resume it through that server (--server URL)")


def _tell_saved_steps(saver: Any, after_step: AfterStep) -> None:
    """Wrap this saver's `put_writes`, the method every LangGraph checkpointer has (SQLite
    here, Postgres for a server), so that `after_step` hears of each step once its writes
    are saved. LangGraph names the task by its path, the node's name last; the input
    (`__start__`) and writes to LangGraph's own channels alone (the gate's interrupt) are
    not a step's output."""
    put_writes = saver.put_writes

    def put_and_tell(config: Any, writes: Sequence[tuple[str, Any]], task_id: str, task_path: str = "") -> None:
        put_writes(config, writes, task_id, task_path)
        node = task_path.rsplit(", ", 1)[-1]
        if node and node != "__start__" and any(not channel.startswith("__") for channel, _ in writes):
            after_step(node)

    saver.put_writes = put_and_tell


def graph_builder_for(workflow: WorkflowSpec, engagement: Engagement) -> Callable[[], Any]:
    """The graph a run of `workflow` would use under `engagement`."""
    reference = engagement.config.table(workflow.name).get("graph")
    return _graph_builder(workflow, reference, engagement.root)


def _graph_builder(workflow: WorkflowSpec, reference: str | None, root: Path | None) -> Callable[[], Any]:
    """The engagement's own graph (`graph = "package.module:build_graph"`, importable
    from the client project's folder) or the pack's."""
    if reference is None:
        return workflow.graph_builder()
    return project_graph(reference, root, workflow.name)


def folder_context(run_dir: Path, environ: Mapping[str, str], clock: Clock = utc_now,
                   progress: RunProgress = SILENT) -> RunContext:
    """The run's context rebuilt from its folder, as `resume` rebuilds it: what the nodes of
    a graph served by LangGraph Server are given, since the server passes no live objects."""
    manifest = RunManifest.read(run_dir)
    settings = RunSettings.thaw(manifest.settings, get_workflow(manifest.workflow).settings_model(), {})
    return _context(manifest, run_dir, settings, environ, clock, repair=True, progress=progress)


def _context(manifest: RunManifest, run_dir: Path, settings: RunSettings, environ: Mapping[str, str],
             clock: Clock, repair: bool, progress: RunProgress, model_needed: bool = True) -> RunContext:
    workflow = get_workflow(manifest.workflow)
    audit_path = run_dir / AUDIT_FILE
    api_key = environ.get("ANTHROPIC_API_KEY")
    audit = AuditLog.open(audit_path, secrets=[api_key] if api_key else [], now=clock, repair=repair)
    root = manifest.engagement_dir(run_dir)
    prompts = workflow.prompt_library(root / "prompts" / workflow.name if root else None)
    model = _model(settings, environ, audit, prompts, model_needed, progress)
    return RunContext(run_id=manifest.run_id, workflow=workflow.name, run_dir=run_dir,
                      input_path=manifest.input_path, settings=settings,
                      model=RecordedModel(model, audit, recorded_answers(audit_path)),
                      prompts=prompts, audit=audit, clock=clock, progress=progress, engagement_root=root,
                      pack_version=manifest.pack_version)


def _model(settings: RunSettings, environ: Mapping[str, str], audit: Any, prompts: Any, needed: bool,
           progress: RunProgress = SILENT) -> Any:
    """The run's model. Signing off asks no model, so a reviewer needs no API key."""
    top = settings.engagement.value
    if not needed:
        return _NoModelNeeded(top.model)
    budget = Budget(top.budget_usd, usage_from_audit(audit.path).cost_usd)
    return build_model(top.model, api_key=environ.get("ANTHROPIC_API_KEY"), prices=settings.prices, budget=budget,
                       on_call=audit.model_call, base_url=environ.get("ANTHROPIC_BASE_URL"), prompts=prompts,
                       batch_run_dir=audit.path.parent if top.batch_api else None, note=progress.note,
                       thinking_budget=top.thinking_budget)


@dataclass(frozen=True)
class _NoModelNeeded:
    model_id: str

    def ask(self, **_: Any) -> Any:
        raise FinagentsError("review", "a model was asked for during the review, which asks none")
