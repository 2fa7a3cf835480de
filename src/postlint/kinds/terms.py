"""``terms``: word and phrase lists, on lower case or on every inflection of each entry.

``case: as-written`` makes the capitals of an entry count: an entry in lower case matches
only words written in lower case, one in capitals (``POS``) only capitals, a capitalised
one (``Pos``) only capitalised words, and one in mixed case (``PoS``) only that spelling.
This is how an insult written ``pos`` is told apart from ``PoS`` (proof of stake).
"""

from __future__ import annotations

import re

from ..matching import PhraseIndex, find_phrases, phrase_words
from ..packs.fields import Fields
from ..scopes import answered_questions, sentences
from ..textmodel import normalize
from .base import Check, Hit

CASES = ("any", "as-written")


def _shape(word: str) -> str:
    """How a word is capitalised: lower, upper, title, or the word itself (mixed case)."""
    if not any(ch.isalpha() for ch in word) or word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return word


def _written_like(surface: str, shape: str) -> bool:
    letters = "".join(ch for ch in surface if ch.isalpha())
    if shape == "lower":
        return not letters or letters.islower()
    if shape == "upper":
        return letters.isupper()
    if shape == "title":
        return letters[:1].isupper() and letters[1:].islower()
    return surface == shape or surface.startswith(shape)  # "PoS" (and inflections: "PoSs")


class TermsCheck(Check):
    FIELDS = ("terms", "match", "exceptions", "case", "hooks")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        terms = f.text_list("terms")
        match = f.choice("match", ("lemma", "lower"), required=False, default="lemma")
        exceptions = f.text_list("exceptions", required=False)
        case = f.choice("case", CASES, required=False, default="any")
        hooks = f.text_list("hooks", required=False, limit=500)
        return {"terms": terms, "match": match, "exceptions": exceptions, "case": case,
                "hooks": hooks}

    def __init__(self, params: dict):
        super().__init__(params)
        self.index = PhraseIndex.build(params["terms"], inflect=params["match"] == "lemma")
        exceptions = params["exceptions"]
        self.exceptions = (PhraseIndex.build(exceptions, inflect=params["match"] == "lemma")
                           if exceptions else None)
        hooks = params.get("hooks")
        self.hooks = PhraseIndex.build(hooks, inflect=False) if hooks else None
        self.spellings = None
        if params.get("case", "any") == "as-written":
            # Entries that differ only in case ("pos", "POS") share one index entry: each
            # match is checked against the shapes of every entry with its words.
            by_words: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
            for term in params["terms"]:
                written = normalize(term).text.split()
                by_words.setdefault(phrase_words(term), []).append(
                    (tuple(_shape(w) for w in written), _shape("".join(written))))
            self.spellings = [by_words.get(phrase_words(t), []) for t in params["terms"]]

    def find(self, post):
        matches = find_phrases(post, self.index)
        if self.spellings is not None:
            matches = [m for m in matches if self._cased(post, m)]
        hits = [Hit(m.start, m.end) for m in matches]
        if hits and self.exceptions is not None:
            covered = [(m.start, m.end) for m in find_phrases(post, self.exceptions)]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in covered)]
        if hits and self.hooks is not None:
            # a problem named in a question the next sentence answers with an offer
            hooked = answered_questions(post, sentences(post), self.hooks)
            hits = [h for h in hits if not any(s <= h.start < e for s, e in hooked)]
        return hits

    def _cased(self, post, m) -> bool:
        surfaces = [post.text[w.start:w.end] for w in post.words[m.first_word:m.last_word + 1]]
        joined = re.sub(r"\W", "", "".join(surfaces))
        for shapes, joined_shape in self.spellings[m.term]:
            if len(surfaces) == len(shapes):
                if all(_written_like(s, shape) for s, shape in zip(surfaces, shapes,
                                                                   strict=True)):
                    return True
            elif _written_like(joined, joined_shape):
                return True  # a hashtag read as words ("#PoS"): the whole match
        return False
