"""A KYC client project monitored over time, with lists of made-up names (no corpus
needed): the story the monitoring tests read, built once per module.

The pack's synthetic `clean_company` case (Harbour Lane Trading Limited: directors
Eleanor Mary Whitfield and Thomas Edward Hale, shareholders Whitfield and Catherine Ann
Morley) is screened against an invented SDN list naming Hale and Whitfield, with no date
of birth or country, so each is a hit scoring 100 that a reviewer clears:

1. list v1 (901 Hale, 902 Whitfield, 903 Quarrington); `first`: the case, approved with
   both hits false positives, so the memory gets lines 1 and 2;
2. `again`: the same case, whose two hits the memory clears; approved with no verdict;
3. `moved`: the case with Hale's nationality changed (GB to IE), left at its gate: his
   hit is back for review, Whitfield's is still cleared;
4. list v2: Hale's entry gains a programme, Whitfield is delisted, Morley is listed (904);
5. `rescreen`: Hale changed (back for review), Whitfield delisted, Morley new; three
   answers its gate refuses (`refused_*`), then approved with both verdicts false
   positive (memory lines 3 and 4);
6. `nothing_new`: a second rescreen (its progress on stderr kept), nothing changed, left
   at its gate.

Each step's exit status, stdout and stderr are kept for the tests to read.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from shared.cli import main
from tests.kyc.generated import CASES_DIR
from tests.support.shared_runs import private_home

DANA = "Dana Cole"
CUSTOMER = "harbour-lane-trading-ltd"
HALE, WHITFIELD, MORLEY = "thomas-edward-hale", "eleanor-mary-whitfield", "catherine-ann-morley"
ROW = '{id},"{name}","individual","{programs}",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
V1 = (("901", "HALE, Thomas Edward", "SDGT"), ("902", "WHITFIELD, Eleanor Mary", "SDGT"),
      ("903", "QUARRINGTON, Zebulon", "SDGT"))
V2 = (("901", "HALE, Thomas Edward", "SDGT] [IFSR"), ("903", "QUARRINGTON, Zebulon", "SDGT"),
      ("904", "MORLEY, Catherine Ann", "SDGT"))
HALE_REASON = "born 1968 in Bristol; the listed person is not"
WHITFIELD_REASON = "a director of a Bristol wholesaler, not the listed person"


def onboarding_hit(party: str, entry: str) -> str:
    return f"hit:{party}:ofac-sdn:{entry}"


def book_hit(party: str, entry: str) -> str:
    return f"hit:{CUSTOMER}.{party}:ofac-sdn:{entry}"


@dataclass
class Step:
    status: int
    out: str
    err: str

    @property
    def run(self) -> Path:
        """The run folder the command reported (its first line on stdout)."""
        return Path(self.out.splitlines()[0])


@dataclass
class Monitored:
    project: Path
    steps: dict[str, Step] = field(default_factory=dict)

    def run(self, name: str) -> Path:
        return self.steps[name].run

    def result(self, name: str) -> dict:
        return json.loads((self.run(name) / "result.json").read_text())

    def memory(self) -> list[dict]:
        return [json.loads(line) for line in (self.project / "kyc" / "dispositions.jsonl").read_text().splitlines()]


def cli(*args: str) -> Step:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return Step(status, out.getvalue(), err.getvalue())


def build(folder: Path) -> Monitored:
    with private_home(folder) as work:
        monitored = Monitored(work / "acme")
        project = str(monitored.project)
        assert cli("new", "kyc", project, "--client", "Acme Ltd").status == 0
        load_list(work / "v1", V1, "2026-11-01", project)
        _onboard(monitored, "first", CASES_DIR / "clean_company")
        _review(monitored, "first_review", "first", "--onboarding-decision", "clear",
                "--disposition", f"{onboarding_hit(HALE, '901')}=false_positive:{HALE_REASON}",
                "--disposition", f"{onboarding_hit(WHITFIELD, '902')}=false_positive:{WHITFIELD_REASON}")
        _onboard(monitored, "again", CASES_DIR / "clean_company")
        _review(monitored, "again_review", "again", "--onboarding-decision", "clear")
        _onboard(monitored, "moved", _hale_moved(work / "moved"))
        load_list(work / "v2", V2, "2026-11-15", project)
        _rescreen(monitored, "rescreen")
        _refused(monitored, "rescreen")
        _review(monitored, "rescreen_review", "rescreen",
                "--disposition", f"{book_hit(HALE, '901')}=false_positive:{HALE_REASON}",
                "--disposition", f"{book_hit(MORLEY, '904')}=false_positive:a shareholder since 2015, not listed")
        _rescreen(monitored, "nothing_new", quiet=False)
    return monitored


def load_list(folder: Path, rows: tuple[tuple[str, str, str], ...], date: str, project: str | None) -> None:
    """An SDN set of `rows` (id, name, programmes), stored in `project` or, without one,
    in the user's data folder."""
    folder.mkdir(parents=True)
    text = "".join(ROW.format(id=entry, name=name, programs=programs) for entry, name, programs in rows)
    (folder / "sdn.csv").write_bytes(text.encode() + b"\x1a")
    (folder / "alt.csv").write_bytes(b"\x1a")
    where = ("--engagement", project) if project else ()
    assert cli("lists", "load", str(folder / "sdn.csv"), "--date", date, *where).status == 0


def _onboard(monitored: Monitored, name: str, case: Path) -> None:
    step = cli("run", "kyc", str(case), "--engagement", str(monitored.project), "--quiet")
    assert step.status == 0, step.err
    monitored.steps[name] = step


def _rescreen(monitored: Monitored, name: str, quiet: bool = True) -> None:
    step = cli("rescreen", "--engagement", str(monitored.project), *(("--quiet",) if quiet else ()))
    assert step.status == 0, step.err
    monitored.steps[name] = step


def _review(monitored: Monitored, name: str, of: str, *args: str) -> None:
    step = cli("review", str(monitored.run(of)), "--approve", "--reviewer", DANA, *args)
    assert step.status == 0, step.err
    monitored.steps[name] = step


def _refused(monitored: Monitored, of: str) -> None:
    """Answers the rescreen's gate refuses, kept as `refused_*` steps: an approval short
    of a verdict, a verdict on a delisting, an onboarding decision."""
    run, approve = str(monitored.run(of)), ("--approve", "--reviewer", DANA)
    delisted = f"delisted:{CUSTOMER}.{WHITFIELD}:ofac-sdn:902"
    answers = {"refused_short": ("--disposition", f"{book_hit(HALE, '901')}=true_match"),
               "refused_delisting": ("--disposition", f"{delisted}=false_positive"),
               "refused_onboarding": ("--disposition", f"{book_hit(HALE, '901')}=true_match", "--disposition",
                                      f"{book_hit(MORLEY, '904')}=true_match", "--onboarding-decision", "clear")}
    for name, answer in answers.items():
        monitored.steps[name] = cli("review", run, *approve, *answer)


def _hale_moved(case: Path) -> Path:
    """The case with Thomas Edward Hale's nationality given as IE instead of GB."""
    shutil.copytree(CASES_DIR / "clean_company", case)
    application = json.loads((case / "application.json").read_text())
    for officer in application["officers"]:
        if officer["name"] == "Thomas Edward Hale":
            officer["nationality"] = "IE"
    (case / "application.json").write_text(json.dumps(application, indent=2))
    return case
