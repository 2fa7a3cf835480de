"""What every check sees of one post: the doc, its normalised view, and its words.

Words are the units ``terms`` and ``near`` rules match on: ordinary tokens, and the words
inside a hashtag (``#ElectionDay`` reads as "election day"). URLs and e-mail addresses are
not words, and URL text is blanked out of the text that ``regex`` rules search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import NamedTuple

from spacy.attrs import IDX, LIKE_URL, ORTH
from spacy.tokens import Doc

from .tokenizer import hashtag_words, view_of

NEGATORS = frozenset((
    "not", "no", "never", "n't", "nt", "without", "nothing", "none", "nobody", "neither",
    "nor", "cannot", "cant", "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt",
    "wont", "wouldnt", "shouldnt", "couldnt", "hardly",
))
# Straight single quotes quote only where no apostrophe can be: after no letter and before
# a word ('Princess Caraboo'), closed after a word and before no letter (not "Jenny's").
# Every branch opens with its quote character, so the regex engine scans for those in C;
# the apostrophe's "after no letter" is checked just after it: ``(?<![\w']')`` right after
# a "'" holds exactly when the character before that "'" is no letter or "'" (or there is
# none), which is what ``(?<![\w'])`` checked before it (a lookbehind first made ``re``
# try the whole alternation at every position: 4-6x slower).
_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|«[^»\n]{1,400}»"
                     r"|'(?<![\w']')(?=\w)[^'\n]{1,400}(?<=[\w.!?])'(?![\w'])")
_RETWEET = re.compile(r"^\s*RT @\w+:?.*", re.S)

# Leetspeak and symbol stand-ins, applied only to tokens that mix letters with them.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "8": "b", "9": "g", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Capitals with a number after them name a product, protocol or format (POP3, MP3, HTML5,
# WIN10), not a disguised word: "POP3" is not "pope". Digits inside a word, or after lower
# case letters ("sh1t", "a55"), are still read as letters.
_VERSIONED_NAME = re.compile(r"[A-Z]{2,}[0-9]{1,4}")
_RUN3 = re.compile(r"(\w)\1{2,}")
_RUN2 = re.compile(r"(\w)\1+")


def word_forms(text: str) -> tuple[str, ...]:
    """The forms a written word is looked up under: lower case, de-leeted, de-stretched."""
    low = text.lower().replace("’", "'")
    forms = [low]
    if (not low.isalpha() and _HAS_LETTER.search(low) and not low.isdigit()
            and not _VERSIONED_NAME.fullmatch(text)):
        plain = low.translate(_LEET)
        if plain != low:
            forms.append(plain)
    for form in list(forms):
        if _RUN3.search(form):
            forms.append(_RUN3.sub(r"\1\1", form))
            forms.append(_RUN3.sub(r"\1", form))
            # A word stretched in one place is often stretched in others by one letter
            # only ("Fuuckkkk", "shhiiittt"): once a run of three shows the stretching,
            # every doubled letter may be a stretch too.
            forms.append(_RUN2.sub(r"\1", form))
    return tuple(dict.fromkeys(forms))


class Word(NamedTuple):
    """A word of the post: its lookup forms and its span in the normalised view."""

    forms: tuple[str, ...]
    start: int
    end: int
    token: int  # index of the token it comes from
    hashtag: str | None = None  # the lower-cased hashtag body when inside a hashtag

    @property
    def form(self) -> str:
        return self.forms[0]


# What a token contributes, by the token's text (its orth id) and vocabulary: its words as
# (start, end, forms, hashtag) relative to the token (none for a URL), and for the post-wide
# sets: every lookup form of those words, the hashtag body, whether a word is
# written with "*". Tokens repeat a lot across posts, so this is computed once per distinct
# token; the cache is bounded.
_TEMPLATE_LIMIT = 20_000
_templates: dict[int, tuple[object, dict]] = {}
_ORTH_IDX = [ORTH, IDX]


class _Template(NamedTuple):
    parts: tuple
    forms: tuple[str, ...]
    hashtag: str | None
    starred: bool


def _template(tok) -> _Template:
    text = tok.text
    tag = None
    if tok.like_url or tok.like_email or tok.is_space or not text.strip():
        parts = ()
    elif text[0] == "#" and len(text) > 1:
        body = text[1:]
        tag = body.lower()
        parts = tuple((1 + s, 1 + e, word_forms(body[s:e]), tag)
                      for s, e in hashtag_words(body))
    elif tok.is_punct and len(text) == 1:
        parts = ()
    elif text[0] == "@" and len(text) > 1:
        parts = ((0, len(text), (text.lower(),), None),)
    else:
        parts = ((0, len(text), word_forms(text), None),)
    forms = tuple(dict.fromkeys(f for part in parts for f in part[2]))
    starred = any("*" in part[2][-1] and part[2][-1].strip("*") for part in parts)
    return _Template(parts, forms, tag if parts else None, starred)


def _template_cache(vocab) -> dict:
    entry = _templates.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _templates[id(vocab)] = (vocab, {})
    cache = entry[1]
    if len(cache) > _TEMPLATE_LIMIT:
        cache.clear()
    return cache


_new_tuple = tuple.__new__


class Post:
    """One post under check; every derived view is computed at most once."""

    def __init__(self, doc: Doc, platform: str | None = None):
        self.doc = doc
        self.view = view_of(doc)
        self.text = self.view.text
        self.platform = platform
        self._words: list[Word] | None = None
        self._url_spans: list[tuple[int, int]] | None = None

    def _scan(self) -> None:
        """One pass over the tokens: the words and the post-wide sets."""
        words: list[Word] = []
        forms: set[str] = set()
        hashtags: set[str] = set()
        starred = False
        doc = self.doc
        cache = _template_cache(doc.vocab)
        for i, (orth, idx) in enumerate(doc.to_array(_ORTH_IDX).tolist()):
            template = cache.get(orth)
            if template is None:
                template = cache[orth] = _template(doc[i])
            if template.parts:
                for s, e, word_forms_, tag in template.parts:
                    words.append(_new_tuple(Word, (word_forms_, idx + s, idx + e, i, tag)))
                forms.update(template.forms)
                if template.hashtag is not None:
                    hashtags.add(template.hashtag)
                starred = starred or template.starred
        self._words = words
        self.__dict__["forms"] = frozenset(forms)
        self.__dict__["hashtags"] = frozenset(hashtags)
        self.__dict__["has_starred_word"] = starred

    @property
    def words(self) -> list[Word]:
        if self._words is None:
            self._scan()
        return self._words

    @property
    def url_spans(self) -> list[tuple[int, int]]:
        """The spans of the URL tokens, in order.

        Worked out apart from the words (the prefilter's regex part needs them for a batch
        of posts before their words are built): the tokens spaCy finds ``like_url``, read
        in C; a post without one, nearly every post, costs no pass in Python.
        """
        if self._url_spans is None:
            doc = self.doc
            flags = doc.to_array(LIKE_URL)
            self._url_spans = [] if not flags.any() else [
                (tok.idx, tok.idx + len(tok.text)) for tok, flag in zip(doc, flags.tolist(),
                                                                        strict=True) if flag]
        return self._url_spans

    @property
    def forms(self) -> frozenset[str]:
        """Every lookup form of every word (for prefilters: which lists can match at all)."""
        if self._words is None:
            self._scan()
        return self.__dict__["forms"]

    @property
    def hashtags(self) -> frozenset[str]:
        """The lower-cased bodies of the post's hashtags."""
        if self._words is None:
            self._scan()
        return self.__dict__["hashtags"]

    @property
    def has_starred_word(self) -> bool:
        """Whether a word is written with ``*`` ("f*ck"), which wildcard lookups handle."""
        if self._words is None:
            self._scan()
        return self.__dict__["has_starred_word"]

    @cached_property
    def _word_ends(self) -> list[int]:
        return [w.end for w in self.words]

    @cached_property
    def text_without_urls(self) -> str:
        """The view with URL characters blanked (same length, so offsets still hold)."""
        if not self.url_spans:
            return self.text
        chars = list(self.text)
        for start, end in self.url_spans:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    @cached_property
    def quoted_spans(self) -> list[tuple[int, int]]:
        spans = [m.span() for m in _QUOTED.finditer(self.text)]
        retweet = _RETWEET.match(self.text)
        if retweet:
            spans.append(retweet.span())
        return spans

    def is_quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quoted_spans)

    def word_index_at(self, offset: int) -> int:
        """Index of the first word that ends after ``offset``."""
        return bisect_right(self._word_ends, offset)

    def is_negated(self, start: int, window: int = 3) -> bool:
        """A negator among the few words before ``start`` ("not a scam", "no fraud")."""
        i = self.word_index_at(start)
        return any(w.form in NEGATORS for w in self.words[max(0, i - window): i])

    def window_text(self, start: int, end: int, before: int, after: int) -> str:
        """The words around a span, lower-cased and space-joined with padding spaces."""
        i = self.word_index_at(start)
        j = i
        while j < len(self.words) and self.words[j].start < end:
            j += 1
        chosen = self.words[max(0, i - before): i] + self.words[j: j + after]
        return " " + " ".join(w.form for w in chosen) + " "
