"""Passport machine-readable zone: ICAO 9303's own specimen, and what a forger breaks."""

from datetime import date

from kyc.mrz import check_digit, read_mrz

LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_the_icao_specimen_reads_and_checks():
    mrz = read_mrz(f"PASSPORT\n{LINE1}\n{LINE2}\n")
    assert mrz is not None and mrz.valid
    assert (mrz.surname, mrz.given_names, mrz.document_number) == ("ERIKSSON", "ANNA MARIA", "L898902C3")
    assert (mrz.nationality, mrz.date_of_birth, mrz.expiry) == ("UTO", date(1974, 8, 12), date(2012, 4, 15))


def test_check_digits_follow_the_7_3_1_weights():
    assert check_digit("L898902C3") == 6
    assert check_digit("740812") == 2
    assert check_digit("<<<<") == 0


def test_an_altered_date_of_birth_breaks_its_check_digit_and_the_composite():
    forged = LINE2.replace("740812", "750812")
    mrz = read_mrz(f"{LINE1}\n{forged}")
    assert mrz.problems == ("date of birth check digit is 2, expected 5", "composite check digit is 0, expected 1")


def test_no_mrz_is_none():
    assert read_mrz("Surname: ERIKSSON\nGiven names: ANNA") is None
