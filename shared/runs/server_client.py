"""Reviewing and resuming a run LangGraph Server started, through the LangGraph SDK.

Such a run's checkpoints are the server's (run.json: `{"kind": "server", "at": THREAD}`),
so the gate's payload is asked of the server and the answer sent to it, as any SDK client
would; the run folder, which the server's nodes write, is read as for any run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.errors import FinagentsError, InputError, LimitReached
from shared.runs.driver import Outcome
from shared.runs.gate import GATE, GatePayload
from shared.runs.manifest import RunManifest, read_json
from shared.runs.progress import SILENT, RunProgress
from shared.runs.review import ReviewAnswer

SERVER_ENV = "FINAGENTS_SERVER"


@dataclass(frozen=True)
class ServedRun:
    """A run folder's run as the server knows it: its thread, and the graph (assistant)
    named as the workflow, as langgraph.json registers it."""

    run_id: str
    run_dir: Path
    workflow: str
    thread: str
    url: str

    def where(self) -> str:
        return f"thread {self.thread} on {self.url}"


def is_served(run_dir: Path) -> bool:
    return RunManifest.read(run_dir).checkpointer.kind == "server"


def served_run(run_dir: Path, url: str) -> ServedRun:
    """The run in `run_dir`, which must be one a server started."""
    manifest = RunManifest.read(run_dir)
    if manifest.checkpointer.kind != "server":
        raise InputError("--server", f"{manifest.run_id} was not started on a LangGraph server (its checkpoints "
                                     f"are in {manifest.checkpointer.kind}); review or resume it without --server")
    return ServedRun(manifest.run_id, run_dir, manifest.workflow, manifest.checkpointer.at, url.rstrip("/"))


def served_target(run_dir: Path, server: str | None, environ: Mapping[str, str]) -> ServedRun | None:
    """The server run to work on through `server`, or None for the local path. The
    environment's server is taken only for a run a server started, so that setting it
    never stops the review of a local run; `--server` on a local run is refused."""
    if server:
        return served_run(run_dir, server)
    url = environ.get(SERVER_ENV)
    return served_run(run_dir, url) if url and is_served(run_dir) else None


def waiting_payload(run: ServedRun) -> GatePayload:
    """What the run's gate waits on at the server; InputError if it is not waiting."""
    payload = pending_payload(run)
    if payload is None:
        raise InputError(run.run_id, f"is not waiting for review on the server ({run.where()}; "
                                     f"status in its folder: {folder_status(run.run_dir)})")
    return payload


def review_on_server(run: ServedRun, answer: ReviewAnswer, progress: RunProgress = SILENT) -> Outcome:
    progress.begin(f"review of run {run.run_id} through {run.where()}")
    send_answer(run, answer)
    return Outcome(run.run_id, run.run_dir, folder_status(run.run_dir))


def resume_on_server(run: ServedRun, progress: RunProgress = SILENT) -> Outcome:
    """As `resume` does for a local run: a run at its gate or finished is left as it is."""
    progress.begin(f"resuming run {run.run_id} through {run.where()}")
    state = thread_state(run)
    if payload_in(state) is None and (state.get("next") or state.get("tasks")):
        continue_run(run)
        state = thread_state(run)
    status = "awaiting_review" if payload_in(state) else folder_status(run.run_dir)
    return Outcome(run.run_id, run.run_dir, status)


def folder_status(run_dir: Path) -> str:
    """The status the server's nodes wrote in the folder's result.json."""
    try:
        return str(read_json(run_dir / "result.json").get("status", "running"))
    except (OSError, ValueError):
        return "running"


def pending_payload(run: ServedRun) -> GatePayload | None:
    """The payload the run's gate waits with on the server, or None if it is not waiting."""
    return payload_in(thread_state(run))


def thread_state(run: ServedRun) -> Mapping[str, Any]:
    return _call(run, lambda client: client.threads.get_state(run.thread))


def payload_in(state: Mapping[str, Any]) -> GatePayload | None:
    for task in state.get("tasks") or ():
        if task.get("name") == GATE and task.get("interrupts"):
            return GatePayload.model_validate(task["interrupts"][0]["value"])
    return None


def send_answer(run: ServedRun, answer: ReviewAnswer) -> None:
    """Resume the run at its gate with `answer`; a gate that asks again refused it."""
    command = {"resume": answer.model_dump(mode="json")}
    _wait(run, lambda client: client.runs.wait(run.thread, run.workflow, command=command, raise_error=False))
    again = pending_payload(run)
    if again is not None and again.refused:
        raise InputError(run.run_id, f"the server's gate refused the answer: {again.refused}")


def continue_run(run: ServedRun) -> None:
    """Run the thread on from its last checkpoint (a crash, a budget stop)."""
    _wait(run, lambda client: client.runs.wait(run.thread, run.workflow, input=None, raise_error=False))


def _wait(run: ServedRun, request: Callable[[Any], Any]) -> None:
    """A run the server ran and that failed there: the SDK returns its error's type and
    message (the traceback is in the server's log); a budget stop keeps its exit code."""
    returned = _call(run, request)
    error = returned.get("__error__") if isinstance(returned, Mapping) else None
    if isinstance(error, Mapping):
        kind = LimitReached if error.get("error") == "LimitReached" else FinagentsError
        raise kind(run.run_id, f"stopped on the server ({run.where()}): {error.get('error')}: {error.get('message')}")


def _call(run: ServedRun, request: Callable[[Any], Any]) -> Any:
    # Late: the SDK and its HTTP client are needed only for the runs a server started.
    import httpx  # noqa: PLC0415
    from langgraph_sdk import get_sync_client  # noqa: PLC0415
    from langgraph_sdk.errors import LangGraphError, NotFoundError  # noqa: PLC0415

    client = get_sync_client(url=run.url)
    try:
        return request(client)
    except NotFoundError:
        raise InputError(run.run_id, f"the server knows no {run.where()} (an in-memory server forgets its "
                                     "threads when it restarts)") from None
    except (httpx.HTTPError, LangGraphError) as exc:
        raise InputError(run.run_id, f"cannot reach {run.where()}: {exc}") from None
