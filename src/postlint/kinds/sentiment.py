"""``sentiment``: a sentence (or the whole post) scoring below a threshold.

Scores come from VADER, a lexicon and rule set built for social-media text; the finding
points at the sentence and names the words that pulled its score down.
"""

from __future__ import annotations

from functools import lru_cache

from ..packs.fields import Fields
from .base import Check, Hit


@lru_cache(maxsize=1)
def analyzer():
    """VADER's analyser, loaded once and only when a sentiment rule runs."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def negative_words(text: str, limit: int = 3) -> list[str]:
    """The words of ``text`` with the most negative valence in VADER's lexicon."""
    lexicon = analyzer().lexicon
    seen = {}
    for raw in text.split():
        word = raw.strip(".,!?;:\"'()[]{}#@*").lower()
        valence = lexicon.get(word)
        if valence is not None and valence < 0 and word not in seen:
            seen[word] = valence
    return [w for w, _ in sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))[:limit]]


class SentimentCheck(Check):
    FIELDS = ("threshold", "scope")
    PLACEHOLDERS = ("score", "words")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        return {
            "threshold": f.number("threshold", required=True, minimum=-1.0, maximum=1.0),
            "scope": f.choice("scope", ("sentence", "post"), required=False, default="sentence"),
        }

    def find(self, post):
        threshold = self.params["threshold"]
        if self.params["scope"] == "post":
            spans = [(0, len(post.text))]
        else:
            spans = [(s.start_char, s.end_char) for s in post.doc.sents]
        hits = []
        for start, end in spans:
            text = post.text[start:end]
            if not text.strip():
                continue
            score = analyzer().polarity_scores(text)["compound"]
            if score <= threshold:
                stripped = len(text) - len(text.lstrip())
                end_trim = len(text.rstrip())
                words = negative_words(text)
                hits.append(Hit(start + stripped, start + end_trim, {
                    "score": f"{score:.2f}",
                    "words": ", ".join(words) if words else "the overall tone",
                }))
        return hits
