"""Fixtures for the KYC tests that screen against real sanctions lists (the corpus's,
read in place; see tests/kyc/real_lists.py). Without the corpus, a test asking for one
skips with the line naming FINAGENTS_CORPUS."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyc.screening.records import ScreeningList
from tests.kyc import real_lists


@pytest.fixture(scope="session")
def corpus_lists() -> tuple[ScreeningList, ...]:
    """OFAC SDN, OFAC consolidated and UN, parsed in place from the corpus."""
    return real_lists.corpus_lists()


@pytest.fixture
def real_lists_in_force(isolated_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus lists in force in this test's user data folder; returns that folder."""
    from kyc.screening.store import lists_folder

    real_lists.corpus_lists()
    folder = lists_folder(None)
    real_lists.put_in_force(folder, tmp_path_factory)
    return folder


@pytest.fixture
def made_up_list(isolated_home: Path, tmp_path: Path) -> None:
    """A small list of made-up names in force in this test's user data folder (no corpus
    needed), dated 2026-11-01: nobody in the cases is on it."""
    from kyc.screening.lists import load_list
    from kyc.screening.store import store_version
    from tests.kyc.made_lists import tiny_sdn

    sdn = tiny_sdn(tmp_path / "made_up", "QUARRINGTON, Zebulon", "VEXHOLLOW, Marisol")
    store_version(load_list(sdn, date="2026-11-01"), None, source="made up for a test")
