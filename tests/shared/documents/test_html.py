"""HTML and inline XBRL documents: text by element id or XPath, and their citations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.documents import DocumentError, HtmlDocument, open_html
from tests.shared.documents.conftest import AAPL_IXBRL
from tests.support.corpus import skip_without_corpus


@pytest.fixture(scope="module")
def aapl() -> Iterator[HtmlDocument]:
    skip_without_corpus()
    yield open_html(AAPL_IXBRL)


def test_ixbrl_fact_text_by_id(aapl: HtmlDocument) -> None:
    # f-54: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax, scale 6
    element = aapl.element("f-54")
    assert element is not None
    assert element.tag == "{http://www.xbrl.org/2013/inlineXBRL}nonFraction"
    assert element.get("name") == "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"
    assert aapl.element_text("f-54") == "68,714"
    assert aapl.element_text("f-52").startswith("0000320193")
    assert aapl.element_text("no-such-id") is None


def test_ixbrl_citation_verifies(aapl: HtmlDocument) -> None:
    citation = aapl.cite("f-54", "68,714")
    assert citation.kind == "html" and citation.element_id == "f-54"
    assert citation.verify()
    wrong = citation.model_copy(update={"text": "68,715"})
    result = wrong.verify()
    assert not result
    assert result.reason == "text not found at element id 'f-54': found '68,714'"


def test_xpath_citation(aapl: HtmlDocument) -> None:
    xpath = aapl.xpath_of(aapl.element("f-55"))
    assert aapl.xpath_text(xpath) == "66,886"
    citation = aapl.cite_xpath(xpath, "66,886")
    assert citation.element_id is None and citation.verify()


def test_citing_a_missing_element_fails(aapl: HtmlDocument) -> None:
    with pytest.raises(DocumentError, match=r"has no element with id 'nope'$"):
        aapl.cite("nope", "1")


def test_plain_html_with_entities_and_nested_markup(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text(
        "<html><body><p>intro<br>"
        '<td id="rev">Revenue:&nbsp;<b>1,234</b>\n  million</td></body></html>'
    )
    document = open_html(target)
    assert document.element_text("rev") == "Revenue: 1,234 million"
    assert document.cite("rev", "1,234 million").verify()


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    target = tmp_path / "latin.htm"
    target.write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head>'
        b'<body><p id="n">Soci\xe9t\xe9 G\xe9n\xe9rale</p></body></html>'
    )
    assert open_html(target).element_text("n") == "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"


def test_undeclared_charset_defaults_to_utf8(tmp_path: Path) -> None:
    target = tmp_path / "utf8.html"
    target.write_bytes('<p id="n">Z\u00fcrich \u2013 AG</p>'.encode())
    assert open_html(target).element_text("n") == "Z\u00fcrich \u2013 AG"


def test_an_id_less_inline_tag_in_plain_html_can_be_cited(tmp_path) -> None:
    from shared.documents import open_html

    page = tmp_path / "filing.htm"
    page.write_text('<html><body><p>Revenue <ix:nonFraction name="us-gaap:Revenues">1,234</ix:nonFraction></p>'
                    "</body></html>")
    document = open_html(page)
    (element,) = document.root.xpath("//*[local-name()='nonfraction' or local-name()='ix:nonfraction']")
    citation = document.cite_xpath(document.xpath_of(element), "1,234")
    assert citation.verify().ok
