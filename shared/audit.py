"""Each run's audit log: an append-only, hash-chained record of everything the run did.

`audit.jsonl` holds one JSON object a line, keys in this order: `seq` (1, 2, ...), `at`
(UTC, microseconds), `type`, `data`, `prev` and `hash`. `hash` is the sha256 of the
canonical JSON of the other five; `prev` is the hash of the line before (64 zeros on the
first line). Editing, removing or reordering a line therefore breaks the chain at that
line, and `verify_audit` names it. Dropping lines from the *end* leaves a shorter chain
that is still intact, so the chain's head (`AuditHead`) is kept twice: in the run's
checkpointed state, and in `audit.head` beside the log (rewritten after every append, so a
run folder carries it when moved, copied or archived without its checkpoint database).
`verify_audit(path, expected_head, heads=...)` compares the chain with each.

Every append is flushed and fsynced before it returns, so an acknowledged event survives
a crash. A crash in the middle of a write leaves an incomplete last line; that is never
built upon silently: opening such a log raises `AuditTornTail` unless asked to repair,
and the repair is itself recorded, with the bytes it dropped.

`data` is plain JSON (see `to_jsonable`): Decimal as a string, dates as ISO text, and no
floats anywhere, so money never passes through binary floating point on its way into
the record; durations are whole milliseconds (`latency_ms`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.errors import FinagentsError, InputError

AUDIT_FILE = "audit.jsonl"
HEAD_FILE = "audit.head"
GENESIS_HASH = "0" * 64
REDACTED = "[REDACTED]"
KEYS = ("seq", "at", "type", "data", "prev", "hash")
MAX_DROPPED_TEXT = 500
# These types have a data shape fixed by an AuditLog method; `event()` may not mimic them,
# so a reader can rely on, say, every `human_decision` being a reviewer's answer.
RESERVED_TYPES = frozenset(
    {"node_started", "node_finished", "model_call", "human_decision", "audit_repaired", "outputs_signed"}
)

Clock = Callable[[], datetime]


class AuditError(FinagentsError):
    """The audit log cannot be extended safely (damaged, or changed under our feet)."""


class AuditTornTail(AuditError):
    """The log ends in an incomplete line, left by a crash mid-write; open with repair=True."""


class AuditHead(BaseModel):
    """Where the chain ends: kept in the run's state so that lines dropped from the end show."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int = Field(ge=0)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


GENESIS = AuditHead(seq=0, hash=GENESIS_HASH)
STATE = "the run's state"
FOLDER = f"the folder's {HEAD_FILE}"


class KeptHead(BaseModel):
    """A chain head kept apart from the log, and where it was kept (for the message)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    where: str
    head: AuditHead


def head_path(log: Path) -> Path:
    """Where the head of the log at `log` (a log file or a run folder) is kept."""
    return _log_path(log).with_suffix(".head")


def parse_head(raw: bytes) -> AuditHead:
    """The head as `audit.head` holds it; ValueError if it is not one."""
    return AuditHead.model_validate_json(raw)


class AuditEntry(BaseModel):
    """One line of the log, exactly as written (`data` redacted and made plain JSON)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int
    at: str
    type: str
    data: dict[str, Any]
    prev: str
    hash: str

    @property
    def head(self) -> AuditHead:
        return AuditHead(seq=self.seq, hash=self.hash)


class AuditReport(BaseModel):
    """The outcome of `verify_audit`; `entries` counts the lines found good before any problem."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: Path
    ok: bool
    entries: int
    bad_line: int | None = None
    problem: str = ""
    torn_tail: bool = False

    def message(self) -> str:
        """One line for a person: the file, then OK and the count, or the first problem."""
        if not self.ok:
            return f"{self.path}: {self.problem}"
        noun = "entry" if self.entries == 1 else "entries"
        return f"{self.path}: OK, {self.entries} {noun}, chain intact"


class _BadLine(Exception):
    """A line that fails a check; its message is the report's `problem`."""


# --- plain JSON ------------------------------------------------------------------------


def to_jsonable(value: Any, where: str = "data") -> Any:
    """`value` as plain JSON (dict, list, str, int, bool, None); TypeError on anything else.

    Floats are refused outright: a float in the record would mean money (or a rate) went
    through binary floating point somewhere. `where` names the offending value's place.
    """
    if isinstance(value, Enum):
        return to_jsonable(value.value, where)
    if isinstance(value, float):
        raise TypeError(
            f"{where}: float {value!r} cannot go into the audit log; "
            "use Decimal for amounts and rates, int for counts and milliseconds"
        )
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        return str(value)
    return _convert(value, where)


def _convert(value: Any, where: str) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, time)):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, BaseModel):
        return to_jsonable(value.model_dump(mode="json"), where)
    if isinstance(value, Mapping):
        return _convert_mapping(value, where)
    if isinstance(value, (set, frozenset)):
        # Sorted by canonical text so that the same set always hashes the same.
        return sorted((to_jsonable(item, f"{where}[]") for item in value), key=_canonical)
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item, f"{where}[{i}]") for i, item in enumerate(value)]
    raise TypeError(f"{where}: a {type(value).__name__} cannot go into the audit log")


def _convert_mapping(value: Mapping[Any, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(key, Enum):
            key = key.value
        # JSON would turn 1 into "1" silently, and then 1 and "1" would collide.
        if not isinstance(key, str):
            raise TypeError(f"{where}: key {key!r} is not a string")
        out[str(key)] = to_jsonable(item, f"{where}.{key}")
    return out


def _redact(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {key: _redact(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact(item, secrets) for item in value]
    return value


def _usable_secrets(secrets: Sequence[str]) -> tuple[str, ...]:
    # "".replace("") would insert the marker between every character; longest first so a
    # secret that contains another is replaced whole.
    if isinstance(secrets, str):
        secrets = (secrets,)
    return tuple(sorted({s for s in secrets if s}, key=len, reverse=True))


# --- lines and hashes ------------------------------------------------------------------


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _entry_hash(seq: int, at: str, type_: str, data: Mapping[str, Any], prev: str) -> str:
    body = {"seq": seq, "at": at, "type": type_, "data": data, "prev": prev}
    return hashlib.sha256(_canonical(body).encode("utf-8")).hexdigest()


def _line_text(record: Mapping[str, Any]) -> str:
    """The line as the log writes it: keys in KEYS order, data in its own order, compact."""
    ordered = {key: record[key] for key in KEYS}
    return json.dumps(ordered, separators=(",", ":"), ensure_ascii=False)


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the audit clock must give timezone-aware times")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _split_lines(raw: bytes) -> tuple[list[bytes], bytes]:
    """The complete lines, and whatever follows the last newline (empty unless torn)."""
    complete, newline, rest = raw.rpartition(b"\n")
    return (complete.split(b"\n") if newline else []), rest


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # With a repeated key, json.loads keeps the last value; a reader might see the first.
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("repeated key")
    return dict(pairs)


def _parse(raw: bytes, number: int) -> dict[str, Any]:
    try:
        record = json.loads(raw.decode("utf-8"), object_pairs_hook=_unique_keys)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise _BadLine(f"line {number}: not valid JSON") from None
    if not isinstance(record, dict):
        raise _BadLine(f"line {number}: not a JSON object")
    return record


def _check_shape(record: Mapping[str, Any], number: int) -> None:
    missing = [key for key in KEYS if key not in record]
    extra = [key for key in record if key not in KEYS]
    if missing or extra:
        what = f"missing {', '.join(missing)}" if missing else f"unexpected {', '.join(extra)}"
        raise _BadLine(f"line {number}: not an audit entry ({what})")
    types_ok = (
        type(record["seq"]) is int
        and record["seq"] >= 1
        and all(isinstance(record[key], str) for key in ("at", "type", "prev", "hash"))
        and isinstance(record["data"], dict)
    )
    if not types_ok:
        raise _BadLine(f"line {number}: not an audit entry (a field has the wrong type)")


def _check_hash(record: Mapping[str, Any], number: int) -> None:
    fields = (record["seq"], record["at"], record["type"], record["data"], record["prev"])
    if _entry_hash(*fields) != record["hash"]:
        raise _BadLine(f"line {number}: contents do not match its hash (edited?)")


def _read_entry(raw: bytes, number: int) -> dict[str, Any]:
    """The entry on line `number`, checked on its own: JSON, shape, and its hash."""
    record = _parse(raw, number)
    _check_shape(record, number)
    _check_hash(record, number)
    return record


def _check_link(record: Mapping[str, Any], previous: AuditHead, number: int) -> None:
    if record["seq"] == previous.seq + 1 and record["prev"] == previous.hash:
        return
    if number == 1:
        raise _BadLine("line 1: is not the start of the chain (lines were removed from the start?)")
    raise _BadLine(f"line {number}: does not follow line {number - 1} (a line was removed or reordered)")


def _check_form(record: Mapping[str, Any], raw: bytes, number: int) -> None:
    # Content that still hashes right but was re-spaced, re-escaped or re-ordered is an
    # edit of the file all the same.
    if _line_text(record).encode("utf-8") != raw:
        raise _BadLine(f"line {number}: not written as the log writes it (edited?)")


# --- verification ----------------------------------------------------------------------


def _log_path(path: Path) -> Path:
    """A run folder means its audit.jsonl; any other path is the log file itself."""
    path = Path(path)
    return path / AUDIT_FILE if path.is_dir() else path


def _read_log(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the audit log ({exc.strerror or exc})") from None


def read_data(path: Path, type: str) -> list[dict[str, Any]]:
    """The `data` of every complete entry of one type, in order; a missing log is empty.

    For summaries (spend, earlier model answers), not for trust: `verify_audit` checks
    the chain. A torn last line is skipped; resuming repairs it.
    """
    log = _log_path(path)
    if not log.is_file():
        return []
    lines, _torn = _split_lines(log.read_bytes())
    records = (json.loads(line) for line in lines if line)
    return [record["data"] for record in records if record.get("type") == type]


def verify_audit(
    path: Path, expected_head: AuditHead | None = None, *, heads: Sequence[KeptHead] = ()
) -> AuditReport:
    """Check the whole chain and, against each head kept apart from it (the run's state's
    `expected_head`, the folder's `audit.head`), its length.

    Stops at the first problem. Entries written after a head was saved are fine (a run
    logs between checkpoints); a log shorter than that head, or one whose entry at that
    head has another hash, is not.
    """
    path = _log_path(path)
    kept = ([KeptHead(where=STATE, head=expected_head)] if expected_head is not None else []) + list(heads)
    return verify_log_bytes(_read_log(path), path, kept)


def verify_log_bytes(raw: bytes, path: Path, heads: Sequence[KeptHead] = ()) -> AuditReport:
    """`verify_audit` on a log's bytes (read from a folder or an archive); `path` names it."""
    lines, torn = _split_lines(raw)
    report = _walk_chain(path, lines, torn)
    if isinstance(report, AuditReport):
        return report
    if torn:
        return _torn_report(path, len(lines))
    return _against_heads(path, report, heads)


def _walk_chain(path: Path, lines: list[bytes], torn: bytes) -> AuditReport | list[str]:
    """The hash of every entry, or a report naming the first line that breaks the chain."""
    hashes: list[str] = []
    previous = GENESIS
    for number, raw in enumerate(lines, start=1):
        try:
            record = _read_entry(raw, number)
            _check_link(record, previous, number)
            _check_form(record, raw, number)
        except _BadLine as bad:
            return AuditReport(
                path=path, ok=False, entries=number - 1, bad_line=number, problem=str(bad), torn_tail=bool(torn)
            )
        previous = AuditHead(seq=record["seq"], hash=record["hash"])
        hashes.append(record["hash"])
    return hashes


def _torn_problem(line: int) -> str:
    return f"line {line}: incomplete last line (a crash while writing?); `finagents resume` repairs it"


def _torn_report(path: Path, complete: int) -> AuditReport:
    line = complete + 1
    problem = _torn_problem(line)
    return AuditReport(path=path, ok=False, entries=complete, bad_line=line, problem=problem, torn_tail=True)


def _against_heads(path: Path, hashes: list[str], heads: Sequence[KeptHead]) -> AuditReport:
    count = len(hashes)
    for kept in heads:
        found = _head_problem(hashes, kept)
        if found is not None:
            line, problem = found
            return AuditReport(path=path, ok=False, entries=count, bad_line=line, problem=problem)
    return AuditReport(path=path, ok=True, entries=count)


def _head_problem(hashes: list[str], kept: KeptHead) -> tuple[int | None, str] | None:
    count, expected = len(hashes), kept.head
    removed = f"{kept.where} records entry {expected.seq}: lines were removed from the end"
    if expected.seq > count and count == 0:
        return None, f"the log is empty but {removed}"
    if expected.seq > count:
        return count, f"line {count}: the log ends at entry {count} but {removed}"
    at_head = hashes[expected.seq - 1] if expected.seq else GENESIS_HASH
    if at_head != expected.hash:
        line = expected.seq or None
        return line, (
            f"line {expected.seq}: entry {expected.seq} does not match the hash {kept.where} "
            "records for it (the log was rewritten from here?)"
        )
    return None


def entries_of_type(raw: bytes, type: str) -> list[AuditEntry]:
    """The complete entries of one type in a log's bytes, in order (after `verify_log_bytes`
    has vouched for them: nothing here is checked)."""
    lines, _torn = _split_lines(raw)
    records = (json.loads(line) for line in lines if line)
    return [AuditEntry.model_validate(record) for record in records if record.get("type") == type]


# --- the writer ------------------------------------------------------------------------


class AuditLog:
    """Appends events to one run's `audit.jsonl`, each chained to the one before.

    `path` is the log file, or a run folder (meaning its audit.jsonl). The file is
    created if missing. `secrets` (the API key, say) are replaced by "[REDACTED]" in every
    string of every event before it is hashed or written. `now` is the clock, injectable
    so that tests (and replays) give identical bytes.
    """

    def __init__(
        self,
        path: Path,
        *,
        secrets: Sequence[str] = (),
        now: Clock = _utc_now,
        repair: bool = False,
    ) -> None:
        self._path = _log_path(path)
        self._head_path = head_path(self._path)
        self._secrets = _usable_secrets(secrets)
        self._now = now
        _create(self._path)
        self._head, self._size, complete, torn = _scan(self._path)
        if torn:
            self._handle_torn(torn, complete + 1, repair)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        secrets: Sequence[str] = (),
        now: Clock = _utc_now,
        repair: bool = False,
    ) -> AuditLog:
        """Open (or create) the log; with a torn last line, raise unless `repair`."""
        return cls(path, secrets=secrets, now=now, repair=repair)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def head(self) -> AuditHead:
        return self._head

    def append(self, type: str, data: Mapping[str, Any] | BaseModel) -> AuditEntry:
        """Write one event and return it once it is on disk (flushed and fsynced)."""
        entry = self._next_entry(type, data)
        self._write((_line_text(entry.model_dump()) + "\n").encode("utf-8"))
        self._head = entry.head
        # After the line is on disk: a crash in between leaves the kept head one entry
        # behind the log, which verifies (entries after a kept head are fine); never ahead.
        _write_head(self._head_path, entry.head)
        return entry

    def event(self, type: str, data: Mapping[str, Any] | BaseModel) -> AuditEntry:
        """A workflow's own event; the types with a fixed shape have their own methods."""
        if type in RESERVED_TYPES:
            raise ValueError(f"audit event type {type!r} is reserved; use its AuditLog method")
        return self.append(type, data)

    def node_started(self, node: str, run_id: str) -> AuditEntry:
        return self.append("node_started", {"node": node, "run_id": run_id})

    def node_finished(self, node: str, run_id: str, summary: Mapping[str, Any] | None = None) -> AuditEntry:
        return self.append("node_finished", {"node": node, "run_id": run_id, "summary": summary})

    def model_call(self, record: Mapping[str, Any] | BaseModel) -> AuditEntry:
        """Template path and hash, model id, input hashes, tokens, cost, latency_ms, output."""
        return self.append("model_call", record)

    def decision(self, answer: Mapping[str, Any] | BaseModel) -> AuditEntry:
        """The reviewer's answer at the review gate, as given."""
        return self.append("human_decision", answer)

    def outputs_signed(self, files: Sequence[Mapping[str, str]]) -> AuditEntry:
        """The final outputs as signed off: each file's path in the run folder and sha256."""
        return self.append("outputs_signed", {"files": list(files)})

    def _next_entry(self, type_: str, data: Mapping[str, Any] | BaseModel) -> AuditEntry:
        if not isinstance(type_, str) or not type_:
            raise ValueError("an audit event needs a type (a non-empty string)")
        payload = _redact(to_jsonable(data), self._secrets)
        if not isinstance(payload, dict):
            raise TypeError(f"audit event data must be a JSON object, not {type(data).__name__}")
        seq, prev, at = self._head.seq + 1, self._head.hash, _timestamp(self._now())
        digest = _entry_hash(seq, at, type_, payload, prev)
        return AuditEntry(seq=seq, at=at, type=type_, data=payload, prev=prev, hash=digest)

    def _write(self, line: bytes) -> None:
        with open(self._path, "ab") as handle:
            # Someone else appended or truncated: our head is stale and the chain would fork.
            if handle.tell() != self._size:
                raise AuditError(self._path, "the log changed on disk since it was opened; not appending")
            try:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                _undo(handle, self._size)
                raise
        self._size += len(line)

    def _handle_torn(self, torn: bytes, line: int, repair: bool) -> None:
        if not repair:
            raise AuditTornTail(self._path, _torn_problem(line))
        _truncate(self._path, self._size)
        text = torn.decode("utf-8", errors="replace")[:MAX_DROPPED_TEXT]
        self.append("audit_repaired", {"dropped_bytes": len(torn), "dropped_text": text})


def _undo(handle: Any, size: int) -> None:
    # A failed write must not leave half a line for the next append to build upon.
    with contextlib.suppress(OSError):
        handle.truncate(size)


def _create(path: Path) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb"):
            pass
    except FileExistsError:
        return
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The new file's name must survive a crash too, or its fsynced lines have no home.
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_head(path: Path, head: AuditHead) -> None:
    # Replaced whole (never half written), by the one process that holds the run's lock.
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb") as handle:
        handle.write((head.model_dump_json() + "\n").encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)
        handle.flush()
        os.fsync(handle.fileno())


def _scan(path: Path) -> tuple[AuditHead, int, int, bytes]:
    """The head, the size and count of the complete lines, and any torn tail after them.

    Only the last complete line is checked (JSON, shape, hash): enough not to chain onto
    garbage; the whole chain is `verify_audit`'s job.
    """
    raw = _read_log(path)
    lines, torn = _split_lines(raw)
    size = len(raw) - len(torn)
    if not lines:
        return GENESIS, size, 0, torn
    try:
        record = _read_entry(lines[-1], len(lines))
    except _BadLine as bad:
        raise AuditError(path, f"{bad}; not extending a damaged log (see `finagents audit verify`)") from None
    return AuditHead(seq=record["seq"], hash=record["hash"]), size, len(lines), torn
