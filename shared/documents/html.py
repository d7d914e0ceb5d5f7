"""HTML documents, inline XBRL (iXBRL) filings included, read with lxml.

An iXBRL filing is XHTML: XML with namespaces (`ix:nonFraction`), so a file that starts
with an XML declaration is parsed as XML, in recover mode so one bad tag does not lose
the filing. Anything else goes through lxml's forgiving HTML parser. Entities are not
resolved and nothing is fetched from the network: the file is untrusted input.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path
from typing import Any, ClassVar

from shared.documents.base import read_bytes
from shared.documents.citation import HtmlCitation
from shared.documents.decoding import decode_text, reject_binary
from shared.documents.errors import DocumentError, EmptyFile

_DECLARED_CHARSET = re.compile(rb"<\?xml[^>]*encoding=|<meta[^>]*charset", re.I)


def open_html(path: str | Path, *, encoding: str = "utf-8") -> HtmlDocument:
    """Read the file now (so `sha256` is of the bytes parsed); parse on first use.

    `encoding` applies only when the file declares none (no XML declaration encoding,
    no meta charset).
    """
    data = read_bytes(path)
    declared = _DECLARED_CHARSET.search(data[:4096]) is not None
    if declared:
        reject_binary(path, data, expected="an HTML file")
    else:
        # Decoding is only a check here: it turns bad bytes into a clear EncodingProblem.
        decode_text(path, data, encoding, expected="an HTML file")
    if not data.strip():
        raise EmptyFile(path)
    sha256 = hashlib.sha256(data).hexdigest()
    return HtmlDocument(Path(path), sha256, data, None if declared else encoding)


class HtmlDocument:
    kind: ClassVar[str] = "html"

    def __init__(self, path: Path, sha256: str, data: bytes, encoding: str | None) -> None:
        self.path = path
        self.sha256 = sha256
        self._data: bytes | None = data
        self._encoding = encoding
        self._root: Any = None
        self._ids: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"HtmlDocument({str(self.path)!r})"

    @property
    def root(self) -> Any:
        """The lxml root element, parsed on first use."""
        return self._tree()[0]

    def element(self, element_id: str) -> Any | None:
        """The element with this id attribute, or None."""
        return self._tree()[1].get(element_id)

    def element_text(self, element_id: str) -> str | None:
        """Text content of the element with this id, whitespace collapsed; None if absent."""
        element = self.element(element_id)
        return None if element is None else collapse(element.xpath("string()"))

    def xpath_text(self, xpath: str) -> str | None:
        """Text of the first node an XPath selects, whitespace collapsed; None if none."""
        from lxml import etree  # noqa: PLC0415 (lxml stays out of `import shared.documents`, which every citation loads)

        try:
            # getpath() writes the document's own prefixes (ix:nonFraction); declare them.
            prefixes = {prefix: uri for prefix, uri in self.root.nsmap.items() if prefix}
            found = self.root.xpath(xpath, namespaces=prefixes)
        except etree.XPathError as exc:
            raise DocumentError(self.path, f"cannot use the XPath {xpath!r}: {exc}") from exc
        if isinstance(found, list):
            if not found:
                return None
            found = found[0]
        return collapse(found.xpath("string()") if hasattr(found, "xpath") else str(found))

    def xpath_of(self, element: Any) -> str:
        """An XPath that finds `element` again in this document: the readable one with the
        document's own prefixes where it resolves, else element positions (a file read as
        plain HTML keeps "ix:nonfraction" as a tag name, which no XPath prefix can match)."""
        from lxml import etree  # noqa: PLC0415 (lxml stays out of `import shared.documents`, which every citation loads)

        readable = str(self.root.getroottree().getpath(element))
        try:
            if self.root.xpath(readable, namespaces={k: v for k, v in self.root.nsmap.items() if k}):
                return readable
        except etree.XPathError:
            pass
        return _positional_path(element)

    def _tree(self) -> tuple[Any, dict[str, Any]]:
        """The root and the id index, built together the first time either is needed."""
        if self._root is None:
            self._root = _parse(self.path, self._data or b"", self._encoding)
            self._ids = _index_ids(self._root)
            self._data = None  # the tree holds everything needed from here on
        return self._root, self._ids

    def cite(self, element_id: str, text: str) -> HtmlCitation:
        if self.element(element_id) is None:
            raise DocumentError(self.path, f"has no element with id '{element_id}'")
        return HtmlCitation(
            doc_sha256=self.sha256, path=str(self.path), text=text, element_id=element_id
        )

    def cite_xpath(self, xpath: str, text: str) -> HtmlCitation:
        if self.xpath_text(xpath) is None:
            raise DocumentError(self.path, f"has nothing at XPath {xpath!r}")
        return HtmlCitation(doc_sha256=self.sha256, path=str(self.path), text=text, xpath=xpath)


def _positional_path(element: Any) -> str:
    steps = []
    while element.getparent() is not None:
        parent = element.getparent()
        siblings = [child for child in parent if isinstance(child.tag, str)]
        steps.append(f"*[{siblings.index(element) + 1}]")
        element = parent
    return "/*" + "".join(f"/{step}" for step in reversed(steps))


def collapse(text: str) -> str:
    return " ".join(text.split())


def _parse(path: Path, data: bytes, encoding: str | None) -> Any:
    from lxml import etree  # noqa: PLC0415 (lxml stays out of `import shared.documents`, which every citation loads)

    if data.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"<?xml"):
        parser: Any = etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, huge_tree=True
        )
    else:
        parser = etree.HTMLParser(encoding=encoding, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.LxmlError as exc:
        raise DocumentError(path, f"cannot be parsed as HTML: {exc}") from exc
    if root is None:
        raise DocumentError(path, "cannot be parsed as HTML")
    return root


def _index_ids(root: Any) -> dict[str, Any]:
    """id -> element; when an id repeats (invalid, but seen), the first one wins."""
    ids: dict[str, Any] = {}
    for element in root.xpath("//*[@id]"):
        ids.setdefault(element.get("id"), element)
    return ids
