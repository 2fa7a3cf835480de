"""Checks a regex match must also pass: checksums that separate real numbers from noise."""

from __future__ import annotations

import re
from collections.abc import Callable

_NON_DIGIT = re.compile(r"\D")


def luhn(text: str) -> bool:
    """Payment card numbers: 13-19 digits with a valid Luhn checksum."""
    digits = _NON_DIGIT.sub("", text)
    if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28,
    "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "KW": 30, "KZ": 20, "LB": 28,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PT": 25, "QA": 29, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "TN": 24, "TR": 26, "UA": 29,
}


def iban(text: str) -> bool:
    """International bank account numbers: country length and the mod-97 check."""
    value = re.sub(r"[\s-]", "", text).upper()
    if len(value) < 15 or not value[:2].isalpha() or not value[2:4].isdigit():
        return False
    expected = _IBAN_LENGTHS.get(value[:2])
    if expected is not None and len(value) != expected:
        return False
    if not value.isalnum():
        return False
    rearranged = value[4:] + value[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def us_ssn(text: str) -> bool:
    """US Social Security numbers: no 000/666/9xx area, no 00 group, no 0000 serial."""
    digits = _NON_DIGIT.sub("", text)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def uk_nino(text: str) -> bool:
    """UK National Insurance numbers: valid prefix letters and suffix A-D."""
    value = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{6}[A-D]?", value):
        return False
    first, second = value[0], value[1]
    if first in "DFIQUV" or second in "DFIQUVO":
        return False
    return value[:2] not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")


def phone_digits(text: str) -> bool:
    """Phone numbers: 7 to 15 digits (E.164), not all the same digit."""
    digits = _NON_DIGIT.sub("", text)
    return 7 <= len(digits) <= 15 and len(set(digits)) > 2


def plausible_date(text: str) -> bool:
    """A date with a day 1-31 and a month 1-12 in some order, and a 19xx/20xx year if any."""
    parts = [int(p) for p in re.findall(r"\d+", text)]
    if len(parts) < 2:
        return True  # month names: the pattern itself vouches for it
    small = [p for p in parts if p <= 31]
    years = [p for p in parts if p > 31]
    if any(not (1900 <= y <= 2100) for y in years if y > 99):
        return False
    return len(small) >= 2 and any(1 <= p <= 12 for p in small)


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn,
    "iban": iban,
    "us-ssn": us_ssn,
    "uk-nino": uk_nino,
    "phone": phone_digits,
    "date": plausible_date,
}
