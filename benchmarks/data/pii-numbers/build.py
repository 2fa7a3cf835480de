#!/usr/bin/env python3
"""Build ``posts.jsonl``: synthetic posts with phone, identity, card and account numbers.

    python benchmarks/data/pii-numbers/build.py [--out PATH] [--check]

Deterministic: a fixed seed, no clock, no network, no third-party package (the numbers
come from public numbering plans and checksum rules written out below, not from a phone
library, so the set does not test postlint against the library it uses). ``--check``
rebuilds in memory and fails if the committed file differs.

Every post is a template a person might write ("text me on {}", "lost my passport, the
number is {}") with one generated number, written in one of the ways people write that
kind of number in that country; its span is labelled PHONE, ID or CREDIT_CARD with the
country, the kind and the written format. Near misses (order and tracking numbers,
versions, dates, prices, a brand's own helpline, meeting IDs) carry no span: any finding
on them is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240817
PER_FORMAT = 6  # posts per (country, written format) of phone numbers
PER_ID_FORMAT = 8  # posts per (kind, written format) of other numbers

R = random.Random(SEED)


def digits(n: int) -> str:
    return "".join(R.choice(string.digits) for _ in range(n))


def pick(options):
    return options[R.randrange(len(options))]


# --------------------------------------------------------------------------- phone numbers
# Each generator returns the national significant number's parts; formats join them.


def nanp(area_codes: list[int]) -> tuple[str, str, str]:
    area = str(pick(area_codes))
    while True:
        exchange = str(R.randint(2, 9)) + digits(2)
        if exchange[1:] != "11" and exchange != "555":
            break
    return area, exchange, digits(4)


US_AREAS = [
    201,
    202,
    206,
    212,
    213,
    303,
    305,
    312,
    404,
    415,
    480,
    512,
    617,
    702,
    713,
    718,
    773,
    818,
    917,
    971,
]
CA_AREAS = [403, 416, 514, 604, 613, 647, 780, 902]


def uk_mobile():
    return "7" + pick(["4", "5", "7", "8", "9"]) + digits(2), digits(6)


def fmt_phone(country: str, fmt: str) -> str:
    """One phone number of ``country`` written as ``fmt``."""
    if country in ("US", "CA"):
        a, e, n = nanp(US_AREAS if country == "US" else CA_AREAS)
        ext = str(R.randint(10, 9999))
        return {
            "(aaa) eee-nnnn": f"({a}) {e}-{n}",
            "aaa-eee-nnnn": f"{a}-{e}-{n}",
            "aaa.eee.nnnn": f"{a}.{e}.{n}",
            "aaa eee nnnn": f"{a} {e} {n}",
            "+1 aaa eee nnnn": f"+1 {a} {e} {n}",
            "+1-aaa-eee-nnnn": f"+1-{a}-{e}-{n}",
            "1-aaa-eee-nnnn": f"1-{a}-{e}-{n}",
            "aaaeeennnn": f"{a}{e}{n}",
            "aaa-eee-nnnnxEXT": f"{a}-{e}-{n}x{ext}",
            "(aaa) eee-nnnn ext. EXT": f"({a}) {e}-{n} ext. {ext}",
            "eee-nnnn (local)": f"{e}-{n}",
        }[fmt]
    if country == "GB":
        if fmt.startswith("07") or fmt.startswith("+44 7") or fmt.startswith("0044"):
            p, s = uk_mobile()
            return {
                "07xxx xxxxxx": f"0{p} {s}",
                "07xxx xxx xxx": f"0{p} {s[:3]} {s[3:]}",
                "+44 7xxx xxxxxx": f"+44 {p} {s}",
                "+44 (0)7xxx xxxxxx": f"+44 (0){p} {s}",
                "0044 7xxx xxxxxx": f"0044 {p} {s}",
                "07xxxxxxxxx": f"0{p}{s}",
            }[fmt]
        if fmt == "020 xxxx xxxx":
            return f"020 {pick(['7', '8'])}{digits(3)} {digits(4)}"
        if fmt == "+44 20 xxxx xxxx":
            return f"+44 20 {pick(['7', '8'])}{digits(3)} {digits(4)}"
        return (
            f"{pick(['0161', '0121', '0113', '0131', '0141'])} {R.randint(2, 9)}{digits(2)} "
            f"{digits(4)}"
        )  # "01xx xxx xxxx"
    if country == "AU":
        mob = "4" + digits(2)
        return {
            "04xx xxx xxx": f"0{mob} {digits(3)} {digits(3)}",
            "+61 4xx xxx xxx": f"+61 {mob} {digits(3)} {digits(3)}",
            "04xxxxxxxx": f"0{mob}{digits(6)}",
            "(0a) xxxx xxxx": "({}) {}{} {}".format(
                *pick([("02", "9"), ("03", "9"), ("08", "8"), ("07", "3")]), digits(3), digits(4)
            ),
            "+61 a xxxx xxxx": f"+61 {pick(['2 9', '3 9', '8 8', '7 3'])}{digits(3)} {digits(4)}",
            "xxxx xxxx (local)": f"{pick(['9', '8'])}{digits(3)} {digits(4)}",
        }[fmt]
    if country == "IN":
        mob = str(R.randint(6, 9)) + digits(4)
        rest = digits(5)
        return {
            "xxxxx xxxxx": f"{mob} {rest}",
            "+91 xxxxx xxxxx": f"+91 {mob} {rest}",
            "+91-xxxxxxxxxx": f"+91-{mob}{rest}",
            "0xxxxxxxxxx": f"0{mob}{rest}",
            "xxxxxxxxxx": f"{mob}{rest}",
            "0ss xxxx xxxx": (
                f"{pick(['011', '022', '033', '044', '080'])} 2{digits(3)} {digits(4)}"
            ),
        }[fmt]
    if country == "DE":
        return {
            "0170 xxxxxxx": f"{pick(['0170', '0171', '0172', '0175', '0176', '0177'])} {digits(7)}",
            "0151 xxxxxxxx": f"{pick(['0151', '0152', '0157', '0160', '0162'])} {digits(8)}",
            "+49 17x xxxxxxx": f"+49 {pick(['170', '171', '172', '176'])} {digits(7)}",
            "+49 (0)151 xxxxxxxx": f"+49 (0){pick(['151', '152', '157'])} {digits(8)}",
            "0151/xxxxxxxx": f"{pick(['0151', '0152', '0157'])}/{digits(8)}",
            "030 xxxxxxxx": f"030 {R.randint(2, 9)}{digits(7)}",
        }[fmt]
    if country == "FR":
        pairs = " ".join(digits(2) for _ in range(4))
        lead = pick(["6", "7", "1", "2", "3", "4", "5"])
        return {
            "0x xx xx xx xx": f"0{lead} {pairs}",
            "0x.xx.xx.xx.xx": f"0{lead}.{pairs.replace(' ', '.')}",
            "0x-xx-xx-xx-xx": f"0{lead}-{pairs.replace(' ', '-')}",
            "+33 x xx xx xx xx": f"+33 {lead} {pairs}",
            "+33 (0)x xx xx xx xx": f"+33 (0){lead} {pairs}",
            "0xxxxxxxxx": f"0{lead}{pairs.replace(' ', '')}",
        }[fmt]
    if country == "ES":
        mob = pick(["6", "7"]) + digits(2)
        return {
            "6xx xxx xxx": f"{mob} {digits(3)} {digits(3)}",
            "6xx xx xx xx": f"{mob} {digits(2)} {digits(2)} {digits(2)}",
            "+34 6xx xxx xxx": f"+34 {mob} {digits(3)} {digits(3)}",
            "9x xxx xx xx": f"{pick(['91', '93', '95', '96'])} {R.randint(2, 9)}{digits(2)} "
            f"{digits(2)} {digits(2)}",
        }[fmt]
    if country == "IT":
        mob = "3" + pick(["20", "28", "33", "34", "38", "39", "40", "47", "48", "49"])
        return {
            "3xx xxx xxxx": f"{mob} {digits(3)} {digits(4)}",
            "+39 3xx xxx xxxx": f"+39 {mob} {digits(3)} {digits(4)}",
            "3xxxxxxxxx": f"{mob}{digits(7)}",
            "0x xxxx xxxx": f"{pick(['06', '02'])} {R.randint(2, 9)}{digits(3)} {digits(4)}",
            "+39 0x xxxx xxxx": (
                f"+39 {pick(['06', '02'])} {R.randint(2, 9)}{digits(3)} {digits(4)}"
            ),
        }[fmt]
    if country == "NL":
        return {
            "06-xxxxxxxx": f"06-{R.randint(1, 5)}{digits(7)}",
            "06 xxxx xxxx": f"06 {R.randint(1, 5)}{digits(3)} {digits(4)}",
            "+31 6 xxxxxxxx": f"+31 6 {R.randint(1, 5)}{digits(7)}",
            "020-xxx xxxx": f"020-{R.randint(2, 9)}{digits(2)} {digits(4)}",
        }[fmt]
    if country == "IE":
        mob = pick(["83", "85", "86", "87", "89"])
        return {
            "08x xxx xxxx": f"0{mob} {R.randint(2, 9)}{digits(2)} {digits(4)}",
            "+353 8x xxx xxxx": f"+353 {mob} {R.randint(2, 9)}{digits(2)} {digits(4)}",
            "(01) xxx xxxx": f"(01) {R.randint(2, 9)}{digits(2)} {digits(4)}",
        }[fmt]
    if country == "BR":
        ddd = pick(["11", "21", "31", "41", "51", "61", "71", "81"])
        return {
            "(dd) 9xxxx-xxxx": f"({ddd}) 9{digits(4)}-{digits(4)}",
            "+55 dd 9xxxx-xxxx": f"+55 {ddd} 9{digits(4)}-{digits(4)}",
            "+55 (dd) 9xxxx-xxxx": f"+55 ({ddd}) 9{digits(4)}-{digits(4)}",
            "(dd) 3xxx-xxxx": f"({ddd}) 3{digits(3)}-{digits(4)}",
        }[fmt]
    if country == "MX":
        return {
            "+52 55 xxxx xxxx": f"+52 {pick(['55', '33', '81'])} {digits(4)} {digits(4)}",
            "(55) xxxx xxxx": f"({pick(['55', '33', '81'])}) {digits(4)} {digits(4)}",
        }[fmt]
    if country == "ZA":
        mob = pick(["82", "83", "84", "72", "73", "76", "79"])
        return {
            "08x xxx xxxx": f"0{mob} {digits(3)} {digits(4)}",
            "+27 8x xxx xxxx": f"+27 {mob} {digits(3)} {digits(4)}",
            "011 xxx xxxx": f"011 {R.randint(2, 9)}{digits(2)} {digits(4)}",
        }[fmt]
    if country == "JP":
        return {
            "090-xxxx-xxxx": (
                f"{pick(['090', '080', '070'])}-{R.randint(1, 9)}{digits(3)}-{digits(4)}"
            ),
            "+81 90-xxxx-xxxx": (
                f"+81 {pick(['90', '80'])}-{R.randint(1, 9)}{digits(3)}-{digits(4)}"
            ),
            "03-xxxx-xxxx": f"03-{R.randint(3, 6)}{digits(3)}-{digits(4)}",
        }[fmt]
    if country == "SE":
        return {
            "07x-xxx xx xx": f"07{pick(['0', '2', '3', '6'])}-{digits(3)} {digits(2)} {digits(2)}",
            "+46 7x xxx xx xx": f"+46 7{pick(['0', '2', '3', '6'])} {digits(3)} {digits(2)} "
            f"{digits(2)}",
            "08-xxx xxx xx": f"08-{R.randint(4, 7)}{digits(2)} {digits(3)} {digits(2)}",
        }[fmt]
    if country == "DK":
        first = pick(
            [
                "20",
                "21",
                "22",
                "23",
                "24",
                "25",
                "26",
                "27",
                "28",
                "29",
                "30",
                "31",
                "40",
                "41",
                "42",
                "50",
                "51",
                "52",
                "53",
                "60",
                "61",
                "71",
                "81",
                "91",
                "93",
            ]
        )
        rest = [digits(2) for _ in range(3)]
        return {
            "xx xx xx xx": " ".join([first, *rest]),
            "xx-xx-xx-xx": "-".join([first, *rest]),
            "+45 xx xx xx xx": "+45 " + " ".join([first, *rest]),
        }[fmt]
    if country == "SG":
        return {
            "9xxx xxxx": f"{pick(['8', '9'])}{digits(3)} {digits(4)}",
            "+65 9xxx xxxx": f"+65 {pick(['8', '9'])}{digits(3)} {digits(4)}",
            "6xxx xxxx": f"6{digits(3)} {digits(4)}",
        }[fmt]
    raise KeyError(country)


PHONE_FORMATS = {
    "US": [
        "(aaa) eee-nnnn",
        "aaa-eee-nnnn",
        "aaa.eee.nnnn",
        "aaa eee nnnn",
        "+1 aaa eee nnnn",
        "+1-aaa-eee-nnnn",
        "1-aaa-eee-nnnn",
        "aaaeeennnn",
        "aaa-eee-nnnnxEXT",
        "(aaa) eee-nnnn ext. EXT",
        "eee-nnnn (local)",
    ],
    "CA": ["(aaa) eee-nnnn", "aaa-eee-nnnn", "+1 aaa eee nnnn"],
    "GB": [
        "07xxx xxxxxx",
        "07xxx xxx xxx",
        "+44 7xxx xxxxxx",
        "+44 (0)7xxx xxxxxx",
        "0044 7xxx xxxxxx",
        "07xxxxxxxxx",
        "020 xxxx xxxx",
        "+44 20 xxxx xxxx",
        "01xx xxx xxxx",
    ],
    "AU": [
        "04xx xxx xxx",
        "+61 4xx xxx xxx",
        "04xxxxxxxx",
        "(0a) xxxx xxxx",
        "+61 a xxxx xxxx",
        "xxxx xxxx (local)",
    ],
    "IN": [
        "xxxxx xxxxx",
        "+91 xxxxx xxxxx",
        "+91-xxxxxxxxxx",
        "0xxxxxxxxxx",
        "xxxxxxxxxx",
        "0ss xxxx xxxx",
    ],
    "DE": [
        "0170 xxxxxxx",
        "0151 xxxxxxxx",
        "+49 17x xxxxxxx",
        "+49 (0)151 xxxxxxxx",
        "0151/xxxxxxxx",
        "030 xxxxxxxx",
    ],
    "FR": [
        "0x xx xx xx xx",
        "0x.xx.xx.xx.xx",
        "0x-xx-xx-xx-xx",
        "+33 x xx xx xx xx",
        "+33 (0)x xx xx xx xx",
        "0xxxxxxxxx",
    ],
    "ES": ["6xx xxx xxx", "6xx xx xx xx", "+34 6xx xxx xxx", "9x xxx xx xx"],
    "IT": ["3xx xxx xxxx", "+39 3xx xxx xxxx", "3xxxxxxxxx", "0x xxxx xxxx", "+39 0x xxxx xxxx"],
    "NL": ["06-xxxxxxxx", "06 xxxx xxxx", "+31 6 xxxxxxxx", "020-xxx xxxx"],
    "IE": ["08x xxx xxxx", "+353 8x xxx xxxx", "(01) xxx xxxx"],
    "BR": ["(dd) 9xxxx-xxxx", "+55 dd 9xxxx-xxxx", "+55 (dd) 9xxxx-xxxx", "(dd) 3xxx-xxxx"],
    "MX": ["+52 55 xxxx xxxx", "(55) xxxx xxxx"],
    "ZA": ["08x xxx xxxx", "+27 8x xxx xxxx", "011 xxx xxxx"],
    "JP": ["090-xxxx-xxxx", "+81 90-xxxx-xxxx", "03-xxxx-xxxx"],
    "SE": ["07x-xxx xx xx", "+46 7x xxx xx xx", "08-xxx xxx xx"],
    "DK": ["xx xx xx xx", "xx-xx-xx-xx", "+45 xx xx xx xx"],
    "SG": ["9xxx xxxx", "+65 9xxx xxxx", "6xxx xxxx"],
}

# Templates: a cue before the number ("text me on"), a label after it, or none.
PHONE_CUED = [
    "Text me on {} about the flat",
    "my number is {}, call after 6",
    "call me at {} when you land",
    "reach me at {} anytime this week",
    "WhatsApp me: {}",
    "you can ring me on {} tonight",
    "my cell is {} if the intercom is broken",
    "Mobile: {}",
    "DM me or call {}",
    "new number, save it: {}",
    "Tel. {}",
    "pls contact me on {}, thanks",
    "If you find my dog please phone {}",
    "My mum's number is {} if you can't reach me",
]
PHONE_LABELLED = ["{} (mobile)", "{} - that's my cell, text anytime", "Jo Bloggs\n{} office"]
PHONE_BARE = [
    "Lost my wallet near the station, if found {} thanks!",
    "Selling my bike, {}",
    "Anyone around this weekend? {}",
    "Jo: {}",
    "still waiting for the plumber, {}",
]
# Numbers written as one run of digits, or local numbers, come with a cue in these posts.
CUE_ONLY = {
    "aaaeeennnn",
    "07xxxxxxxxx",
    "04xxxxxxxx",
    "0xxxxxxxxxx",
    "xxxxxxxxxx",
    "0xxxxxxxxx",
    "3xxxxxxxxx",
    "eee-nnnn (local)",
    "xxxx xxxx (local)",
}


# --------------------------------------------------------------------------- other numbers


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def us_ssn():
    while True:
        area = f"{R.randint(1, 899):03d}"
        if area != "666":
            break
    return area, f"{R.randint(1, 99):02d}", f"{R.randint(1, 9999):04d}"


def uk_nino():
    first = [c for c in string.ascii_uppercase if c not in "DFIQUV"]
    second = [c for c in string.ascii_uppercase if c not in "DFIQUVO"]
    while True:
        prefix = pick(first) + pick(second)
        if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    return prefix, digits(2), digits(2), digits(2), pick("ABCD")


def ca_sin():
    body = str(pick([1, 2, 3, 4, 5, 6, 7, 9])) + digits(7)
    return body + luhn_digit(body)


_VD = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VP = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def aadhaar():
    body = str(R.randint(2, 9)) + digits(10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    return body + str(_VINV[c])


def in_pan():
    return (
        "".join(pick(string.ascii_uppercase) for _ in range(3))
        + "P"
        + pick(string.ascii_uppercase)
        + digits(4)
        + pick(string.ascii_uppercase)
    )


def es_dni():
    n = R.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def es_nie():
    lead = pick("XYZ")
    n = int(str("XYZ".index(lead)) + digits(7))
    return f"{lead}{str(n)[-7:].zfill(7)}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def nl_bsn():
    while True:
        body = str(R.randint(1, 9)) + digits(7)
        total = sum(int(d) * (9 - i) for i, d in enumerate(body))
        last = total % 11
        if last < 10:
            return body + str(last)


def fr_nir():
    body = (
        f"{pick([1, 2])}{R.randint(40, 99):02d}{R.randint(1, 12):02d}{R.randint(1, 95):02d}"
        f"{R.randint(1, 990):03d}{R.randint(1, 999):03d}"
    )
    key = 97 - int(body) % 97
    return body + f"{key:02d}"


def de_steuer_id():
    while True:
        first = [str(R.randint(1, 9))] + [str(R.randint(0, 9)) for _ in range(9)]
        counts = [first.count(d) for d in set(first)]
        if sorted(counts, reverse=True)[0] in (2, 3) and sum(c > 1 for c in counts) == 1:
            break
    product = 10
    for d in first:
        s = (int(d) + product) % 10 or 10
        product = (2 * s) % 11
    check = (11 - product) % 10
    return "".join(first) + str(check)


def br_cpf():
    body = [R.randint(0, 9) for _ in range(9)]
    for n in (10, 11):
        s = sum(d * w for d, w in zip(body, range(n, 1, -1), strict=False))
        body.append((s * 10 % 11) % 10)
    return "".join(map(str, body))


def se_personnummer():
    yy, mm, dd = R.randint(40, 99), R.randint(1, 12), R.randint(1, 28)
    body = f"{yy:02d}{mm:02d}{dd:02d}{digits(3)}"
    return body + luhn_digit_alt(body)


def luhn_digit_alt(body: str) -> str:
    """Swedish personnummer: Luhn with weights 2,1,2,1... from the left."""
    total = 0
    for i, ch in enumerate(body):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def au_tfn():
    weights = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        body = [R.randint(0, 9) for _ in range(8)]
        for last in range(10):
            if sum(d * w for d, w in zip([*body, last], weights, strict=True)) % 11 == 0:
                return "".join(map(str, [*body, last]))


def au_medicare():
    body = [R.randint(2, 6)] + [R.randint(0, 9) for _ in range(7)]
    check = sum(d * w for d, w in zip(body, [1, 3, 7, 9, 1, 3, 7, 9], strict=True)) % 10
    return "".join(map(str, body)) + str(check) + str(R.randint(1, 9))


def iban(country: str) -> str:
    bban = {
        "GB": lambda: "".join(pick(string.ascii_uppercase) for _ in range(4)) + digits(14),
        "DE": lambda: digits(18),
        "FR": lambda: digits(23),
        "ES": lambda: digits(20),
        "IT": lambda: pick(string.ascii_uppercase) + digits(22),
        "IE": lambda: "".join(pick(string.ascii_uppercase) for _ in range(4)) + digits(14),
        "NL": lambda: "".join(pick(string.ascii_uppercase) for _ in range(4)) + digits(10),
        "BE": lambda: digits(12),
    }[country]()
    rearranged = bban + country + "00"
    number = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{country}{98 - number % 97:02d}{bban}"


def card(prefix: str, length: int) -> str:
    body = prefix + digits(length - len(prefix) - 1)
    return body + luhn_digit(body)


def uk_licence():
    surname = "".join(pick(string.ascii_uppercase) for _ in range(5))
    return (
        f"{surname}{R.randint(5, 9)}{R.randint(1, 12) + pick([0, 50]):02d}"
        f"{R.randint(1, 28):02d}{R.randint(0, 9)}{pick(string.ascii_uppercase)}"
        f"{pick(string.ascii_uppercase)}9{pick(string.ascii_uppercase)}"
        f"{pick(string.ascii_uppercase)}"
    )


def group(value: str, sizes: list[int], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(value[i : i + n])
        i += n
    if i < len(value):
        out.append(value[i:])
    return sep.join(out)


# (label, country, kind) -> {format name: generator returning the written number}
OTHER: dict[tuple[str, str, str], dict[str, Callable[[], str]]] = {
    ("ID", "US", "ssn"): {
        "ddd-dd-dddd": lambda: "-".join(us_ssn()),
        "ddd dd dddd": lambda: " ".join(us_ssn()),
        "ddddddddd": lambda: "".join(us_ssn()),
    },
    ("ID", "GB", "nino"): {
        "AA 12 34 56 C": lambda: " ".join(uk_nino()),
        "AA123456C": lambda: "".join(uk_nino()),
    },
    ("ID", "CA", "sin"): {
        "ddd ddd ddd": lambda: group(ca_sin(), [3, 3, 3]),
        "ddd-ddd-ddd": lambda: group(ca_sin(), [3, 3, 3], "-"),
    },
    ("ID", "IN", "aadhaar"): {
        "dddd dddd dddd": lambda: group(aadhaar(), [4, 4, 4]),
        "dddddddddddd": aadhaar,
    },
    ("ID", "IN", "pan"): {"AAAPA9999A": in_pan},
    ("ID", "ES", "dni"): {
        "12345678Z": es_dni,
        "12345678-Z": lambda: (v := es_dni())[:8] + "-" + v[8],
    },
    ("ID", "ES", "nie"): {"X1234567L": es_nie},
    ("ID", "NL", "bsn"): {
        "ddddddddd": nl_bsn,
        "dddd.dd.ddd": lambda: (v := nl_bsn())[:4] + "." + v[4:6] + "." + v[6:],
    },
    ("ID", "FR", "nir"): {
        "d dd dd dd ddd ddd dd": lambda: group(fr_nir(), [1, 2, 2, 2, 3, 3, 2]),
        "ddddddddddddddd": fr_nir,
    },
    ("ID", "DE", "steuer-id"): {
        "dd ddd ddd ddd": lambda: group(de_steuer_id(), [2, 3, 3, 3]),
        "ddddddddddd": de_steuer_id,
    },
    ("ID", "BR", "cpf"): {
        "ddd.ddd.ddd-dd": lambda: (v := br_cpf())[:3] + "." + v[3:6] + "." + v[6:9] + "-" + v[9:],
        "ddddddddddd": br_cpf,
    },
    ("ID", "SE", "personnummer"): {
        "yymmdd-nnnn": lambda: (v := se_personnummer())[:6] + "-" + v[6:]
    },
    ("ID", "AU", "tfn"): {"ddd ddd ddd": lambda: group(au_tfn(), [3, 3, 3])},
    ("ID", "AU", "medicare"): {"dddd ddddd d": lambda: group(au_medicare(), [4, 5, 1])},
    ("ID", "US", "passport"): {"ddddddddd": lambda: str(R.randint(1, 9)) + digits(8)},
    ("ID", "GB", "passport"): {"ddddddddd": lambda: str(R.randint(1, 9)) + digits(8)},
    ("ID", "CA", "passport"): {
        "AA123456": lambda: pick(string.ascii_uppercase) + pick(string.ascii_uppercase) + digits(6)
    },
    ("ID", "IN", "passport"): {"A1234567": lambda: pick("ABCJKLMNPRSTVWZ") + digits(7)},
    ("ID", "AU", "passport"): {"N1234567": lambda: pick("NEPR") + digits(7)},
    ("ID", "GB", "driving-licence"): {"SURNA612049AB9CD": uk_licence},
    ("ID", "US", "driving-licence"): {
        "A1234567": lambda: pick(string.ascii_uppercase) + digits(7),
        "A123-4567-8901": lambda: (
            pick(string.ascii_uppercase) + digits(3) + "-" + digits(4) + "-" + digits(4)
        ),
    },
    ("ID", "GB", "iban"): {
        "compact": lambda: iban("GB"),
        "grouped": lambda: group(iban("GB"), [4] * 6),
        "lower": lambda: iban("GB").lower(),
    },
    ("ID", "DE", "iban"): {
        "compact": lambda: iban("DE"),
        "grouped": lambda: group(iban("DE"), [4] * 6),
        "lower": lambda: iban("DE").lower(),
    },
    ("ID", "FR", "iban"): {"grouped": lambda: group(iban("FR"), [4] * 7)},
    ("ID", "ES", "iban"): {
        "grouped": lambda: group(iban("ES"), [4] * 6),
        "lower": lambda: group(iban("ES"), [4] * 6).lower(),
    },
    ("ID", "IT", "iban"): {"compact": lambda: iban("IT")},
    ("ID", "NL", "iban"): {
        "grouped": lambda: group(iban("NL"), [4] * 5),
        "lower": lambda: iban("NL").lower(),
    },
    ("ID", "IE", "iban"): {"grouped": lambda: group(iban("IE"), [4] * 6)},
    ("ID", "BE", "iban"): {"grouped": lambda: group(iban("BE"), [4] * 4)},
    ("ID", "GB", "bank-account"): {
        "sort code + account": lambda: f"{digits(2)}-{digits(2)}-{digits(2)}, account {digits(8)}"
    },
    ("CREDIT_CARD", "--", "visa"): {
        "dddd dddd dddd dddd": lambda: group(card("4", 16), [4] * 4),
        "dddddddddddddddd": lambda: card("4", 16),
        "dddd-dddd-dddd-dddd": lambda: group(card("4", 16), [4] * 4, "-"),
    },
    ("CREDIT_CARD", "--", "mastercard"): {
        "dddd dddd dddd dddd": lambda: group(
            card(pick(["51", "52", "53", "54", "55"]), 16), [4] * 4
        )
    },
    ("CREDIT_CARD", "--", "amex"): {
        "dddd dddddd ddddd": lambda: group(card(pick(["34", "37"]), 15), [4, 6, 5])
    },
}

ID_TEMPLATES = {
    "ssn": [
        "Here's my SSN: {}",
        "my social security number is {} if you need it for the form",
        "SSN {} - anything else you need?",
    ],
    "nino": ["my NI number is {}, is that what HR needs?", "National Insurance number: {}"],
    "sin": ["my SIN is {} for the payroll form", "social insurance number {}"],
    "aadhaar": ["my aadhaar is {} and still no update", "Aadhaar card number {} not linked yet"],
    "pan": ["my PAN card no. is {}", "PAN: {} please update"],
    "dni": ["my DNI is {} for the booking", "DNI {}"],
    "nie": ["my NIE is {} if the landlord asks"],
    "bsn": ["my BSN is {}, can you check the tax letter?", "burgerservicenummer {}"],
    "nir": ["my French social security number is {}", "numéro de sécurité sociale {}"],
    "steuer-id": ["my German tax ID (Steuer-ID) is {}", "Steuer-ID: {}"],
    "cpf": ["my CPF is {} for the invoice", "CPF {}"],
    "personnummer": ["my personnummer is {}", "personnummer: {}"],
    "tfn": ["my tax file number is {}", "TFN {} for the new job"],
    "medicare": ["my Medicare card is {}", "Medicare number {}"],
    "passport": [
        "my passport number is {}",
        "lost my passport, number is {} if anyone finds it",
        "Lost my passport at the airport this morning, the number is {} if anyone hands it in",
        "Passport no. {} - expires next year, renewing now",
    ],
    "driving-licence": ["my driving licence number is {}", "driver's license # {} got suspended"],
    "iban": [
        "IBAN: {}",
        "send the deposit to {} please",
        "my bank details are {}",
        "pay me at {} by Friday",
    ],
    "bank-account": ["sort code {} - send the rent there"],
    "visa": [
        "My card {} was declined again",
        "card no {} please refund",
        "charge my card {}",
        "my credit card number is {}",
    ],
    "mastercard": ["My card {} was declined again", "card no. {} was charged twice"],
    "amex": ["my amex {} got blocked", "card number {}"],
}

NEAR_MISSES = [
    "Order #{o} shipped today, thanks for your patience",
    "Tracking number 1Z{t} says delivered",
    "Call us on 0800 {a} {b} for bookings",
    "For help, call our team on +44 20 7946 {c}",
    "Version {v} is out with 40 fixes",
    "We sold {n} units in 2024",
    "Doors open 18:30 on {d}",
    "Flight BA{f} lands at 10:40",
    "Join the call: meeting ID {m}, passcode {p}",
    "Invoice INV-2024-{i} is attached",
    "Case number {cs} has been updated",
    "ISBN 978-3-16-148410-0, out now",
    "Serial number SN-{s} is on the back",
    "Reference {ymd}-{r} for your records",
    "Save 20% with code SPRING2024",
    "Ticket {tk} is confirmed for Saturday",
    "Postcode SW1A 1AA, the venue is next to the station",
    "Part no. {pn} fits all models",
    "The 2019-2020 season was our best yet",
    "Between 1990 and 2020 we grew 300%",
    "Patch {v} notes are on the blog",
    "Our US support line is 1-800-{e}-{l}",
    "Item code {item} is back in stock",
    "The price is 1.299,00 EUR",
    "Population 8,982,000 in 2019",
    "Room 1204, floor 12, building 3",
    "Score: 3-1, 2-0 and 4-2 this week",
    "Our office: +1 (415) {e}-{l}, open 9-5",
    "Batch {b1}-{b2} passed quality control",
    "Year-to-date revenue {rev} dollars",
]


def near_miss(template: str) -> str:
    values = {
        "o": f"{digits(3)}-{digits(7)}-{digits(7)}",
        "t": f"{digits(3)}AA{digits(10)}",
        "a": digits(3),
        "b": digits(4),
        "c": digits(4),
        "v": f"{R.randint(1, 12)}.{R.randint(0, 20)}.{R.randint(0, 9)}",
        "n": f"{R.randint(1, 9)},{digits(3)},{digits(3)}",
        "d": f"{R.randint(1, 28):02d}.{R.randint(1, 12):02d}.2024",
        "f": digits(4),
        "m": f"{R.randint(1, 9)}{digits(2)} {digits(4)} {digits(4)}",
        "p": digits(6),
        "i": digits(5),
        "cs": digits(8),
        "s": digits(7),
        "ymd": f"2024{R.randint(1, 12):02d}{R.randint(1, 28):02d}",
        "r": digits(4),
        "tk": f"{digits(4)}-{digits(4)}",
        "pn": f"{digits(2)}-{digits(4)}-{digits(3)}",
        "e": f"{R.randint(2, 9)}{digits(2)}",
        "l": digits(4),
        "item": digits(10),
        "b1": digits(4),
        "b2": digits(6),
        "rev": f"{R.randint(1, 9)} {digits(3)} {digits(3)}",
    }
    return template.format(**values)


def post(text_template: str, value: str, label: str, **meta) -> dict:
    start = text_template.index("{}")
    text = text_template.replace("{}", value, 1)
    return {
        "text": text,
        "spans": [{"start": start, "end": start + len(value), "label": label, **meta}],
    }


def build() -> list[dict]:
    records: list[dict] = []
    for country, formats in PHONE_FORMATS.items():
        for fmt in formats:
            for _ in range(PER_FORMAT):
                value = fmt_phone(country, fmt)
                templates = (
                    PHONE_CUED
                    if fmt in CUE_ONLY
                    else pick([PHONE_CUED, PHONE_CUED, PHONE_LABELLED, PHONE_BARE])
                )
                records.append(
                    post(pick(templates), value, "PHONE", country=country, kind="phone", format=fmt)
                )
    for (label, country, kind), formats in OTHER.items():
        for fmt, make in formats.items():
            for _ in range(PER_ID_FORMAT):
                records.append(
                    post(
                        pick(ID_TEMPLATES[kind]),
                        make(),
                        label,
                        country=country,
                        kind=kind,
                        format=fmt,
                    )
                )
    for template in NEAR_MISSES:
        for _ in range(4):
            records.append({"text": near_miss(template), "spans": [], "near_miss": True})
    out = []
    for n, rec in enumerate(records, 1):
        rec = {"id": f"pii-numbers-{n:04d}", **rec, "scored_labels": ["PHONE", "ID", "CREDIT_CARD"]}
        rec.setdefault("near_miss", False)
        out.append(rec)
    return out


def dump(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "posts.jsonl")
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail if the committed file is not what this script builds",
    )
    args = parser.parse_args(argv)
    text = dump(build())
    if args.check:
        if not args.out.is_file() or args.out.read_text(encoding="utf-8") != text:
            print(f"{args.out} is not what build.py makes; run it again", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} posts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
