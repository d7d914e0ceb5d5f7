"""Sign-off bound to the outputs, and a run folder that verifies on its own: through the
CLI, on client projects made with `finagents new` (issue 18, items 2 and 3)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from shared.cli import main
from tests.shared.signed_runs import REVIEWER, approved_run, audit_entries, copy_project, copy_run, signature, verify

FOLDER_ONLY = "; its length checked against audit.head only (no checkpointed state of this run here)"
CLOSE_SIGNED = ["close.xlsx", "memo.md", "report.html", "result.json", "run.json"]


@pytest.fixture(scope="module")
def close(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return approved_run("month_end_close", tmp_path_factory)


@pytest.fixture(scope="module")
def earnings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return approved_run("earnings_review", tmp_path_factory)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def drop_last_line(run_dir: Path) -> int:
    kept = (run_dir / "audit.jsonl").read_text().splitlines()[:-1]
    (run_dir / "audit.jsonl").write_text("\n".join(kept) + "\n")
    return len(kept)


# -- what is signed ------------------------------------------------------------------------


def test_approval_signs_each_final_output_after_the_decision(close) -> None:
    _, run_dir = close
    entries = audit_entries(run_dir)
    signed = signature(run_dir)
    after_decision = [(e["type"], e["data"].get("node")) for e in entries[signed["seq"] - 4:]]
    assert after_decision == [("human_decision", None), ("node_finished", "review_gate"),
                              ("node_started", "final_outputs"), ("outputs_signed", None),
                              ("node_finished", "final_outputs")]
    files = {item["path"]: item["sha256"] for item in signed["data"]["files"]}
    assert sorted(files) == CLOSE_SIGNED
    assert files == {name: sha256(run_dir / name) for name in CLOSE_SIGNED}
    assert json.loads((run_dir / "result.json").read_text())["review"]["reviewer"] == REVIEWER


def test_the_folder_keeps_the_chain_head(close) -> None:
    _, run_dir = close
    last = audit_entries(run_dir)[-1]
    assert json.loads((run_dir / "audit.head").read_text()) == {"seq": last["seq"], "hash": last["hash"]}


def test_an_untouched_approved_run_verifies_with_its_outputs(close, capsys) -> None:
    _, run_dir = close
    status, out, err = verify(capsys, run_dir)
    count, seq = len(audit_entries(run_dir)), signature(run_dir)["seq"]
    assert (status, err) == (0, "")
    assert out == (f"{run_dir / 'audit.jsonl'}: OK, {count} entries, chain intact\n"
                   f"{run_dir}: 5 files as signed off at audit entry {seq}\n")


def test_every_evidence_file_is_signed(earnings) -> None:
    _, run_dir = earnings
    evidence = sorted(f"evidence/{p.name}" for p in (run_dir / "evidence").iterdir())
    files = {item["path"] for item in signature(run_dir)["data"]["files"]}
    assert len(evidence) > 10 and files == {*evidence, "memo.md", "report.html", "result.json", "run.json"}


# -- edits after sign-off ------------------------------------------------------------------


def test_editing_the_reviewer_in_result_json_fails_naming_it(close, tmp_path, capsys) -> None:
    run_dir = copy_project(*close, tmp_path / "project")
    result = run_dir / "result.json"
    result.write_text(result.read_text().replace(REVIEWER, "Bob Nobody"))
    status, _, err = verify(capsys, run_dir)
    assert (status, err) == (1, f"{result}: changed since sign-off (audit entry {signature(run_dir)['seq']})\n")


def test_editing_the_memo_fails_naming_it(close, tmp_path, capsys) -> None:
    run_dir = copy_project(*close, tmp_path / "project")
    memo = run_dir / "memo.md"
    memo.write_text(memo.read_text().replace("APPROVED", "approved"))
    status, _, err = verify(capsys, run_dir)
    assert (status, err) == (1, f"{memo}: changed since sign-off (audit entry {signature(run_dir)['seq']})\n")


def test_a_removed_and_an_added_file_are_each_named(close, tmp_path, capsys) -> None:
    run_dir = copy_project(*close, tmp_path / "project")
    (run_dir / "close.xlsx").unlink()
    (run_dir / "adjustments.csv").write_text("account,amount\n1000,5.00\n")
    (run_dir / ".DS_Store").write_bytes(b"\0")  # hidden: a file manager's, not part of the record
    seq = signature(run_dir)["seq"]
    status, _, err = verify(capsys, run_dir)
    assert status == 1 and err.splitlines() == [
        f"{run_dir / 'adjustments.csv'}: added since sign-off (audit entry {seq})",
        f"{run_dir / 'close.xlsx'}: missing (signed off at audit entry {seq})",
    ]


def test_a_changed_or_added_evidence_file_is_named(earnings, tmp_path, capsys) -> None:
    run_dir = copy_run(earnings[1], tmp_path / "run")
    crop = sorted((run_dir / "evidence").iterdir())[3]
    crop.write_bytes(crop.read_bytes()[:-1] + b"\0")
    shutil.copy(crop, run_dir / "evidence" / "extra.png")
    seq = signature(run_dir)["seq"]
    status, _, err = verify(capsys, run_dir)
    assert status == 1 and err.splitlines() == [
        f"{crop}: changed since sign-off (audit entry {seq})",
        f"{run_dir / 'evidence' / 'extra.png'}: added since sign-off (audit entry {seq})",
    ]


# -- a run folder on its own ---------------------------------------------------------------


def test_a_copied_run_folder_verifies_without_the_checkpoint_database(close, tmp_path, capsys) -> None:
    run_dir = copy_run(close[1], tmp_path / "elsewhere" / "run")
    assert not list(tmp_path.rglob("checkpoints.sqlite"))
    status, out, err = verify(capsys, run_dir)
    count, seq = len(audit_entries(run_dir)), signature(run_dir)["seq"]
    assert (status, err) == (0, "")
    assert out == (f"{run_dir / 'audit.jsonl'}: OK, {count} entries, chain intact{FOLDER_ONLY}\n"
                   f"{run_dir}: 5 files as signed off at audit entry {seq}\n")
    report = run_dir / "report.html"
    report.write_text(report.read_text().replace(REVIEWER, "Bob Nobody"))
    status, _, err = verify(capsys, run_dir)
    assert (status, err) == (1, f"{report}: changed since sign-off (audit entry {seq})\n")


def test_a_moved_runs_folder_still_checks_against_its_database(close, tmp_path, capsys) -> None:
    run_dir = copy_project(*close, tmp_path / "moved")
    status, out, _ = verify(capsys, run_dir)
    assert status == 0 and FOLDER_ONLY not in out


def test_a_log_cut_back_fails_against_the_database_and_against_the_folder(close, tmp_path, capsys) -> None:
    with_database = copy_project(*close, tmp_path / "project")
    alone = copy_run(close[1], tmp_path / "alone")
    for run_dir, keeper in ((with_database, "the run's state"), (alone, "the folder's audit.head")):
        kept = drop_last_line(run_dir)
        status, _, err = verify(capsys, run_dir)
        assert status == 1 and err == (f"{run_dir / 'audit.jsonl'}: line {kept}: the log ends at entry {kept} but "
                                       f"{keeper} records entry {kept + 1}: lines were removed from the end\n")


def test_a_log_cut_back_with_its_head_rewritten_passes_only_without_the_database(close, tmp_path, capsys) -> None:
    """The limit the README states: the folder alone cannot tell a consistent rewrite."""
    with_database = copy_project(*close, tmp_path / "project")
    alone = copy_run(close[1], tmp_path / "alone")
    for run_dir in (with_database, alone):
        kept = drop_last_line(run_dir)
        last = audit_entries(run_dir)[-1]
        (run_dir / "audit.head").write_text(json.dumps({"seq": kept, "hash": last["hash"]}))
    assert verify(capsys, alone)[0] == 0
    status, _, err = verify(capsys, with_database)
    assert status == 1 and "the run's state records entry" in err


def test_an_edited_head_file_is_named(close, tmp_path, capsys) -> None:
    run_dir = copy_run(close[1], tmp_path / "run")
    (run_dir / "audit.head").write_text('{"seq": "many"}')
    status, _, err = verify(capsys, run_dir)
    assert (status, err) == (1, f"{run_dir / 'audit.head'}: not a chain head (edited?)\n")


def test_a_folder_with_no_head_anywhere_is_not_passed(close, tmp_path, capsys) -> None:
    run_dir = copy_run(close[1], tmp_path / "run")
    (run_dir / "audit.head").unlink()
    status, _, err = verify(capsys, run_dir)
    assert status == 1 and err.endswith("lines removed from the end could not be ruled out\n")


# -- runs not approved ---------------------------------------------------------------------


def test_a_run_waiting_for_review_verifies_as_before_and_on_its_own(toy_project: Path, tmp_path, capsys) -> None:
    assert main(["run", "kyc", "case/lines.csv"]) == 0
    (run_dir,) = [p for p in (toy_project / "runs").iterdir() if p.is_dir()]
    assert not [e for e in audit_entries(run_dir) if e["type"] == "outputs_signed"]
    count = len(audit_entries(run_dir))
    assert verify(capsys, run_dir) == (0, f"{run_dir / 'audit.jsonl'}: OK, {count} entries, chain intact\n", "")
    alone = copy_run(run_dir, tmp_path / "alone")
    expected = f"{alone / 'audit.jsonl'}: OK, {count} entries, chain intact{FOLDER_ONLY}\n"
    assert verify(capsys, alone) == (0, expected, "")


def test_a_rejected_run_is_signed_too(toy_project: Path, capsys) -> None:
    assert main(["run", "kyc", "case/lines.csv"]) == 0
    (run_dir,) = [p for p in (toy_project / "runs").iterdir() if p.is_dir()]
    assert main(["review", run_dir.name, "--reject", "--reviewer", "J", "--comment", "wrong totals"]) == 0
    files = {item["path"] for item in signature(run_dir)["data"]["files"]}
    assert files == {"memo.md", "report.html", "result.json", "run.json"}
    assert json.loads((run_dir / "result.json").read_text())["status"] == "rejected"
    assert verify(capsys, run_dir)[0] == 0
