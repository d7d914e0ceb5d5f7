"""Runs shared by the report tests: one per workflow on its bundled sample, plus the KYC
cases a sample does not cover (a sanctions hit, a circular holding, a missing document),
each stopped at the review gate and made once per session (with the browser and
terminal-review tests, through `shared_run`; the KYC cases through `shared_kyc_run`,
screened against the corpus's real lists, so they skip without the corpus). Read only."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.workflows import get_workflow
from tests.conftest import FIXTURES
from tests.kyc.real_lists import shared_kyc_run
from tests.reports.page import Report, read_report
from tests.support.shared_runs import shared_run

KYC_CASES = FIXTURES / "kyc" / "cases"
RUNS = {
    "earnings_review": ("earnings_review", None),
    "kyc": ("kyc", None),
    "month_end_close": ("month_end_close", None),
    "kyc_sanctions_hit": ("kyc", KYC_CASES / "sanctions_hit"),
    "kyc_circular_holding": ("kyc", KYC_CASES / "circular_holding"),
    "kyc_missing_document": ("kyc", KYC_CASES / "missing_document"),
}


@pytest.fixture(scope="session")
def report_of(tmp_path_factory: pytest.TempPathFactory):
    """`report_of(name)`: the parsed report of one of RUNS, run the first time it is asked for."""
    made: dict[str, Report] = {}

    def get(name: str) -> Report:
        if name not in made:
            workflow, folder = RUNS[name]
            if folder is not None and workflow == "kyc":  # a case, screened against the corpus's real lists
                made[name] = read_report(shared_kyc_run(folder, tmp_path_factory))
            else:
                source = folder or get_workflow(workflow).sample_dir
                made[name] = read_report(shared_run(workflow, Path(source), tmp_path_factory))
        return made[name]

    return get
