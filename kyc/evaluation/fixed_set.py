"""The generated SDN set as the evaluation reads it: made from the corpus, never committed.

The set carries real SDN names, so the project does not keep a copy: it is generated
from the corpus's SDN snapshot (read in place through `shared.corpus`) with the fixed
seed, and must hash to `SET_SHA256`, the set fixed before the matcher was tuned. A corpus
SDN that gives another set is refused rather than scored, since the figures would no
longer be comparable. Generating takes seconds, so the set is kept in the user's cache
folder (and once per process in memory); a cached copy is used only if it still hashes
to `SET_SHA256`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from kyc.evaluation.sdn import SDN_DATE, load_sdn, sdn_path
from kyc.evaluation.sdn import sdn_list as sdn_list  # where the screening benchmark imports it from
from kyc.evaluation.variants import SEED, Row, csv_text, generate, parse_csv, read_csv
from shared.corpus import cache_home
from shared.errors import InputError

SET_NAME = "sdn_variants.csv"
SET_SHA256 = "918855ba83463b67e722d28f092211d3a993545c1e5de60272e81a5a9ed72c06"


def fixed_rows() -> tuple[Row, ...]:
    """The fixed set's rows: from the cache when it holds them, else generated."""
    return _rows(sdn_path())


@cache
def _rows(sdn: Path) -> tuple[Row, ...]:
    cached = cache_path()
    if cached.is_file() and _sha256(cached.read_bytes()) == SET_SHA256:
        return read_csv(cached)
    text = csv_text(generate(load_sdn(sdn).entries, SEED))
    digest = _sha256(text.encode("utf-8"))
    if digest != SET_SHA256:
        raise InputError(sdn, f"gives a variant set with sha256 {digest[:12]}..., not the fixed set "
                              f"{SET_SHA256[:12]}...: it is not the OFAC SDN snapshot of {SDN_DATE} "
                              "the set was made from")
    _keep(cached, text)
    return parse_csv(text)


def cache_path(environ: Mapping[str, str] | None = None) -> Path:
    return cache_home(environ) / "kyc" / f"sdn_variants-{SET_SHA256[:12]}.csv"


def _keep(target: Path, text: str) -> None:
    """Best effort: a cache that cannot be written only costs the next run a few seconds."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(text.encode("utf-8"))
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
