"""A KYC client project made with `finagents new`, with a run of a case at its gate that
has a sanctions hit and a passport given as a picture. No corpus needed.

The list is invented: one OFAC SDN entry for Andrew James Calloway, a director of the
pack's (synthetic) sample company, with his date of birth and nationality, so the hit is
certain and the analysis recommends decline. The case is the sample with Calloway's
passport given as a JPEG in place of its PDF, beside other files the workflow does not
read, and the notes it leaves out without a word (the sample's README.md, hidden files).

Made once per test module; a test that reviews the run works on a copy of the project
(the run was made with --out inside it, so the copy holds the same run at the same gate).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from shared.cli import main
from tests.support.shared_runs import private_home

HIT = "hit:andrew-james-calloway:ofac-sdn:901"
RUN = "gate-run"
CASE = "inputs/case"
# The files the case holds that the workflow does not read, by name.
NOT_READ = ("attachments", "id_helen_greaves_old.png", "passport_andrew_calloway.jpg", "utility_bill.png")
SDN = ('901,"CALLOWAY, Andrew James","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
       '"DOB 09 Apr 1966; nationality United Kingdom."\r\n')


def make_hit_project(folder: Path) -> Path:
    """The project in `folder/acme`, its run of the case at the gate in `acme/gate-run`."""
    with private_home(folder) as work:
        project = work / "acme"
        assert main(["new", "kyc", str(project), "--client", "Acme Ltd"]) == 0
        listed = _invented_list(work / "list")
        assert main(["lists", "load", str(listed), "--date", "2026-11-01", "--engagement", str(project)]) == 0
        case = _case(project)
        assert main(["run", "kyc", str(case), "--engagement", str(project), "--out", str(project / RUN)]) == 0
    return project


def copy_project(project: Path, to: Path) -> Path:
    """A copy of the project whose run can be reviewed; returns the copy's run folder."""
    shutil.copytree(project, to, symlinks=True)
    return to / RUN


def _invented_list(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "sdn.csv").write_bytes(SDN.encode() + b"\x1a")
    (folder / "alt.csv").write_bytes(b"\x1a")
    return folder / "sdn.csv"


def _case(project: Path) -> Path:
    case = project / CASE
    shutil.copytree(project / "inputs" / "sample", case)
    (case / "id_andrew_calloway.pdf").unlink()
    for name in NOT_READ[1:]:
        (case / name).write_bytes(b"\xff\xd8\xff\xe0 a picture, not a document this workflow reads")
    (case / NOT_READ[0]).mkdir()
    (case / NOT_READ[0] / "scan.pdf").write_bytes(b"%PDF-1.4 in a folder of its own")
    (case / ".notes.txt").write_text("a consultant's note beside the packet\n")
    return case
