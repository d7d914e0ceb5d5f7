"""Citations by reference and bulk lists as tables (shared.documents.refs,
shared.runs.tables, shared.runs.result_file): what a large result.json writes, and that
every reader gets back exactly the citations CONTRACT.md describes, key for key and in
order, whatever the kind of document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.documents.citation import (
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
    parse_citation,
)
from shared.documents.refs import DocumentRefs, UnknownDocument, cite_by_reference, expand_citations, expanded_if_cited
from shared.runs.result import RunResult
from shared.runs.result_file import LARGE, compact_body, expand_body, read_result, result_text
from shared.runs.tables import from_table, to_table

SHA_A, SHA_B = "a" * 64, "b" * 64
EVERY_KIND = (
    PdfCitation(doc_sha256=SHA_A, path="statements/june.pdf", text="1,234.56", page=2, bbox=(10, 20.5, 80, 31)),
    HtmlCitation(doc_sha256=SHA_B, path="filing.htm", text="Revenue", element_id="f-12"),
    HtmlCitation(doc_sha256=SHA_B, path="filing.htm", text="Cost", xpath="//table[2]/tr[3]/td[2]"),
    CsvCitation(doc_sha256=SHA_A, path="bank.csv", text="-25.50", row=7, column="amount"),
    TextCitation(doc_sha256=SHA_B, path="notes.txt", text="net 30", line=4),
    Mt940Citation(doc_sha256=SHA_A, path="june.sta", text="C250,00", record=3, lines=(12, 14)),
    OfxCitation(doc_sha256=SHA_B, path="june.ofx", text="-9.99", record=5, lines=(40, 48)),
    ListCitation(doc_sha256=SHA_A, path="lists/sdn.csv", text="DOE, John", list_name="ofac-sdn", entry_id="123"),
)


def dumped(value) -> str:
    """Exact JSON text: equal only with the same keys, order, types and values."""
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("citation", EVERY_KIND, ids=lambda c: f"{c.kind}-{c.path}")
def test_a_citation_by_reference_expands_to_the_contract_citation_key_for_key(citation):
    full = citation.model_dump(mode="json")
    refs = DocumentRefs()
    by_ref = refs.by_reference(full)
    assert "path" not in by_ref and "doc_sha256" not in by_ref and by_ref["doc"] == "d1"
    assert by_ref["kind"] == citation.kind and by_ref["text"] == citation.text
    assert refs.entries() == [
        {"ref": "d1", "kind": citation.kind, "path": citation.path, "sha256": citation.doc_sha256}]
    documents = refs.entries()
    back = expand_citations(by_ref, {"d1": documents[0]})
    assert dumped(back) == dumped(full)
    assert parse_citation(by_ref, documents) == citation


def test_each_document_is_listed_once_and_refs_follow_first_use():
    refs = DocumentRefs()
    cited = cite_by_reference({"a": [c.model_dump(mode="json") for c in EVERY_KIND * 2]}, refs)
    assert [c["doc"] for c in cited["a"][:8]] == ["d1", "d2", "d2", "d3", "d4", "d5", "d6", "d7"]
    assert [c["doc"] for c in cited["a"][8:]] == [c["doc"] for c in cited["a"][:8]]
    assert len(refs.entries()) == 7  # filing.htm's two html citations share one document


def test_a_reference_the_documents_list_lacks_is_an_error_naming_it():
    by_ref = {"kind": "csv", "text": "1.00", "row": 1, "column": "amount", "doc": "d9"}
    with pytest.raises(UnknownDocument, match="'d9'"):
        parse_citation(by_ref, [{"ref": "d1", "kind": "csv", "path": "bank.csv", "sha256": SHA_A}])
    with pytest.raises(UnknownDocument, match="a csv citation names document 'd1', a pdf document"):
        parse_citation({**by_ref, "doc": "d1"}, [{"ref": "d1", "kind": "pdf", "path": "x.pdf", "sha256": SHA_A}])


# -- tables ---------------------------------------------------------------------------------


def awkward_records() -> list[dict]:
    """Records a table must give back exactly: two shapes (a balance or none), a field
    equal to another (the citation's text), 1 / 1.0 / true in one column, None beside
    text, lists, an empty record, and keys in another order."""
    records = []
    for i in range(1, 41):
        amount = f"{i}.00"
        line = {"id": f"B{i:03}", "date": f"2024-03-{i % 28 + 1:02}", "amount": amount,
                "citation": CsvCitation(doc_sha256=SHA_A, path="bank.csv", text=amount, row=i,
                                        column="amount").model_dump(mode="json"),
                "balance": None, "flag": [1, 1.0, True][i % 3], "reference": None if i % 2 else f"R{i}",
                "ids": [f"L{i}"], "extra": {}}
        if i % 4 == 0:
            line["balance"] = {"value": f"{100 + i}.00", "citation": {**line["citation"], "text": f"{100 + i}.00",
                                                                       "column": "balance"}}
        records.append(line)
    records[5]["citation"]["text"] = "6.0"  # printed otherwise: no longer always the amount
    records.append({"amount": "9.99", "id": "B999"})
    return records


def test_a_table_gives_back_exactly_the_records_it_was_given():
    records = awkward_records()
    table = json.loads(json.dumps(to_table(records)))  # as it is read back from the file
    assert dumped(from_table(table)) == dumped(records)
    assert len(table["shapes"]) == 3 and [row[0] for row in table["rows"][:4]] == [0, 0, 0, 1]


def test_a_table_writes_once_what_is_the_same_in_every_record():
    records = [{"id": f"L{i}", "date": "2024-03-01", "amount": f"{i}.00", "reason": ("same date", "two days")[i % 2],
                "citation": {"kind": "csv", "text": f"{i}.00", "column": "amount"}} for i in range(100)]
    table = to_table(records)
    fields = {".".join(f["path"]): f for f in table["shapes"][0]}
    assert fields["date"] == {"path": ["date"], "value": "2024-03-01"}
    assert fields["citation.text"] == {"path": ["citation", "text"], "same_as": 2}
    assert fields["reason"] == {"path": ["reason"], "values": ["same date", "two days"]}
    assert table["rows"][3] == (0, "L3", "3.00", 1)
    assert dumped(from_table(table)) == dumped(records)


def test_the_swap_cites_by_reference_inside_the_records_and_expands_them_back():
    records = awkward_records()
    refs = DocumentRefs()
    table = to_table(records, refs.swap)
    assert "doc_sha256" not in json.dumps(table) and "bank.csv" not in json.dumps(table)
    documents = {e["ref"]: e for e in refs.entries()}
    back = from_table(json.loads(json.dumps(table)), lambda c: expanded_if_cited(c, documents))
    assert dumped(back) == dumped(records)


# -- result.json ----------------------------------------------------------------------------

BULK = (("lines",), ("reconciliation", "matches"), ("missing",))


def large_body(lines: int) -> dict:
    def line(i: int) -> dict:
        sha, path = (SHA_A, "bank.csv") if i % 3 else (SHA_B, "second.csv")
        cited = CsvCitation(doc_sha256=sha, path=path, text=f"{i}.50", row=i, column="amount")
        return {"id": f"B{i}", "amount": f"{i}.50", "citation": cited.model_dump(mode="json")}

    printed = PdfCitation(doc_sha256=SHA_A, path="june.pdf", text="1.00", page=1, bbox=(0, 0, 1, 1))
    return {"statement": {"opening": {"value": "1.00", "citation": printed.model_dump(mode="json")}},
            "lines": [line(i) for i in range(1, lines + 1)],
            "reconciliation": {"matches": [{"bank_ids": [f"B{i}"], "kind": "exact"} for i in range(1, 50)],
                               "statement": {"difference": "0.00"}},
            "flux": []}


def result_of(body: dict) -> RunResult:
    return RunResult(run_id="r1", workflow="month_end_close", status="awaiting_review", method="offline", body=body)


def test_a_large_body_is_written_by_reference_and_read_back_exactly(tmp_path: Path):
    body = large_body(LARGE)
    result = result_of(body)
    text = result_text(result, result.model_dump(mode="json"), BULK)
    written = json.loads(text)["body"]
    assert written["documents"] == [
        {"ref": "d1", "kind": "csv", "path": "bank.csv", "sha256": SHA_A},
        {"ref": "d2", "kind": "csv", "path": "second.csv", "sha256": SHA_B},
        {"ref": "d3", "kind": "pdf", "path": "june.pdf", "sha256": SHA_A}]
    assert written["tables"] == [["lines"], ["reconciliation", "matches"]]
    assert written["statement"]["opening"]["citation"]["doc"] == "d3"
    assert text.count(SHA_A) == 2  # once for each document that has it, in the documents list
    (tmp_path / "result.json").write_text(text, encoding="utf-8")
    assert dumped(read_result(tmp_path / "result.json")) == dumped(result.model_dump(mode="json"))


def test_each_table_row_is_a_line_of_its_own():
    result = result_of(large_body(LARGE))
    lines = result_text(result, result.model_dump(mode="json"), BULK).splitlines()
    # id, amount (the citation's text is the same), row, document (an index into d1, d2)
    assert lines[lines.index('[0,"B1","1.50",1,0],') + 2] == '[0,"B3","3.50",3,1],'
    assert '[0,["B7"]],' in lines  # a match's kind is "exact" in every row: written once


def test_a_small_body_keeps_the_plain_form_byte_for_byte():
    result = result_of(large_body(LARGE - 100))
    assert result_text(result, result.model_dump(mode="json"), BULK) == result.model_dump_json(indent=2) + "\n"
    plain = result.model_dump(mode="json")["body"]
    assert expand_body(plain) is plain


def test_a_body_field_named_documents_without_refs_is_left_alone():
    kyc_like = {"documents": [{"kind": "identity", "path": "passport.pdf"}], "parties": []}
    assert expand_body(kyc_like) is kyc_like
    with pytest.raises(ValueError, match="cannot have its own 'documents'"):
        compact_body({**kyc_like, "lines": []}, BULK)


def test_a_result_whose_tables_do_not_hold_together_is_refused_naming_the_file(tmp_path: Path):
    result = result_of(large_body(LARGE))
    data = json.loads(result_text(result, result.model_dump(mode="json"), BULK))
    data["body"]["lines"]["rows"][3] = [7, "B4"]  # a shape the table does not have
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"result\.json: its body cannot be expanded"):
        read_result(path)
