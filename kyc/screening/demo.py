"""The demo list: a few invented names, for runs on the pack's own sample only.

No sanctions list ships with the pack, yet `finagents demo` (and `finagents run kyc` on
the sample a new project gets in `inputs/sample`) must run offline with nothing loaded.
So the sample folder carries a small synthetic list, written by
fixtures/kyc/generate_cases.py in the UN XML's shape under its own root (`<DEMO_LIST>`,
which `lists load` refuses), named "DEMO LIST - not a real sanctions list" in the file
and in every output.

The rule: the demo list is used for a case folder only when that folder is the pack's
sample, or a byte-identical copy of it (the same file names with the same sha256, the
demo list included; the notes beside the documents, its README and hidden expected
outcome, may be left out). Then it is used alone, whatever real lists are loaded, so the demo
is the same on every machine. Any other folder is a client's case: a demo list file in
it is ignored, and the case is screened against the real lists in force or not at all.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from kyc.screening.records import ScreeningList
from kyc.screening.un_xml import DEMO_ROOT, load_xml_list
from shared.documents.base import sha256_file

DEMO_NAME = "DEMO LIST - not a real sanctions list"
DEMO_FILE = ".demo-list-not-a-real-sanctions-list.xml"
SOURCE = "the pack's demo list of invented names, used only for runs on the pack's own sample"


def pack_sample() -> Path:
    return Path(__file__).resolve().parents[1] / "sample"


def is_pack_sample(folder: Path) -> bool:
    """True when `folder` holds exactly the pack's sample, demo list included."""
    folder = Path(folder)
    if not (folder.is_dir() and (folder / DEMO_FILE).is_file()):
        return False
    return _tree(folder) == _pack_tree(pack_sample())


def demo_list(folder: Path) -> ScreeningList:
    """The demo list as the sample folder `folder` holds it (cited there)."""
    loaded = load_xml_list(Path(folder) / DEMO_FILE, DEMO_ROOT, DEMO_NAME)
    return replace(loaded, source=SOURCE)


def is_demo(name: str) -> bool:
    return name == DEMO_NAME


@cache
def _pack_tree(folder: Path) -> dict[str, str]:
    return _tree(folder)  # the pack's files do not change while it runs


def _tree(folder: Path) -> dict[str, str]:
    """The sample's documents and demo list by path and sha256. Notes beside them (its
    README, the hidden expected outcome) are not documents: a copy without them (an
    exported eval, which must not carry its answer) is still the sample."""
    return {p.relative_to(folder).as_posix(): sha256_file(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts and not _note(p)}


def _note(path: Path) -> bool:
    return path.name != DEMO_FILE and (path.name.startswith(".") or path.name.upper().startswith("README"))
