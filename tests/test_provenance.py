"""No third-party document is committed: the corpus is read in place, never copied.

Checked by content, not by name: a committed file whose sha256 is that of any file of the
corpus (as listed in fixtures/corpus.toml, and as found on disk when the corpus is here)
fails, wherever it sits and whatever it is called.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from shared.corpus_download import read_manifest
from shared.documents.base import sha256_file
from tests.conftest import REPO_ROOT
from tests.support.corpus import ROOT, needs_corpus

TREE_LIMIT = 8 * 1024 * 1024  # the tracked tree stays small: the pack carries no documents


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the committed files cannot be listed")
    return [REPO_ROOT / name for name in listed.stdout.decode().split("\0") if name and (REPO_ROOT / name).is_file()]


def corpus_hashes() -> dict[str, str]:
    hashes = {item.sha256: item.path for item in read_manifest()}
    if ROOT is not None:
        hashes.update({sha256_file(path): path.relative_to(ROOT).as_posix()
                       for path in ROOT.rglob("*") if path.is_file()})
    return hashes


def test_no_committed_file_is_a_corpus_file() -> None:
    corpus = corpus_hashes()
    copies = {path.relative_to(REPO_ROOT).as_posix(): corpus[digest]
              for path in tracked_files() if (digest := sha256_file(path)) in corpus}
    sample = dict(sorted(copies.items())[:5])
    assert not copies, f"{len(copies)} committed copies of corpus files (repo path: corpus path), e.g. {sample}"


def test_the_tracked_tree_is_under_8_mib() -> None:
    size = sum(path.stat().st_size for path in tracked_files())
    assert size < TREE_LIMIT, f"the tracked tree is {size:,} bytes"


@needs_corpus
def test_the_manifest_lists_every_corpus_file_with_its_sha256() -> None:
    listed = {item.path: item.sha256 for item in read_manifest()}
    on_disk = {path.relative_to(ROOT).as_posix(): path for path in ROOT.rglob("*") if path.is_file()}
    assert sorted(on_disk) == sorted(listed)
    wrong = [name for name, path in on_disk.items() if sha256_file(path) != listed[name]]
    assert not wrong, f"corpus files that differ from fixtures/corpus.toml: {wrong}"


def test_every_manifest_entry_has_a_url_or_is_derived_and_a_licence() -> None:
    entries = read_manifest()
    assert len(entries) >= 100
    assert all(bool(item.url) != item.derived for item in entries), [
        item.path for item in entries if bool(item.url) == item.derived]
    assert all(item.licence for item in entries)
    assert all(item.url.startswith("https://") for item in entries if item.url)
