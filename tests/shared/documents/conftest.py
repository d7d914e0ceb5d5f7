"""The real documents of the corpus that the document tests read in place."""

from __future__ import annotations

from tests.conftest import MakePdf  # noqa: F401  (re-exported for the tests here)
from tests.support.corpus import in_corpus

APPLE_10Q = in_corpus("earnings/pdfs/APPLE_2023Q3_10Q.pdf")
INTEL_EARNINGS = in_corpus("earnings/pdfs/INTEL_2023Q1_EARNINGS.pdf")
AAPL_IXBRL = in_corpus("earnings/ixbrl_html/aapl-20250329.htm")
ABNAMRO_MT940 = in_corpus("close/mt940/jejik_abnamro.sta")
CHECKING_OFX = in_corpus("close/ofx/checking.ofx")
SCREENING_LIST = in_corpus("kyc/other_lists/trade_gov_consolidated_screening_list_sample.csv")
