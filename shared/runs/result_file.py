"""result.json on disk, written compactly when it is large, and read back whole.

A workflow names the lists of its body that grow with its input (`bulk`: a close's bank
and ledger lines and its matches). When they hold `LARGE` records or more, the body is
written with citations by reference (CONTRACT.md, "Citations": a `documents` list and
`doc` in each citation) and each bulk list as a table (`shared.runs.tables`), one row a
line; the lists written so are named in the body's `tables`. Below that, result.json is
the plain form, which anyone can read without this module.

Every reader of a result.json goes through `read_result` (or `expand_body`), which gives
the plain body back exactly, so nothing downstream has two code paths.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shared.bulk import collection_paused
from shared.documents.refs import (
    DocumentRefs,
    cite_by_reference,
    documents_by_ref,
    expand_citations,
    expanded_if_cited,
    is_documents_list,
)
from shared.runs.result import RunResult
from shared.runs.tables import from_table, to_table

# Below this many records, result.json is the plain form CONTRACT.md prints (a close of a
# few thousand lines is a few megabytes); above it (a payments business's hundred
# thousand), the parsed lines are tables and long lists one item a line.
LARGE = 10_000
DOCUMENTS, TABLES = "documents", "tables"
KeyPath = Sequence[str]


def result_text(result: RunResult, document: Mapping[str, Any], bulk: Sequence[KeyPath]) -> str:
    """The text of result.json: `result` as it dumps itself, or, when its bulk lists are
    large, `document` (the same result, JSON-ready) written compactly."""
    if sum(len(_at(document["body"], path) or ()) for path in bulk) < LARGE:
        return result.model_dump_json(indent=2) + "\n"
    with collection_paused():
        return _compact_text({**document, "body": compact_body(document["body"], bulk)})


def compact_body(body: Mapping[str, Any], bulk: Sequence[KeyPath]) -> dict[str, Any]:
    if DOCUMENTS in body or TABLES in body:
        raise ValueError(f"a body written compactly cannot have its own {DOCUMENTS!r} or {TABLES!r}")
    refs = DocumentRefs()
    paths = [list(path) for path in bulk if isinstance(_at(body, path), list)]
    tables = [to_table(_at(body, path), refs.swap) for path in paths]
    compact = cite_by_reference(_without(body, paths), refs)
    for path, table in zip(paths, tables):
        compact = _replaced(compact, path, table)
    head = {DOCUMENTS: refs.entries()} if refs.entries() else {}
    return {**head, **({TABLES: paths} if paths else {}), **compact}


def expand_body(body: Any) -> Any:
    """The plain body: tables back to lists, citations by reference expanded, and the
    keys only the compact form has removed. A plain body is returned as it is."""
    if not isinstance(body, dict):
        return body
    by_reference = is_documents_list(body.get(DOCUMENTS))
    if TABLES not in body and not by_reference:
        return body
    documents = documents_by_ref(body[DOCUMENTS]) if by_reference else {}
    paths = body.get(TABLES, [])
    lists = [from_table(_at(body, path), lambda c: expanded_if_cited(c, documents)) for path in paths]
    plain = {k: v for k, v in _without(body, paths).items() if k != TABLES and not (k == DOCUMENTS and by_reference)}
    plain = expand_citations(plain, documents)
    for path, records in zip(paths, lists):
        plain = _replaced(plain, path, records)
    return plain


def read_result(path: Path) -> dict[str, Any]:
    """A result.json with its body plain; ValueError when it is not a result."""
    with collection_paused():
        data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object")
    try:
        with collection_paused():
            return {**data, "body": expand_body(data["body"])} if "body" in data else data
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: its body cannot be expanded ({error})") from error


def _compact_text(document: Mapping[str, Any]) -> str:
    """Indented like the plain form, except each table's rows and every other long list
    (a close's matches): one item a line, no spaces, the list's shape unchanged. Each
    such list is swapped for a token that no data can hold, then written in."""
    body, rows = dict(document["body"]), {}
    for path in body.get(TABLES, ()):
        token = f"rows-{uuid.uuid4().hex}"
        table = _at(body, path)
        rows[json.dumps(token)] = table["rows"]
        body = _replaced(body, path, {**table, "rows": token})
    for path in _long_lists(body):
        token = f"rows-{uuid.uuid4().hex}"
        rows[json.dumps(token)] = _at(body, path)
        body = _replaced(body, path, token)
    text = json.dumps({**document, "body": body}, indent=2, ensure_ascii=False)
    row_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for token, table_rows in rows.items():
        text = text.replace(token, "[\n" + ",\n".join(map(row_text, table_rows)) + "\n]", 1)
    return text + "\n"


def _long_lists(body: Mapping[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Key paths of the lists of `LARGE` items or more in `body`, through its mappings."""
    found = []
    for key, value in body.items():
        if isinstance(value, list) and len(value) >= LARGE:
            found.append((*path, key))
        elif isinstance(value, Mapping):
            found += _long_lists(value, (*path, key))
    return found


def _at(value: Any, path: KeyPath) -> Any:
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _without(body: Mapping[str, Any], paths: Sequence[KeyPath]) -> dict[str, Any]:
    """`body` with the lists at `paths` left out (None in their place), so a walk over
    it does not visit them; their tables or records are put back in at the end."""
    for path in paths:
        body = _replaced(body, path, None)
    return dict(body)


def _replaced(value: Mapping[str, Any], path: KeyPath, new: Any) -> dict[str, Any]:
    """A copy of `value` with the item at `path` replaced; `value` is left as it was."""
    head, *rest = path
    return {**value, head: _replaced(value[head], rest, new) if rest else new}
