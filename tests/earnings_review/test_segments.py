"""Segment tables: kept only when each column adds up to the consolidated figure."""

from decimal import Decimal

from earnings_review.extract import extract_statements
from earnings_review.segments import segment_facts
from shared.documents import CitationVerifier, open_pdf
from tests.earnings_review.filings import filing


def _read(name: str, consolidated_change: Decimal = Decimal(0)):
    with open_pdf(filing(name)) as pdf:
        facts = [f.model_copy(update={"value": f.value + consolidated_change}) if f.concept == "Revenues" else f
                 for f in extract_statements(pdf).facts]
        return segment_facts(pdf, facts)


def test_apple_quarter_segments_add_up_to_total_net_sales() -> None:
    facts, ties = _read("APPLE_2023Q3_10Q.pdf")
    quarter = {f.member: f.value for f in facts if f.period.describe() == "3 months to 2023-07-01"}
    assert quarter == {"Americas": Decimal("35383000000"), "Europe": Decimal("20205000000"),
                       "Greater China": Decimal("15758000000"), "Japan": Decimal("4821000000"),
                       "Rest of Asia Pacific": Decimal("5630000000")}
    assert sum(quarter.values()) == Decimal("81797000000")
    assert len(ties) == 4 and all(t.passed for t in ties)
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([f.citation for f in facts]))


def test_amazon_segments_in_both_layouts_of_its_notes() -> None:
    facts, _ = _read("AMAZON_2022_10K.pdf")
    aws = {(f.concept, f.period.end.year): f.value for f in facts if f.member == "AWS"}
    assert aws[("Revenues", 2022)] == Decimal("80096000000")
    assert aws[("OperatingIncomeLoss", 2022)] == Decimal("22841000000")


def test_segments_that_do_not_add_up_are_dropped() -> None:
    facts, ties = _read("APPLE_2023Q3_10Q.pdf", consolidated_change=Decimal("5000000000"))
    assert facts == [] and ties == []
