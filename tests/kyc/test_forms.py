"""A filled PDF application form (the individual_w9 case, built at test time from the
corpus's blank IRS W-9): what the form's widgets hold, each value cited to its widget, and
what a W-9 does not ask for taken from `application_extra.json`, cited to its lines.
Without the corpus it skips with the line naming FINAGENTS_CORPUS."""

from __future__ import annotations

from kyc.forms import read_form_values
from shared.documents import CitationVerifier, PdfCitation, sha256_file
from tests.kyc.generated import w9_case_dir
from tests.support.corpus import needs_corpus


@needs_corpus
def test_a_filled_w9_gives_its_values_each_cited_to_its_widget_or_its_extra_line() -> None:
    form = w9_case_dir() / "application.pdf"
    values, sha256, cited = read_form_values(form)
    assert values == {"date": "2026-10-01", "date_of_birth": "1982-09-05", "industry": "consulting",
                      "nationality": "US", "occupation": "bookkeeper", "customer_type": "individual",
                      "legal_name": "Rebecca Lynn Thornton",
                      "residential_address": "2417 Alder Creek Road, Boise, ID 83702", "tax_id": "987-65-4321"}
    assert sha256 == sha256_file(form)
    widgets = {key: (c.page, c.text) for key, c in cited.items() if isinstance(c, PdfCitation)}
    assert widgets == {"legal_name": (1, "Rebecca Lynn Thornton"),
                       "residential_address": (1, "2417 Alder Creek Road Boise, ID 83702"),
                       "tax_id": (1, "987 65 4321")}
    assert sorted(set(cited) - set(widgets)) == ["date", "date_of_birth", "industry", "nationality", "occupation"]
    with CitationVerifier() as verifier:
        checked = verifier.verify_all(list(cited.values()))
    assert [key for key, ok in zip(cited, checked, strict=True) if not ok] == []
