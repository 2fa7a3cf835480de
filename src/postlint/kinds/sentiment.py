"""``sentiment``: a sentence (or the whole post) scoring below a threshold.

Scores come from VADER, a lexicon and rule set built for social-media text; the finding
points at the sentence and names the words that pulled its score down.

What VADER is given is the post as a reader takes it in: URLs, @-mentions and short
quotations (a title such as "Bad Blood", someone else's words) left out,
hashtags read as their words (``#EpicFail`` is "Epic Fail"), and the rule's ``neutral``
words and phrases taken out. ``neutral`` is how a pack says "this is not the writer's
mood": a brand's apology ("sorry for the inconvenience"), a release note's "fixed a bug".
Scoring fixes that apply everywhere: "no" only negates what follows ("no good") and is not
negative by itself ("no limit", "no need to worry"); "like" counts as liking only when someone likes
something ("I like", "would like"), not as a comparison ("looks like garbage"); and text
exported with literal ``\\u2019``-style escapes is read with those characters restored, so
"don\\u2019t" still negates.

``relax`` names phrases of a helping or inviting voice ("let us know", "hope this helps",
"join us"): a post that has one is held to ``relax.threshold`` instead, so a support reply
or an event invitation is flagged only when it is clearly hostile.

``scope: sentence`` scores each sentence; ``scope: post`` scores the post as a whole and
points at its most negative sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..matching import PhraseIndex, find_phrases
from ..packs.fields import Fields
from ..tokenizer import hashtag_words
from .base import Check, Hit

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# VADER's lexicon scores a few bare numbers as slang ("86", "187"); in posts they are
# prices, versions and counts.
_BARE_NUMBER = re.compile(r"(?<!\S)[#$£€]?\d+(?:[.,:]\d+)*[%)]?(?=[\s.,!?;:]|$)")
_MENTION = re.compile(r"(?<![\w@])@\w+")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_STRIP = ".,!?;:\"'()[]{}#@*“”‘’…"
# Words after which "like" is the verb (someone likes something), not "similar to".
_LIKERS = frozenset((
    "i", "we", "you", "they", "he", "she", "u", "ya", "people", "who", "would", "'d", "d",
    "do", "does", "did", "dont", "don't", "didnt", "didn't", "doesnt", "doesn't", "not",
    "really", "also", "just", "still", "to", "might", "may",
))


@lru_cache(maxsize=1)
def analyzer():
    """VADER's analyser (with the "no" and "like" fixes), loaded once and only when a rule runs."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class Analyzer(SentimentIntensityAnalyzer):
        def sentiment_valence(self, valence, sentitext, item, i, sentiments):
            words = sentitext.words_and_emoticons
            lower = item.lower()
            if lower == "no" or (lower == "like" and not (i > 0 and words[i - 1].lower()
                                                          in _LIKERS)):
                sentiments.append(0)
                return sentiments
            return super().sentiment_valence(valence, sentitext, item, i, sentiments)

    return Analyzer()


def reader_text(text: str) -> str:
    """``text`` as VADER should read it: no URLs or mentions, hashtags as words."""
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = _MENTION.sub(" ", text)
    text = _BARE_NUMBER.sub(" ", text)
    return _HASHTAG.sub(lambda m: " ".join(m.group(1)[s:e] for s, e in hashtag_words(m.group(1))),
                        text)


def library_score(text: str) -> float:
    """VADER's compound score from the library itself (the reference for ``score``)."""
    return analyzer().polarity_scores(reader_text(text))["compound"]


@lru_cache(maxsize=1)
def fast_scorer():
    """The same algorithm over VADER's lexicon, 3-4x faster (postlint.vader_fast)."""
    from ..vader_fast import FastVader

    return FastVader.from_analyzer(analyzer(), _LIKERS)


def score(text: str) -> float:
    """VADER's compound score of ``text`` as a reader takes it in, from -1 to 1.

    Computed by :mod:`postlint.vader_fast`, which gives the library's exact scores
    (``benchmarks/vader_agreement.py`` measures it: 100% identical on the validation posts).
    """
    return fast_scorer().compound(reader_text(text))


def negative_words(text: str, limit: int = 3) -> list[str]:
    """The words of ``text`` with the most negative valence in VADER's lexicon."""
    lexicon = analyzer().lexicon
    seen = {}
    for raw in reader_text(text).split():
        word = raw.strip(_STRIP).lower()
        valence = lexicon.get(word)
        if valence is not None and valence < 0 and word not in seen:
            seen[word] = valence
    return [w for w, _ in sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))[:limit]]


class SentimentCheck(Check):
    FIELDS = ("threshold", "scope", "min_words", "neutral", "relax")
    PLACEHOLDERS = ("score", "words")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        return {
            "threshold": f.number("threshold", required=True, minimum=-1.0, maximum=1.0),
            "scope": f.choice("scope", ("sentence", "post"), required=False, default="sentence"),
            "min_words": f.integer("min_words", 0, 0, 1000),
            "neutral": f.text_list("neutral", required=False, limit=2000),
            "relax": cls._parse_relax(f),
        }

    @staticmethod
    def _parse_relax(f: Fields) -> dict | None:
        sub = f.sub("relax", required=False)
        if sub is None:
            return None
        sub.only(("when", "threshold"))
        return {"when": sub.text_list("when", limit=2000),
                "threshold": sub.number("threshold", required=True, minimum=-1.0, maximum=1.0)}

    def __init__(self, params: dict):
        super().__init__(params)
        neutral = params.get("neutral") or []
        self.neutral = PhraseIndex.build(neutral, inflect=True) if neutral else None
        relax = params.get("relax")
        self.relax = PhraseIndex.build(relax["when"], inflect=False) if relax else None

    def _threshold(self, post) -> float:
        if self.relax is not None and next(find_phrases(post, self.relax), None) is not None:
            return self.params["relax"]["threshold"]
        return self.params["threshold"]

    def _scored_text(self, post, start: int, end: int) -> str:
        """The span with URLs, short quotations and this rule's neutral phrases blanked out."""
        chars = list(post.text_without_urls[start:end])
        for s, e in post.quoted_spans:
            inner = post.text[s:e]
            if len(inner.split()) <= 5 and not inner.startswith("RT "):
                s, e = max(s, start), min(e, end)
                if s < e:
                    chars[s - start:e - start] = " " * (e - s)
        if self.neutral is not None:
            for m in find_phrases(post, self.neutral):
                s, e = max(m.start, start), min(m.end, end)
                if s < e:
                    chars[s - start:e - start] = " " * (e - s)
        return "".join(chars)

    def _words_in(self, post, start: int, end: int) -> int:
        return sum(1 for w in post.words if start <= w.start < end and w.forms[0][:1] != "@")

    def find(self, post):
        p = self.params
        threshold = self._threshold(post)
        sentences = [(s.start_char, s.end_char) for s in post.doc.sents
                     if post.text[s.start_char:s.end_char].strip()]
        if not sentences:
            return []
        if p["scope"] == "post":
            start, end = sentences[0][0], sentences[-1][1]
            if self._words_in(post, start, end) < p["min_words"]:
                return []
            total = score(self._scored_text(post, start, end))
            if total > threshold:
                return []  # most posts end here: no sentence needs scoring on its own
            worst = min((score(self._scored_text(post, s, e)), s, e) for s, e in sentences)
            return [self._hit(post, worst[1], worst[2], total)]
        scored = [(score(self._scored_text(post, s, e)), s, e) for s, e in sentences]
        hits = []
        for value, start, end in scored:
            if value <= threshold and self._words_in(post, start, end) >= p["min_words"]:
                hits.append(self._hit(post, start, end, value))
        return hits

    def _hit(self, post, start: int, end: int, value: float) -> Hit:
        text = post.text[start:end]
        stripped = len(text) - len(text.lstrip())
        words = negative_words(self._scored_text(post, start, end))
        return Hit(start + stripped, start + len(text.rstrip()), {
            "score": f"{value:.2f}",
            "words": ", ".join(words) if words else "the overall tone",
        })
