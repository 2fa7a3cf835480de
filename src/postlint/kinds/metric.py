"""``metric``: readability scores and counts, with limits.

Readability comes from textstat; Flesch reading ease, the one the built-in packs use, from
``postlint.readability``, which gives textstat's numbers faster and without importing it.
textstat 0.7.13 looks syllables up in NLTK's cmudict and downloads it on first use; a linter
must never touch the network, so postlint routes textstat's syllable counting to pyphen
(which textstat already uses as its fallback) before the first score is computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..packs.fields import Fields
from .base import Check, Hit


@lru_cache(maxsize=1)
def textstat():
    """textstat, imported on first use with its cmudict lookup switched off."""
    import textstat as ts
    from textstat.backend.counts import _count_syllables

    if not hasattr(_count_syllables, "get_cmudict"):
        raise RuntimeError("unsupported textstat version: cannot keep it offline")
    # count_syllables falls back to pyphen when the dictionary is None.
    _count_syllables.get_cmudict = lambda lang: None
    ts.set_lang("en")
    return ts


def _textstat_metric(name: str) -> Callable[[str], float]:
    return lambda text: float(getattr(textstat(), name)(text))


_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")

def _flesch_reading_ease(text: str) -> float:
    from ..readability import flesch_reading_ease

    return float(flesch_reading_ease(text))


METRICS: dict[str, Callable] = {
    # textstat's formula and counts, without importing textstat (postlint.readability)
    "flesch_reading_ease": _flesch_reading_ease,
    "flesch_kincaid_grade": _textstat_metric("flesch_kincaid_grade"),
    "gunning_fog": _textstat_metric("gunning_fog"),
    "smog_index": _textstat_metric("smog_index"),
    "automated_readability_index": _textstat_metric("automated_readability_index"),
    "lexicon_count": _textstat_metric("lexicon_count"),
    "sentence_count": lambda text: float(textstat().sentence_count(text)),
}
# Counts that need no textstat: computed from the post's tokens.
TOKEN_METRICS: dict[str, Callable] = {
    "hashtag_count": lambda post: float(sum(t.text.startswith("#") and len(t.text) > 1
                                            for t in post.doc)),
    "mention_count": lambda post: float(sum(t.text.startswith("@") and len(t.text) > 1
                                            for t in post.doc)),
    "word_count": lambda post: float(len(post.words)),
    "exclamation_run": lambda post: float(max((len(m) for m in re.findall(r"!+", post.text)),
                                              default=0)),
    "caps_ratio": lambda post: _caps_ratio(post.text),
}


def _caps_ratio(text: str) -> float:
    words = _WORD.findall(text)
    if len(words) < 4:
        return 0.0
    return sum(w.isupper() for w in words) / len(words)


class MetricCheck(Check):
    FIELDS = ("metric", "min", "max", "min_words")
    PLACEHOLDERS = ("value", "limit")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        metric = f.choice("metric", sorted({*METRICS, *TOKEN_METRICS}))
        low, high = f.number("min"), f.number("max")
        if low is None and high is None:
            f.fail("max", "give 'min', 'max' or both")
        return {"metric": metric, "min": low, "max": high,
                "min_words": f.integer("min_words", 0, 0, 10_000)}

    def find(self, post):
        p = self.params
        if p["min_words"] and len(post.words) < p["min_words"]:
            return []  # too short for the metric to mean anything (and no import cost)
        name = p["metric"]
        if name in TOKEN_METRICS:
            value = TOKEN_METRICS[name](post)
        else:
            text = post.text_without_urls.strip()
            if not text:
                return []
            value = METRICS[name](text)
        if p["min"] is not None and value < p["min"]:
            limit = p["min"]
        elif p["max"] is not None and value > p["max"]:
            limit = p["max"]
        else:
            return []
        stripped = post.text.strip()
        start = post.text.find(stripped) if stripped else 0
        return [Hit(start, start + len(stripped),
                    {"value": f"{value:g}", "limit": f"{limit:g}"})]
