"""The KYC case generator as the tests use it, and the case it builds from the corpus.

The individual_w9 case fills the real blank IRS W-9, which is in the corpus and never
copied into the project, so the case is not committed: it is built once per test
process from the corpus (read in place) by fixtures/kyc/generate_cases.py, into a
temporary folder removed at exit. Without the corpus, asking for it skips the test with
the line naming FINAGENTS_CORPUS.
"""

from __future__ import annotations

import atexit
import importlib.util
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType

from tests.support.corpus import skip_without_corpus

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "fixtures" / "kyc" / "generate_cases.py"
CASES_DIR = REPO / "fixtures" / "kyc" / "cases"
W9_CASE = "individual_w9"


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kyc_case_generator", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being made.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def w9_case_dir() -> Path:
    """The individual_w9 case, built from the corpus (skips without it)."""
    skip_without_corpus()
    return _built_w9()


@cache
def _built_w9() -> Path:
    out = Path(tempfile.mkdtemp(prefix="finagents-kyc-w9-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    generator().generate(out, None, only=(W9_CASE,))
    return out / W9_CASE


def case_dir(case: str) -> Path:
    """A case's folder: committed under fixtures/kyc/cases, or built (individual_w9)."""
    return w9_case_dir() if case == W9_CASE else CASES_DIR / case
