"""``pattern``: spaCy Matcher token patterns, validated by spaCy when the pack loads."""

from __future__ import annotations

import re

from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ..packs.fields import Fields
from .base import Check, Hit

_VALIDATION_VOCAB = Vocab()


def compile_patterns(f: Fields, key: str) -> list:
    """Read a list of token patterns (each a list of token dicts) and let spaCy check them."""
    patterns = f.raw(key)
    if not isinstance(patterns, list) or not patterns:
        f.fail(key, "must be a non-empty list of token patterns")
    if all(isinstance(p, dict) for p in patterns):
        patterns = [patterns]  # a single pattern written without the outer list
    plain = []
    for i, pattern in enumerate(patterns):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict)
                                                                   for t in pattern):
            f.fail(key, f"pattern {i + 1} must be a list of token mappings")
        plain.append(_plain(pattern))
        problem = _unsafe(plain[-1])
        if problem:
            f.fail(key, f"pattern {i + 1}: {problem}")
    try:
        Matcher(_VALIDATION_VOCAB, validate=True).add("check", plain)
    except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
        message = " ".join(str(exc).split())
        f.fail(key, f"invalid token pattern: {message[:400]}")
    return plain


MAX_REPEAT = 50
_QUANTIFIER = re.compile(r"^\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}$")


def _unsafe(pattern: list) -> str | None:
    """Why a token pattern could hang or blow up a run, or None.

    Python regular expressions (``REGEX``) backtrack exponentially on hostile tokens, and
    unbounded operators make the Matcher return every (start, end) pair of a long post.
    """
    def has_regex(value) -> bool:
        if isinstance(value, dict):
            return any(k == "REGEX" or has_regex(v) for k, v in value.items())
        return isinstance(value, list) and any(has_regex(v) for v in value)

    for token in pattern:
        if has_regex(token):
            return ("REGEX is not allowed in token patterns (Python regular expressions can "
                    "hang on hostile text); use a 'regex' rule, which runs on RE2")
        op = token.get("OP")
        if not isinstance(op, str):
            continue
        found = _QUANTIFIER.match(op)
        if op in ("+", "*") or (found and found.group(2) and not found.group(3)):
            return (f"OP '{op}' is unbounded, which makes long posts slow to check; "
                    f"use a bounded one such as '{{1,{MAX_REPEAT}}}'")
        if found and any(int(n) > MAX_REPEAT for n in found.group(1, 3) if n):
            return f"OP '{op}' repeats more than {MAX_REPEAT} times"
    return None


def _plain(value):
    """YAML's line-aware containers as plain dicts and lists, which spaCy expects."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class PatternCheck(Check):
    FIELDS = ("patterns",)

    @classmethod
    def parse(cls, f: Fields) -> dict:
        return {"patterns": compile_patterns(f, "patterns")}

    def __init__(self, params: dict):
        super().__init__(params)
        self.matcher = None
        self.vocab = None

    def find(self, post):
        doc = post.doc
        if self.vocab is not doc.vocab:
            self.matcher = Matcher(doc.vocab)
            self.matcher.add("rule", self.params["patterns"])
            self.vocab = doc.vocab
        spans = self.matcher(doc, as_spans=True)
        return [Hit(s.start_char, s.end_char) for s in _longest(spans)]


def _longest(spans):
    """Drop spans inside longer ones (the Matcher returns every partial match)."""
    from spacy.util import filter_spans

    return sorted(filter_spans(spans), key=lambda s: s.start)
