"""Small sanctions lists of made-up names, written as their publishers write them, for
tests that need a list in force but not a real one (they run without the corpus)."""

from __future__ import annotations

from pathlib import Path

SDN_ROW = '{id},"{name}","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB {dob}; nationality Syria."\r\n'


def tiny_sdn(folder: Path, *names: str) -> Path:
    """An OFAC SDN legacy CSV set of `names` ("SURNAME, Given"), as OFAC writes it (CRLF
    lines, a DOS end-of-file byte); returns its sdn.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = "".join(SDN_ROW.format(id=900 + n, name=name, dob=f"0{n} Jan 1970") for n, name in enumerate(names, 1))
    (folder / "sdn.csv").write_bytes(rows.encode() + b"\x1a")
    (folder / "alt.csv").write_bytes(f'901,1,"aka","{names[0]} ALIAS",-0- \r\n'.encode() + b"\x1a")
    return folder / "sdn.csv"
