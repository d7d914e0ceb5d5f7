"""The chain's head kept beside the log (`audit.head`), so that a run folder on its own
still shows lines cut from the end of its log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.audit import AUDIT_FILE, FOLDER, HEAD_FILE, AuditLog, KeptHead, parse_head, verify_audit
from tests.shared.test_audit import lines_of, ticking_clock, write_five


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "run" / AUDIT_FILE


def test_the_head_follows_every_append(log_path: Path) -> None:
    log = AuditLog(log_path, now=ticking_clock())
    assert not (log_path.parent / HEAD_FILE).exists()  # nothing logged, nothing kept
    for n in range(1, 4):
        entry = log.append("step", {"n": n})
        kept = (log_path.parent / HEAD_FILE).read_bytes()
        assert json.loads(kept) == {"seq": n, "hash": entry.hash} and parse_head(kept) == log.head
    assert sorted(p.name for p in log_path.parent.iterdir()) == [HEAD_FILE, AUDIT_FILE]  # no partial left behind


def test_a_log_cut_back_fails_against_the_kept_head(log_path: Path) -> None:
    write_five(log_path)
    kept = KeptHead(where=FOLDER, head=parse_head((log_path.parent / HEAD_FILE).read_bytes()))
    log_path.write_bytes(b"".join(lines_of(log_path)[:-2]))
    report = verify_audit(log_path, heads=[kept])
    assert (report.ok, report.bad_line) == (False, 3)
    assert report.problem == ("line 3: the log ends at entry 3 but the folder's audit.head records entry 5: "
                              "lines were removed from the end")


def test_the_signature_is_the_log_s_own_to_write(log_path: Path) -> None:
    log = AuditLog(log_path, now=ticking_clock())
    with pytest.raises(ValueError, match="reserved"):
        log.event("outputs_signed", {"files": []})
    entry = log.outputs_signed([{"path": "result.json", "sha256": "0" * 64}])
    assert (entry.type, entry.data) == ("outputs_signed", {"files": [{"path": "result.json", "sha256": "0" * 64}]})
