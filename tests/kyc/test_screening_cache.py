"""The screening index and the stored lists' parsed entries, kept in the user's cache
(kyc.screening.cache): a second Screener over the same lists reads the index instead of
building it, with the same hits; a changed list, another pack version, a corrupt file, a
file someone else could have written or an index that no longer agrees with the normaliser
is built again. `new_process()` forgets what the process keeps in memory, so that the next
Screener goes to the file as a new run would. Lists here are made up (no corpus needed),
except in the last test."""

from __future__ import annotations

import os
import shutil
from collections import OrderedDict
from pathlib import Path

import pytest

import shared
from kyc.screening import cache, prepared, store
from kyc.screening.engine import Query, Screener
from kyc.screening.lists import load_list
from kyc.screening.records import ScreeningList
from tests.kyc.made_lists import tiny_sdn
from tests.support.corpus import needs_corpus

NAMES = ("QUARRINGTON, Zebulon", "VEXHOLLOW, Marisol", "AL-HADDAD, Omar Khalil")
QUERIES = (Query("Zebulon Quarrington"), Query("Marisol Vexholow", country="Syria"), Query("Omar al Haddad"),
           Query("Nobody Atall"))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many names each index build parsed, one item per build."""
    made: list[int] = []
    real = prepared.build

    def counted(entries):
        found = real(entries)
        made.append(len(found.names))
        return found

    monkeypatch.setattr(prepared, "build", counted)
    monkeypatch.setattr(prepared, "_kept", OrderedDict())
    return made


def new_process() -> None:
    prepared._kept.clear()
    store._parsed.clear()


def made_up(folder: Path, *names: str) -> ScreeningList:
    return load_list(tiny_sdn(folder, *names), date="2026-11-01")


def hits(screener: Screener) -> list[list[tuple[str, str, str]]]:
    return [[(h.entry_id, h.matched_name, str(h.score)) for h in screener.screen(q)] for q in QUERIES]


def index_files() -> list[Path]:
    return sorted(cache.cache_folder().glob(f"{prepared.KIND}-*.bin"))


def test_the_second_screener_reads_the_index_and_finds_the_same_hits(builds, tmp_path: Path) -> None:
    lists = [made_up(tmp_path / "sdn", *NAMES)]
    first = hits(Screener(lists))
    assert builds == [4]  # three primary names and one alias
    (written,) = index_files()
    assert written.stat().st_mode & 0o777 == 0o600 and written.parent.stat().st_mode & 0o777 == 0o700
    assert not [p for p in written.parent.iterdir() if p.name.startswith(".")]  # no partial file left
    new_process()
    second = hits(Screener(lists))
    assert builds == [4] and second == first
    assert first[0] == [("901", "QUARRINGTON, Zebulon", "100.0")] and first[3] == []


def test_a_list_with_one_entry_edited_is_indexed_again(builds, tmp_path: Path) -> None:
    Screener([made_up(tmp_path / "old", *NAMES)])
    edited = made_up(tmp_path / "new", NAMES[0], "VEXHOLLOW, Marisa", NAMES[2])
    found = Screener([edited]).screen(Query("Marisa Vexhollow"))
    assert len(builds) == 2 and len(index_files()) == 2
    assert [(h.entry_id, h.matched_name, str(h.score)) for h in found] == [("902", "VEXHOLLOW, Marisa", "100.0")]


def test_another_pack_version_indexes_again(builds, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lists = [made_up(tmp_path / "sdn", *NAMES)]
    Screener(lists)
    monkeypatch.setattr(shared, "__version__", "99.0.0")
    new_process()
    Screener(lists)
    assert len(builds) == 2 and len(index_files()) == 2


@pytest.mark.parametrize("damage", ["truncated", "a byte changed", "emptied", "not a cache file"])
def test_a_corrupt_index_file_is_built_again_and_replaced(builds, tmp_path: Path, damage: str) -> None:
    lists = [made_up(tmp_path / "sdn", *NAMES)]
    first = hits(Screener(lists))
    (written,) = index_files()
    data = written.read_bytes()
    damaged = {"truncated": data[:len(data) // 2], "a byte changed": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
               "emptied": b"", "not a cache file": b"\x80\x04\x95 pickled, perhaps"}[damage]
    written.write_bytes(damaged)
    new_process()
    assert hits(Screener(lists)) == first and len(builds) == 2
    assert written.read_bytes() == data  # the rebuilt index, written again
    new_process()
    assert hits(Screener(lists)) == first and len(builds) == 2


def test_an_index_file_others_could_have_written_is_not_read(builds, tmp_path: Path) -> None:
    lists = [made_up(tmp_path / "sdn", *NAMES)]
    Screener(lists)
    (written,) = index_files()
    written.chmod(0o666)
    new_process()
    Screener(lists)
    assert len(builds) == 2


def test_an_index_that_no_longer_agrees_with_the_normaliser_is_built_again(builds, tmp_path: Path) -> None:
    # A file that is whole and keyed right but holds other names (as if the romaniser had
    # changed under it): the names checked against a fresh parse catch it.
    lists = [made_up(tmp_path / "sdn", *NAMES)]
    Screener(lists)
    key = prepared.index_key(lists, [("ofac-sdn", e) for e in lists[0].entries])
    sections = {name: bytes(data) for name, data in cache.read(prepared.KIND, key).items()}
    sections["texts"] = sections["texts"].replace(b"ZEBULON", b"ZEBULUN")
    cache.write(prepared.KIND, key, sections)
    new_process()
    assert hits(Screener(lists))[0] == [("901", "QUARRINGTON, Zebulon", "100.0")] and len(builds) == 2


def test_lists_built_in_memory_with_the_same_sha256_never_share_an_index(builds, tmp_path: Path) -> None:
    real = made_up(tmp_path / "sdn", *NAMES)
    other = made_up(tmp_path / "other", "OTHERWISE, Nobody")
    Screener([real])
    impostor = ScreeningList(real.name, real.files, real.sha256, real.date, real.date_origin, other.entries)
    assert Screener([impostor]).screen(Query("Nobody Otherwise"))[0].matched_name == "OTHERWISE, Nobody"
    assert len(builds) == 2


def test_within_a_process_the_index_is_kept_and_each_screener_cites_its_own_files(builds, tmp_path: Path) -> None:
    one = made_up(tmp_path / "one", *NAMES)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    two = load_list(tmp_path / "two" / "sdn.csv", date="2026-11-01")
    assert two.sha256 == one.sha256
    first, second = (Screener([listed]).screen(QUERIES[0])[0] for listed in (one, two))
    assert len(builds) == 1 and len(index_files()) == 1
    assert (first.citation.path, second.citation.path) == (str(tmp_path / "one" / "sdn.csv"),
                                                           str(tmp_path / "two" / "sdn.csv"))


def test_a_stored_version_is_parsed_once_and_read_back_from_the_cache(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    from kyc.screening import lists as lists_module

    stored = store.store_version(made_up(tmp_path / "sdn", *NAMES), None, source="made up for a test")
    parses: list[Path] = []
    real = lists_module.load_list
    monkeypatch.setattr(lists_module, "load_list", lambda path, **kw: parses.append(path) or real(path, **kw))
    first = store.read_version(stored.version.folder)
    new_process()
    second = store.read_version(stored.version.folder)
    assert len(parses) == 1 and second == first and second is not first
    assert second.entries[0].countries == ("SY",) and second.entries[0].names[1].name == "QUARRINGTON, Zebulon ALIAS"
    assert second.entries[0].names[0].path == stored.version.folder.resolve() / "sdn.csv"


@needs_corpus
@pytest.mark.slow
def test_the_real_lists_give_the_same_hits_from_the_cache(builds, corpus_lists) -> None:
    queries = [Query("Eric Badege", dob="1971"), Query("Banco Nacional de Cuba", country="Cuba"),
               Query("Kim Jong Un", country="PRK"), Query("Mohamed Hamsho"), Query("Joe Bloggs")]
    built = Screener(corpus_lists)
    new_process()
    read = Screener(corpus_lists)
    assert len(builds) == 1
    assert [built.screen(q) for q in queries] == [read.screen(q) for q in queries]
    assert [len(read.screen(q)) for q in queries[:3]] == [2, 1, 2]
    assert os.path.getsize(index_files()[0]) < 16 * 2 ** 20
