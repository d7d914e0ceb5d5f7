"""Paths to the real fixture files used by the document tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MakePdf  # noqa: F401  (re-exported for the tests here)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
APPLE_10Q = FIXTURES / "earnings" / "pdfs" / "APPLE_2023Q3_10Q.pdf"
INTEL_EARNINGS = FIXTURES / "earnings" / "pdfs" / "INTEL_2023Q1_EARNINGS.pdf"
AAPL_IXBRL = FIXTURES / "earnings" / "ixbrl_html" / "aapl-20250329.htm"
ABNAMRO_MT940 = FIXTURES / "close" / "mt940" / "jejik_abnamro.sta"
CHECKING_OFX = FIXTURES / "close" / "ofx" / "checking.ofx"
SCREENING_LIST = FIXTURES / "kyc" / "lists" / "trade_gov_consolidated_screening_list_sample.csv"

