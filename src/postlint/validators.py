"""Checks a regex match must also pass: checksums that separate real numbers from noise."""

from __future__ import annotations

import re
from collections.abc import Callable

_NON_DIGIT = re.compile(r"\D")


def _luhn_checksum_ok(digits: str) -> bool:
    """The Luhn (mod 10) checksum over a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn(text: str) -> bool:
    """Payment card numbers: 13-19 digits with a valid Luhn checksum."""
    digits = _NON_DIGIT.sub("", text)
    if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
        return False
    return _luhn_checksum_ok(digits)


_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
# The account part (BBAN) of the most common countries: letters (a) and digits (n).
_IBAN_BBAN = {
    "AT": r"\d{16}", "BE": r"\d{12}", "CH": r"\d{5}[A-Z0-9]{12}", "DE": r"\d{18}",
    "DK": r"\d{14}", "ES": r"\d{20}", "FI": r"\d{14}", "FR": r"\d{10}[A-Z0-9]{11}\d{2}",
    "GB": r"[A-Z]{4}\d{14}", "IE": r"[A-Z]{4}\d{14}", "IT": r"[A-Z]\d{10}[A-Z0-9]{12}",
    "NL": r"[A-Z]{4}\d{10}", "NO": r"\d{11}", "PL": r"\d{24}", "PT": r"\d{21}",
    "SE": r"\d{20}",
}


def iban(text: str) -> bool:
    """International bank account numbers, in capitals or not: a country that uses IBANs,
    its length and account shape, and the mod-97 check."""
    value = re.sub(r"[\s-]", "", text).upper()
    if len(value) < 15 or not value[:2].isalpha() or not value[2:4].isdigit():
        return False
    expected = _IBAN_LENGTHS.get(value[:2])
    if expected is None or len(value) != expected or not value.isalnum():
        return False
    shape = _IBAN_BBAN.get(value[:2])
    if shape is not None and not re.fullmatch(shape, value[4:]):
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
    if re.search(r"[A-Za-z]{3}", text):
        # a month name: the pattern vouches for the month; check the day and the year
        days = [p for p in parts if p <= 31]
        years = [p for p in parts if p > 31]
        return all(d >= 1 for d in days) and all(1900 <= y <= 2100 for y in years)
    if len(parts) < 2:
        return True
    small = [p for p in parts if p <= 31]
    years = [p for p in parts if p > 31]
    if any(not (1900 <= y <= 2100) for y in years if y > 99):
        return False
    return len(small) >= 2 and any(1 <= p <= 12 for p in small)


# Local parts of shared, role or system addresses: these belong to an organisation, not a
# person, so publishing them is the point (support@, press@, abuse@).
_ROLE_MAILBOX_TEXT = """
    abuse accounts admin administrator billing booking bookings business careers community
    compliance contact contactus customercare customerservice customerservices cs dev devs
    dpo enquiries enquiry events feedback finance hello help helpdesk hi hiring hr info
    inquiries inquiry investors jobs legal mail mailer-daemon marketing media news
    newsletter no-reply noreply notifications office orders partners partnerships
    phishing postmaster press pr privacy recruiting recruitment reportphish reservations
    returns sales security service services shop spam sponsors sponsorship store support
    team tickets webmaster welcome
    admissions alumni boxoffice box-office demo donate donations editor editorial enrol
    enrolments enrolment fundraising groups library membership members reception schools
    studentservices volunteer volunteers volunteering visit visitors
"""
_ROLE_MAILBOXES = frozenset(_ROLE_MAILBOX_TEXT.split())


def personal_email(text: str) -> bool:
    """E-mail addresses that may be a person's: not a role mailbox such as support@ or info@."""
    local = text.split("@", 1)[0].lower()
    base = re.split(r"[+]", local, maxsplit=1)[0]
    if base in _ROLE_MAILBOXES or base.replace(".", "").replace("_", "").replace("-", "") \
            in _ROLE_MAILBOXES:
        return False
    return not (base.startswith(("report", "no-reply", "noreply", "donotreply", "do-not-reply"))
                or base.endswith(("support", "help", "care", "service", "team", "info")))


_TOLL_FREE = re.compile(
    r"^(?:(?:001|1)?8(?:00|33|44|55|66|77|88)\d{7}"  # North America
    r"|(?:0|44)?80[08]\d{6,7}"  # UK freephone 0800 / 0808
    r"|(?:0|61)?1[38]00\d{6}|(?:61)?13\d{4}"  # Australia 1300 / 1800 / 13xx xx
    r"|0?800\d{5,7})$"  # freephone elsewhere
)


def not_toll_free(text: str) -> bool:
    """Phone numbers that are not freephone or shared-cost business lines (1-800, 0800, 1300)."""
    return not _TOLL_FREE.match(_NON_DIGIT.sub("", text))


def card_digits(text: str) -> bool:
    """A card number written next to the word card: 12 to 19 digits, not all one digit."""
    digits = _NON_DIGIT.sub("", text)
    return 12 <= len(digits) <= 19 and len(set(digits)) > 2


def not_luhn(text: str) -> bool:
    """Digits that fail the card checksum (pairs with ``card-digits`` so that a number the
    ``luhn`` rule already reports is not reported twice)."""
    return not luhn(text)


def ca_sin(text: str) -> bool:
    """Canadian Social Insurance numbers: 9 digits with a Luhn checksum, not starting 0 or 8."""
    digits = _NON_DIGIT.sub("", text)
    if len(digits) != 9 or digits[0] in "08":
        return False
    return _luhn_checksum_ok(digits)


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def aadhaar(text: str) -> bool:
    """Indian Aadhaar numbers: 12 digits, not starting 0 or 1, Verhoeff checksum."""
    digits = _NON_DIGIT.sub("", text)
    if len(digits) != 12 or digits[0] in "01":
        return False
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def id_number(text: str) -> bool:
    """An identifier written after its name: 6-20 characters, 5+ digits or letters and 4+ digits."""
    value = re.sub(r"[\s.-]", "", text)
    digits = sum(ch.isdigit() for ch in value)
    if not 6 <= len(value) <= 20 or len(set(value)) < 3:
        return False
    return digits >= 5 or (digits >= 4 and len(value) > digits)


_NOT_SECRET_TEXT = """
    incorrect wrong invalid correct expired reset required changed change protected
    forgotten forgot strong weak too not still same different blank empty missing
    none null hidden redacted secret password changeme example placeholder your mine
"""
_NOT_SECRETS = frozenset(_NOT_SECRET_TEXT.split())


def secret_value(text: str) -> bool:
    """A value that looks like a real password or secret, not a word about one or a mask."""
    value = text.strip("\"'`.,;:!?()[]<>")
    if len(value) < 4 or len(set(value)) < 3:
        return False  # ****, xxxx, 1111
    low = value.lower()
    if low in _NOT_SECRETS or low.startswith(("your", "my_", "<", "{", "$", "%")):
        return False
    return not re.fullmatch(r"[*x•.]+", low)


def high_entropy(text: str) -> bool:
    """A token-like value: 16+ characters mixing letters and digits, few repeats."""
    value = text.strip("\"'`")
    if len(value) < 16:
        return False
    has_digit = any(ch.isdigit() for ch in value)
    has_alpha = any(ch.isalpha() for ch in value)
    return has_digit and has_alpha and len(set(value)) >= 10


_VOWELS = frozenset("aeiouy")


def _unpronounceable(letters: str) -> bool:
    """Letters that no English word is made of: a q without u, no vowel, 6 consonants in a
    row, or capitals inside the word that are not a camel-case join ("aQenB")."""
    low = letters.lower()
    if re.search(r"(.)\1\1", low):
        return False  # a stretched word: hmmmm, wooohooo, zzzzzzz
    if re.search(r"q(?!u)", low) or not any(ch in _VOWELS for ch in low):
        return True
    if re.search(r"[^aeiouy]{6}", low):
        return True
    inner = letters[1:]
    return sum(ch.isupper() for ch in inner) >= 2 and not letters.isupper()


def password_like(text: str) -> bool:
    """One token that reads as a password typed into the wrong box: "n9y25ah7", ";l;;gmlxzssaw",
    "Aqenbpuu". Not a word, a number, a hashtag, a handle, a link, a code such as "SAVE20"
    or a product name such as "iPhone15"."""
    value = text.strip()
    if not 6 <= len(value) <= 64 or any(ch.isspace() for ch in value):
        return False
    if value[0] in "#@$" or "://" in value or "." in value.strip(".!?") and "@" in value:
        return False
    letters = "".join(ch for ch in value if ch.isalpha())
    if len(letters) < 2 or not value.isascii():
        return False  # a number, an emoji, a date, or text in another script
    core = value.strip(".,!?\"'()")
    switches = len(re.findall(r"[A-Za-z]+|\d+", core))
    if switches >= 4:
        return True  # letters and digits interleaved: n9y25ah7
    if re.search(r"[A-Za-z][^A-Za-z\d'’-]+[A-Za-z]", core):
        return True  # symbols between letters: ;l;;gmlxzssaw, Xk9#mQ2
    return core.isalpha() and len(core) >= 7 and _unpronounceable(core)


def password_shaped(text: str) -> bool:
    """A value written as a password: 4-64 characters with a digit, a symbol or inner
    capitals, and not a placeholder or a word about passwords."""
    value = text.strip("\"'`.,;:!?()[]<>")
    if not 4 <= len(value) <= 64 or not secret_value(value):
        return False
    if any(ch.isdigit() for ch in value) or re.search(r"[^\w'’-]", value):
        return True
    return any(ch.isupper() for ch in value[1:]) and any(ch.islower() for ch in value)


_MASK = frozenset("*#%@$!^_&")


# Words people mask. The letters shown before a mask are the start of one of them
# ("f***", "sh**", "motherf***er", "bull****", "n****"): "link****" masks no word.
_MASKED_STEMS = (
    "fuck", "fucking", "fucker", "motherfucker", "shit", "bullshit", "shite", "ass", "asshole",
    "arse", "arsehole", "jackass", "dumbass", "badass", "bitch", "bastard", "damn", "goddamn",
    "dammit", "crap", "cunt", "dick", "dickhead", "cock", "cocksucker", "piss", "pissed",
    "prick", "pussy", "twat", "wank", "wanker", "whore", "slut", "hell", "bollocks", "bugger",
    "douche", "douchebag", "tits", "titties", "boobs", "nigger", "nigga", "faggot", "fag",
    "retard", "retarded", "spic", "chink", "kike", "dyke", "tranny", "skank", "screw", "sucks",
    "frigging", "freaking", "effing", "sod", "bloody", "knob", "tosser", "minge", "bellend",
)


def _masks_a_word(shown: str) -> bool:
    """Whether letters shown before a mask can start a word people mask."""
    shown = shown.lower()
    return len(shown) < 2 or any(stem.startswith(shown) for stem in _MASKED_STEMS)


def masked_word(text: str) -> bool:
    """A self-censored word: letters with symbols masking the rest ("f***", "A*%", "sh__"),
    or a grawlix of at least three different symbols ("#%@!"). Not a run of one symbol
    ("!!!", "***"), not a word with a digit in it ("P@$$w0rd")."""
    if any(ch.isdigit() for ch in text):
        return False
    text = text.rstrip("!") if any(ch.isalpha() for ch in text) else text  # "wow!!!" is not
    symbols = [ch for ch in text if ch in _MASK]
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return len(set(symbols)) >= 3
    if len(letters) >= 4 and text.endswith("*") and symbols == ["*"]:
        # one asterisk after a whole word marks a footnote ("win prizes*!", "free
        # delivery*"): a mask hides letters, and four shown leave none of a swear word hidden
        return False
    if len(text) < 3 and not text.lower().startswith("f"):
        return False
    if symbols:
        # "$", "@" and "!" alone are letters written as symbols ("ma$$ive", "sh!t"): the
        # terms rules read those; a mask has a symbol that stands for no letter.
        if not any(ch not in "$@!" for ch in symbols):
            return False
        shown = text[:next(i for i, ch in enumerate(text) if not ch.isalpha())]
        return _masks_a_word(shown)
    return "-" in text or "'" in text or "’" in text


_NOT_NAMES_TEXT = """
    a about after again all also always am an and any are as ask asked asks at be because
    been before being birthday both but by came can christmas come comes could did do does
    doing done down during each every finally for friendly from gets go goes going got had
    happy has have having he her here hers him his how i if in into is it its just know
    knows last let like likes love loved loves made make makes may me might more most much
    must my never new next no not now of off on once one only or other our out over own
    said same says see she should since so some started starts still such than that the
    their them then there these they thinks this those through to today told tomorrow too
    turned turns under until up us very wants was we went were what when where which while
    who why will with would yesterday yet you your
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def first_name(text: str) -> bool:
    """A capitalised word that can be a given name, not a sentence word such as "And" or "Is"."""
    first = text.split()[0].lower() if text.split() else ""
    return bool(first) and first not in _NOT_NAMES


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn,
    "iban": iban,
    "us-ssn": us_ssn,
    "uk-nino": uk_nino,
    "phone": phone_digits,
    "date": plausible_date,
    "personal-email": personal_email,
    "not-toll-free": not_toll_free,
    "card-digits": card_digits,
    "not-luhn": not_luhn,
    "ca-sin": ca_sin,
    "aadhaar": aadhaar,
    "id-number": id_number,
    "secret": secret_value,
    "high-entropy": high_entropy,
    "first-name": first_name,
    "password-like": password_like,
    "password-shaped": password_shaped,
    "masked-word": masked_word,
}
