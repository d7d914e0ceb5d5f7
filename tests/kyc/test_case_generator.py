"""The synthetic KYC packets in fixtures/kyc/cases/: the generator reproduces them byte for
byte, and each case holds what its scenario needs, read back the way the workflow reads
them (pdfplumber text, "Label: value" lines, the MRZ, the CSV rows). The individual_w9
case fills the corpus's blank IRS form, so it is built at test time (tests/kyc/generated.py)
and checked the same way; without the corpus its tests skip.

The checks here are written independently of the generator (their own MRZ check digit,
their own ownership arithmetic), so a bug in one is not hidden by the same bug in the other.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from kyc.screening.demo import DEMO_FILE, DEMO_NAME
from tests.kyc.generated import CASES_DIR, W9_CASE, case_dir, generator
from tests.support.corpus import corpus_path, needs_corpus

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO / "kyc" / "sample"

CASES = ("clean_company", "layered_ownership", "circular_holding", "sanctions_hit", "near_miss",
         "documents_disagree", "missing_document", "individual_w9")
COMPANY_CASES = tuple(c for c in CASES if c != "individual_w9")
COMMITTED = COMPANY_CASES
# individual_w9 is built from the corpus: its tests skip without it.
CASE_PARAMS = [pytest.param(c, marks=needs_corpus) if c == W9_CASE else c for c in CASES]
FINDINGS = {"missing_document", "document_expired", "document_stale", "name_mismatch",
            "registration_number_mismatch", "address_mismatch", "date_of_birth_mismatch",
            "ownership_over_100", "ownership_cycle", "mrz_invalid"}
PERCENT = re.compile(r"^(100|[1-9]?\d)(\.\d?[1-9])?$")  # "40", "33.33", "12.5": no trailing zeros
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
PASSPORT_LABELS = ("Type", "Issuing state", "Passport No.", "Surname", "Given names", "Nationality",
                   "Date of birth", "Sex", "Place of birth", "Date of issue", "Date of expiry")
ICAO = {"GB": "GBR", "IE": "IRL", "SY": "SYR", "US": "USA"}
APPLICATION_DATE = date(2026, 10, 1)


# -- reading a case back ------------------------------------------------------------------


@cache
def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def labelled(text: str, label: str) -> str | None:
    """The value after `label:` on the first line that starts with it."""
    for line in text.splitlines():
        if line.startswith(f"{label}: "):
            return line[len(label) + 2:]
    return None


@cache
def application(case: str) -> dict:
    folder = case_dir(case)
    if (folder / "application.yaml").is_file():
        import yaml

        return yaml.safe_load((folder / "application.yaml").read_text(encoding="utf-8"))
    if (folder / "application.pdf").is_file():
        return {"customer_type": "individual", **json.loads((folder / "application_extra.json").read_text())}
    return json.loads((folder / "application.json").read_text(encoding="utf-8"))


def expected(case: str) -> dict:
    return json.loads((case_dir(case) / ".expected.json").read_text(encoding="utf-8"))


def holdings(case: str) -> list[dict]:
    folder = case_dir(case)
    files = [f for f in ("register_of_shareholders.csv", "ownership_chart.csv") if (folder / f).is_file()]
    assert len(files) == 1, f"{case}: expected exactly one ownership file, found {files}"
    with (folder / files[0]).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["owner", "owner_type", "owned", "percent", "owner_country",
                                     "owner_date_of_birth"]
        return list(reader)


def effective(rows: list[dict], owner: str, owned: str, depth: int = 60) -> Decimal:
    """`owner`'s share of `owned` summed over every chain, a cycle followed `depth` steps
    deep (its series converges; the tail left out is far below a hundredth of a percent)."""
    if depth == 0:
        return Decimal(0)
    total = Decimal(0)
    for row in rows:
        if row["owned"] != owned:
            continue
        share = Decimal(row["percent"]) / 100
        if row["owner"] == owner:
            total += share
        elif row["owner_type"] == "entity":
            total += share * effective(rows, owner, row["owner"], depth - 1)
    return total


def has_cycle(rows: list[dict]) -> bool:
    edges: dict[str, set[str]] = {}
    for row in rows:
        edges.setdefault(row["owned"], set()).add(row["owner"])

    def visit(node: str, path: tuple[str, ...]) -> bool:
        return node in path or any(visit(up, path + (node,)) for up in edges.get(node, ()))

    return any(visit(node, ()) for node in edges)


def id_files(case: str) -> list[Path]:
    return sorted((case_dir(case)).glob("id_*.pdf"))


def id_file_for(name: str) -> str:
    parts = name.split()
    return f"id_{parts[0].lower()}_{parts[-1].lower()}.pdf"


def parse_passport_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


def parse_long_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTH_NAMES.index(month) + 1, int(day))


# -- the generator reproduces the committed files --------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generator_reproduces_committed_cases_and_the_sample_byte_for_byte(tmp_path: Path) -> None:
    written = generator().generate(tmp_path / "cases", tmp_path / "sample")
    assert written == list(COMMITTED)
    committed, fresh = tree(CASES_DIR), tree(tmp_path / "cases")
    assert sorted(fresh) == sorted(committed)
    assert [name for name in fresh if fresh[name] != committed[name]] == []
    assert tree(tmp_path / "sample") == tree(SAMPLE_DIR)


def test_sample_is_the_layered_ownership_case_with_a_readme_and_the_demo_list() -> None:
    sample = tree(SAMPLE_DIR)
    readme = sample.pop("README.md").decode()
    demo = sample.pop(DEMO_FILE).decode()
    assert sample == tree(CASES_DIR / "layered_ownership")
    assert "synthetic" in readme.lower() and "generate_cases.py" in readme
    assert "DEMO LIST - not a real sanctions" in readme
    assert f'<DEMO_LIST name="{DEMO_NAME}"' in demo and demo.count("<DATAID>DEMO-") == 8


@needs_corpus
def test_the_w9_case_is_built_from_the_corpus_form_and_never_committed() -> None:
    assert not (CASES_DIR / W9_CASE).exists()
    built = case_dir(W9_CASE)
    assert sorted(p.name for p in built.iterdir()) == [".expected.json", "application.pdf", "application_extra.json",
                                                       "id_rebecca_thornton.pdf", "proof_of_address.pdf"]


# -- every case ------------------------------------------------------------------------------


def test_there_are_exactly_the_seven_committed_cases() -> None:
    assert sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()) == sorted(COMMITTED)


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_expected_json_is_well_formed(case: str) -> None:
    result = expected(case)
    assert {"scenario", "rating", "recommendation", "findings_include", "findings_exclude",
            "beneficial_owners", "hits", "no_hits"} <= set(result)
    assert result["rating"] in ("low", "medium", "high")
    assert result["recommendation"] in ("clear", "request_documents", "escalate_edd", "recommend_decline")
    assert set(result["findings_include"]) <= FINDINGS and set(result["findings_exclude"]) <= FINDINGS
    assert not set(result["findings_include"]) & set(result["findings_exclude"])
    for owner in result["beneficial_owners"]:
        assert isinstance(owner["percent"], str) and PERCENT.match(owner["percent"]), owner
    hit_parties = {hit["party"] for hit in result["hits"]}
    assert not hit_parties & set(result["no_hits"])
    assert all(hit["list"] == "OFAC SDN" and hit["entry_id"].isdigit() for hit in result["hits"])


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_every_pdf_is_marked_synthetic(case: str) -> None:
    for path in (case_dir(case)).glob("*.pdf"):
        assert "SYNTHETIC TEST DOCUMENT" in pdf_text(path), path.name


@pytest.mark.parametrize("case", COMPANY_CASES)
def test_percentages_are_strings_and_each_company_is_fully_owned(case: str) -> None:
    app = application(case)
    assert all(isinstance(s["percent"], str) for s in app["shareholders"])
    rows = holdings(case)
    totals: dict[str, Decimal] = {}
    for row in rows:
        assert row["owner_type"] in ("individual", "entity")
        assert bool(row["owner_date_of_birth"]) == (row["owner_type"] == "individual")
        totals[row["owned"]] = totals.get(row["owned"], Decimal(0)) + Decimal(row["percent"])
    assert totals == {owned: Decimal(100) for owned in totals}
    # The application lists exactly the customer's direct holders.
    direct = {(r["owner"], r["percent"]) for r in rows if r["owned"] == app["legal_name"]}
    assert {(s["name"], s["percent"]) for s in app["shareholders"]} == direct


@pytest.mark.parametrize("case", COMPANY_CASES)
def test_certificate_reads_like_companies_house(case: str) -> None:
    app = application(case)
    text = pdf_text(case_dir(case) / "certificate_of_incorporation.pdf")
    flat = " ".join(text.split())
    number = labelled(text, "Company Number")
    if case == "documents_disagree":
        assert len(number) == len(app["registration_number"])
        assert sum(a != b for a, b in zip(number, app["registration_number"])) == 1
    else:
        assert number == app["registration_number"]
    assert (f"hereby certifies that {app['legal_name'].upper()} is this day incorporated under the "
            "Companies Act 2006 as a private company") in flat
    incorporated = date.fromisoformat(app["incorporation_date"])
    day = incorporated.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    assert (f"Given at Companies House, Cardiff, on {day}{suffix} {MONTH_NAMES[incorporated.month - 1]} "
            f"{incorporated.year}") in text.splitlines()
    assert labelled(text, "Registered office") == app["registered_address"]


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_passports_print_every_label_and_a_valid_mrz(case: str) -> None:
    files = id_files(case)
    assert files
    for path in files:
        lines = pdf_text(path).splitlines()
        assert "PASSPORT" in lines
        labels = [line.split(":")[0] for line in lines if line.split(":")[0] in PASSPORT_LABELS]
        assert labels == list(PASSPORT_LABELS), path.name
        mrz = [line for line in lines if re.fullmatch(r"[A-Z0-9<]{44}", line)]
        assert len(mrz) == 2 and mrz[0].startswith("P<"), path.name
        assert_mrz_valid(*mrz)
        assert_mrz_agrees(pdf_text(path), *mrz)


def check_digit(text: str) -> int:
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 if c.isalpha() else 0 for c in text]
    return sum(value * (7, 3, 1)[i % 3] for i, value in enumerate(values)) % 10


def assert_mrz_valid(line1: str, line2: str) -> None:
    for field, digit in ((line2[0:9], line2[9]), (line2[13:19], line2[19]), (line2[21:27], line2[27]),
                         (line2[0:10] + line2[13:20] + line2[21:43], line2[43])):
        assert int(digit) == check_digit(field), (line2, field)
    assert line2[42] == "<" and set(line2[28:42]) == {"<"}  # no personal number


def assert_mrz_agrees(text: str, line1: str, line2: str) -> None:
    """The machine-readable zone says what the printed fields say."""
    surname, given = line1[5:].split("<<", 1)
    assert surname.replace("<", " ") == labelled(text, "Surname")
    assert given.rstrip("<").replace("<", " ") == labelled(text, "Given names")
    assert line1[2:5] == labelled(text, "Issuing state") == line2[10:13]
    assert line2[0:9].rstrip("<") == labelled(text, "Passport No.")
    assert line2[13:19] == parse_passport_date(labelled(text, "Date of birth")).strftime("%y%m%d")
    assert line2[20] == labelled(text, "Sex")
    assert line2[21:27] == parse_passport_date(labelled(text, "Date of expiry")).strftime("%y%m%d")
    issued = parse_passport_date(labelled(text, "Date of issue"))
    assert parse_passport_date(labelled(text, "Date of expiry")) == issued.replace(year=issued.year + 10)


def people(case: str) -> dict[str, dict]:
    """Every individual the packet names: name -> date of birth and nationality."""
    app = application(case)
    if app["customer_type"] == "individual":
        return {individual_name(case): {"date_of_birth": app["date_of_birth"], "nationality": app["nationality"]}}
    found = {o["name"]: o for o in app["officers"]}
    for row in holdings(case):
        if row["owner_type"] == "individual":
            found.setdefault(row["owner"], {"date_of_birth": row["owner_date_of_birth"],
                                            "nationality": row["owner_country"]})
    return found


def individual_name(case: str) -> str:
    return expected(case)["w9_fields"]["topmostSubform[0].Page1[0].f1_1[0]"]


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_identity_documents_match_the_people_they_name(case: str) -> None:
    named = people(case)
    by_file = {id_file_for(name): name for name in named}
    for path in id_files(case):
        name, text = by_file[path.name], pdf_text(path)
        assert f"{labelled(text, 'Given names')} {labelled(text, 'Surname')}" == name.upper()
        assert parse_passport_date(labelled(text, "Date of birth")).isoformat() == named[name]["date_of_birth"]
        assert labelled(text, "Issuing state") == ICAO[named[name]["nationality"]]


@pytest.mark.parametrize("case", COMPANY_CASES)
def test_every_director_and_ten_percent_owner_has_an_identity_document(case: str) -> None:
    app, rows = application(case), holdings(case)
    needed = {o["name"] for o in app["officers"] if o["role"] == "director"}
    needed |= {r["owner"] for r in rows if r["owner_type"] == "individual"
               and effective(rows, r["owner"], app["legal_name"]) >= Decimal("0.10")}
    missing = {name for name in needed if not (case_dir(case) / id_file_for(name)).is_file()}
    assert missing == ({"Harriet Grace Ellison"} if case == "missing_document" else set())


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_only_the_expired_passport_is_expired(case: str) -> None:
    expired = {path.name for path in id_files(case)
               if parse_passport_date(labelled(pdf_text(path), "Date of expiry")) < APPLICATION_DATE}
    assert expired == ({"id_jonathan_reeve.pdf"} if case == "documents_disagree" else set())
    assert ("document_expired" in expected(case)["findings_include"]) == bool(expired)


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_proof_of_address_is_recent_and_names_the_customer(case: str) -> None:
    path, app = case_dir(case) / "proof_of_address.pdf", application(case)
    if case == "missing_document":
        assert not path.exists()
        return
    text = pdf_text(path)
    legal_name = app.get("legal_name") or individual_name(case)
    assert labelled(text, "Account holder") == legal_name.upper()
    issued = parse_long_date(labelled(text, "Bill date"))
    assert APPLICATION_DATE - timedelta(days=92) <= issued <= APPLICATION_DATE
    address = app.get("registered_address") or w9_address(case)
    printed = labelled(text, "Supply address")
    if case == "documents_disagree":
        assert printed != address and printed.split(" ", 1)[1] == address.split(" ", 1)[1]
    else:
        assert printed == address


def w9_address(case: str) -> str:
    fields = expected(case)["w9_fields"]
    return ", ".join(fields[f"topmostSubform[0].Page1[0].Address[0].{f}[0]"] for f in ("f1_7", "f1_8"))


# -- each scenario -------------------------------------------------------------------------


def effective_owners(case: str, threshold: Decimal = Decimal("0.25")) -> dict[str, str]:
    rows, customer = holdings(case), application(case)["legal_name"]
    shares = {r["owner"]: effective(rows, r["owner"], customer) for r in rows if r["owner_type"] == "individual"}
    return {name: f"{(share * 100).quantize(Decimal('0.01')).normalize():f}"
            for name, share in shares.items() if share >= threshold}


@pytest.mark.parametrize("case", [c for c in COMPANY_CASES if c != "circular_holding"])
def test_beneficial_owners_are_the_effective_owners_at_25_percent(case: str) -> None:
    assert {o["name"]: o["percent"] for o in expected(case)["beneficial_owners"]} == effective_owners(case)


def test_layered_ownership_runs_through_two_holding_companies() -> None:
    assert (case_dir("layered_ownership") / "ownership_chart.csv").is_file()
    rows = holdings("layered_ownership")
    assert [s["type"] for s in application("layered_ownership")["shareholders"]] == ["entity"]
    assert {r["owner_country"] for r in rows if r["owner_type"] == "entity"} == {"GB", "IE"}
    assert effective_owners("layered_ownership") == {
        "Andrew James Calloway": "40", "Siobhan Clare Brennan": "30", "Declan Patrick Moran": "30"}
    assert not has_cycle(rows)


def test_circular_holding_has_a_cycle_and_the_direct_owner_is_a_beneficial_owner() -> None:
    rows = holdings("circular_holding")
    assert has_cycle(rows)
    assert all(not has_cycle(holdings(c)) for c in COMPANY_CASES if c != "circular_holding")
    result = expected("circular_holding")
    assert "ownership_cycle" in result["findings_include"]
    assert {"name": "Marcus Oliver Penrose", "percent": "50"} in result["beneficial_owners"]
    assert (result["rating"], result["recommendation"]) == ("high", "escalate_edd")


@cache
def sdn() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(entries by id, alias names by id) of the corpus's OFAC SDN list, read in place."""
    folder = corpus_path("kyc/ofac_sdn_2021-07/sdn.csv").parent
    entries = {row[0]: row for row in csv.reader((folder / "sdn.csv").open(encoding="latin-1")) if row}
    aliases: dict[str, list[str]] = {}
    for row in csv.reader((folder / "alt.csv").open(encoding="latin-1")):
        if len(row) > 3:
            aliases.setdefault(row[0], []).append(row[3])
    return entries, aliases


def tokens(name: str) -> list[str]:
    """'HAMSHO, Muhammad' and 'Muhammad Hamsho' give the same tokens."""
    surname, _, given = name.partition(",")
    return sorted((given + " " + surname).lower().split()) if given else sorted(name.lower().split())


def sdn_remarks(entry: list[str]) -> tuple[date, str]:
    remarks = entry[11]
    day, month, year = re.search(r"DOB (\d\d) ([A-Z][a-z]{2}) (\d{4})", remarks).groups()
    nationality = re.search(r"nationality ([A-Za-z ]+)", remarks).group(1).strip()
    return date(int(year), MONTHS.index(month.upper()) + 1, int(day)), nationality


def test_sanctions_hit_is_a_real_sdn_individual_in_a_variant_spelling() -> None:
    result = expected("sanctions_hit")
    (hit,) = result["hits"]
    entries, aliases = sdn()
    entry = entries[hit["entry_id"]]
    assert entry[2].strip('"') == "individual"
    party = next(o for o in application("sanctions_hit")["officers"] if o["name"] == hit["party"])
    assert party["role"] == "director"
    listed = [tokens(entry[1])] + [tokens(a) for a in aliases.get(hit["entry_id"], [])]
    assert tokens(party["name"]) not in listed  # a variant, not a copy of a listed name
    assert tokens(party["name"])[0] in {t for name in listed for t in name}  # the surname is listed
    born, nationality = sdn_remarks(entry)
    assert party["date_of_birth"] == born.isoformat()
    assert (nationality, party["nationality"]) == ("Syria", "SY")
    passport = pdf_text(case_dir("sanctions_hit") / id_file_for(party["name"]))
    assert parse_passport_date(labelled(passport, "Date of birth")) == born
    assert labelled(passport, "Issuing state") == "SYR"
    assert (result["rating"], result["recommendation"]) == ("high", "recommend_decline")


def test_shareholding_percentages_in_the_sanctions_case() -> None:
    rows = holdings("sanctions_hit")
    assert {r["owner"]: r["percent"] for r in rows} == {"Oliver James Fenwick": "55", "Mohamad Hamsho": "45"}


NEAR_MISS_SDN_ENTRY = "10689"  # "SAEED, Muhammad", DOB 05 Jun 1950, nationality Pakistan


def test_near_miss_shares_an_sdn_name_but_not_the_birth_year_or_nationality() -> None:
    entries, _ = sdn()
    entry = entries[NEAR_MISS_SDN_ENTRY]
    born, nationality = sdn_remarks(entry)
    result = expected("near_miss")
    party = next(o for o in application("near_miss")["officers"] if tokens(o["name"]) == tokens(entry[1]))
    assert party["name"] in result["no_hits"] and result["hits"] == []
    assert date.fromisoformat(party["date_of_birth"]).year != born.year
    assert (nationality, party["nationality"]) == ("Pakistan", "GB")
    assert (result["rating"], result["recommendation"]) == ("low", "clear")


def test_documents_disagree_in_three_ways() -> None:
    result = expected("documents_disagree")
    assert set(result["findings_include"]) == {"registration_number_mismatch", "address_mismatch",
                                               "document_expired"}
    assert (result["rating"], result["recommendation"]) == ("medium", "request_documents")


def test_missing_document_case_is_yaml_and_lacks_two_documents() -> None:
    folder = case_dir("missing_document")
    assert (folder / "application.yaml").is_file() and not (folder / "application.json").exists()
    assert not (folder / "proof_of_address.pdf").exists()
    assert not (folder / "id_harriet_ellison.pdf").exists()
    assert expected("missing_document")["findings_include"] == ["missing_document"]


def test_w9_fields_are_filled_as_expected() -> None:
    from pypdf import PdfReader

    fields = PdfReader(case_dir("individual_w9") / "application.pdf").get_fields()
    wanted = expected("individual_w9")["w9_fields"]
    assert {name: str(fields[name].get("/V")).lstrip("/") for name in wanted} == wanted
    others = {name for name, f in fields.items() if f.get("/V") not in (None, "", "/Off") and name not in wanted}
    assert others == set()
    extra = json.loads((case_dir("individual_w9") / "application_extra.json").read_text())
    assert extra == {"date_of_birth": "1982-09-05", "nationality": "US", "occupation": "bookkeeper",
                     "industry": "consulting", "date": "2026-10-01"}
    passport = pdf_text(case_dir("individual_w9") / "id_rebecca_thornton.pdf")
    assert labelled(passport, "Issuing state") == "USA"
    assert labelled(passport, "Nationality") == "UNITED STATES OF AMERICA"
    assert "Request for Taxpayer" in pdf_text(case_dir("individual_w9") / "application.pdf")
