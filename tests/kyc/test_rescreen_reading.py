"""Reading the book (`kyc/rescreen/book.py`) from approved runs written here: which runs
count, which parties a customer has, and the entry fingerprints of runs made before hits
carried them. No corpus needed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from kyc.parties import Party, party_id
from kyc.rescreen.book import read_book
from tests.kyc.monitored import load_list
from tests.kyc.rescreen_book import write_run

V1 = (("901", "HALE, Thomas Edward", "SDGT"),)


def person(name: str) -> Party:
    return Party(id=party_id(name), name=name, type="individual", roles=("director",), country="GB")


def test_a_later_run_of_a_customer_replaces_its_parties(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    customer = Party(id=party_id("Acme Limited"), name="Acme Limited", type="entity", roles=("customer",))
    write_run(runs, 1, "Acme Limited", [customer, person("Ada Left")], [], [])
    write_run(runs, 2, "Acme Limited", [customer, person("Bea Stayed")], [], [])
    write_run(runs, 3, "Other Limited", [person("Ada Left")], [], [])
    book = read_book(runs, None)
    assert [p.key for p in book.parties] == ["acme-ltd.acme-ltd", "acme-ltd.bea-stayed", "other-ltd.ada-left"]
    assert [(r.run_id[-6:], r.parties) for r in book.runs] == [("book01", 2), ("book02", 2), ("book03", 1)]


def test_a_result_changed_since_its_sign_off_is_left_out(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    kept = write_run(runs, 1, "Acme Limited", [person("Ada Kept")], [], [])
    edited = write_run(runs, 2, "Other Limited", [person("Eve Edited")], [], [])
    result = json.loads((edited / "result.json").read_text())
    result["body"]["parties"][0]["date_of_birth"] = "1970-01-01"
    (edited / "result.json").write_text(json.dumps(result))
    book = read_book(runs, None)
    assert [p.name for p in book.parties] == ["Ada Kept"] and [i.path for i in book.inputs] == [
        str(kept / "result.json")]
    [warning] = book.findings
    assert warning.message == (f"Run {edited.name} is left out of the book: its result.json changed since it was "
                               "signed off (audit entry 2)")


def test_an_old_hit_gets_its_entry_fingerprint_from_the_stored_version(isolated_home: Path) -> None:
    from kyc.fingerprints import entry_sha256
    from kyc.screening.lists import lists_in_force
    from kyc.screening_step import Named, list_use, query_for, screen_named

    load_list(isolated_home / "v1", V1, "2026-11-01", None)
    lists = lists_in_force(None)
    hale = person("Thomas Edward Hale")
    [hit] = screen_named([Named(hale.id, hale.name, query_for(hale))], lists, Decimal(85))
    old = hit.model_copy(update={"entry_sha256": None, "party_sha256": None})  # as a run of before them
    write_run(isolated_home / "runs", 1, "Acme Limited", [hale], [old], [list_use(listed) for listed in lists])
    [party] = read_book(isolated_home / "runs", None).parties
    assert party.hits[0].entry_sha256 == entry_sha256(lists[0].entries[0]) == hit.entry_sha256
