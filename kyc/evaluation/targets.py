"""What `finagents eval kyc` must reach: read by the evaluation (`kyc.evaluate`) and
printed by its table (`kyc.evaluation.report`)."""

from decimal import Decimal

# On the generated SDN set, counted per query.
TARGETS = {"recall": Decimal("0.98"), "precision": Decimal("0.90")}
# Issue 19's targets for names in other scripts.
CROSS_SCRIPT_TARGET = 18
ORIGINAL_SCRIPT_TARGET = Decimal("0.90")
# Misses are re-screened at this threshold to show how far below the line they fell.
PROBE_THRESHOLD = Decimal("50")
