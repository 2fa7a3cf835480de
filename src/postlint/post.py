"""What every check sees of one post: the doc, its normalised view, and its words.

Words are the units ``terms`` and ``near`` rules match on: ordinary tokens, and the words
inside a hashtag (``#ElectionDay`` reads as "election day"). URLs and e-mail addresses are
not words, and URL text is blanked out of the text that ``regex`` rules search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from .tokenizer import hashtag_words, view_of

NEGATORS = frozenset(
    "not no never n't nt without nothing none nobody neither nor cannot cant isnt arent "
    "wasnt werent dont doesnt didnt wont wouldnt shouldnt couldnt hardly".split()
)
_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|«[^»\n]{1,400}»")
_RETWEET = re.compile(r"^\s*RT @\w+:?.*", re.S)

# Leetspeak and symbol stand-ins, applied only to tokens that mix letters with them.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "8": "b", "9": "g", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_HAS_LETTER = re.compile(r"[^\W\d_]")
_RUN3 = re.compile(r"(\w)\1{2,}")


def word_forms(text: str) -> tuple[str, ...]:
    """The forms a written word is looked up under: lower case, de-leeted, de-stretched."""
    low = text.lower().replace("’", "'")
    forms = [low]
    if not low.isalpha() and _HAS_LETTER.search(low) and not low.isdigit():
        plain = low.translate(_LEET)
        if plain != low:
            forms.append(plain)
    for form in list(forms):
        if _RUN3.search(form):
            forms.append(_RUN3.sub(r"\1\1", form))
            forms.append(_RUN3.sub(r"\1", form))
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Word:
    """A word of the post: its lookup forms and its span in the normalised view."""

    forms: tuple[str, ...]
    start: int
    end: int
    token: int  # index of the token it comes from
    hashtag: str | None = None  # the lower-cased hashtag body when inside a hashtag

    @property
    def form(self) -> str:
        return self.forms[0]


class Post:
    """One post under check; every derived view is computed at most once."""

    def __init__(self, doc: Doc, platform: str | None = None):
        self.doc = doc
        self.view = view_of(doc)
        self.text = self.view.text
        self.platform = platform

    @cached_property
    def words(self) -> list[Word]:
        words: list[Word] = []
        for tok in self.doc:
            if tok.like_url or tok.like_email or tok.is_space or not tok.text.strip():
                continue
            text = tok.text
            if text[0] == "#" and len(text) > 1:
                body = text[1:]
                for s, e in hashtag_words(body):
                    start = tok.idx + 1 + s
                    words.append(Word(word_forms(body[s:e]), start, tok.idx + 1 + e, tok.i,
                                      body.lower()))
                continue
            if tok.is_punct and len(text) == 1:
                continue
            if text[0] == "@" and len(text) > 1:
                words.append(Word((text.lower(),), tok.idx, tok.idx + len(text), tok.i))
                continue
            words.append(Word(word_forms(text), tok.idx, tok.idx + len(text), tok.i))
        return words

    @cached_property
    def url_spans(self) -> list[tuple[int, int]]:
        return [(t.idx, t.idx + len(t.text)) for t in self.doc if t.like_url]

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
        for i, word in enumerate(self.words):
            if word.end > offset:
                return i
        return len(self.words)

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
