"""The engagement's memory of hits a reviewer cleared: `<engagement>/kyc/dispositions.jsonl`.

When a KYC run (an onboarding run or a rescreen) is approved, every hit the reviewer
marked `false_positive` is appended as one line: the party (id, name and the sha256 of
its screened data), the list, the entry and the sha256 of the entry's content
(`kyc.fingerprints`), the reviewer, the date, the reason, and the run and audit entry the
verdict was given in. The file is only ever appended to.

A later run in the same engagement looks each of its hits up. A hit whose party data,
list, entry and entry content all match a remembered line is shown as "cleared on DATE by
NAME: reason" and needs no new verdict. A hit the memory cleared for other party data or
another content of the entry comes back for review, saying so: a changed entry may now
name the customer, and a corrected date of birth may now match the entry. Every use of
the memory is an audit entry of the run that used it (the line, the hit, the outcome).

A line clears nothing unless the run it names still vouches for it: that run's audit log
verifies and its entry `audit_seq` is the approval that gave this verdict on this hit. A
line typed into the file by hand, or whose run folder is gone, brings the hit back for
review. A run outside an engagement has no memory: nothing is remembered or looked up.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from shared.audit import AUDIT_FILE, AuditLog, entries_of_type, verify_audit
from shared.errors import InputError
from shared.findings import Finding, finding
from shared.runs.context import RunContext
from shared.runs.outputs import RunOutputs
from shared.runs.result import ReviewRecord

if TYPE_CHECKING:
    from kyc.screening_step import ScreeningHit

MEMORY = Path("kyc") / "dispositions.jsonl"
FALSE_POSITIVE = "false_positive"
USED, REMEMBERED = "disposition_memory_used", "dispositions_remembered"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RememberedParty(_Record):
    id: str
    name: str
    screened_sha256: str  # name, type, date of birth and country as screened


class Remembered(_Record):
    """One line of the memory."""

    party: RememberedParty
    list: str
    entry_id: str
    entry_sha256: str
    verdict: Literal["false_positive"]
    reviewer: str
    date: str  # YYYY-MM-DD, the day of the approval
    reason: str
    hit_id: str
    run_id: str
    run: str  # the run folder, relative to the engagement
    audit_seq: int  # the run's audit entry holding the reviewer's answer


class Cleared(_Record):
    """A hit the memory clears, and where the verdict it rests on was given."""

    date: str
    reviewer: str
    reason: str
    message: str  # "cleared on DATE by NAME: reason", as the memo, report and gate show it
    memory_line: int
    run_id: str
    audit_seq: int


def cleared_message(line: Remembered) -> str:
    return f"cleared on {line.date} by {line.reviewer}: {line.reason or 'no reason given'}"


# -- reading and appending -------------------------------------------------------------------


def memory_path(engagement_root: Path) -> Path:
    return Path(engagement_root) / MEMORY


def read_memory(engagement_root: Path) -> list[tuple[int, Remembered]]:
    """Every line with its number (1-based); a line that is not a remembered disposition
    is an InputError naming it, since the file is only ever appended to by the pack."""
    path = memory_path(engagement_root)
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, _parse(path, number, text)) for number, text in enumerate(lines, 1) if text.strip()]


def _parse(path: Path, number: int, text: str) -> Remembered:
    try:
        return Remembered.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "the line"
        raise InputError(path, f"line {number} is not a remembered disposition ({where}: {error['msg']}); "
                               "the file is only appended to by approved KYC runs") from None


def append(engagement_root: Path, lines: Sequence[Remembered]) -> list[int]:
    """Append `lines` under a lock (two approvals at once must not interleave); returns
    their line numbers."""
    path = memory_path(engagement_root)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(line.model_dump_json() + "\n" for line in lines)
    with path.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            before = len(handle.read().splitlines())
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return list(range(before + 1, before + 1 + len(lines)))


# -- remembering, on approval ------------------------------------------------------------------


def remember(hits: Iterable[ScreeningHit], review: Any, context: RunContext) -> list[int]:
    """The approved run's false positives, appended once (a final step run again after a
    crash adds nothing); an audit entry names the lines. Returns their numbers."""
    root = getattr(context, "engagement_root", None)
    if root is None or review is None:
        return []
    review = ReviewRecord.model_validate(review)  # as the gate recorded it, or as a checkpoint gave it back
    if review.decision != "approve":
        return []
    by_id = {hit.id: hit for hit in hits}
    seq = _decision_seq(context.audit.path)
    run = os.path.relpath(context.run_dir, root)
    lines = [_line(by_id[d.item_id], d, review, context.run_id, run, seq) for d in review.dispositions
             if d.verdict == FALSE_POSITIVE and _fingerprinted(by_id.get(d.item_id))]
    known = {(line.run_id, line.hit_id) for _, line in read_memory(root)}
    new = [line for line in lines if (line.run_id, line.hit_id) not in known]
    if not new:
        return []
    numbers = append(root, new)
    context.audit.event(REMEMBERED, {"memory": str(MEMORY), "lines": numbers, "hits": [line.hit_id for line in new]})
    return numbers


def _fingerprinted(hit: ScreeningHit | None) -> bool:
    return hit is not None and bool(hit.entry_sha256) and bool(hit.party_sha256)


def _line(hit: ScreeningHit, disposition: Any, review: Any, run_id: str, run: str, seq: int) -> Remembered:
    party = RememberedParty(id=hit.party_id, name=hit.party_name, screened_sha256=hit.party_sha256 or "")
    return Remembered(party=party, list=hit.list, entry_id=hit.entry_id, entry_sha256=hit.entry_sha256 or "",
                      verdict=FALSE_POSITIVE, reviewer=review.reviewer, date=review.at.date().isoformat(),
                      reason=disposition.reason, hit_id=hit.id, run_id=run_id, run=run, audit_seq=seq)


def _decision_seq(audit_path: Path) -> int:
    decisions = entries_of_type(Path(audit_path).read_bytes(), "human_decision")
    if not decisions:
        raise InputError(audit_path, "holds no reviewer's answer, so no verdict can be remembered from this run")
    return decisions[-1].seq


class RememberingOutputs(RunOutputs):
    """The standard outputs; on approval, the reviewer's false positives are remembered
    first (the signature that ends the final step comes after)."""

    def write(self, state: Mapping[str, Any], context: RunContext, status: str) -> None:
        if status == "approved":
            remember(state.get("hits", ()), state.get("review"), context)
        super().write(state, context, status)


# -- looking hits up ---------------------------------------------------------------------------


def consult_for_run(hits: Sequence[ScreeningHit], context: RunContext) -> tuple[list[ScreeningHit], list[Finding]]:
    """`consult` in a run's step: in its engagement, recorded in its audit log; a run
    outside an engagement has no memory."""
    if context.engagement_root is None:
        return list(hits), []
    return consult(hits, context.engagement_root, context.audit)


def consult(hits: Sequence[ScreeningHit], engagement_root: Path,
            audit: AuditLog) -> tuple[list[ScreeningHit], list[Finding]]:
    """`hits` with those the memory clears marked `cleared`, and those it cleared under
    other data marked `previously_cleared`; a finding and an audit entry for each."""
    memory = read_memory(engagement_root)
    if not memory:
        return list(hits), []
    vouching = Vouching(Path(engagement_root))
    looked = [(hit, lookup(memory, hit, vouching)) for hit in hits]
    for hit, use in looked:
        if use is not None:
            audit.event(USED, use.audit_data(hit))
    return [use.applied(hit) if use else hit for hit, use in looked], [use.finding(hit) for hit, use in looked if use]


@dataclass(frozen=True)
class Use:
    """What the memory said about one hit: `line` clears it, or (`why` set) it does not."""

    number: int
    line: Remembered
    why: str | None = None

    def applied(self, hit: ScreeningHit) -> ScreeningHit:
        if self.why is not None:
            return hit.model_copy(update={"previously_cleared": self.returns_text()})
        line = self.line
        cleared = Cleared(date=line.date, reviewer=line.reviewer, reason=line.reason, message=cleared_message(line),
                          memory_line=self.number, run_id=line.run_id, audit_seq=line.audit_seq)
        return hit.model_copy(update={"cleared": cleared})

    def returns_text(self) -> str:
        line = self.line
        return (f"was cleared on {line.date} by {line.reviewer} ({line.reason or 'no reason given'}); back for "
                f"review because {self.why}")

    def audit_data(self, hit: ScreeningHit) -> dict[str, Any]:
        return {"memory": str(MEMORY), "line": self.number, "hit": hit.id, "party": hit.party_id, "list": hit.list,
                "entry_id": hit.entry_id, "outcome": "cleared" if self.why is None else "back_for_review",
                "why": self.why or cleared_message(self.line), "from_run": self.line.run_id}

    def finding(self, hit: ScreeningHit) -> Finding:
        about = f"{hit.party_name} against {hit.list} entry {hit.entry_id} '{hit.matched_name}'"
        where = f"{MEMORY} line {self.number}, from run {self.line.run_id}"
        if self.why is None:
            return finding("hit_cleared_before", hit.id, f"{about}: {cleared_message(self.line)} ({where}); no new "
                                                         "verdict is needed", "info", [hit.citation])
        return finding("cleared_hit_returns", hit.id, f"{about} {self.returns_text()} ({where}): it needs a verdict "
                                                      "again", "warning", [hit.citation])


def lookup(memory: Sequence[tuple[int, Remembered]], hit: ScreeningHit, vouching: Vouching) -> Use | None:
    """The latest line that clears `hit`, else the latest that once cleared it under
    other data (with why it no longer does), else None: the hit was never cleared."""
    same = [(n, line) for n, line in memory if line.list == hit.list and line.entry_id == hit.entry_id
            and (line.party.screened_sha256 == hit.party_sha256 or line.party.id == hit.party_id
                 or line.party.name == hit.party_name)]
    exact = [(n, line) for n, line in same if line.party.screened_sha256 == hit.party_sha256
             and line.entry_sha256 == hit.entry_sha256]
    for number, line in reversed(exact):
        if vouching.problem(line) is None:
            return Use(number, line)
    if exact:
        number, line = exact[-1]
        return Use(number, line, vouching.problem(line))
    return Use(*same[-1], _what_changed(same[-1][1], hit)) if same else None


def _what_changed(line: Remembered, hit: ScreeningHit) -> str:
    changed = [what for what, before, now in (("the list entry", line.entry_sha256, hit.entry_sha256),
                                              ("the party's screened data", line.party.screened_sha256,
                                               hit.party_sha256)) if before != now]
    return f"{' and '.join(changed)} changed since"


class Vouching:
    """Whether the run a memory line names still holds the verdict it records; each run's
    log is read and verified once."""

    def __init__(self, engagement_root: Path) -> None:
        self._root = engagement_root
        self._logs: dict[str, dict[int, Any] | str] = {}

    def problem(self, line: Remembered) -> str | None:
        entries = self._entries(line.run)
        if isinstance(entries, str):
            return f"run {line.run_id}, which the memory names, {entries}"
        entry = entries.get(line.audit_seq)
        if entry is None or not _gives_verdict(entry, line):
            return (f"audit entry {line.audit_seq} of run {line.run_id} is not the approval that cleared this hit "
                    "(the memory line was not written by that run)")
        return None

    def _entries(self, run: str) -> dict[int, Any] | str:
        if run not in self._logs:
            self._logs[run] = _verified_entries(self._root / run)
        return self._logs[run]


def _verified_entries(run_dir: Path) -> dict[int, Any] | str:
    log = run_dir / AUDIT_FILE
    if not log.is_file():
        return f"has no audit log at {run_dir}"
    report = verify_audit(log)
    if not report.ok:
        return f"has an audit log that does not verify ({report.problem})"
    return {entry.seq: entry for entry in entries_of_type(log.read_bytes(), "human_decision")}


def _gives_verdict(entry: Any, line: Remembered) -> bool:
    data = entry.data
    given = [d for d in data.get("dispositions", ()) if d.get("item_id") == line.hit_id]
    return (data.get("decision") == "approve" and data.get("reviewer") == line.reviewer
            and any(d.get("verdict") == FALSE_POSITIVE and d.get("reason", "") == line.reason for d in given))
