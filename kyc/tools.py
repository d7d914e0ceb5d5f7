"""KYC's tool for Claude agents (`finagents mcp`): `screen_names`, the screening engine of
`finagents screen` on one or many parties, each hit with its per-field breakdown and its
citation in the list, and the list versions screened against."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from kyc.screening.engine import Hit, Query, Screener
from kyc.screening.lists import lists_in_force
from kyc.screening.records import ScreeningList
from kyc.screening.store import read_version, versions
from shared.errors import InputError
from shared.mcp.tool import Answer, Arguments, Tool, ToolContext


class Party(Arguments):
    name: str = Field(description="The name as written, in any script.")
    type: Literal["individual", "entity"] | None = Field(None, description="A person, or a company or other body.")
    dob: str | None = Field(None, description="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")
    country: str | None = Field(None, description="ISO 3166 code (GB, GBR) or the country's name in English.")
    id: str | None = Field(None, description="Your own id for the party, repeated in its result.")


class ScreenArguments(Arguments):
    parties: list[Party] = Field(min_length=1, description="The parties to screen.")
    threshold: Decimal = Field(Decimal("85"), ge=0, le=100, description="Lowest score reported, 0 to 100.")
    lists: list[str] | None = Field(
        None, description="Stored list versions to screen against, as `ofac-sdn/2026-01-06-c979577ac815` "
                          "(default: the newest version of each list, the lists in force).")


class ListVersion(Answer):
    name: str
    version: str
    date: str
    date_origin: str = Field(description="published (in the file), last_modified (the server's) or declared.")
    sha256: str
    entries: int


class Screened(Answer):
    query: dict[str, str]
    hits: list[dict[str, Any]] = Field(description="Best first: id, list, entry_id, matched_name, score, breakdown "
                                                   "{field: {score, weight, query, listed}}, citation.")


class Screening(Answer):
    results: list[Screened]
    lists: list[ListVersion]
    threshold: Decimal


def screen_names(arguments: ScreenArguments, context: ToolContext) -> Screening:
    queries = [_query(n, party) for n, party in enumerate(arguments.parties)]  # all checked before any list is read
    lists = _lists(arguments.lists, context)
    screener = Screener(lists, threshold=arguments.threshold)
    results = [Screened(query=q.to_json(), hits=[_hit(h) for h in screener.screen(q)]) for q in queries]
    return Screening(results=results, lists=[_version(item) for item in lists], threshold=arguments.threshold)


def _query(number: int, party: Party) -> Query:
    try:
        return Query(party.name, type=party.type, dob=party.dob, country=party.country, id=party.id)
    except ValueError as error:
        raise InputError(f"parties[{number}]", str(error)) from None


def _lists(labels: Sequence[str] | None, context: ToolContext) -> tuple[ScreeningList, ...]:
    root = context.engagement.root
    if labels is None:
        return lists_in_force(root)
    stored = {version.label: version for version in versions(root)}
    unknown = [label for label in labels if label not in stored]
    if unknown:
        raise InputError(unknown[0], f"is not a stored list version (stored: {', '.join(sorted(stored)) or 'none'})")
    return tuple(read_version(stored[label].folder) for label in labels)


def _hit(hit: Hit) -> dict[str, Any]:
    return {**hit.to_json(), "citation": hit.citation.model_dump(mode="json")}


def _version(item: ScreeningList) -> ListVersion:
    return ListVersion(name=item.name, version=item.source.split(": ", 1)[0], date=item.date,
                       date_origin=item.date_origin, sha256=item.sha256, entries=len(item.entries))


def tools() -> tuple[Tool, ...]:
    return (Tool(
        name="screen_names",
        arguments=ScreenArguments,
        result=Screening,
        call=screen_names,
        servers=("screening",),
    ),)
