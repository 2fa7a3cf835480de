"""``length``: character and hashtag limits per platform, counted the way each platform counts.

- **X** follows twitter-text's v3 rules: the text is NFC-normalised; a code point weighs 1
  in Latin, general punctuation and the other ranges of its configuration (U+0000-U+10FF,
  U+2000-U+200D, U+2010-U+201F, U+2032-U+2037) and 2 elsewhere (CJK, most symbols); an
  emoji sequence (ZWJ families, flags, skin tones, keycaps) weighs 2; a link weighs 23,
  with or without ``https://`` (``acme.com/launch``) when its domain is valid.
- **Mastodon** counts user-perceived characters; a link (``http(s)://``) counts as 23 and a
  mention of a remote account (``@jo@mastodon.social``) as its local part (``@jo``).
- **Bluesky, Threads, LinkedIn, Instagram, Facebook** count user-perceived characters
  (UAX #29 grapheme clusters): an emoji sequence, a flag or a letter with its accents is one.

Leading and trailing white space is not counted (schedulers and platforms trim it). Spans
a reader marks (``InputPost.counted_as``, e.g. a Markdown file's blanked comments and link
addresses) count as the platform publishes them: ``hidden`` not at all, ``url`` as a link.

``count: hashtags`` counts hashtags instead (Instagram allows 30 per post). Length rules
apply only when a platform is given.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from types import SimpleNamespace

from ..packs.fields import Fields
from ..tokenizer import EMOJI_RE
from ..vocabulary import PLATFORMS
from .base import Check, Hit

# Where a doc carries a post's ``counted_as`` spans (set by ``Linter.lint_many``).
COUNTED_AS_KEY = "postlint_counted_as"
URL_WEIGHT = {"x": 23, "mastodon": 23}
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
# twitter-text reads these as emoji only with the emoji variation selector (U+FE0F).
_TEXT_STYLE = frozenset("\u00a9\u00ae")

# Links as twitter-text finds them: a scheme or a known top-level domain, valid labels,
# then a path and query whose last character is one a link can end with.
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|ai|app|dev|me|tv|ly|gl|gg|to|fm|so|sh|xyz|"
    "online|site|store|shop|blog|news|tech|live|media|agency|global|world|today|cloud|art|"
    "design|studio|digital|social|email|events|marketing|network|email|page|link|club|"
    "academy|health|finance|bank|law|travel|jobs|mobi|name|pro|aero|coop|museum|asia|eu|"
    "uk|us|ca|au|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pt|pl|cz|sk|hu|ro|bg|gr|tr|ru|ua|"
    "jp|cn|kr|in|sg|hk|tw|my|id|th|vn|ph|nz|za|ng|ke|eg|ma|br|ar|mx|cl|pe|uy|il|ae|sa|qa|"
    "ir|pk|bd|lk|np|is|lu|li|ee|lv|lt|si|hr|rs|ba|me|mk|al|md|by|kz|uz|ge|am|az|cy|mt|py"
)
# Labels of a domain without a scheme stop at CJK text (there is no space before a link in
# Japanese or Chinese); after a scheme, a label may be written in any script.
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_ALNUM = rf"[[\p{{L}}\p{{N}}]--[{_CJK}]]"
_BARE_LABEL = rf"{_ALNUM}(?:[[\p{{L}}\p{{N}}_\-]--[{_CJK}]]*{_ALNUM})?"
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}])?"
_LETTERS = r"a-z0-9\u00c0-\u024f\u0400-\u04ff"  # path characters: Latin, accents, Cyrillic
_PATH_CHAR = rf"[{_LETTERS}!*';:=+,.$/%#\[\]\-_~&|@\u2013]"
_PATH_END = rf"[{_LETTERS}=_#/+\-]"
_PAREN = rf"\({_PATH_CHAR}*\)"
_PATH = rf"/(?:(?:{_PAREN}|{_PATH_CHAR})*(?:{_PAREN}|{_PATH_END}))?"
_QUERY = rf"\?[{_LETTERS}!?*'();:&=+$/%#\[\]\-_.,~|@]*[{_LETTERS}\-_&=#/]"
_AFTER_TLD = r"(?![a-z0-9_\-@+\u00c0-\u024f])"


@cache
def _patterns() -> SimpleNamespace:
    """The length rules' patterns, compiled on first use: only a run with a platform counts
    characters, and the ``regex`` module and these patterns cost a tenth of a start."""
    import regex

    return SimpleNamespace(
        grapheme=regex.compile(r"\X"),
        x_url=regex.compile(
            rf"(?<!{_ALNUM}|[_@＠$#＃.\-/])"
            rf"(?:(?P<scheme>https?://)(?P<host>(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|[^\x00-\x7f\s\p{{P}}\p{{S}}]{{2,}})"
            rf"{_AFTER_TLD}|\d{{1,3}}(?:\.\d{{1,3}}){{3}})"
            rf"|(?P<bare>(?:{_BARE_LABEL}\.)+(?:{_TLDS}){_AFTER_TLD}))"
            rf"(?::\d{{1,5}})?(?:{_PATH})?(?:{_QUERY})?", regex.I | regex.V1),
        mastodon_url=regex.compile(r"https?://[^\s<>\"\u202a-\u202e\u2066-\u2069]+"
                                   r"(?<![.,:;!?'\")\]])", regex.I),
        mastodon_mention=regex.compile(r"(?<![\w/@])@(\w+(?:[.-]+\w+)*)@[\w.-]+\w",
                                       regex.ASCII),
        hashtag=regex.compile(r"(?<![\w&#/])[#＃](?=\w*[^\W\d_])\w+"),
    )


def graphemes(text: str) -> list[tuple[int, int]]:
    """Spans of user-perceived characters (UAX #29 extended grapheme clusters)."""
    return [m.span() for m in _patterns().grapheme.finditer(text)]


def _valid_host(host: str, scheme: bool) -> bool:
    labels = host.split(".")
    for label in labels:
        if not label or label.startswith("-") or label.endswith("-"):
            return False
        encoded = label if label.isascii() else "xn--" + label.encode("punycode").decode()
        if len(encoded) > 63:
            return False
    # an underscore may stand in a subdomain, not in the domain or its top level
    return not any("_" in label for label in labels[-2:]) or host.replace(".", "").isdigit()


def _x_links(text: str) -> Iterator[tuple[int, int]]:
    for m in _patterns().x_url.finditer(text):
        host = m.group("host") or m.group("bare")
        if not _valid_host(host.lower(), bool(m.group("scheme"))):
            continue
        parts = host.split(".")
        if all(p.isdigit() for p in parts) and any(int(p) > 255 for p in parts):
            continue  # not an IPv4 address
        yield m.span()


def _links(text: str, platform: str) -> list[tuple[int, int, int]]:
    """(start, end, weight) of the links and mentions ``platform`` counts specially."""
    if platform == "x":
        return [(s, e, 23) for s, e in _x_links(text)]
    if platform == "mastodon":
        found = [(*m.span(), 23) for m in _patterns().mastodon_url.finditer(text)]
        for m in _patterns().mastodon_mention.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), 1 + len(graphemes(m.group(1)))))
        return sorted(found)
    return []


def _x_weight(cluster: str) -> int:
    if cluster not in _TEXT_STYLE and EMOJI_RE.fullmatch(cluster):
        return 2
    total = 0
    for ch in unicodedata.normalize("NFC", cluster):
        cp = ord(ch)
        total += 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT) else 2
    return total


def _units(text: str, platform: str, counted_as=()) -> list[tuple[int, int, int]]:
    """(start, end, weight) for each counted unit of ``text`` on ``platform``.

    White space before the first and after the last published unit is not counted.
    """
    units: list[tuple[int, int, int]] = []
    pos = 0
    for start, end, kind in sorted(counted_as):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        units.extend(_plain_units(text, pos, start, platform))
        if kind == "url":
            units.append((start, end, URL_WEIGHT.get(platform, end - start)))
        pos = end
    units.extend(_plain_units(text, pos, len(text), platform))
    marked = {s for s, _, kind in counted_as if kind == "url"}
    first, last = 0, len(units)
    while first < last and units[first][0] not in marked and text[units[first][0]].isspace():
        first += 1
    while last > first and units[last - 1][0] not in marked \
            and text[units[last - 1][0]].isspace():
        last -= 1
    return units[first:last]


def _plain_units(text: str, start: int, end: int, platform: str):
    piece = text[start:end]
    pos = 0
    for s, e, weight in _links(piece, platform):
        yield from _graphemes(piece, pos, s, start, platform)
        yield start + s, start + e, weight
        pos = e
    yield from _graphemes(piece, pos, len(piece), start, platform)


def _graphemes(piece: str, start: int, end: int, base: int, platform: str):
    for m in _patterns().grapheme.finditer(piece, start, end):
        s, e = m.span()
        yield base + s, base + e, _x_weight(m.group()) if platform == "x" else 1


def count(text: str, platform: str, counted_as=()) -> int:
    """The length of ``text`` as ``platform`` counts it."""
    return sum(w for _, _, w in _units(text, platform, counted_as))


def hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of the hashtags in ``text`` (``#launch``, not ``#1`` or ``&#39;``)."""
    return [m.span() for m in _patterns().hashtag.finditer(text)]


class LengthCheck(Check):
    FIELDS = ("limits", "count")
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
        unit = f.choice("count", ("characters", "hashtags"), required=False,
                        default="characters")
        return {"limits": limits, "count": unit}

    def platforms(self):
        return frozenset(self.params["limits"])

    def find(self, post):
        platform = post.platform
        limit = self.params["limits"].get(platform) if platform else None
        if limit is None:
            return []
        # Count the original text: a limit is about what the author typed.
        text = post.view.original
        values = {"limit": str(limit), "platform": platform}
        if self.params["count"] == "hashtags":
            tags = [(s, e) for s, e in hashtags(text)
                    if not _hidden(s, post.doc.user_data.get(COUNTED_AS_KEY, ()))]
            if len(tags) <= limit:
                return []
            return [Hit(tags[limit][0], tags[-1][1], {**values, "count": str(len(tags))},
                        original=True)]
        counted_as = post.doc.user_data.get(COUNTED_AS_KEY, ())
        units = _units(text, platform, counted_as)
        total = 0
        for start, _, weight in units:
            total += weight
            if total > limit:
                full = sum(w for _, _, w in units)
                end = max(units[-1][1], start + 1)
                return [Hit(start, end, {**values, "count": str(full)}, original=True)]
        return []


def _hidden(offset: int, counted_as) -> bool:
    return any(s <= offset < e for s, e, _ in counted_as)
