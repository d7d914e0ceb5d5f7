"""Verifying a run: its audit chain against every head kept apart from it, then the files
it signed off. One procedure for a run folder (`FolderSource`) and an archive
(`shared.runs.archive.ZipSource`), so both name a changed file the same way.

Where the chain's head comes from. The run keeps it in its checkpointed state and in
`audit.head` in its folder (rewritten after every entry). When the runs folder's
checkpoint database is beside the folder, both are checked, so a log cut back or
rewritten from some entry on fails as before. A folder on its own (moved, copied,
unpacked, or read from an archive) is checked against `audit.head` alone. That still
catches an edited line, any output or evidence file changed, removed or added since
sign-off, and lines cut from the end of the log alone (a copy that lost its tail). It
cannot catch a deliberate rewrite of the whole folder: nothing in the log, the head or
the signature is secret, so whoever recomputes all three makes a folder that verifies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from shared.audit import (
    AUDIT_FILE,
    FOLDER,
    HEAD_FILE,
    STATE,
    AuditEntry,
    AuditHead,
    KeptHead,
    parse_head,
    verify_log_bytes,
)
from shared.engagement import RunSettings
from shared.errors import InputError
from shared.project.graph_ref import project_graph
from shared.runs.checkpoint import open_checkpointer
from shared.runs.manifest import RunManifest
from shared.runs.signoff import changes, folder_hashes, last_signature, signed_hashes
from shared.workflows import get_workflow


class RunSource(Protocol):
    """A run's files, wherever they are kept."""

    @property
    def label(self) -> str: ...

    def show(self, rel: str) -> str:
        """How the file at `rel` (relative to the run folder) is named to the user."""

    def read(self, rel: str) -> bytes | None: ...

    def hashes(self) -> dict[str, str]:
        """The sha256 of every file the sign-off covers, by relative path."""


@dataclass(frozen=True)
class Verdict:
    """What verification found: lines that passed (stdout) and problems (stderr)."""

    passed: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class FolderSource:
    run_dir: Path

    @property
    def label(self) -> str:
        return str(self.run_dir)

    def show(self, rel: str) -> str:
        return str(self.run_dir / rel)

    def read(self, rel: str) -> bytes | None:
        path = self.run_dir / rel
        if not path.is_file():
            return None
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None

    def hashes(self) -> dict[str, str]:
        return folder_hashes(self.run_dir)


def verify_run_folder(run_dir: Path, environ: Mapping[str, str] | None = None) -> Verdict:
    """`environ` names the Postgres database of a run kept there (FINAGENTS_CHECKPOINTER)."""
    try:
        manifest = RunManifest.read(run_dir)
    except InputError as error:  # run.json is part of the record; without it no state is found
        return Verdict(failed=(str(error),))
    return verify_source(FolderSource(run_dir), state_head(manifest, run_dir, environ or {}))


def verify_source(source: RunSource, state: AuditHead | None = None) -> Verdict:
    """The chain (against `state`, the head the checkpointed state keeps, and the folder's
    own head), then, once signed, every signed file."""
    log = source.read(AUDIT_FILE)
    if log is None:
        return Verdict(failed=(f"{source.show(AUDIT_FILE)}: missing (a run's record starts with its audit log)",))
    heads = _kept_heads(source, state)
    if isinstance(heads, str):
        return Verdict(failed=(heads,))
    report = verify_log_bytes(log, Path(source.show(AUDIT_FILE)), heads)
    if not report.ok:
        return Verdict(failed=(report.message(),))
    if not heads:
        return Verdict(failed=(f"{report.path}: chain intact for {report.entries} entries, but neither a checkpointed "
                               f"state nor {HEAD_FILE} records its head, so lines removed from the end could not be "
                               "ruled out",))
    chain = report.message() + _folder_only_note(heads)
    entry = last_signature(log)
    return Verdict(passed=(chain,)) if entry is None else _against_signature(source, entry, chain)


def _kept_heads(source: RunSource, state: AuditHead | None) -> list[KeptHead] | str:
    heads = [KeptHead(where=STATE, head=state)] if state is not None else []
    raw = source.read(HEAD_FILE)
    if raw is None:
        return heads
    try:
        return [*heads, KeptHead(where=FOLDER, head=parse_head(raw))]
    except ValueError:
        return f"{source.show(HEAD_FILE)}: not a chain head (edited?)"


def _folder_only_note(heads: Sequence[KeptHead]) -> str:
    if any(kept.where == STATE for kept in heads):
        return ""
    return f"; its length checked against {HEAD_FILE} only (no checkpointed state of this run here)"


def _against_signature(source: RunSource, entry: AuditEntry, chain: str) -> Verdict:
    found = changes(signed_hashes(entry), source.hashes())
    if found:
        return Verdict(passed=(chain,), failed=tuple(c.message(source.show(c.path), entry.seq) for c in found))
    signed = f"{source.label}: {len(entry.data['files'])} files as signed off at audit entry {entry.seq}"
    return Verdict(passed=(chain, signed))


def state_head(manifest: RunManifest, run_dir: Path, environ: Mapping[str, str]) -> AuditHead | None:
    """The head the run's checkpointed state keeps; None when the folder is away from its
    SQLite database (moved, copied, unpacked), that database holds no state of this run
    (a copy put in another runs folder), or a LangGraph server started the run (its state
    is the server's, in memory for `langgraph dev`). A run kept in Postgres names its database wherever
    its folder goes: that database unreachable or without the run is an error (InputError)."""
    if manifest.checkpointer.kind == "server":  # its state is the server's: the folder is verified on its own
        return None
    database = manifest.checkpointer.sqlite_file(run_dir)
    if database is not None and not database.is_file():
        return None
    with open_checkpointer(manifest.checkpointer, run_dir, manifest.run_id, _state_schema(manifest, run_dir),
                           environ) as saver:
        saved = saver.get_tuple({"configurable": {"thread_id": manifest.run_id}})
    return saved.checkpoint["channel_values"].get("audit_head") if saved is not None else None


def _state_schema(manifest: RunManifest, run_dir: Path) -> Any:
    """The state type of the graph the run used (the pack's, or the client project's own),
    which the checkpointer needs to read the state back."""
    workflow = get_workflow(manifest.workflow)
    reference = RunSettings.thaw(manifest.settings, workflow.settings_model(), {}).workflow.value.graph
    if reference is None:
        return workflow.graph_builder()().state_schema
    return project_graph(reference, manifest.engagement_dir(run_dir), workflow.name)().state_schema
