"""``length``: character limits per platform, counted the way each platform counts.

X weighs most characters outside Latin and general punctuation as 2, every URL as 23 and
every emoji sequence as 2 (twitter-text's v3 rules). Mastodon counts a URL as 23. Others
count what people see: user-perceived characters, an emoji sequence as one.
Length rules apply only when a platform is given.
"""

from __future__ import annotations

import re
import unicodedata

from ..packs.fields import Fields
from ..tokenizer import EMOJI_RE
from ..vocabulary import PLATFORMS
from .base import Check, Hit

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_EXTENDERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")


def graphemes(text: str) -> list[tuple[int, int]]:
    """Spans of user-perceived characters (an approximation of UAX #29 for posts)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = EMOJI_RE.match(text, i)
        j = m.end() if m and m.end() > i else i + 1
        if text[i] == "\r" and j < n and text[j] == "\n":
            j += 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _EXTENDERS
                         or "\U000e0020" <= text[j] <= "\U000e007f"
                         or unicodedata.category(text[j]) == "Mn"):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _x_weight(cluster: str) -> int:
    if EMOJI_RE.fullmatch(cluster):
        return 2
    total = 0
    for ch in cluster:
        cp = ord(ch)
        total += 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT) else 2
    return total


def _units(text: str, platform: str) -> list[tuple[int, int, int]]:
    """(start, end, weight) for each counted unit of ``text`` on ``platform``."""
    units: list[tuple[int, int, int]] = []
    pos = 0
    url_weight = 23 if platform in ("x", "mastodon") else None
    for m in (_URL.finditer(text) if url_weight else ()):
        units.extend(_plain_units(text, pos, m.start(), platform))
        units.append((m.start(), m.end(), url_weight))
        pos = m.end()
    units.extend(_plain_units(text, pos, len(text), platform))
    return units


def _plain_units(text: str, start: int, end: int, platform: str):
    for s, e in graphemes(text[start:end]):
        cluster = text[start + s: start + e]
        yield start + s, start + e, _x_weight(cluster) if platform == "x" else 1


def count(text: str, platform: str) -> int:
    """The length of ``text`` as ``platform`` counts it."""
    return sum(w for _, _, w in _units(unicodedata.normalize("NFC", text), platform))


class LengthCheck(Check):
    FIELDS = ("limits",)
    PLACEHOLDERS = ("count", "limit", "platform")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        limits_f = f.sub("limits")
        limits = {}
        for name in limits_f.mapping:
            if name not in PLATFORMS:
                limits_f.fail(name, f"unknown platform; expected one of: {', '.join(PLATFORMS)}")
            limits[name] = limits_f.integer(name, minimum=1, maximum=1_000_000, required=True)
        if not limits:
            f.fail("limits", "must name at least one platform")
        return {"limits": limits}

    def platforms(self):
        return frozenset(self.params["limits"])

    def find(self, post):
        platform = post.platform
        limit = self.params["limits"].get(platform) if platform else None
        if limit is None:
            return []
        # Count the original text: a limit is about what the author typed.
        text = post.view.original
        total = 0
        for start, _, weight in _units(text, platform):
            total += weight
            if total > limit:
                full = count(text, platform)
                end = len(text.rstrip())
                return [Hit(start, max(end, start + 1), {"count": str(full), "limit": str(limit),
                                                         "platform": platform}, original=True)]
        return []
