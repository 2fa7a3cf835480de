"""The checksum and shape validators that regex rules use to tell real numbers from noise."""

from __future__ import annotations

import pytest

from postlint.validators import (
    VALIDATORS,
    aadhaar,
    ca_sin,
    card_digits,
    first_name,
    high_entropy,
    iban,
    id_number,
    luhn,
    not_luhn,
    not_toll_free,
    personal_email,
    phone_digits,
    plausible_date,
    secret_value,
    uk_nino,
    us_ssn,
)


@pytest.mark.parametrize("value, ok", [
    ("4111 1111 1111 1111", True),
    ("4012888888881881", True),
    ("378282246310005", True),
    ("4111111111111112", False),
    ("0000000000000000", False),
    ("411111111111", False),  # too short for a card
])
def test_luhn(value, ok):
    assert luhn(value) is ok
    assert not_luhn(value) is (not ok)


@pytest.mark.parametrize("value, ok", [
    ("GB82WEST12345698765432", True),
    ("DE89 3704 0044 0532 0130 00", True),
    ("GB82WEST12345698765433", False),
    ("GB82WEST1234569876543", False),  # wrong length for GB
])
def test_iban(value, ok):
    assert iban(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("123-45-6789", True), ("219 09 9999", True), ("000-12-3456", False),
    ("666-12-3456", False), ("912-12-3456", False), ("123-00-4567", False),
    ("123-45-0000", False),
])
def test_us_ssn(value, ok):
    assert us_ssn(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("AB 12 34 56 C", True), ("JG103759A", True), ("QQ123456C", False),
    ("GB123456A", False), ("AB123456E", False),
])
def test_uk_nino(value, ok):
    assert uk_nino(value) is ok


def test_phone_digits():
    assert phone_digits("+44 20 7946 0958")
    assert not phone_digits("123 45")
    assert not phone_digits("111-111-1111")


@pytest.mark.parametrize("value, ok", [
    ("14/03/1988", True), ("1988-03-14", True), ("3/4/85", True), ("31/31/2020", False),
    ("March 3, 1990", True), ("14th of March 1988", True), ("March 3, 1820", False),
])
def test_plausible_date(value, ok):
    assert plausible_date(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("jo.bloggs@gmail.com", True), ("kemal047@gmail.com", True),
    ("support@example.com", False), ("info@asyncapi.io", False),
    ("reportphish@wellsfargo.com", False), ("noreply@github.com", False),
    ("sales+eu@acme.io", False), ("customersupport@acme.com", False),
    # an organisation's mailboxes for volunteers, groups, admissions or the box office
    ("volunteer@foodbank.org", False), ("groups@theatre-royal.com", False),
    ("boxoffice@theatre.org", False), ("admissions@uni.ac.uk", False),
    ("demo@example.com", False), ("jo.volunteer@gmail.com", True),
])
def test_personal_email(value, ok):
    assert personal_email(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("1-800-848-9136", False), ("(888) 907-0345", False), ("0800 123 4567", False),
    ("+44 808 157 0192", False), ("1300 655 506", False),
    ("(555) 123-4567", True), ("07700 900123", True), ("+44 20 7946 0958", True),
])
def test_not_toll_free(value, ok):
    assert not_toll_free(value) is ok


def test_card_digits():
    assert card_digits("675984103431")
    assert not card_digits("12345678901")
    assert not card_digits("1111 1111 1111")


def test_national_checksums():
    assert ca_sin("130 692 544")
    assert not ca_sin("130 692 545")
    assert not ca_sin("046 454 286")  # 0 is not an assigned first digit
    assert aadhaar("2341 2341 2346")
    assert not aadhaar("2341 2341 2345")
    assert not aadhaar("1341 2341 2346")


@pytest.mark.parametrize("value, ok", [
    ("533380006", True), ("D1234-5678-9012", True), ("X1234", False), ("2027", False),
    ("11111111", False),
])
def test_id_number(value, ok):
    assert id_number(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("Summer2024!", True), ("hunter2", True), ("incorrect", False), ("********", False),
    ("<password>", False), ("xxxx", False), ("YOUR_API_KEY", False),
])
def test_secret_value(value, ok):
    assert secret_value(value) is ok


def test_high_entropy():
    assert high_entropy("9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c")
    assert not high_entropy("YOUR_API_KEY_HERE_PLEASE")
    assert not high_entropy("abc123")


@pytest.mark.parametrize("value, ok", [
    ("Emily", True), ("Oliver James", True), ("And", False), ("Is", False), ("Monday", False),
])
def test_first_name(value, ok):
    assert first_name(value) is ok


def test_every_validator_is_registered_and_total():
    for name, check in VALIDATORS.items():
        for value in ("", " ", "x", "0", "@", "----", "12/34"):
            assert check(value) in (True, False), name


@pytest.mark.parametrize("value, ok", [
    ("gb82west12345698765432", True),   # lower case counts
    ("nl91 abna 0417 1643 00", True),
    ("XX82WEST12345698765432", False),  # no such IBAN country
    ("GB82WEST1234569876543", False),   # wrong length for GB
    ("GB00123412345698765432", False),  # GB's account part starts with four letters
])
def test_iban_any_case_known_country_and_shape(value, ok):
    assert iban(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("n9y25ah7", True), ("Aqenbpuu", True), (";l;;gmlxzssaw", True), ("Xk9#mQ2$", True),
    ("Congratulations", False), ("Strengths", False), ("SAVE20", False), ("iPhone15", False),
    ("#BlackFriday", False), ("Wooohooo", False), ("Hmmmmmmm", False), ("2024-05-01", False),
    ("https://x.co", False), ("🔥🔥🔥", False),
])
def test_password_like_token(value, ok):
    from postlint.validators import password_like

    assert password_like(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("Winter2024!", True), ("Passw0rd", True), ("HunterTwo", True),
    ("feedback", False), ("password", False), ("can't", False), ("****", False),
])
def test_password_shaped(value, ok):
    from postlint.validators import password_shaped

    assert password_shaped(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("F*%#ing", True), ("A*%", True), ("f___", True), ("s***", True), ("#%@!", True),
    ("$#!t", True), ("f-ing", True),
    ("ma$$ive", False), ("u$$r", False), ("guests!!!", False), ("P@$$w0rd", False),
    ("***", False), ("!!!", False), ("prizes*!", False), ("delivery*", False),
    ("f*!", True), ("sh*!", True), ("fu**!", True),
    # the letters shown must start a word people mask
    ("motherf***er", True), ("bull****", True), ("n****", True), ("b****", True),
    ("link****", False), ("Need****", False), ("Britain!#Brexit", False),
])
def test_masked_word(value, ok):
    from postlint.validators import masked_word

    assert masked_word(value) is ok
