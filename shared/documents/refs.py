"""Citations by reference (CONTRACT.md, "Citations"): a large result names each cited
document once, in a `documents` list `[{ref, kind, path, sha256}]`, and each citation
carries `doc: ref` in place of `path` and `doc_sha256`.

Both forms are plain JSON-ready dicts here, as result.json holds them. `expanded` gives
back exactly the citation the contract describes, key for key and in the same order, so
a reader (or `verify()`) never sees the difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# The keys every full citation has, in the order a citation is dumped.
HEAD = ("kind", "doc_sha256", "path")
KINDS = frozenset({"pdf", "html", "csv", "text", "mt940", "ofx", "list"})


class UnknownDocument(ValueError):
    """A citation names a `doc` that the body's documents list does not hold."""


def is_full_citation(value: Any) -> bool:
    return (isinstance(value, dict) and value.get("kind") in KINDS and "doc_sha256" in value
            and "path" in value and "text" in value and "doc" not in value)


def is_cited_by_reference(value: Any) -> bool:
    return isinstance(value, dict) and value.get("kind") in KINDS and "doc" in value and "path" not in value


class DocumentRefs:
    """The documents list a result is building: one ref per (kind, path, sha256), in
    the order first cited, so the same run always writes the same refs."""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, str, str], str] = {}

    def ref(self, kind: str, path: str, sha256: str) -> str:
        key = (kind, path, sha256)
        if key not in self._refs:
            self._refs[key] = f"d{len(self._refs) + 1}"
        return self._refs[key]

    def by_reference(self, citation: Mapping[str, Any]) -> dict[str, Any]:
        """The citation with `doc` in place of `path` and `doc_sha256` (last: the
        contract sets no order, and `expanded` restores the dumped one)."""
        cited = dict(citation)
        cited["doc"] = self.ref(cited["kind"], cited.pop("path"), cited.pop("doc_sha256"))
        return cited

    def swap(self, value: dict[str, Any]) -> dict[str, Any] | None:
        """For `shared.runs.tables`: a full citation by reference, anything else kept.
        Called on every record of a large result, so what has no `doc_sha256` (most
        records) is let through on one test."""
        return self.by_reference(value) if "doc_sha256" in value and is_full_citation(value) else None

    def entries(self) -> list[dict[str, str]]:
        return [{"ref": ref, "kind": kind, "path": path, "sha256": sha256}
                for (kind, path, sha256), ref in self._refs.items()]


def documents_by_ref(entries: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {entry["ref"]: entry for entry in entries}


def is_documents_list(value: Any) -> bool:
    """The contract's documents list, as opposed to a body field that happens to be
    called `documents` (a KYC body lists the case's documents, with no refs)."""
    return (isinstance(value, list) and bool(value)
            and all(isinstance(entry, dict) and set(entry) == {"ref", "kind", "path", "sha256"} for entry in value))


def expanded(citation: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The full citation: `doc` replaced by the document's `doc_sha256` and `path`."""
    ref = citation["doc"]
    if ref not in documents:
        raise UnknownDocument(f"a citation names document {ref!r}, which the documents list does not hold")
    document = documents[ref]
    if document["kind"] != citation["kind"]:
        raise UnknownDocument(f"a {citation['kind']} citation names document {ref!r}, a {document['kind']} document")
    rest = {k: v for k, v in citation.items() if k not in ("kind", "doc")}
    return {"kind": citation["kind"], "doc_sha256": document["sha256"], "path": document["path"], **rest}


def expanded_if_cited(value: dict[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """For `shared.runs.tables`: a citation by reference expanded, anything else kept."""
    return expanded(value, documents) if is_cited_by_reference(value) else None


def cite_by_reference(value: Any, refs: DocumentRefs) -> Any:
    """A copy of `value` with every full citation in it written by reference. Only
    containers are visited (a close has millions of leaves), each once."""
    if isinstance(value, list):
        return [cite_by_reference(v, refs) if isinstance(v, (dict, list)) else v for v in value]
    if not isinstance(value, dict):
        return value
    if is_full_citation(value):
        return refs.by_reference(value)
    return {k: cite_by_reference(v, refs) if isinstance(v, (dict, list)) else v for k, v in value.items()}


def expand_citations(value: Any, documents: Mapping[str, Mapping[str, Any]]) -> Any:
    """A copy of `value` with every citation by reference in it expanded."""
    if isinstance(value, list):
        return [expand_citations(v, documents) if isinstance(v, (dict, list)) else v for v in value]
    if not isinstance(value, dict):
        return value
    if is_cited_by_reference(value):
        return expanded(value, documents)
    return {k: expand_citations(v, documents) if isinstance(v, (dict, list)) else v for k, v in value.items()}
