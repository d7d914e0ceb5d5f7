"""`finagents rescreen` on a book of 200 parties against the real OFAC SDN lists of
January 2019 and July 2021 (read in place from the corpus) and a third version made here
by editing one entry (tests/kyc/rescreen_book.py builds the book).

The story, built once for the module:
1. the 2019 list in force; the sanctions_hit case onboarded and approved (Mohamad Hamsho,
   a true match); the rest of the book written as approved runs screened against 2019;
2. the 2021 list in force; `first` rescreen: the named parties' new hits, changed entries
   and delistings; approved with the listed companies' British namesakes cleared as false
   positives (so the memory has them) and every other new or changed hit a true match;
3. the third version (2021 with one of those companies' entries edited) in force;
   `second` rescreen: that company is back for review, the other cleared ones are not;
4. two onboarding runs of a case whose customer is another cleared company: cleared as
   it is, back for review once its country is changed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.kyc.monitored import Step, cli
from tests.kyc.rescreen_book import SIZE, Named, customers, edited_version, named_parties, write_approved_runs
from tests.support.corpus import corpus_path, needs_corpus
from tests.support.shared_runs import private_home

pytestmark = [needs_corpus, pytest.mark.slow]

SDN_2019, SDN_2021 = "kyc/ofac_sdn_2019-01/sdn.csv", "kyc/ofac_sdn_2021-07/sdn.csv"
REVIEWER = "Dana Cole"
NOT_THEM = "a British company of the same name, registered in England"
HAMSHO_KEY = "cedar-gate-commodities-ltd.mohamad-hamsho"
EDITED_PROGRAM = "IFSR"


@dataclass
class Book:
    project: Path
    named: list[Named]
    programs: dict[str, str]  # entry id -> its programmes in the 2021 list, for the named parties
    steps: dict[str, Step] = field(default_factory=dict)

    def result(self, step: str) -> dict:
        """The result.json of the run `step` made or reviewed."""
        return json.loads((Path(self.steps[step].out.splitlines()[0]) / "result.json").read_text())

    def keys(self, group: str) -> dict[str, str]:
        """Book key -> entry id of the named parties of `group`."""
        parties = self.result("first")["body"]["parties"]
        return {p["key"]: n.entry_id for n in self.named if n.group == group
                for p in parties if p["name"] == n.party.name}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    from kyc.screening.lists import load_list

    old, new = (load_list(corpus_path(path), date=date) for path, date in ((SDN_2019, "2019-01-15"),
                                                                         (SDN_2021, "2021-07-07")))
    named = named_parties(old, new)
    folder = tmp_path_factory.mktemp("rescreen-book")
    with private_home(folder) as work:
        programs = {e.entry_id: ", ".join(e.programs) for e in new.entries if e.entry_id in {n.entry_id for n in named}}
        story = Book(work / "bank", named, programs)
        _first_years(story, folder)
        _first_rescreen(story)
        _second_rescreen(story, work)
        _onboard_a_cleared_company(story, work)
    return story


def _first_years(story: Book, folder: Path) -> None:
    project = str(story.project)
    assert cli("new", "kyc", project, "--client", "Bank").status == 0
    _load(story, SDN_2019, "2019-01-15")
    story.steps["hamsho"] = _ok(cli("run", "kyc", str(_case("sanctions_hit")), "--engagement", project, "-q"))
    hamsho = story.steps["hamsho"].out.splitlines()[0]
    _ok(cli("review", hamsho, "--approve", "--reviewer", REVIEWER, "--onboarding-decision", "decline",
            "--disposition", "hit:mohamad-hamsho:ofac-sdn:12845=true_match:date of birth and nationality agree"))
    write_approved_runs(story.project / "runs", customers(story.named, onboarded=3), story.project)


def _first_rescreen(story: Book) -> None:
    _load(story, SDN_2021, "2021-07-07")
    story.steps["first"] = _ok(cli("rescreen", "--engagement", str(story.project), "-q"))
    cleared = set(story.keys("cleared"))
    verdicts = [f"{c['id']}=false_positive:{NOT_THEM}" if c["party_key"] in cleared else f"{c['id']}=true_match"
                for c in story.result("first")["body"]["changes"] if c["needs_verdict"]]
    _approve(story, "first", verdicts)


def _second_rescreen(story: Book, work: Path) -> None:
    edited = _edited_company(story)
    sdn = edited_version(corpus_path(SDN_2021), work / "sdn-edited", edited, EDITED_PROGRAM)
    assert cli("lists", "load", str(sdn), "--date", "2021-08-01", "--engagement", str(story.project)).status == 0
    story.steps["second"] = _ok(cli("rescreen", "--engagement", str(story.project), "-q"))
    _approve(story, "second", [f"{c['id']}=false_positive:{NOT_THEM}"
                               for c in story.result("second")["body"]["changes"] if c["needs_verdict"]])


def _onboard_a_cleared_company(story: Book, work: Path) -> None:
    company = _kept_company(story)
    for name, country in (("as_cleared", "GB"), ("moved", "IE")):
        case = _company_case(work / name, company, country)
        story.steps[name] = _ok(cli("run", "kyc", str(case), "--engagement", str(story.project), "-q"))
    answer = ("--approve", "--reviewer", REVIEWER, "--onboarding-decision", "request_documents")
    story.steps["as_cleared_review"] = _ok(cli("review", story.steps["as_cleared"].out.splitlines()[0], *answer))
    story.steps["moved_refused"] = cli("review", story.steps["moved"].out.splitlines()[0], *answer)


def _edited_company(story: Book) -> str:
    return sorted(story.keys("cleared").values(), key=int)[0]


def _kept_company(story: Book) -> Named:
    """A cleared company whose entry the third version leaves as it was."""
    return next(n for n in story.named if n.group == "cleared" and n.entry_id != _edited_company(story))


def _company_case(folder: Path, company: Named, country: str) -> Path:
    """The clean_company case with the listed company's namesake as the customer."""
    shutil.copytree(_case("clean_company"), folder)
    application = json.loads((folder / "application.json").read_text())
    application.update(legal_name=company.party.name, jurisdiction=country)
    (folder / "application.json").write_text(json.dumps(application, indent=2))
    return folder


def _case(name: str) -> Path:
    from tests.kyc.generated import CASES_DIR

    return CASES_DIR / name


def _load(story: Book, path: str, date: str) -> None:
    assert cli("lists", "load", str(corpus_path(path)), "--date", date, "--engagement", str(story.project)).status == 0


def _approve(story: Book, step: str, verdicts: list[str]) -> None:
    run = story.steps[step].out.splitlines()[0]
    given = [arg for verdict in verdicts for arg in ("--disposition", verdict)]
    story.steps[f"{step}_review"] = _ok(cli("review", run, "--approve", "--reviewer", REVIEWER, *given))


def _ok(step: Step) -> Step:
    assert step.status == 0, step.err
    return step


def changes(book: Book, step: str, kind: str) -> set[tuple[str, str]]:
    return {(c["party_key"], c["entry_id"]) for c in book.result(step)["body"]["changes"] if c["kind"] == kind}


def memory(book: Book) -> list[dict]:
    return [json.loads(line) for line in (book.project / "kyc" / "dispositions.jsonl").read_text().splitlines()]


def test_the_book_holds_200_parties_from_the_approved_runs(book: Book) -> None:
    body = book.result("first")["body"]
    assert (body["summary"]["parties"], body["summary"]["runs"]) == (SIZE, 25)
    assert len({p["key"] for p in body["parties"]}) == SIZE
    onboarded = book.steps["hamsho"].out.splitlines()[0]
    assert {p["compared_with"] for p in body["parties"] if p["customer"] == "Cedar Gate Commodities Limited"} == \
        {Path(onboarded).name}


def test_the_delistings_are_the_parties_named_after_delisted_entries(book: Book) -> None:
    assert changes(book, "first", "delisted") == set(book.keys("delisted").items())
    delisted = next(c for c in book.result("first")["body"]["changes"] if c["kind"] == "delisted")
    assert delisted["needs_verdict"] is False and delisted["message"].endswith(
        "is no longer on the OFAC SDN list in force (delisted)")
    assert "/lists/ofac-sdn/2019-01-15-" in delisted["citation"]["path"]


def test_the_new_hits_are_the_parties_named_after_added_entries(book: Book) -> None:
    named = set(book.keys("added").items()) | set(book.keys("cleared").items())
    found = changes(book, "first", "new")
    assert named <= found
    # Any other new hit is a named party's, on a second entry close to its name (no
    # case party, invented person or customer has one).
    assert {key for key, _ in found} <= {key for group in ("added", "cleared", "changed", "unchanged", "delisted")
                                         for key in book.keys(group)}


def test_the_changed_entries_are_found_with_what_changed(book: Book) -> None:
    found = changes(book, "first", "changed")
    assert set(book.keys("changed").items()) | {(HAMSHO_KEY, "12845")} <= found
    hamsho = next(c for c in book.result("first")["body"]["changes"] if c["party_key"] == HAMSHO_KEY)
    assert hamsho["message"].endswith(
        "a hit when last screened in run " + Path(book.steps["hamsho"].out.splitlines()[0]).name +
        ": the entry changed since (programs SYRIA -> SYRIA, SYRIA-EO13894)")


def test_unchanged_and_unlisted_parties_are_not_reported(book: Book) -> None:
    reported = {key for c in ("new", "changed", "delisted") for key, _ in changes(book, "first", c)}
    assert not reported & set(book.keys("unchanged"))
    customers_and_people = {p["key"] for p in book.result("first")["body"]["parties"]
                            if p["name"] not in {n.party.name for n in book.named} and p["key"] != HAMSHO_KEY}
    assert not reported & customers_and_people


def test_the_first_rescreen_asked_a_verdict_on_each_new_and_changed_hit_only(book: Book) -> None:
    body = book.result("first")["body"]
    asked = [c["id"] for c in body["changes"] if c["needs_verdict"]]
    assert asked == [c["id"] for c in body["changes"] if c["kind"] in ("new", "changed")]
    given = [d["item_id"] for d in book.result("first")["review"]["dispositions"]]
    assert given == asked and body["summary"]["needs_verdict"] == len(asked)


def test_the_cleared_companies_are_remembered(book: Book) -> None:
    first = Path(book.steps["first"].out.splitlines()[0]).name
    cleared = book.keys("cleared")
    lines = memory(book)[:len(cleared)]
    assert {(line["party"]["id"], line["entry_id"]) for line in lines} == set(cleared.items())
    assert {(line["reviewer"], line["reason"], line["run_id"]) for line in lines} == {(REVIEWER, NOT_THEM, first)}


def test_an_edited_entry_brings_its_cleared_hit_back_and_nothing_else(book: Book) -> None:
    second = book.result("second")["body"]
    edited = _edited_company(story=book)
    key = next(k for k, entry in book.keys("cleared").items() if entry == edited)
    first = Path(book.steps["first"].out.splitlines()[0]).name
    date = book.result("first")["review"]["at"][:10]
    [change] = second["changes"]
    assert (change["kind"], change["party_key"], change["entry_id"], change["needs_verdict"]) == \
        ("changed", key, edited, True)
    assert change["message"].endswith(
        f"a hit when last screened in run {first}: the entry changed since (programs "
        f"{book.programs[edited]} -> {book.programs[edited]}, {EDITED_PROGRAM}); it "
        f"was cleared on {date} by {REVIEWER} ({NOT_THEM}); back for review because the list entry changed since")
    assert second["summary"]["parties"] == SIZE and second["summary"]["needs_verdict"] == 1
    line = memory(book)[-1]
    assert (line["party"]["id"], line["entry_id"], line["entry_sha256"]) == (key, edited, change["entry_sha256_now"])


def test_the_other_cleared_companies_stay_cleared(book: Book) -> None:
    second = book.result("second")["body"]
    kept = {k: entry for k, entry in book.keys("cleared").items() if entry != _edited_company(story=book)}
    hits_now = {(p["key"], h["entry_id"]) for p in second["parties"] for h in p["hits"]}
    assert set(kept.items()) <= hits_now and not set(kept) & {c["party_key"] for c in second["changes"]}


def test_an_onboarding_run_shows_a_remembered_company_as_cleared(book: Book) -> None:
    company = _kept_company(book)
    [hit] = book.result("as_cleared")["body"]["screening"]["hits"]
    line = next(n for n, line in enumerate(memory(book), 1) if line["entry_id"] == company.entry_id)
    date = book.result("first")["review"]["at"][:10]
    assert hit["entry_id"] == company.entry_id and hit["cleared"]["memory_line"] == line
    assert hit["cleared"]["message"] == f"cleared on {date} by {REVIEWER}: {NOT_THEM}"
    assert book.result("as_cleared_review")["review"]["dispositions"] == []


def test_an_onboarding_run_brings_it_back_when_the_companys_country_changed(book: Book) -> None:
    [hit] = book.result("moved")["body"]["screening"]["hits"]
    date = book.result("first")["review"]["at"][:10]
    assert hit["cleared"] is None and hit["previously_cleared"] == (
        f"was cleared on {date} by {REVIEWER} ({NOT_THEM}); back for review because the party's screened data "
        "changed since")
    refused = book.steps["moved_refused"]
    assert refused.status == 2 and refused.err.splitlines()[-1].endswith(f"none given for: {hit['id']}")
