"""The allow-list: the team's own words and published contact details are never findings.

The linter already skips allowed words while matching; this stage catches what it cannot:
a span inside an allowed phrase as written in the post (``Hell's Kitchen`` allowed keeps
``Hell`` from being profanity), and a span that *is* an allowed entry once normalised: an
e-mail address or URL compared without case, a phone number compared by its digits (``+44 20
7946 0000`` also allows ``020 7946 0000``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..finding import Span

_PREFIXES = ("mailto:", "tel:", "callto:")
_EDGE = " \t\r\n.,;:!?()[]{}<>\"'"


class AllowList:
    def __init__(self, entries: Iterable[str]):
        entries = [e for e in entries if e.strip()]
        self.exact = {_normal(e) for e in entries}
        self.numbers = {d for d in (_digits(e) for e in entries) if d}
        words = sorted({" ".join(e.split()) for e in entries}, key=len, reverse=True)
        self.phrases = re.compile(
            "|".join(r"(?<!\w)" + r"\s+".join(map(re.escape, w.split(" "))) + r"(?!\w)"
                     for w in words), re.IGNORECASE) if words else None

    def __bool__(self) -> bool:
        return bool(self.exact)

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """Where allowed phrases stand in ``text``."""
        if self.phrases is None:
            return []
        return [m.span() for m in self.phrases.finditer(text)]

    def allows(self, span: Span, occurrences: list[tuple[int, int]]) -> bool:
        if any(s <= span.start and span.end <= e for s, e in occurrences):
            return True
        if _normal(span.match) in self.exact:
            return True
        digits = _digits(span.match)
        return bool(digits) and any(_same_number(digits, n) for n in self.numbers)


@lru_cache(maxsize=64)
def allow_list(entries: tuple[str, ...]) -> AllowList:
    return AllowList(entries)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip(_EDGE)
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    return " ".join(text.split())


def _digits(text: str) -> str:
    """The digits of a phone-shaped text (7+ digits, mostly digits), else ''."""
    text = _normal(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    other = sum(ch.isalpha() for ch in text)
    if len(digits) < 7 or other > 2:
        return ""
    return digits.lstrip("0")


def _same_number(a: str, b: str) -> bool:
    """Equal, or equal but for a country code (at most three digits) on one of them."""
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return len(short) >= 7 and len(long) - len(short) <= 3 and long.endswith(short)
