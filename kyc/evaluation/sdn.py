"""The corpus's OFAC SDN snapshot that the labelled set is made from (`variants`) and
scored against (`kyc.evaluate`): read in place through `shared.corpus`, parsed once per
process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kyc.screening.lists import load_list
from kyc.screening.records import ScreeningList
from shared.corpus import corpus_file

SDN_FOLDER = "kyc/ofac_sdn_2021-07"  # in the corpus: the OFAC SDN legacy CSV set of 2021-07-07
SDN_DATE = "2021-07-07"


def sdn_path() -> Path:
    return corpus_file(f"{SDN_FOLDER}/sdn.csv")


def sdn_list() -> ScreeningList:
    return load_sdn(sdn_path())


@cache
def load_sdn(path: Path) -> ScreeningList:
    return load_list(path, date=SDN_DATE)
