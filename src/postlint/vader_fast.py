"""VADER's compound score, computed the way vaderSentiment 3.3.2 computes it, only faster.

``SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on bookkeeping it
repeats for every word: it lower-cases the whole sentence again inside each negation and
idiom check, and scores every word even when none is in the lexicon. This module is the same
algorithm over the same lexicon (VADER's own files, loaded by VADER), written so that each
sentence is split and lower-cased once, and a sentence with no lexicon word at all (a
compound of exactly 0.0) costs one set lookup per word. Only the compound score is computed.

It gives the same numbers as the library, including its quirks (the "but" rule rescales
sentiments by the first equal value's position, as VADER's loop does), so verdicts agree;
``benchmarks/vader_agreement.py`` measures that on the validation posts.

``likers`` switches on postlint's two scoring fixes (see ``postlint.kinds.sentiment``): "no"
is never scored by itself, and "like" is scored only after one of the ``likers`` words.
"""

from __future__ import annotations

import math
import string
from collections.abc import Collection
from typing import NamedTuple

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
)

__all__ = ["FastVader", "Prepared", "may_turn_negative"]

_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation


def _negated(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-cased word."""
    return word in _NEGATE or "n't" in word


def _normalize(score: float, alpha: float = 15) -> float:
    norm_score = score / math.sqrt((score * score) + alpha)
    if norm_score < -1.0:
        return -1.0
    if norm_score > 1.0:
        return 1.0
    return norm_score


class Prepared(NamedTuple):
    """A text as VADER splits it: its words (punctuation stripped from words longer than two
    characters), their lower case, whether some but not all words are in capitals, and its
    "!" and "?" counts (after emoji are described in words)."""

    words: list[str]
    lowers: list[str]
    is_cap_diff: bool
    exclamations: int
    questions: int


class FastVader:
    """The compound score of a text, as ``SentimentIntensityAnalyzer`` gives it."""

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str],
                 likers: Collection[str] | None = None):
        self.lexicon = lexicon
        self.emojis = emojis
        self.likers = frozenset(likers) if likers is not None else None
        # VADER looks emoji up one character at a time: only one-character keys can match.
        self._emoji_chars = frozenset(k for k in emojis if len(k) == 1)
        self._ascii_emoji = any(k.isascii() for k in self._emoji_chars)

    @classmethod
    def from_analyzer(cls, analyzer, likers: Collection[str] | None = None) -> FastVader:
        """Share the lexicon and emoji table of a loaded ``SentimentIntensityAnalyzer``."""
        return cls(analyzer.lexicon, analyzer.emojis, likers)

    @classmethod
    def load(cls, likers: Collection[str] | None = None) -> FastVader:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        return cls.from_analyzer(SentimentIntensityAnalyzer(), likers)

    def no_emoji(self, text: str) -> bool:
        """Whether VADER would find no emoji in ``text`` (so nothing to describe in words)."""
        return (text.isascii() and not self._ascii_emoji) or self._emoji_chars.isdisjoint(text)

    # -- text preparation (``polarity_scores`` and ``SentiText``) ---------------------------

    def _demojize(self, text: str) -> str:
        if (text.isascii() and not self._ascii_emoji) or self._emoji_chars.isdisjoint(text):
            return text.strip()
        emojis = self.emojis
        out: list[str] = []
        prev_space = True
        for ch in text:
            description = emojis.get(ch) if ch in self._emoji_chars else None
            if description is not None:
                if not prev_space:
                    out.append(" ")
                out.append(description)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    # -- scoring ------------------------------------------------------------------------------

    def prepare(self, text: str) -> Prepared:
        """What VADER makes of ``text`` before it looks at the lexicon.

        The split, the punctuation-stripped and lower-cased words and the emphasis counts
        depend only on the text and the emoji table, not on the lexicon: scorers that share
        an emoji table (every sentiment rule's) can share one preparation of a text.
        """
        text = self._demojize(text)
        punctuation = _PUNCTUATION
        # VADER's strip-punctuation-if-word, inlined: it runs for every word of every text.
        words = [w if len(s := w.strip(punctuation)) <= 2 else s for w in text.split()]
        lowers = [w.lower() for w in words]
        n = len(words)
        allcaps = sum(1 for w in words if w.isupper())
        return Prepared(words, lowers, 0 < n - allcaps < n, text.count("!"), text.count("?"))

    def compound(self, text: str) -> float:
        """``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``."""
        return self.compound_prepared(self.prepare(text))

    def compound_prepared(self, prepared: Prepared) -> float:
        """The compound score of a text prepared by ``prepare`` (of a scorer with the same
        emoji table); ``prepared`` is not changed, so it may be scored again."""
        words, lowers, is_cap_diff = prepared.words, prepared.lowers, prepared.is_cap_diff
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lowers):
            return 0.0  # every sentiment is 0: VADER's sum is 0 and so is its compound
        n = len(words)
        likers = self.likers
        # A word outside the lexicon scores 0 whatever VADER's checks say, so only the
        # lexicon's words go through them (VADER's loop appends a 0 for every other word).
        sentiments: list[float] = [0] * n
        for i in [i for i, low in enumerate(lowers) if low in lexicon]:
            low = lowers[i]
            if low in BOOSTER_DICT:
                continue
            if i < n - 1 and low == "kind" and lowers[i + 1] == "of":
                continue
            if likers is not None and (
                    low == "no" or (low == "like" and not (i > 0 and lowers[i - 1] in likers))):
                continue
            sentiments[i] = self._valence(words, lowers, i, is_cap_diff)
        if "but" in lowers:
            _but_check(lowers, sentiments)
        return round(_compound(sentiments, prepared.exclamations, prepared.questions), 4)

    def _valence(self, words: list[str], lowers: list[str], i: int, is_cap_diff: bool):
        lexicon = self.lexicon
        n = len(lowers)
        low = lowers[i]
        valence = lexicon[low]
        if low == "no" and i != n - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lowers[i - 1] == "no") or (i > 1 and lowers[i - 2] == "no") \
                or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor")):
            valence = lexicon[low] * N_SCALAR
        if words[i].isupper() and is_cap_diff:
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR
        for start_i in range(3):
            if i > start_i and lowers[i - (start_i + 1)] not in lexicon:
                s = _scalar_inc_dec(words[i - (start_i + 1)], lowers[i - (start_i + 1)],
                                    valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lowers, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lowers, i)
        # "least" as a negation
        if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            valence = valence * N_SCALAR
        return valence

def _compound(sentiments: list[float], ep_count: int, qm_count: int) -> float:
    """VADER's compound from the word sentiments and the text's "!" and "?" counts."""
    if not sentiments:
        return 0.0
    sum_s = float(sum(sentiments))
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct_emph_amplifier = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    return _normalize(sum_s)


def _scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    scalar = 0.0
    if word_lower in BOOSTER_DICT:
        scalar = BOOSTER_DICT[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            if valence > 0:
                scalar += C_INCR
            else:
                scalar -= C_INCR
    return scalar


def _negation_check(valence: float, lowers: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if _negated(lowers[i - 1]):
            valence = valence * N_SCALAR
    elif start_i == 1:
        if lowers[i - 2] == "never" and (lowers[i - 1] == "so" or lowers[i - 1] == "this"):
            valence = valence * 1.25
        elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
            pass
        elif _negated(lowers[i - 2]):
            valence = valence * N_SCALAR
    else:
        if lowers[i - 3] == "never" and (lowers[i - 2] == "so" or lowers[i - 2] == "this") or \
                (lowers[i - 1] == "so" or lowers[i - 1] == "this"):
            valence = valence * 1.25
        elif lowers[i - 3] == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
            pass
        elif _negated(lowers[i - 3]):
            valence = valence * N_SCALAR
    return valence


# Every word of VADER's idioms and of its boosters of more than one word. The words come
# from ``str.split``, so none holds a space: a joined run of them equals a key only when
# each of its words is one of these.
_IDIOM_WORDS = frozenset(w for key in (*SPECIAL_CASES, *(b for b in BOOSTER_DICT if " " in b))
                         for w in key.split())
# Besides a negator (``_negated``), the words that can turn a text negative without a
# negative word of the lexicon.
_TURNING = frozenset({"least"}) | _IDIOM_WORDS


def may_turn_negative(words: frozenset[str]) -> bool:
    """Whether a text of these lower-cased words could score below zero with none of them
    negative in the lexicon: a negator before a positive word ("not good"), "least" ("the
    least helpful"), or one of VADER's idioms ("yeah right"). Boosters, capitals, "!" and
    "but" only scale the valences there are, so without these a text cannot turn negative."""
    return not _TURNING.isdisjoint(words) or any(_negated(w) for w in words)


def _special_idioms_check(valence: float, lw: list[str], i: int) -> float:
    if lw[i] not in _IDIOM_WORDS and lw[i - 2] not in _IDIOM_WORDS:
        return valence  # each run looked up below holds word i or word i - 2
    onezero = f"{lw[i - 1]} {lw[i]}"
    twoonezero = f"{lw[i - 2]} {lw[i - 1]} {lw[i]}"
    twoone = f"{lw[i - 2]} {lw[i - 1]}"
    threetwoone = f"{lw[i - 3]} {lw[i - 2]} {lw[i - 1]}"
    threetwo = f"{lw[i - 3]} {lw[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(lw) - 1 > i:
        zeroone = f"{lw[i]} {lw[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lw) - 1 > i + 1:
        zeroonetwo = f"{lw[i]} {lw[i + 1]} {lw[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _but_check(lowers: list[str], sentiments: list[float]) -> None:
    """VADER's "but" rule, loop and all (it finds each value's first position again)."""
    bi = lowers.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
