"""``phone``: phone numbers, found by shape and checked by libphonenumber for chosen regions.

A regex of phone-shaped digit runs finds candidates (so, like a ``regex`` rule, the rule
runs only on posts the prefilter's RE2 set says have one); each candidate, and each run of
its space-separated groups, is then parsed by ``phonenumbers`` (the Python port of Google's
libphonenumber) for the rule's regions. A number written with its country code (``+44``,
``0044``) is checked for that country whatever the regions.

How sure the rule must be depends on the evidence around the number:

- next to a *cue* ("call me", "text", "whatsapp", "mobile", or "office"/"fax" after it) a
  number only needs a length that is possible in a region; it may be written as one run
  of digits, or as a local number without its area code;
- without a cue it must be written like a phone number (a country code, a trunk ``0`` or
  an area code in brackets, or at least 9 digits or 3 groups) and meet ``leniency``:
  ``valid`` (in a range the region has assigned) or ``possible`` (a possible length).

Dates, times, dotted IP addresses and numbers with thousands separators are never phone
numbers. ``exclude_types`` drops numbers libphonenumber knows to be, for example,
toll-free or premium-rate lines (published business numbers).

``phonenumbers`` is imported on the first candidate, not when packs load: most posts have
no digit run, and start-up time matters.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

import re2

from ..packs.fields import Fields
from ..validators import VALIDATORS
from .base import Hit
from .regex import _OPTIONS, RegexCheck

# A phone-shaped run: an optional "+" or "(", a digit, digits and separators, a digit, and
# an optional extension ("x4587", "ext. 12"). The prefix group keeps it off the end of a
# word, an amount or a decimal number.
_NUMBER = (r"\(?\d[\d().\-/ \x{a0}]{4,28}\d"
           r"(?:\s?(?i:x|ext\.?|extn\.?|extension)\s?\d{1,6})?")
CANDIDATE = (r"(?:^|[^\w+#@$£€¥₹%.,:/-]|[.,:] |[^\d],)(\+?" + _NUMBER + r")"
             r"|[,;/](\+" + _NUMBER + r")")  # "+41 ..." right after a comma or a slash
MIN_DIGITS, MAX_DIGITS = 7, 15  # E.164 allows at most 15; local numbers have 7 or more
MAX_GROUPS = 10  # space-separated groups of one run tried as sub-runs

# libphonenumber's number types, by the names a pack uses.
TYPE_NAMES = {
    "fixed-line": "FIXED_LINE", "mobile": "MOBILE", "fixed-line-or-mobile": "FIXED_LINE_OR_MOBILE",
    "toll-free": "TOLL_FREE", "premium-rate": "PREMIUM_RATE", "shared-cost": "SHARED_COST",
    "voip": "VOIP", "personal-number": "PERSONAL_NUMBER", "pager": "PAGER", "uan": "UAN",
    "voicemail": "VOICEMAIL",
}
LENIENCIES = ("possible", "valid")
_EXCLUDED = 2  # the verdict on a number of an excluded type; ranks above any reading

_EXTENSION = re.compile(r"\s?(?i:x|ext\.?|extn\.?|extension)\s?\d{1,6}$")
_DATE = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|"
                   r"(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})$")
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3}){2,}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# The international prefix 00 written instead of "+" ("0044 20 ..."). North America's 011
# is not read as one: "011 655 6927" is a Johannesburg number, "011 2670 3345" one in Delhi.
_IDD = re.compile(r"^\(?00[ .-]?(?=[1-9])")
_DECIMAL_GROUP = re.compile(r"^\d+\.\d$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# A measurement or a count right after the digits: "3.6 GHz", "1 217 327 dollars".
_UNIT_AFTER = re.compile(
    r"^\s?(?i:ghz|mhz|hz|gb|mb|tb|kb|mm|cm|km|kg|mph|kph|fps|mah|px|dpi|%|x\b|k\b|m\b|g\b|"
    r"w\b|v\b|ms\b|s\b|sec|min|hrs?\b|units|pcs|pieces|items|copies|dollars|euros|pounds|"
    r"yen|rupees|usd|eur|gbp|inr|aud|cad|people|persons|users|visitors|views|downloads|"
    r"installs|members|customers|followers|subscribers|votes|tonnes|tons|litres|liters|"
    r"miles|steps|calories|words|lines|rows|records|hits|times)")


def _phonenumbers_dir() -> Path | None:
    spec = importlib.util.find_spec("phonenumbers")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """The region codes libphonenumber has metadata for, read from its data folder."""
    root = _phonenumbers_dir()
    if root is None:
        return frozenset()
    return frozenset(p.stem[len("region_"):] for p in (root / "data").glob("region_*.py")
                     if p.stem[len("region_"):].isalpha())


@lru_cache(maxsize=1)
def _lib():
    import phonenumbers

    return phonenumbers


class PhoneCheck(RegexCheck):
    """Candidates by regex (which the prefilter also uses), numbers by libphonenumber."""

    FIELDS = ("regions", "leniency", "cues", "exclude_types", "validators", "in_urls")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        raw = f.raw("regions")
        if isinstance(raw, list) and any(isinstance(r, bool) for r in raw):
            f.fail("regions", "a region code was read as true/false: YAML reads NO, YES, ON "
                   "and OFF as booleans, so quote them ('NO')")
        regions = [r.upper() for r in f.text_list("regions", limit=300)]
        known = known_regions()
        if not known:
            f.fail("regions", "needs the 'phonenumbers' package, which is not installed "
                   "(pip install phonenumbers)")
        for region in regions:
            if region not in known:
                f.fail("regions", f"unknown region '{region}'; use ISO 3166 codes that "
                       "libphonenumber knows, such as US, GB, AU, DE, FR, IN")
        leniency = f.choice("leniency", LENIENCIES, required=False, default="valid")
        cues = _parse_cues(f.sub("cues", required=False))
        excluded = f.text_list("exclude_types", required=False)
        for name in excluded:
            if name not in TYPE_NAMES:
                f.fail("exclude_types", f"unknown number type '{name}'; expected any of: "
                       + ", ".join(TYPE_NAMES))
        validators = f.text_list("validators", required=False)
        for name in validators:
            if name not in VALIDATORS:
                f.fail("validators", f"unknown validator '{name}'; expected one of: "
                       + ", ".join(sorted(VALIDATORS)))
        return {"regions": tuple(dict.fromkeys(regions)), "leniency": leniency, "cues": cues,
                "exclude_types": tuple(TYPE_NAMES[n] for n in excluded),
                "validators": [VALIDATORS[v] for v in validators],
                "in_urls": f.boolean("in_urls", False),
                "compiled": [re2.compile(CANDIDATE, _OPTIONS)], "group": 1}

    def __init__(self, params: dict):
        self.params = params
        self.patterns = params["compiled"]
        self.group = 1
        self.in_urls = params["in_urls"]
        self.validators = params["validators"]
        self.regions = params["regions"]
        self.valid_only = params["leniency"] == "valid"
        self.cues = params["cues"]
        self.exclude_types = params["exclude_types"]

    def find(self, post):
        text = post.text if self.in_urls else post.text_without_urls
        hits = []
        for m in self.patterns[0].finditer(text):
            start, end = m.span(1) if m.start(1) >= 0 else m.span(2)
            for s, e in self._numbers(post, text, start, end):
                if all(check(text[s:e]) for check in self.validators):
                    hits.append(Hit(s, e))
        return hits

    # -- one candidate run ---------------------------------------------------------------

    def _numbers(self, post, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The phone numbers in one run of space-separated digit groups.

        A run can hold several numbers, or a postcode before one ("70651 082 490 1693"):
        the best reading of any sub-run is taken first (valid beats possible; then one
        that starts as numbers do, with "+", "(" or a trunk "0"; then the longer), and the
        groups left of and right of it are read again.
        """
        groups = [(start + g.start(), start + g.end())
                  for g in re.finditer(r"[^ \u00a0]+", text[start:end])][:MAX_GROUPS]
        found: list[tuple[int, int]] = []
        pending = [(0, len(groups))]
        while pending:
            lo, hi = pending.pop()
            best = None
            for i in range(lo, hi):
                for j in range(i + 1, hi + 1):
                    s, e = groups[i][0], groups[j - 1][1]
                    score = self._score(post, text[s:e], s, e)
                    if score is not None and (best is None or score > best[0]):
                        best = (score, i, j)
            if best is not None:
                score, i, j = best
                if score[0] != _EXCLUDED:
                    found.append((groups[i][0], groups[j - 1][1]))
                pending += [(lo, i), (j, hi)]
        return sorted(found)

    def _score(self, post, number: str, start: int, end: int) -> tuple | None:
        """How good a reading ``number`` is as a phone number (None: it is not one)."""
        body = _EXTENSION.sub("", number).strip("()")
        digits = sum(ch.isdigit() for ch in body)
        after = post.text[end:end + 14]
        if not MIN_DIGITS <= digits <= MAX_DIGITS or _not_a_phone(body) or \
                _UNIT_AFTER.match(after) or after[:1] == ":" and after[1:2].isdigit():
            return None  # a measurement ("3.6 GHz") or a time ("11:34")
        verdict = _verdict(number, self.regions, self.exclude_types)
        if verdict is None:
            return None
        if verdict == _EXCLUDED:
            return _EXCLUDED, True, True, digits  # consumed, so no part of it is read again
        possible, valid, local_only = verdict
        if self.cues is not None and self._cued(post, start, end):
            if not (possible or local_only):
                return None
        elif local_only or not possible or (self.valid_only and not valid) or \
                not _written_as_phone(body, digits):
            return None
        starts_well = number[0] in "+(" or number[0] == "0" or bool(_IDD.match(number))
        return int(valid), starts_well, possible, digits

    def _cued(self, post, start: int, end: int) -> bool:
        cues = self.cues
        before = post.window_text(start, end, cues["before"], 0)
        if any(w in before for w in cues["words"]):
            return True
        if cues["after_words"] and cues["after"]:
            # Read the text after the number itself: a label can be glued on ("...48-Fax").
            from ..matching import phrase_words

            after = " " + " ".join(phrase_words(post.text[end:end + 12 * cues["after"]])
                                   [:cues["after"]]) + " "
            return any(w in after for w in cues["after_words"])
        return False


def _parse_cues(f: Fields | None) -> dict | None:
    if f is None:
        return None
    from ..matching import phrase_words

    f.only(("before", "after", "words", "after_words"))

    def padded(key: str) -> tuple[str, ...]:
        return tuple(f" {' '.join(phrase_words(w))} " for w in f.text_list(key, required=False))

    words, after_words = padded("words"), padded("after_words")
    if not words and not after_words:
        f.fail(None, "needs 'words' (before a number) or 'after_words'")
    return {"words": words, "after_words": after_words,
            "before": f.integer("before", 5, 0, 50), "after": f.integer("after", 2, 0, 50)}


def _not_a_phone(body: str) -> bool:
    """Dates, IP addresses, ISBNs, amounts and decimals, runs of years."""
    compact = body.replace(" ", "")
    if _isbn13(compact) or _IP.match(compact) or _THOUSANDS.match(body):
        return True
    pieces = body.split()
    if any(_DATE.match(p) or _DECIMAL_GROUP.match(p) for p in pieces) or _DATE.match(compact):
        return True
    parts = re.split(r"[ .\-/]+", body)
    return len(parts) > 1 and all(_YEAR.match(p) for p in parts)


def _isbn13(compact: str) -> bool:
    digits = compact.replace("-", "")
    if len(digits) != 13 or not digits.isdigit() or not digits.startswith(("978", "979")):
        return False
    return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def _written_as_phone(body: str, digits: int) -> bool:
    """Written like a phone number: country code, trunk 0, (area code), or enough grouping."""
    if body.startswith("+") or _IDD.match(body) or body.startswith(("0", "(")):
        return True
    groups = len(re.findall(r"\d+", body))
    if groups == 1:
        return False  # one unbroken run of digits, and no cue: an id, an amount, an order
    return digits >= 9 or groups >= 3


@lru_cache(maxsize=4096)
def _verdict(number: str, regions: tuple[str, ...],
             exclude_types: tuple[str, ...]) -> tuple[bool, bool, bool] | int | None:
    """(possible, valid, local only) for the best reading of ``number``, ``_EXCLUDED``, or
    None.

    A number with a country code is read as that; otherwise it is read for each region in
    turn, since without one it is ambiguous: "0800 123 4567" is a freephone line in the UK
    and a mobile number in India. The *home* reading (the first region, in the rule's
    order, where its length is possible) decides whether it is a published business line:
    valid there as an excluded type (toll-free, say), it is one. Otherwise the first
    region where it is valid wins, and failing that it is as possible as it is at home.
    The order of ``regions`` is thus the order of the audience's countries.
    """
    pn = _lib()
    international = number.startswith("+") or bool(_IDD.match(number))
    readings = [(_IDD.sub("+", number, count=1), None)] if international else \
        [(number, r) for r in regions]
    home = None
    for text, region in readings:
        try:
            parsed = pn.parse(text, region)
        except pn.NumberParseException:
            continue
        reason = pn.is_possible_number_with_reason(parsed)
        possible = reason == pn.ValidationResult.IS_POSSIBLE
        local_only = reason == pn.ValidationResult.IS_POSSIBLE_LOCAL_ONLY
        if not (possible or local_only):
            continue
        is_home = home is None
        if is_home:
            home = (possible, False, local_only)
        if possible and pn.is_valid_number(parsed):
            kind = pn.number_type(parsed)
            if not any(kind == getattr(pn.PhoneNumberType, t) for t in exclude_types):
                return True, True, False
            if is_home:
                return _EXCLUDED
    return home
