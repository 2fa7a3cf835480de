"""Flesch reading ease, computed the way textstat 0.7.13 computes it for English, only faster.

textstat (pinned at 0.7.13 in pyproject.toml) counts words, sentences and syllables with a
few regular expressions, and syllables through pyphen's hyphenation patterns, which it
matches by slicing every substring of every word and looking each one up. Importing it also
imports NLTK. This module does the same counting with the same expressions, and matches the
same hyphenation patterns (pyphen's own English dictionary, loaded by pyphen) through a trie,
so that a word is walked only as far as some pattern continues; word counts are cached.
The scores are the same numbers: ``tests/test_equivalence.py`` compares them with
textstat's on generated and real text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# textstat.backend.utils.constants and .transformations._remove_punctuation
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
# textstat.backend.counts._count_sentences
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# textstat's English configuration (LANG_CONFIGS["en"])
FRE_BASE = 206.835
FRE_SENTENCE_LENGTH = 1.015
FRE_SYLLABLES_PER_WORD = 84.6
_CACHE_LIMIT = 50_000


def _without_punctuation(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation removed, split on white space."""
    return _without_punctuation(text).split()


def _count_sentences(text: str) -> int:
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for sentence in sentences if len(_words(sentence)) <= 2)
    return max(1, len(sentences) - ignored)


class Hyphenator:
    """pyphen's ``Pyphen(lang=...).positions``, through a trie of the same patterns."""

    def __init__(self, lang: str = "en", left: int = 2, right: int = 2):
        from pyphen import Pyphen

        patterns = Pyphen(lang=lang).hd.patterns
        self.left, self.right = left, right
        self.maxlen = max(len(key) for key in patterns)
        # node: {character: (child node, (offset, values) or None)}
        self.root: dict = {}
        for key, (offset, values) in patterns.items():
            node = self.root
            for n, ch in enumerate(key):
                child, found = node.get(ch, (None, None))
                if child is None:
                    child = {}
                if n == len(key) - 1:
                    found = (offset, tuple(int(v) for v in values))
                node[ch] = (child, found)
                node = child
        self._counts: dict[str, int] = {}

    def positions(self, word: str) -> list[int]:
        """Where ``word`` can be hyphenated, as pyphen gives it."""
        low = word.lower()
        pointed = f".{low}."
        size = len(pointed)
        references = [0] * (size + 1)
        root, maxlen = self.root, self.maxlen
        for i in range(size - 1):
            node = root
            for k in range(i, min(i + maxlen, size)):
                entry = node.get(pointed[k])
                if entry is None:
                    break
                node, found = entry
                if found is not None:
                    at = i + found[0]
                    for value in found[1]:
                        if at > size:
                            break
                        if value > references[at]:
                            references[at] = value
                        at += 1
        right = len(word) - self.right
        return [n - 1 for n, value in enumerate(references)
                if value % 2 and self.left <= n - 1 <= right]

    def syllables(self, word: str) -> int:
        """textstat's syllables of one (lower-cased) word: hyphenation points plus one."""
        count = self._counts.get(word)
        if count is None:
            if len(self._counts) >= _CACHE_LIMIT:
                self._counts.clear()
            count = self._counts[word] = len(self.positions(word)) + 1
        return count


@lru_cache(maxsize=1)
def hyphenator() -> Hyphenator:
    return Hyphenator("en")


def flesch_reading_ease(text: str) -> float:
    """``textstat.flesch_reading_ease(text)`` with textstat's language set to English."""
    plain = _without_punctuation(text)
    n_words = len(plain.split())
    sentences = _count_sentences(text)
    sentence_length = n_words / sentences if sentences else 0.0
    if not text or not n_words:
        syllables = 0.0
    else:
        count = hyphenator().syllables
        # list_words(text, lowercase=True): punctuation goes first, then the case
        syllables = sum(count(w) for w in plain.lower().split()) / n_words
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return FRE_BASE - FRE_SENTENCE_LENGTH * sentence_length - FRE_SYLLABLES_PER_WORD * syllables
