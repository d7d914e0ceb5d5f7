"""The risk rating and the recommendation, by the firm's rule grid (engagement config).

Every rule that fires is recorded with its id and the facts that made it fire, so the
reviewer sees why a case is high risk, not just that it is. The recommendation is the
workflow's advice to the reviewer; the decision is always the reviewer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kyc.context import Context
from kyc.ownership import Structure
from kyc.parties import Party
from kyc.screening_step import ScreeningHit
from shared.findings import Finding

Level = Literal["medium", "high"]
Rating = Literal["low", "medium", "high"]
Recommendation = Literal["clear", "request_documents", "escalate_edd", "recommend_decline"]
DOCUMENT_GAPS = frozenset({"missing_document", "document_expired", "document_stale", "name_mismatch",
                           "registration_number_mismatch", "address_mismatch", "date_of_birth_mismatch",
                           "mrz_invalid", "incorporation_date_mismatch", "shareholding_mismatch", "date_unreadable"})
# The rule that answers for each kind of error finding; any other error is R-ERRORS.
ERROR_RULES = {**dict.fromkeys(DOCUMENT_GAPS, "R-DOCUMENTS"), "ownership_cycle": "R-CIRCULAR",
               "ownership_over_100": "R-OWNERSHIP-OVER-100", "document_instructs_reader": "R-DOCUMENT-INSTRUCTIONS"}


class RuleFired(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    level: Level
    detail: str


class RiskAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    rating: Rating
    rules: tuple[RuleFired, ...]
    recommendation: Recommendation
    recommendation_rules: tuple[str, ...]
    reason: str


def assess(customer_type: str, industry: str, country: str | None, parties: Sequence[Party], structure: Structure,
           hits: Sequence[ScreeningHit], findings: Sequence[Finding], settings: Context) -> RiskAssessment:
    rules = [*_party_rules(customer_type, industry, country, parties, settings),
             *_structure_rules(structure, settings), *_evidence_rules(hits, findings)]
    rating = _rating(rules, settings.risk.medium_factors_for_high)
    recommendation, fired, reason = _recommend(rating, rules, hits, settings.certain_score, findings)
    return RiskAssessment(rating=rating, rules=tuple(rules), recommendation=recommendation,
                          recommendation_rules=fired, reason=reason)


def _party_rules(customer_type: str, industry: str, country: str | None, parties: Sequence[Party],
                 settings: Context) -> Iterable[RuleFired]:
    grid = settings.risk
    countries = {p.country for p in parties if p.country} | ({country} if country else set())
    for level, listed in (("high", grid.high_risk_countries), ("medium", grid.medium_risk_countries)):
        hit = sorted(countries & set(listed))
        if hit:
            yield RuleFired(id=f"R-COUNTRY-{level.upper()}", level=level,
                            detail=f"connected to {level}-risk jurisdiction(s): {', '.join(hit)}")
    for level, listed in (("high", grid.high_risk_industries), ("medium", grid.medium_risk_industries)):
        if industry in listed:
            yield RuleFired(id=f"R-INDUSTRY-{level.upper()}", level=level,
                            detail=f"industry {industry} is {level} risk")
    if customer_type in grid.medium_risk_customer_types:
        yield RuleFired(id="R-CUSTOMER-TYPE", level="medium", detail=f"customer type {customer_type}")
    peps = [p.name for p in parties if p.pep]
    if peps:
        yield RuleFired(id="R-PEP", level="high", detail=f"politically exposed: {', '.join(peps)}")


def _structure_rules(structure: Structure, settings: Context) -> Iterable[RuleFired]:
    grid, score = settings.risk, structure.opacity_score
    reasons = "; ".join(f.detail for f in structure.opacity)
    if structure.cycles:
        yield RuleFired(id="R-CIRCULAR", level="high", detail=f"{len(structure.cycles)} circular holding(s)")
    if score >= grid.opacity_high:
        yield RuleFired(id="R-OPACITY-HIGH", level="high", detail=f"opacity score {score}: {reasons}")
    elif score >= grid.opacity_medium:
        yield RuleFired(id="R-OPACITY-MEDIUM", level="medium", detail=f"opacity score {score}: {reasons}")
    if structure.over_allocated:
        names = ", ".join(f"{name} ({total}%)" for name, total in structure.over_allocated)
        yield RuleFired(id="R-OWNERSHIP-OVER-100", level="medium", detail=f"holdings over 100% in {names}")


def _evidence_rules(hits: Sequence[ScreeningHit], findings: Sequence[Finding]) -> Iterable[RuleFired]:
    if hits:
        names = ", ".join(sorted({h.party_name for h in hits}))
        yield RuleFired(id="R-SANCTIONS", level="high", detail=f"{len(hits)} possible sanctions hit(s) for {names}")
    gaps = sorted({f.code for f in findings if f.code in DOCUMENT_GAPS})
    if gaps:
        yield RuleFired(id="R-DOCUMENTS", level="medium", detail=f"document problems: {', '.join(gaps)}")
    # Each is made by `finding`, which always names the document as its subject.
    instructing = sorted({f.subject for f in findings if f.code == "document_instructs_reader" and f.subject})
    if instructing:
        # A document written to steer whoever reviews it is a sign of a manipulated packet.
        yield RuleFired(id="R-DOCUMENT-INSTRUCTIONS", level="high",
                        detail=f"documents that instruct their reader: {', '.join(instructing)}")
    others = sorted({f.code for f in findings if f.severity == "error" and f.code not in ERROR_RULES})
    if others:
        yield RuleFired(id="R-ERRORS", level="medium", detail=f"error findings: {', '.join(others)}")


def _rating(rules: Sequence[RuleFired], medium_for_high: int) -> Rating:
    if any(r.level == "high" for r in rules):
        return "high"
    mediums = sum(1 for r in rules if r.level == "medium")
    if mediums >= medium_for_high:
        return "high"
    return "medium" if mediums else "low"


def _recommend(rating: Rating, rules: Sequence[RuleFired], hits: Sequence[ScreeningHit], certain: Decimal,
               findings: Sequence[Finding]) -> tuple[Recommendation, tuple[str, ...], str]:
    ids = tuple(r.id for r in rules)
    sure = [h for h in hits if h.is_certain(certain)]
    if sure:
        names = ", ".join(sorted({h.party_name for h in sure}))
        return "recommend_decline", ("REC-DECLINE", "R-SANCTIONS"), f"a sanctions hit at or above {certain} with " \
            f"corroborating details for {names}"
    if rating == "high":
        drivers = [r.id for r in rules if r.level == "high"] or [r.id for r in rules]
        return "escalate_edd", ("REC-EDD", *drivers), "high risk: enhanced due diligence before onboarding"
    if "R-DOCUMENTS" in ids:
        return "request_documents", ("REC-DOCUMENTS", "R-DOCUMENTS"), "documents are missing, expired or disagree"
    errors = sorted({f.code for f in findings if f.severity == "error"})
    if errors:
        # Never clear while an error stands, whichever rule grid the firm set.
        answering = tuple(dict.fromkeys(ERROR_RULES.get(code, "R-ERRORS") for code in errors))
        return "request_documents", ("REC-ERRORS", *answering), \
            f"error findings stand ({', '.join(errors)}): resolve them before the case can be cleared"
    return "clear", ("REC-CLEAR",), f"{rating} risk with a complete, consistent packet and no screening hits"
