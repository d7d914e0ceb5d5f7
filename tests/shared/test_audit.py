"""The audit log: chained hashes, every kind of tampering named by line, crash repair."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from shared.audit import (
    AUDIT_FILE,
    GENESIS_HASH,
    AuditError,
    AuditHead,
    AuditLog,
    AuditTornTail,
    to_jsonable,
    verify_audit,
)
from shared.errors import FinagentsError, InputError

START = datetime(2025, 3, 31, 12, 0, 0, tzinfo=UTC)
KEY = "sk-ant-test-123"


def ticking_clock() -> Callable[[], datetime]:
    """A fixed clock that moves one millisecond per reading, so every `at` is known."""
    ticks: Iterator[int] = iter(range(10**6))
    return lambda: START + timedelta(milliseconds=next(ticks))


def open_log(folder: Path) -> AuditLog:
    return AuditLog(folder / AUDIT_FILE, now=ticking_clock())


def write_five(path: Path) -> AuditLog:
    log = AuditLog(path, now=ticking_clock())
    for n in range(1, 6):
        log.append("step", {"n": n, "amount": Decimal("1234.50")})
    return log


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def recomputed_hash(record: dict) -> str:
    body = {key: record[key] for key in ("seq", "at", "type", "data", "prev")}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "run" / AUDIT_FILE


# --- the chain -------------------------------------------------------------------------


def test_five_events_form_a_chain_that_verifies(log_path: Path) -> None:
    log = write_five(log_path)
    records = [json.loads(line) for line in lines_of(log_path)]

    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert records[0]["prev"] == GENESIS_HASH == "0" * 64
    assert [r["prev"] for r in records[1:]] == [r["hash"] for r in records[:-1]]
    assert all(r["hash"] == recomputed_hash(r) for r in records)
    assert all(list(r) == ["seq", "at", "type", "data", "prev", "hash"] for r in records)
    assert records[0]["at"] == "2025-03-31T12:00:00.000000+00:00"
    assert records[4]["at"] == "2025-03-31T12:00:00.004000+00:00"
    report = verify_audit(log_path)
    assert (report.ok, report.entries, report.bad_line, report.torn_tail) == (True, 5, None, False)
    assert log.head == AuditHead(seq=5, hash=records[4]["hash"])


def test_append_returns_the_entry_as_written(log_path: Path) -> None:
    log = open_log(log_path.parent)
    entry = log.append("step", {"n": 1})
    record = json.loads(log_path.read_bytes())
    assert entry.model_dump() == record
    assert entry.head == log.head == AuditHead(seq=1, hash=record["hash"])


def test_reopening_continues_the_chain(log_path: Path) -> None:
    first = write_five(log_path)
    again = AuditLog.open(log_path, now=ticking_clock())
    assert again.head == first.head
    entry = again.append("step", {"n": 6})
    assert (entry.seq, entry.prev) == (6, first.head.hash)
    assert verify_audit(log_path).entries == 6


def test_a_run_folder_means_its_audit_jsonl(tmp_path: Path) -> None:
    AuditLog(tmp_path, now=ticking_clock()).append("step", {})
    assert (tmp_path / AUDIT_FILE).is_file()
    assert verify_audit(tmp_path).entries == 1


def test_an_empty_log_verifies_with_no_entries(log_path: Path) -> None:
    log = open_log(log_path.parent)
    assert log_path.read_bytes() == b""
    assert log.head == AuditHead(seq=0, hash=GENESIS_HASH)
    assert verify_audit(log_path).message() == f"{log_path}: OK, 0 entries, chain intact"


def test_message_summarises_in_one_line(log_path: Path) -> None:
    write_five(log_path)
    assert verify_audit(log_path).message() == f"{log_path}: OK, 5 entries, chain intact"


# --- tampering -------------------------------------------------------------------------


def test_one_edited_byte_is_caught_at_its_line(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    assert b'"n":3' in lines[2]
    lines[2] = lines[2].replace(b'"n":3', b'"n":8')
    log_path.write_bytes(b"".join(lines))

    report = verify_audit(log_path)
    assert (report.ok, report.bad_line, report.entries) == (False, 3, 2)
    assert report.problem == "line 3: contents do not match its hash (edited?)"
    assert report.message() == f"{log_path}: line 3: contents do not match its hash (edited?)"


def test_an_edit_with_a_recomputed_hash_is_caught_at_the_next_line(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    forged = json.loads(lines[2])
    forged["data"]["amount"] = "9999.99"
    forged["hash"] = recomputed_hash(forged)
    lines[2] = (json.dumps(forged, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    log_path.write_bytes(b"".join(lines))

    report = verify_audit(log_path)
    assert (report.ok, report.bad_line) == (False, 4)
    assert report.problem == "line 4: does not follow line 3 (a line was removed or reordered)"


def test_a_removed_line_is_caught(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    del lines[1]
    log_path.write_bytes(b"".join(lines))

    report = verify_audit(log_path)
    assert (report.ok, report.bad_line) == (False, 2)
    assert "line 2: does not follow line 1" in report.problem


def test_swapped_lines_are_caught(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    lines[1], lines[2] = lines[2], lines[1]
    log_path.write_bytes(b"".join(lines))

    report = verify_audit(log_path)
    assert (report.ok, report.bad_line) == (False, 2)
    assert "does not follow line 1" in report.problem


def test_removing_the_first_line_is_caught_at_line_1(log_path: Path) -> None:
    write_five(log_path)
    log_path.write_bytes(b"".join(lines_of(log_path)[1:]))
    report = verify_audit(log_path)
    assert (report.ok, report.bad_line) == (False, 1)
    assert "not the start of the chain" in report.problem


def test_dropping_the_last_line_passes_the_chain_check_but_fails_against_the_head_in_state(
    log_path: Path,
) -> None:
    log = write_five(log_path)
    kept_in_state = log.head
    log_path.write_bytes(b"".join(lines_of(log_path)[:-1]))

    assert verify_audit(log_path).ok  # the shorter chain is intact on its own
    report = verify_audit(log_path, expected_head=kept_in_state)
    assert (report.ok, report.bad_line, report.entries) == (False, 4, 4)
    assert report.problem == (
        "line 4: the log ends at entry 4 but the run's state records entry 5: lines were removed from the end"
    )


def test_entries_written_after_the_state_was_saved_are_fine(log_path: Path) -> None:
    log = write_five(log_path)
    saved = log.head
    log.append("step", {"n": 6})
    assert verify_audit(log_path, expected_head=saved).ok
    assert verify_audit(log_path, expected_head=log.head).ok


def test_a_tail_rewritten_after_the_state_was_saved_is_caught(log_path: Path) -> None:
    log = write_five(log_path)
    saved = log.head
    log_path.write_bytes(b"".join(lines_of(log_path)[:-1]))
    AuditLog(log_path, now=ticking_clock()).append("step", {"n": 5, "amount": "0.00"})

    assert verify_audit(log_path).ok
    report = verify_audit(log_path, expected_head=saved)
    assert (report.ok, report.bad_line) == (False, 5)
    assert "does not match the hash the run's state records" in report.problem


def test_an_emptied_log_fails_against_the_head_in_state(log_path: Path) -> None:
    log = write_five(log_path)
    log_path.write_bytes(b"")
    report = verify_audit(log_path, expected_head=log.head)
    assert (report.ok, report.entries) == (False, 0)
    assert "the log is empty but the run's state records entry 5" in report.problem


def test_a_line_that_is_not_json_is_named(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    lines[1] = b"this is not json\n"
    log_path.write_bytes(b"".join(lines))
    report = verify_audit(log_path)
    assert (report.bad_line, report.problem) == (2, "line 2: not valid JSON")


def test_a_line_missing_a_key_is_named(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    record = json.loads(lines[3])
    del record["prev"]
    lines[3] = (json.dumps(record) + "\n").encode()
    log_path.write_bytes(b"".join(lines))
    report = verify_audit(log_path)
    assert (report.bad_line, report.problem) == (4, "line 4: not an audit entry (missing prev)")


def test_a_whitespace_only_edit_is_still_an_edit(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    lines[2] = lines[2].replace(b'"n":3', b'"n": 3')
    log_path.write_bytes(b"".join(lines))
    report = verify_audit(log_path)
    assert (report.ok, report.bad_line) == (False, 3)
    assert "not written as the log writes it" in report.problem


def test_a_repeated_key_is_not_accepted(log_path: Path) -> None:
    # json.loads keeps the last "data", so a reader of the first would see unhashed text.
    write_five(log_path)
    lines = lines_of(log_path)
    lines[0] = lines[0].replace(b'{"seq":1,', b'{"seq":1,"data":{"n":99},', 1)
    log_path.write_bytes(b"".join(lines))
    assert verify_audit(log_path).bad_line == 1


def test_a_missing_log_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the audit log"):
        verify_audit(tmp_path / "nowhere" / AUDIT_FILE)


# --- crashes ---------------------------------------------------------------------------

TORN = b'{"seq":6,"at":"2025-03-31T12:0'


def test_a_torn_tail_is_reported_and_named(log_path: Path) -> None:
    write_five(log_path)
    with log_path.open("ab") as handle:
        handle.write(TORN)

    report = verify_audit(log_path)
    assert (report.ok, report.torn_tail, report.bad_line, report.entries) == (False, True, 6, 5)
    assert report.problem == (
        "line 6: incomplete last line (a crash while writing?); `finagents resume` repairs it"
    )


def test_opening_a_torn_log_refuses_to_build_on_it(log_path: Path) -> None:
    write_five(log_path)
    with log_path.open("ab") as handle:
        handle.write(TORN)
    before = log_path.read_bytes()

    with pytest.raises(AuditTornTail, match="line 6: incomplete last line") as caught:
        AuditLog.open(log_path)
    assert isinstance(caught.value, AuditError) and isinstance(caught.value, FinagentsError)
    assert log_path.read_bytes() == before


def test_repair_drops_the_torn_bytes_and_records_that_it_did(log_path: Path) -> None:
    five = write_five(log_path)
    with log_path.open("ab") as handle:
        handle.write(TORN)

    log = AuditLog.open(log_path, repair=True, now=ticking_clock())
    last = json.loads(lines_of(log_path)[-1])
    assert (last["seq"], last["type"], last["prev"]) == (6, "audit_repaired", five.head.hash)
    assert last["data"] == {"dropped_bytes": len(TORN), "dropped_text": TORN.decode()}
    assert log.head.seq == 6
    report = verify_audit(log_path)
    assert (report.ok, report.entries, report.torn_tail) == (True, 6, False)
    log.append("step", {"n": 7})
    assert verify_audit(log_path).entries == 7


def test_repair_keeps_at_most_500_characters_of_undecodable_text(log_path: Path) -> None:
    write_five(log_path)
    torn = b"\xff\xfe" + b"x" * 600
    with log_path.open("ab") as handle:
        handle.write(torn)
    AuditLog.open(log_path, repair=True, now=ticking_clock())
    data = json.loads(lines_of(log_path)[-1])["data"]
    assert data["dropped_bytes"] == 602
    assert data["dropped_text"] == "\ufffd\ufffd" + "x" * 498


def test_a_torn_first_line_is_repaired_into_a_fresh_chain(log_path: Path) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(TORN)
    assert verify_audit(log_path).bad_line == 1
    log = AuditLog.open(log_path, repair=True, now=ticking_clock())
    assert log.head.seq == 1
    assert verify_audit(log_path).ok


def test_a_damaged_complete_last_line_is_not_extended(log_path: Path) -> None:
    write_five(log_path)
    lines = lines_of(log_path)
    lines[-1] = lines[-1].replace(b'"n":5', b'"n":6')
    log_path.write_bytes(b"".join(lines))
    with pytest.raises(AuditError, match="line 5: contents do not match its hash") as caught:
        AuditLog.open(log_path, repair=True)
    assert not isinstance(caught.value, AuditTornTail)


def test_a_log_changed_by_someone_else_is_not_appended_to(log_path: Path) -> None:
    log = write_five(log_path)
    other = AuditLog(log_path, now=ticking_clock())
    other.append("step", {"n": 6})
    before = log_path.read_bytes()
    with pytest.raises(AuditError, match="changed on disk"):
        log.append("step", {"n": 6})
    assert log_path.read_bytes() == before


# --- data ------------------------------------------------------------------------------


def test_secrets_are_redacted_everywhere_before_hashing(log_path: Path) -> None:
    log = AuditLog(log_path, secrets=("", KEY), now=ticking_clock())
    entry = log.append(
        "model_call",
        {
            "headers": {"x-api-key": KEY, "note": f"Bearer {KEY} sent"},
            "attempts": [{"error": f"401 for key {KEY}"}, "ok"],
            "plain": "nothing secret here",
        },
    )
    raw = log_path.read_bytes()
    assert KEY.encode() not in raw
    assert raw.count(b"[REDACTED]") == 3
    assert entry.data["headers"] == {"x-api-key": "[REDACTED]", "note": "Bearer [REDACTED] sent"}
    assert entry.data["attempts"][0] == {"error": "401 for key [REDACTED]"}
    assert entry.data["plain"] == "nothing secret here"  # the empty secret was ignored
    assert verify_audit(log_path).ok


def test_decimal_is_written_as_its_exact_string(log_path: Path) -> None:
    log = open_log(log_path.parent)
    log.append("posted", {"amount": Decimal("1234.50"), "rate": Decimal("0.0725")})
    raw = log_path.read_bytes()
    assert b'"amount":"1234.50"' in raw
    assert b'"rate":"0.0725"' in raw


def test_a_float_anywhere_is_refused_and_nothing_is_written(log_path: Path) -> None:
    log = write_five(log_path)
    before, head = log_path.read_bytes(), log.head
    with pytest.raises(TypeError, match=r"data\.usage\.costs\[1\]: float 0\.1"):
        log.append("model_call", {"usage": {"costs": [Decimal("1"), 0.1]}})
    assert log_path.read_bytes() == before
    assert log.head == head


def test_to_jsonable_makes_plain_json() -> None:
    class Answer(BaseModel):
        decision: str
        amount: Decimal

    value = {
        "when": datetime(2025, 3, 31, 9, 30, tzinfo=UTC),
        "day": date(2025, 3, 31),
        "file": Path("inputs") / "bank.csv",
        "ids": {"b", "a", "c"},
        "pair": (1, "x"),
        "answer": Answer(decision="approve", amount=Decimal("10.00")),
        "flags": [True, None],
    }
    assert to_jsonable(value) == {
        "when": "2025-03-31T09:30:00+00:00",
        "day": "2025-03-31",
        "file": str(Path("inputs") / "bank.csv"),
        "ids": ["a", "b", "c"],
        "pair": [1, "x"],
        "answer": {"decision": "approve", "amount": "10.00"},
        "flags": [True, None],
    }


def test_to_jsonable_refuses_what_json_would_mangle() -> None:
    with pytest.raises(TypeError, match="key 1 is not a string"):
        to_jsonable({1: "one"})
    with pytest.raises(TypeError, match="bytes"):
        to_jsonable({"raw": b"\x00"})


def test_same_events_and_clock_give_identical_bytes(tmp_path: Path) -> None:
    paths = [tmp_path / name / AUDIT_FILE for name in ("a", "b")]
    for path in paths:
        log = AuditLog(path, now=ticking_clock())
        log.node_started("extract", "run-1")
        log.append("posted", {"ids": {"z", "y"}, "amount": Decimal("5.00"), "name": "Zoë"})
        log.node_finished("extract", "run-1", {"lines": 2})
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert "Zoë".encode() in paths[0].read_bytes()


def test_times_are_recorded_in_utc_and_a_naive_clock_is_refused(log_path: Path) -> None:
    paris = timezone(timedelta(hours=2))
    log = AuditLog(log_path, now=lambda: datetime(2025, 3, 31, 14, 0, tzinfo=paris))
    assert log.append("step", {}).at == "2025-03-31T12:00:00.000000+00:00"
    naive = AuditLog(log_path, now=lambda: datetime(2025, 3, 31, 14, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        naive.append("step", {})


# --- the fixed shapes ------------------------------------------------------------------


def test_convenience_methods_write_their_fixed_shapes(log_path: Path) -> None:
    class Answer(BaseModel):
        decision: str
        reviewer: str

    log = open_log(log_path.parent)
    started = log.node_started("match", "run-7")
    finished = log.node_finished("match", "run-7")
    summarised = log.node_finished("match", "run-7", {"matched": 40})
    call = log.model_call({"model": "claude-x", "input_tokens": 1200, "cost_usd": Decimal("0.0042"), "latency_ms": 850})
    decided = log.decision(Answer(decision="approve", reviewer="J. Smith"))
    custom = log.event("lists_loaded", {"lists": ["ofac"]})

    assert (started.type, started.data) == ("node_started", {"node": "match", "run_id": "run-7"})
    assert (finished.type, finished.data) == ("node_finished", {"node": "match", "run_id": "run-7", "summary": None})
    assert summarised.data["summary"] == {"matched": 40}
    assert (call.type, call.data["cost_usd"], call.data["latency_ms"]) == ("model_call", "0.0042", 850)
    assert (decided.type, decided.data) == ("human_decision", {"decision": "approve", "reviewer": "J. Smith"})
    assert (custom.seq, custom.type) == (6, "lists_loaded")
    assert verify_audit(log_path).entries == 6


def test_event_may_not_pose_as_a_fixed_shape(log_path: Path) -> None:
    log = open_log(log_path.parent)
    with pytest.raises(ValueError, match="reserved"):
        log.event("human_decision", {"decision": "approve"})
    with pytest.raises(ValueError, match="needs a type"):
        log.append("", {})
    with pytest.raises(TypeError, match="JSON object"):
        log.append("step", ["not", "a", "mapping"])  # type: ignore[arg-type]
    assert log_path.read_bytes() == b""


def test_read_data_gives_one_type_in_order_and_skips_a_torn_tail(tmp_path) -> None:
    from shared.audit import AuditLog, read_data

    log = AuditLog(tmp_path / "audit.jsonl")
    log.event("note", {"n": "1"})
    log.model_call({"cost": "0.10"})
    log.model_call({"cost": "0.20"})
    with (tmp_path / "audit.jsonl").open("ab") as handle:
        handle.write(b'{"seq": 4, "type": "model_call"')
    assert read_data(tmp_path / "audit.jsonl", "model_call") == [{"cost": "0.10"}, {"cost": "0.20"}]
    assert read_data(tmp_path / "missing.jsonl", "model_call") == []
