"""Platform names as sources write them ("Twitter", "LinkedIn Page", "IG") to postlint's.

Front matter ``platform:`` is written for postlint, so an unknown name there is an error; a
scheduler's network column also names networks postlint has no limits for (Pinterest,
TikTok, Google Business Profile), which leave the post without a platform.
A post meant for several platforms is checked against the strictest of them.
"""

from __future__ import annotations

import re

from ..vocabulary import PLATFORMS

# Words that name a platform in front matter values and scheduler network columns.
_WORDS = {
    "x": "x", "twitter": "x", "tweet": "x",
    "bluesky": "bluesky", "bsky": "bluesky",
    "mastodon": "mastodon", "fediverse": "mastodon",
    "threads": "threads",
    "linkedin": "linkedin", "li": "linkedin",
    "instagram": "instagram", "ig": "instagram", "insta": "instagram",
    "facebook": "facebook", "fb": "facebook",
}
# From the smallest limit to the largest: a post for several platforms must fit the first.
STRICTEST_FIRST = ("x", "bluesky", "mastodon", "threads", "instagram", "linkedin", "facebook")
assert sorted(STRICTEST_FIRST) == sorted(PLATFORMS)
_SPLIT = re.compile(r"[,;/|+&]|\band\b")
_WORD = re.compile(r"[a-z]+")


class PlatformProblem(ValueError):
    pass


def platform_of(value, strict: bool = False) -> str | None:
    """postlint's platform for a value: a name, a list of names, or a network column.

    Several platforms give the strictest; names postlint does not know give None, or
    raise :class:`PlatformProblem` when ``strict`` (front matter, written for postlint).
    """
    names = value if isinstance(value, (list, tuple)) else [value]
    found: set[str] = set()
    for name in names:
        if name is None or (isinstance(name, str) and not name.strip()):
            continue
        if not isinstance(name, str):
            raise PlatformProblem(f"must be a platform name or a list of them, found "
                                  f"{type(name).__name__} {name!r:.40}")
        for part in _SPLIT.split(name.lower()):
            if not part.strip():
                continue
            known = {_WORDS[w] for w in _WORD.findall(part) if w in _WORDS}
            if not known and strict:
                raise PlatformProblem(f"unknown platform {part.strip()!r:.60}; expected one of: "
                                      + ", ".join(PLATFORMS))
            found |= known
    for platform in STRICTEST_FIRST:
        if platform in found:
            return platform
    return None
