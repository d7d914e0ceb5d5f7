"""`finagents archive RUN DEST.zip` and `finagents audit verify DEST.zip`, on an approved
run of a client project made with `finagents new` (issue 18, item 3)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from shared.cli import main
from tests.shared.signed_runs import REVIEWER, approved_run, audit_entries, copy_run, signature, verify

MEMBERS = ["audit.head", "audit.jsonl", "close.xlsx", "memo.md", "report.html", "result.json", "run.json"]


@pytest.fixture(scope="module")
def close(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return approved_run("month_end_close", tmp_path_factory)


@pytest.fixture(scope="module")
def archive(close, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("archive") / "close.zip"
    assert main(["archive", str(close[1]), str(dest)]) == 0
    return dest


def cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def rewritten(source: Path, dest: Path, changes: dict[str, bytes | None],
              added: dict[str, bytes] | None = None) -> Path:
    """A copy of the zip at `source` with members replaced (or, given None, left out) and added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            data = changes.get(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)
        for name, data in (added or {}).items():
            new.writestr(name, data)
    return dest


def test_archive_holds_the_run_folder_in_order_and_says_so(close, tmp_path, capsys) -> None:
    run_dir = close[1]
    dest = tmp_path / "close.zip"
    status, out, _err = cli(capsys, "archive", str(run_dir), str(dest))
    assert (status, out) == (0, f"{dest}: 7 files of {run_dir}\n")
    with zipfile.ZipFile(dest) as made:
        assert made.namelist() == [f"{run_dir.name}/{name}" for name in MEMBERS]  # no .lock, no database
        assert {info.date_time for info in made.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert made.read(f"{run_dir.name}/result.json") == (run_dir / "result.json").read_bytes()


def test_the_same_run_gives_the_same_bytes(close, archive, tmp_path, capsys) -> None:
    again = tmp_path / "again.zip"
    assert cli(capsys, "archive", str(close[1]), str(again))[0] == 0
    assert again.read_bytes() == archive.read_bytes()


def test_an_archive_verifies_in_place(close, archive, capsys, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("verification unpacked the archive")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    run_dir = close[1]
    top, count, seq = f"{archive}:{run_dir.name}", len(audit_entries(run_dir)), signature(run_dir)["seq"]
    status, out, err = verify(capsys, archive)
    assert (status, err) == (0, "")
    assert out == (f"{top}/audit.jsonl: OK, {count} entries, chain intact; its length checked against "
                   "audit.head only (no checkpointed state of this run here)\n"
                   f"{top}: 5 files as signed off at audit entry {seq}\n")


def test_a_changed_member_is_named(close, archive, tmp_path, capsys) -> None:
    top = close[1].name
    with zipfile.ZipFile(archive) as made:
        result = made.read(f"{top}/result.json")
    edited = rewritten(archive, tmp_path / "edited.zip",
                       {f"{top}/result.json": result.replace(REVIEWER.encode(), b"Bob Nobody")})
    status, _, err = verify(capsys, edited)
    seq = signature(close[1])["seq"]
    assert (status, err) == (1, f"{edited}:{top}/result.json: changed since sign-off (audit entry {seq})\n")


def test_a_removed_and_an_added_member_are_named(close, archive, tmp_path, capsys) -> None:
    top, seq = close[1].name, signature(close[1])["seq"]
    edited = rewritten(archive, tmp_path / "edited.zip", {f"{top}/close.xlsx": None},
                       added={f"{top}/evidence/extra.png": b"\x89PNG"})
    status, _, err = verify(capsys, edited)
    assert status == 1 and err.splitlines() == [
        f"{edited}:{top}/close.xlsx: missing (signed off at audit entry {seq})",
        f"{edited}:{top}/evidence/extra.png: added since sign-off (audit entry {seq})",
    ]


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the zip module's, writing the doctored copy
def test_a_member_given_twice_or_outside_the_run_folder_is_refused(close, archive, tmp_path, capsys) -> None:
    top = close[1].name
    twice = rewritten(archive, tmp_path / "twice.zip", {}, added={f"{top}/memo.md": b"# Approved by someone else\n"})
    assert verify(capsys, twice) == (1, "", f"{twice}:{top}/memo.md: appears more than once in the archive (added?)\n")
    outside = rewritten(archive, tmp_path / "outside.zip", {}, added={"notes.txt": b"x"})
    status, _, err = verify(capsys, outside)
    assert (status, err) == (1, f"{outside}:notes.txt: not inside the run's folder {top}/ (not a run archive, or "
                                "added?)\n")


def test_an_edited_log_line_in_the_archive_is_named(close, archive, tmp_path, capsys) -> None:
    top = close[1].name
    with zipfile.ZipFile(archive) as made:
        lines = made.read(f"{top}/audit.jsonl").split(b"\n")
    lines[0] = lines[0].replace(b"month_end_close", b"month_end_kloze", 1)
    edited = rewritten(archive, tmp_path / "edited.zip", {f"{top}/audit.jsonl": b"\n".join(lines)})
    status, _, err = verify(capsys, edited)
    assert status == 1 and err.startswith(f"{edited}:{top}/audit.jsonl: line 1: contents do not match its hash")


def test_archiving_onto_an_existing_file_is_refused_in_one_line(close, tmp_path, capsys) -> None:
    dest = tmp_path / "kept.zip"
    dest.write_bytes(b"an earlier archive")
    status, out, err = cli(capsys, "archive", str(close[1]), str(dest))
    assert (status, out) == (2, "")
    assert err == f"finagents: {dest}: already exists; an archive is never overwritten, give a new file name\n"
    assert dest.read_bytes() == b"an earlier archive"


def test_a_run_that_does_not_verify_is_not_archived(close, tmp_path, capsys) -> None:
    run_dir = copy_run(close[1], tmp_path / "run")
    memo = run_dir / "memo.md"
    memo.write_text(memo.read_text() + "\nA line added after sign-off.\n")
    dest = tmp_path / "run.zip"
    status, _, err = cli(capsys, "archive", str(run_dir), str(dest))
    assert status == 1 and not dest.exists()
    assert err.splitlines()[-2:] == [
        f"{memo}: changed since sign-off (audit entry {signature(run_dir)['seq']})",
        f"finagents: {run_dir}: does not verify, so it was not archived",
    ]


def test_a_file_that_is_not_a_zip_is_refused_in_one_line(tmp_path, capsys) -> None:
    fake = tmp_path / "run.zip"
    fake.write_text("not a zip")
    assert verify(capsys, fake) == (2, "", f"finagents: {fake}: cannot be read as a zip archive\n")


def test_a_run_made_with_out_is_archived_without_its_checkpoint_database(toy_project: Path, tmp_path, capsys) -> None:
    run_dir = tmp_path / "out-run"
    assert main(["run", "kyc", "case/lines.csv", "--out", str(run_dir)]) == 0
    assert main(["review", str(run_dir), "--reject", "--reviewer", "J", "--comment", "wrong totals"]) == 0
    assert (run_dir / "checkpoints.sqlite").is_file()
    dest = tmp_path / "out-run.zip"
    assert cli(capsys, "archive", str(run_dir), str(dest))[0] == 0
    with zipfile.ZipFile(dest) as made:
        names = made.namelist()
    assert names == sorted(names) and "out-run/audit.head" in names and "out-run/result.json" in names
    assert not [name for name in names if "checkpoints.sqlite" in name or "/." in name]
    status, out, _ = verify(capsys, dest)
    assert status == 0 and out.splitlines()[1].startswith(f"{dest}:out-run: 4 files as signed off at audit entry ")
