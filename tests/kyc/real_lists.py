"""The corpus's real sanctions lists, put in force for the tests that screen against them.

No list ships with the pack, so a test that screens a case against real lists gets the
corpus's snapshots (read in place; without the corpus the test skips with the line
naming FINAGENTS_CORPUS): the OFAC SDN list of 2021-07-07 and the consolidated list of
2025-12-19 (legacy CSV sets, which print no date, so these dates are declared, as their
provenance gives them), and the UN list dated by its own dateGenerated.

They are stored once per session as versions in a session folder, and each test that
needs them gets links to those versions in its own lists folder: the store parses a
version once per process (by its real path), so the suite does not parse the lists
again for every run, and a test that stores lists of its own stores them beside the
links, never into the shared folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kyc.screening.records import ScreeningList
from tests.support.corpus import corpus_path

# (corpus path of the list's file, its declared date: None for a file that prints its own)
CORPUS_LISTS = (
    ("kyc/ofac_sdn_2021-07/sdn.csv", "2021-07-07"),
    ("kyc/ofac_consolidated_nonsdn/cons_prim.csv", "2025-12-19"),
    ("kyc/other_lists/un_sc_consolidated_list_2026-02-27.xml", None),
)
SOURCE = "the corpus's snapshot (tests)"

_runs: dict[Path, Path] = {}


def corpus_lists() -> tuple[ScreeningList, ...]:
    """The three lists read in place from the corpus (skips without it)."""
    return _parsed(tuple((corpus_path(path), date) for path, date in CORPUS_LISTS))


@cache
def _parsed(files: tuple[tuple[Path, str | None], ...]) -> tuple[ScreeningList, ...]:
    from kyc.screening.lists import load_list

    return tuple(load_list(path, date=date) for path, date in files)


def session_versions(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The version folders of the three lists, stored once per session."""
    from kyc.screening.store import in_force_versions, store_version

    root = tmp_path_factory.getbasetemp() / "corpus-lists"
    if not (root / "lists").is_dir():
        lists = corpus_lists()
        for item in lists:
            store_version(item, root, source=SOURCE)
    return [v.folder for v in in_force_versions(root)]


def put_in_force(lists_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Link the session's stored versions into `lists_folder`."""
    for version in session_versions(tmp_path_factory):
        link = lists_folder / version.parent.name / version.name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(version, target_is_directory=True)


def shared_kyc_run(case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The KYC run of `case` at its gate, screened against the corpus lists, made once
    per session for every module that asks (read it only; review a copy)."""
    from kyc.screening.store import lists_folder
    from tests.support.shared_runs import private_home, run_to_gate

    key = case.resolve()
    if key not in _runs:
        corpus_lists()  # skips here, before any folder is made, when there is no corpus
        folder = tmp_path_factory.mktemp("shared-kyc")
        with private_home(folder):
            put_in_force(lists_folder(None), tmp_path_factory)
        _runs[key] = run_to_gate("kyc", case, folder)
    return _runs[key]
