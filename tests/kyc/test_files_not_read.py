"""A KYC run lists every file of the case folder it did not read, with the reason, and
names those that could have been a missing document in the `missing_document` finding;
the notes beside a packet (hidden files, a README) are left out without a word. Driven
through the CLI on a project made with `finagents new` (tests/kyc/hit_project.py: the
sample with Andrew James Calloway's passport as a JPEG in place of its PDF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.kyc.hit_project import CASE, NOT_READ, RUN, make_hit_project

READS = "this workflow reads PDF documents and CSV ownership registers"
IMAGE = f"an image: {READS}, not pictures"
FOLDER = "a folder: only the files directly in the case folder are read"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    project = make_hit_project(tmp_path_factory.mktemp("kyc-not-read"))
    return project / CASE, json.loads((project / RUN / "result.json").read_text())


def findings(result: dict, code: str) -> list[dict]:
    return [f for f in result["findings"] if f["code"] == code]


def test_every_file_not_read_is_listed_with_the_reason_in_one_info_finding(made) -> None:
    case, result = made
    (listed,) = findings(result, "files_not_read")
    assert listed["severity"] == "info" and listed["citations"] == []
    assert listed["message"] == (
        "Not read in the case folder (3 files and 1 folder): "
        f"attachments/ ({FOLDER}); id_helen_greaves_old.png ({IMAGE}); passport_andrew_calloway.jpg ({IMAGE}); "
        f"utility_bill.png ({IMAGE}). A document among them counts for nothing until it is given in a form the "
        "workflow reads")
    assert sorted(p.name for p in case.iterdir() if p.name.startswith(".")) == [
        ".demo-list-not-a-real-sanctions-list.xml", ".expected.json", ".notes.txt"]
    for note in (".notes.txt", ".expected.json", "README.md"):
        assert (case / note).is_file() and note not in listed["message"]


def test_the_missing_passport_names_the_picture_of_it_and_no_other_file(made) -> None:
    _, result = made
    (missing,) = findings(result, "missing_document")
    # The bill says another kind of document; Helen Greaves's picture names another
    # person (her passport PDF was read); the folder could hold anything.
    assert missing["subject"] == "identity Andrew James Calloway"
    assert missing["message"] == (
        "No identity document for Andrew James Calloway (director, shareholder, beneficial_owner); not read, and "
        f"could be it: attachments/ ({FOLDER}); passport_andrew_calloway.jpg ({IMAGE})")


def test_the_files_not_read_are_in_the_body_and_not_among_the_inputs(made) -> None:
    _case, result = made
    not_read = [(Path(d["path"]).name, d["reason"]) for d in result["body"]["documents"] if d["kind"] == "not_read"]
    assert not_read == [(name, FOLDER if name == "attachments" else IMAGE) for name in NOT_READ]
    read = {Path(i["path"]).name for i in result["inputs"]}
    assert not read & set(NOT_READ) and "README.md" not in read
    assert "document_unrecognised" not in {f["code"] for f in result["findings"]}
