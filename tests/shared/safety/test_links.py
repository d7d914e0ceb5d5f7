"""Issue 17, item 11: a symbolic link can send no local file to the model, as a prompt or
as a document of an input folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from shared.cli import main
from shared.documents import DocumentError
from shared.documents.folder import folder_documents
from shared.errors import ConfigError
from shared.workflows import get_workflow
from tests.support.stderr import last_line

SECRET = "root:x:0:0:the secret a link points at\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    target = tmp_path / "outside" / "passwd"
    target.parent.mkdir()
    target.write_text(SECRET)
    return target


def test_a_linked_prompt_override_is_refused_by_check_and_run(toy_project: Path, secret: Path, capsys) -> None:
    override = toy_project / "prompts" / "kyc" / "label.j2"
    override.unlink()
    override.symlink_to(secret)
    assert main(["check", "."]) == 2
    out, err = capsys.readouterr()
    assert f"{override}: is reached through a symbolic link ({override})" in out + err
    assert main(["run", "kyc", "case/lines.csv"]) == 2
    assert capsys.readouterr().err.endswith(f"{override}: is reached through a symbolic link ({override}): a prompt "
                                            "override must be a file inside the project's prompts folder, not a link\n")
    written = [p.read_text(errors="replace") for p in toy_project.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not any("the secret a link points at" in text for text in written)


def test_a_prompts_folder_that_is_a_link_is_refused(toy_project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(toy_project / "prompts" / "kyc", elsewhere)
    (toy_project / "prompts" / "kyc").symlink_to(elsewhere, target_is_directory=True)
    library = get_workflow("kyc").prompt_library(toy_project / "prompts" / "kyc")
    with pytest.raises(ConfigError, match=r"label.j2: is reached through a symbolic link \(.*prompts/kyc\)"):
        library.find("label.j2")


def test_a_linked_document_in_an_input_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "real.csv").write_text("id,amount\n1,2\n")
    (folder / "statement.pdf").symlink_to(secret)
    with pytest.raises(DocumentError) as raised:
        folder_documents(folder)
    assert str(raised.value) == (f"{folder / 'statement.pdf'}: is a symbolic link: an input folder's documents "
                                 "must be files in it (copy the file in)")


def test_a_linked_filing_or_consensus_file_stops_the_earnings_run(tmp_path: Path, secret: Path, capsys) -> None:
    folder = tmp_path / "filing"
    shutil.copytree(get_workflow("earnings_review").sample_dir, folder)
    (folder / "consensus.csv").unlink()
    (folder / "consensus.csv").symlink_to(secret)
    assert main(["run", "earnings_review", str(folder), "--out", str(tmp_path / "run")]) == 2
    assert last_line(capsys.readouterr().err) == (
        f"finagents: {folder / 'consensus.csv'}: is a symbolic link: an input "
        "folder's documents must be files in it (copy the file in)\n")
    assert json.loads((tmp_path / "run" / "result.json").read_text())["status"] == "failed"


def test_a_linked_document_in_a_kyc_case_folder_stops_the_run(tmp_path: Path, secret: Path, capsys) -> None:
    folder = tmp_path / "case"
    shutil.copytree(get_workflow("kyc").sample_dir, folder)
    (folder / "bank_letter.pdf").symlink_to(secret)
    assert main(["run", "kyc", str(folder), "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err.endswith(f"{folder / 'bank_letter.pdf'}: is a symbolic link: an input folder's "
                                            "documents must be files in it (copy the file in)\n")
