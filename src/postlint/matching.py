"""Phrase lists compiled into one index, matched over a post's words.

Inflections are expanded when a pack is compiled, not at check time, so one entry ("hate")
catches hates, hated, hating and haters with a plain dictionary lookup per word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from .post import Post

_VOWELS = set("aeiou")
_IRREGULAR = {
    "be": "is are was were been being am", "have": "has had having", "do": "does did done doing",
    "go": "goes went gone going", "say": "says said saying", "get": "gets got gotten getting",
    "make": "makes made making", "take": "takes took taken taking", "know": "knows knew known",
    "think": "thinks thought thinking", "pay": "pays paid paying", "sell": "sells sold selling",
    "buy": "buys bought buying", "fight": "fights fought fighting", "steal": "steals stole stolen",
    "lie": "lies lied lying liar liars", "die": "dies died dying", "hang": "hangs hung hanging",
    "shoot": "shoots shot shooting", "beat": "beats beaten beating", "burn": "burns burnt burned",
    "hit": "hits hitting", "hurt": "hurts hurting", "leave": "leaves left leaving",
    "fly": "flies flew flown flying", "lose": "loses lost losing", "win": "wins won winning",
    "tell": "tells told telling", "feel": "feels felt feeling", "keep": "keeps kept keeping",
    "bring": "brings brought bringing", "send": "sends sent sending", "spend": "spends spent",
    "child": "children", "kid": "kids", "man": "men", "woman": "women", "person": "people",
    "wife": "wives", "knife": "knives", "life": "lives", "foot": "feet", "tooth": "teeth",
    "bleed": "bleeds bled bleeding", "break": "breaks broke broken breaking",
    "choose": "chooses chose chosen", "drive": "drives drove driven driving",
    "eat": "eats ate eaten eating", "fall": "falls fell fallen falling",
    "forget": "forgets forgot forgotten", "give": "gives gave given giving",
    "hide": "hides hid hidden hiding", "ride": "rides rode ridden riding",
    "run": "runs ran running", "see": "sees saw seen seeing", "speak": "speaks spoke spoken",
    "stink": "stinks stank stunk stinking", "suck": "sucks sucked sucking sucker suckers",
    "swear": "swears swore sworn", "write": "writes wrote written writing",
}
_IRREGULAR_FORMS = {k: tuple(v.split()) for k, v in _IRREGULAR.items()}


def inflections(word: str) -> tuple[str, ...]:
    """The word and its regular (and common irregular) English inflections."""
    w = word.lower()
    if not w.isalpha() or len(w) < 2:
        return (w,)
    forms = {w, *_IRREGULAR_FORMS.get(w, ())}
    if w.endswith("e"):
        forms.update((w + "s", w + "d", w[:-1] + "ing", w + "r", w + "rs"))
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms.update((w[:-1] + "ies", w[:-1] + "ied", w + "ing", w[:-1] + "ier"))
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms.update((w + "es", w + "ed", w + "ing", w + "er", w + "ers"))
    else:
        forms.update((w + "s", w + "ed", w + "ing", w + "er", w + "ers"))
        if (len(w) <= 4 and len(w) >= 3 and w[-1] not in _VOWELS | set("wxy")
                and w[-2] in _VOWELS and w[-3] not in _VOWELS):
            d = w + w[-1]
            forms.update((d + "ed", d + "ing", d + "er", d + "ers"))
    return tuple(sorted(forms))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A term as the sequence of word forms it matches (normalised like post words)."""
    from .textmodel import normalize

    text = normalize(phrase).text.lower().replace("’", "'")
    # Split like the tokenizer does for contractions, so "isn't" matches "is" "n't".
    text = re.sub(r"(\w)(n't|'s|'re|'ll|'ve|'d|'m)\b", r"\1 \2", text)
    return tuple(t for t in re.split(r"[\s]+|(?<=\w)(?=[^\w'*])|(?<=[^\w'*])(?=\w)", text)
                 if t and not (len(t) == 1 and not t.isalnum() and t not in "*&"))


@dataclass
class Entry:
    """One way a term can be written, and which term (by its position in the list) it is."""

    words: tuple[str, ...]
    term: int


@dataclass
class PhraseIndex:
    """Every entry of one phrase list, keyed by its first word."""

    by_first: dict[str, list[Entry]] = field(default_factory=dict)
    joined: dict[str, int] = field(default_factory=dict)  # "electionday" for hashtags
    wildcard: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, terms: Iterable[str], inflect: bool) -> PhraseIndex:
        index = cls()
        for n, term in enumerate(terms):
            index.terms.append(term)
            words = phrase_words(term)
            if not words:
                continue
            variants = [words]
            if inflect:
                variants = [
                    (*pre, last)
                    for pre in _first_variants(words)
                    for last in (inflections(words[-1]) if len(words) > 1 else [None])
                ]
                variants = [tuple(w for w in v if w is not None) for v in variants]
            for v in variants:
                index.by_first.setdefault(v[0], []).append(Entry(v, n))
                # A hashtag written as one word matches either way: #GamerGate is "gamergate"
                # and #ElectionDay is "election day".
                index.joined.setdefault("".join(v), n)
                if len(v) == 1:
                    index.wildcard.setdefault(len(v[0]), []).append((v[0], n))
        for entries in index.by_first.values():
            entries.sort(key=lambda e: -len(e.words))  # longest match first
        return index

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def keyed(self) -> dict[str, list[tuple[str, ...]]]:
        """Each entry under its longest word, with its other words: a phrase can match only
        in a post that has all of its words (in some form)."""
        keyed = self.__dict__.get("_keyed")
        if keyed is None:
            keyed = self.__dict__["_keyed"] = key_entries(
                e.words for entries in self.by_first.values() for e in entries)
        return keyed

    def can_match(self, post: Post) -> bool:
        """False when no term can match ``post`` (missing words, no hashtag or starred word)."""
        forms = post.forms
        keyed = self.keyed
        for form in forms:
            for others in keyed.get(form, ()):
                if all(w in forms for w in others):
                    return True
        if self.joined and not self.joined.keys().isdisjoint(post.hashtags):
            return True
        return bool(self.wildcard) and post.has_starred_word


def _common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"'s", "n't", "'m", "'re", "'ll", "'ve", "'d"}


_COMMON = _common_words()


def key_entries(entries: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Entries under one of their words, with their other words.

    The key is the entry's word that is not a common English word and that the fewest
    entries share (then the longest), so that no key carries a long list: a post with the
    key word checks only a few phrases. A one-word entry is its own key.
    """
    unique = set(entries)
    keyed: dict[str, set[tuple[str, ...]]] = {words[0]: {()} for words in unique
                                               if len(words) == 1}
    longer = [words for words in unique if len(words) > 1]
    # In how many entries each word occurs (counted in C: this runs over every inflected
    # entry of every list at start-up).
    shared = Counter(chain.from_iterable(map(set, longer)))
    rank = {w: (w in _COMMON or len(w) <= 2, n, -len(w), w) for w, n in shared.items()}
    by_rank = rank.__getitem__
    for words in longer:
        key = min(words, key=by_rank)
        others = set(words)
        others.discard(key)
        keyed.setdefault(key, set()).add(tuple(sorted(others)))
    # Shortest first, then alphabetical: sorted twice, the second sort stable, equals
    # sorting by (len, words) without a Python key function.
    return {k: [()] if () in v else sorted(sorted(v), key=len) for k, v in keyed.items()}


def _first_variants(words: tuple[str, ...]):
    if len(words) == 1:
        return [(f,) for f in inflections(words[0])]
    return [(f, *words[1:-1]) for f in inflections(words[0])]


@dataclass(frozen=True)
class PhraseMatch:
    start: int  # in the normalised view
    end: int
    first_word: int
    last_word: int
    term: int


def find_phrases(post: Post, index: PhraseIndex) -> Iterator[PhraseMatch]:
    """Every place a term of ``index`` is written in ``post`` (leftmost-longest, no overlap).

    The matches are worked out once per post and index, and kept on the post.
    """
    cache = post.__dict__.setdefault("_phrase_matches", {})
    found = cache.get(id(index))
    if found is None:
        found = cache[id(index)] = (list(_find_phrases(post, index))
                                    if _can_match(post, index) else [])
    return iter(found)


def _can_match(post: Post, index: PhraseIndex) -> bool:
    """``index.can_match(post)``, read from the post's phrase table when it has one."""
    checked = post.__dict__.get("_matchable")
    place = index.__dict__.get("_slot")
    if checked is not None and place is not None and place[0] is checked[0]:
        return place[1] in checked[1]
    return index.can_match(post)


class PhraseTable:
    """Many phrase indexes tested against a post in one pass: which of them can match.

    ``matchable(post)`` gives the same answer as ``index.can_match(post)`` for every index
    at once: one look-up per distinct word form of the post instead of one per index.
    """

    def __init__(self, indexes: Iterable[PhraseIndex]):
        self.indexes: list[PhraseIndex] = []
        self.keys: dict[str, list[tuple[int, list[tuple[str, ...]]]]] = {}
        self.joined: dict[str, list[int]] = {}
        self.wildcard: list[int] = []
        for index in indexes:
            slot = len(self.indexes)
            self.indexes.append(index)
            index.__dict__["_slot"] = (self, slot)
            for key, others in index.keyed.items():
                self.keys.setdefault(key, []).append((slot, others))
            for joined in index.joined:
                self.joined.setdefault(joined, []).append(slot)
            if index.wildcard:
                self.wildcard.append(slot)
        # Keys split by what a post with the key still needs. A key with a one-word entry
        # (its phrase list is ``[()]``: ``key_entries`` keeps nothing else beside it) makes
        # its index matchable outright: those keys map straight to their slots. The other
        # keys keep their phrases, whose other words are checked against the post's forms.
        self._direct: dict[str, tuple[int, ...]] = {}
        self._further: dict[str, list[tuple[int, list[tuple[str, ...]]]]] = {}
        for key, filed in self.keys.items():
            direct = tuple(slot for slot, phrases in filed if phrases == [()])
            further = [(slot, phrases) for slot, phrases in filed if phrases != [()]]
            if direct:
                self._direct[key] = direct
            if further:
                self._further[key] = further
        self._direct_set = frozenset(self._direct)
        self._further_set = frozenset(self._further)
        self._joined_set = frozenset(self.joined)

    def slot(self, index: PhraseIndex) -> int:
        return index.__dict__["_slot"][1]

    def matchable(self, post: Post) -> set[int]:
        """The slots of the indexes that may match ``post`` (kept on the post)."""
        checked = post.__dict__.get("_matchable")
        if checked is not None and checked[0] is self:
            return checked[1]
        found: set[int] = set()
        forms = post.forms
        direct = self._direct
        for form in forms & self._direct_set:
            found.update(direct[form])
        further = self._further
        for form in forms & self._further_set:
            for slot, phrases in further[form]:
                if slot not in found:
                    for others in phrases:
                        if forms.issuperset(others):
                            found.add(slot)
                            break
        if self.joined:
            for tag in post.hashtags & self._joined_set:
                found.update(self.joined[tag])
        if self.wildcard and post.has_starred_word:
            found.update(self.wildcard)
        post.__dict__["_matchable"] = (self, found)
        return found


def _find_phrases(post: Post, index: PhraseIndex) -> Iterator[PhraseMatch]:
    words = post.words
    n = len(words)
    by_first = index.by_first
    wildcard = index.wildcard if post.has_starred_word else None
    i = 0
    seen_hashtags: set[str] = set()
    while i < n:
        word = words[i]
        hit = None
        for form in word.forms:
            entries = by_first.get(form)
            if entries:
                hit = _entry_at(words, i, n, entries)
                if hit is not None:
                    break
        if hit is None and wildcard:
            hit = _wildcard_at(word, wildcard)
        if hit is not None:
            length, term = hit
            last = words[i + length - 1]
            yield PhraseMatch(word.start, last.end, i, i + length - 1, term)
            i += length
            continue
        if word.hashtag and word.hashtag not in seen_hashtags:
            seen_hashtags.add(word.hashtag)
            term = index.joined.get(word.hashtag)
            if term is not None:
                j = i
                while j + 1 < n and words[j + 1].hashtag == word.hashtag \
                        and words[j + 1].token == word.token:
                    j += 1
                yield PhraseMatch(word.start, words[j].end, i, j, term)
                i = j + 1
                continue
        i += 1


def _entry_at(words, i: int, n: int, entries: list[Entry]) -> tuple[int, int] | None:
    """The first (longest) entry that matches the words from ``i``."""
    second = words[i + 1].forms if i + 1 < n else ()
    for entry in entries:
        ew = entry.words
        k = len(ew)
        if k == 1:
            return 1, entry.term
        if i + k <= n and ew[1] in second and all(
            ew[j] in words[i + j].forms for j in range(2, k)
        ) and _same_hashtag_run(words, i, k):
            return k, entry.term
    return None


def _wildcard_at(word, wildcard) -> tuple[int, int] | None:
    first = word.forms[-1]
    if "*" in first and first.strip("*"):
        pattern = _star_pattern(first)
        for cand, term in wildcard.get(len(first), ()):
            if pattern.fullmatch(cand):
                return 1, term
    return None


@lru_cache(maxsize=1024)
def _star_pattern(form: str) -> re.Pattern:
    return re.compile(re.escape(form).replace(r"\*", "[a-z]"))


def _same_hashtag_run(words, i: int, k: int) -> bool:
    """A phrase may not start inside a hashtag and run out of it (or the other way)."""
    tags = {words[i + j].token if words[i + j].hashtag else None for j in range(k)}
    return len(tags) == 1
