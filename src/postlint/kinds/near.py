"""``near``: a sensitive item close to a companion, optionally with no third item around.

Oversharing is often a combination: *away* with *until the 14th*, *my daughter* with a
school name. The finding points at the ``target``; ``with`` must be within ``within`` words
of it, and ``without`` (when given) must not be. ``scope: sentence`` also keeps them in one
sentence; ``scope: post`` lets them be anywhere in the post (for hints far from what they
are about, as in "big layoffs coming ... 200 people ... keep it quiet!").
"""

from __future__ import annotations

from ..packs.fields import Fields
from ..scopes import same_sentence
from .base import Check, Hit
from .pattern import PatternCheck, compile_patterns
from .regex import RegexCheck
from .terms import TermsCheck

_SPEC_KEYS = ("terms", "match", "exceptions", "patterns", "pattern", "validators", "group",
              "in_urls")


def _parse_spec(f: Fields) -> Check:
    f.only(_SPEC_KEYS)
    if f.has("terms"):
        return TermsCheck(TermsCheck.parse(f))
    if f.has("patterns") and isinstance(f.raw("patterns"), list) and f.raw("patterns") and \
            isinstance(f.raw("patterns")[0], (list, dict)):
        return PatternCheck({"patterns": compile_patterns(f, "patterns")})
    if f.has("pattern") or f.has("patterns"):
        return RegexCheck(RegexCheck.parse(f))
    f.fail(None, "needs 'terms', token 'patterns' or a regex 'pattern'")


class NearCheck(Check):
    FIELDS = ("target", "with", "without", "within", "scope")
    SCOPES = ("words", "sentence", "post")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        scope = f.choice("scope", cls.SCOPES, required=False, default="words")
        if scope == "post" and f.has("within"):
            f.fail("within", "has no meaning with 'scope: post' (anywhere in the post)")
        return {
            "target": _parse_spec(f.sub("target")),
            "with": _parse_spec(f.sub("with")),
            "without": _parse_spec(f.sub("without")) if f.has("without") else None,
            "within": f.integer("within", 8, 1, 100),
            "scope": scope,
        }

    def __init__(self, params: dict):
        super().__init__(params)
        self.target = params["target"]
        self.companion = params["with"]
        self.without = params["without"]
        self.within = params["within"]
        self.scope = params["scope"]

    def find(self, post):
        targets = list(self.target.find(post))
        if not targets:
            return []
        companions = list(self.companion.find(post))
        if not companions:
            return []
        blockers = list(self.without.find(post)) if self.without else []
        hits = []
        for t in targets:
            if any(self._close(post, t, c) for c in companions) and \
                    not any(self._close(post, t, b) for b in blockers):
                hits.append(Hit(t.start, t.end))
        return hits

    def _close(self, post, a: Hit, b: Hit) -> bool:
        if a.start < b.end and b.start < a.end:
            return False  # the same words cannot be both target and companion
        if self.scope == "post":
            return True
        if self.scope == "sentence" and not same_sentence(post, a.start, b.start):
            return False
        first, second = (a, b) if a.start <= b.start else (b, a)
        gap = post.word_index_at(second.start) - post.word_index_at(first.end - 1) - 1
        return gap < self.within
