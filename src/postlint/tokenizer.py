"""A spaCy tokenizer for social text.

It keeps @mentions, #hashtags, $cashtags, URLs, e-mail addresses and emoji sequences whole,
and runs on the normalised view of the post (see :mod:`postlint.textmodel`): the view and
its offset map travel with the ``Doc`` in ``doc.user_data``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .textmodel import TextView, normalize

_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf"
    "\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"
)
_EMOJI_MOD = "\U0001f3fb-\U0001f3ff\ufe0f\u20e3\U000e0020-\U000e007f"
EMOJI_SEQUENCE = (
    rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}"
    rf"|[0-9#*]\ufe0f?\u20e3"
    rf"|[{_EMOJI}][{_EMOJI_MOD}]*(?:\u200d[{_EMOJI}][{_EMOJI_MOD}]*)*)"
)
EMOJI_RE = re.compile(EMOJI_SEQUENCE)
_EMOJI_PREFIX = re.compile("^" + EMOJI_SEQUENCE)
_EMOJI_SUFFIX = re.compile(EMOJI_SEQUENCE + "$")

MENTION = r"@[A-Za-z0-9_]{1,50}"
HASHTAG = r"#[^\W_][\w]*"
CASHTAG = r"\$[A-Za-z][A-Za-z.]{0,9}"
EMAIL = r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
_WHOLE = re.compile(rf"^(?:{EMAIL}|{MENTION}|{HASHTAG}|{CASHTAG}|{EMOJI_SEQUENCE})$")
_SOCIAL_START = re.compile(rf"^(?:{MENTION}|{HASHTAG}|{CASHTAG}|{EMAIL})")

_HASHTAG_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")


def hashtag_words(tag: str) -> list[tuple[int, int]]:
    """Spans of the words inside a hashtag body: ``ElectionDay2024`` -> Election, Day, 2024."""
    return [m.span() for m in _HASHTAG_WORDS.finditer(tag)]


class SocialTokenizer:
    """Normalise the post, then tokenize the view with social-aware affix rules."""

    def __init__(self, nlp, inner: Tokenizer | None = None):
        self.vocab = nlp.vocab
        self.inner = inner if inner is not None else _socialised(nlp, nlp.tokenizer)

    @classmethod
    def for_language(cls, nlp) -> SocialTokenizer:
        """Built from the language's defaults, for a pipeline that has no tokenizer yet.

        spaCy validates and loads its ~1,800 special cases whenever a tokenizer is made or
        an affix rule changes; built here with the social rules from the start, they load
        once (``spacy.blank`` with spaCy's own tokenizer, then the social rules, loaded them
        twice). The result is the tokenizer ``SocialTokenizer(nlp)`` makes of spaCy's.
        """
        defaults = nlp.Defaults
        compiled = _compiled_affixes(defaults.prefixes, defaults.suffixes)
        if compiled is None or defaults.token_match is not None:
            from spacy.language import create_tokenizer

            return cls(nlp, _socialised(nlp, create_tokenizer()(nlp)))
        prefix_search, suffix_search = compiled
        infixes = defaults.infixes
        return cls(nlp, Tokenizer(
            nlp.vocab, rules=defaults.tokenizer_exceptions, prefix_search=prefix_search,
            suffix_search=suffix_search,
            infix_finditer=checked_finditer(compile_infix_regex(infixes)) if infixes else None,
            token_match=_WHOLE.match, url_match=defaults.url_match))

    def __call__(self, text: str) -> Doc:
        view = normalize(text)
        doc = self.inner(view.text)
        doc.user_data["postlint.view"] = view
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline; the inner tokenizer carries the state.
    def to_bytes(self, **kwargs):
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.inner.from_disk(path, **kwargs)
        return self


def _socialised(nlp, base: Tokenizer) -> Tokenizer:
    """spaCy's tokenizer ``base`` with the social affix rules (changed in place)."""
    # Every affix setter reloads spaCy's ~1,800 special cases; load them once, at the end.
    rules = base.rules
    base.rules = {}
    compiled = _compiled_affixes(nlp.Defaults.prefixes, nlp.Defaults.suffixes)
    if compiled is not None and base.token_match is None:
        # The fast path: plain compiled regexes, which spaCy calls without Python frames.
        base.prefix_search, base.suffix_search = compiled
        base.token_match = _WHOLE.match
        infix = getattr(base.infix_finditer, "__self__", None)
        if isinstance(infix, re.Pattern):
            base.infix_finditer = checked_finditer(infix)
    else:
        _install_python_affixes(nlp, base)
    base.rules = rules
    return base


def _install_python_affixes(nlp, base) -> None:
    """The reference implementation of the social affix rules, as Python callables.

    Used only when the language's defaults do not have the shape ``_compiled_affixes``
    expects; the compiled regexes give the same answers for English.
    """
    prefixes = compile_prefix_regex(nlp.Defaults.prefixes).search
    suffixes = compile_suffix_regex(nlp.Defaults.suffixes).search

    def prefix_search(text: str):
        if _SOCIAL_START.match(text):
            return None
        return _EMOJI_PREFIX.match(text) or prefixes(text)

    def suffix_search(text: str):
        found = _EMOJI_SUFFIX.search(text)
        if found:
            return found
        found = suffixes(text)
        # spaCy splits units off numbers ("10km"); in posts that breaks "sh1t", "b4ck".
        if found and found.group().isalpha() and found.start() \
                and text[found.start() - 1].isdigit():
            return None
        return found

    default_match = base.token_match

    def token_match(text: str):
        return _WHOLE.match(text) or (default_match(text) if default_match else None)

    base.prefix_search = prefix_search
    base.suffix_search = suffix_search
    base.token_match = token_match


def _compiled_affixes(prefixes, suffixes):
    """The social prefix and suffix rules as two compiled regexes (``None``: no fast path).

    Prefixes: nothing at the start of a mention, hashtag, cashtag or e-mail address, else
    an emoji sequence, else spaCy's prefixes. Suffixes: an emoji sequence first, then spaCy's
    suffixes, except that letters are never split off digits ("sh1t", "b4ck", not "10 km"):
    spaCy's unit suffix keeps only its units that are not all letters. The pieces are wrapped
    in groups; spaCy's own pieces have no top-level alternation, so this equals its joins.
    """
    from spacy.lang.char_classes import UNITS

    unit_piece = f"(?<=[0-9])(?:{UNITS})"
    if unit_piece not in suffixes:
        return None
    kept_units = "|".join(u for u in UNITS.split("|") if not u.isalpha())
    suffix_pieces = [f"(?<=[0-9])(?:{kept_units})" if p == unit_piece else p
                     for p in suffixes if p.strip()]
    prefix_re = re.compile(
        rf"^(?!{_SOCIAL_START.pattern[1:]})(?:{EMOJI_SEQUENCE}|"
        + "|".join(f"(?:{p})" for p in prefixes if p.strip()) + ")"
    )
    suffix_re = re.compile(
        "|".join([f"{EMOJI_SEQUENCE}$", *(f"(?:{p})$" for p in suffix_pieces)])
    )
    return start_checked_search(prefix_re), end_checked_search(suffix_re)


class _CharChecked(ABC):
    """A regex's own method, with a cheap test of the text's characters first that tells
    when the regex cannot match (the subclasses say which characters and how).

    spaCy calls its tokenizer's prefix, suffix and infix regexes for every piece of every
    chunk it has not cached (inside a memory zone it caches nothing: about 45,000, 44,000
    and 23,000 calls per 6,000 TweetEval posts). Its suffix and infix regexes alternate
    ~90 pieces, several opening with a lookbehind, so Python's ``re`` tries every piece at
    every position of the text, ~3 us a call, to find that a plain word has no suffix and
    no infix. Which characters a match can start or end with is read from the pattern
    itself (``first_characters``, ``last_characters``); where it cannot be, every call
    runs the regex as it is.

    ``pattern`` is the regex's pattern string, as on ``re.Pattern``: spaCy serialises a
    tokenizer's affix functions by their bound object's ``pattern`` (and reads them back as
    plain regexes, which give the same answers).
    """

    __slots__ = ("pattern", "_compiled", "_run", "_chars", "_calls")

    # Reading a pattern takes a few ms (7 for the suffixes): a start that checks one draft
    # would pay more for it than it saves, so the first calls run the regex as it is and
    # the set is made after them.
    PLAIN_CALLS = 2_000

    def __init__(self, compiled: re.Pattern):
        self.pattern = compiled.pattern
        self._compiled = compiled
        self._run = self._method(compiled)
        self._chars: frozenset[str] | None = None
        self._calls = 0

    @staticmethod
    def _method(compiled: re.Pattern):
        return compiled.search

    @abstractmethod
    def _read(self, compiled: re.Pattern) -> frozenset[str] | None:
        """The characters the check tests the text for, or ``None`` when they cannot be read."""

    def _plain(self, text: str):
        self._calls += 1
        if self._calls == self.PLAIN_CALLS:
            # ``None`` (the pattern could not be read) keeps every later call here
            self._chars = self._read(self._compiled)
        return self._run(text)

    def __getstate__(self):
        return (self._compiled, self._chars, self._calls)

    def __setstate__(self, state) -> None:
        compiled, self._chars, self._calls = state
        self.pattern, self._compiled, self._run = compiled.pattern, compiled, \
            self._method(compiled)


class EndCheckedSearch(_CharChecked):
    """``pattern.search`` for a pattern each of whose matches ends at the end of the text
    (spaCy's suffixes), with the text's last character checked first.

    A match of such a pattern is never empty (``last_characters`` says so) and ends at the
    end of the text, or before a final newline, so its last character is the text's: a text
    whose last character no match can end with has no match, and nearly every word ends in
    a letter that none can end with. A text ending in a newline is searched as before.
    """

    __slots__ = ()

    def _read(self, compiled: re.Pattern) -> frozenset[str] | None:
        return last_characters(compiled)

    def search(self, text: str) -> re.Match | None:
        """The same match as ``compiled.search(text)``."""
        last = self._chars
        if last is None:
            return self._plain(text)
        if text and text[-1] not in last and text[-1] != "\n":
            return None
        return self._run(text)


class StartCheckedSearch(_CharChecked):
    """``pattern.search`` for a pattern that begins with ``^`` (spaCy's prefixes), with the
    text's first character checked first: a match starts at the start of the text and is
    never empty (``first_characters`` says so), so its first character is the text's."""

    __slots__ = ()

    def _read(self, compiled: re.Pattern) -> frozenset[str] | None:
        return first_characters(compiled, anchored=True)

    def search(self, text: str) -> re.Match | None:
        """The same match as ``compiled.search(text)``."""
        first = self._chars
        if first is None:
            return self._plain(text)
        if text and text[0] not in first:
            return None
        return self._run(text)


class CheckedFinditer(_CharChecked):
    """``pattern.finditer`` for a pattern none of whose matches is empty (spaCy's infixes),
    with the text's characters checked first: a text that holds none of the characters a
    match can start with has no match (a plain word holds none)."""

    __slots__ = ()

    @staticmethod
    def _method(compiled: re.Pattern):
        return compiled.finditer

    def _read(self, compiled: re.Pattern) -> frozenset[str] | None:
        return first_characters(compiled, anchored=False)

    def finditer(self, text: str):
        """The same matches as ``compiled.finditer(text)``."""
        first = self._chars
        if first is None:
            return self._plain(text)
        if first.isdisjoint(text):
            return iter(())
        return self._run(text)


def end_checked_search(compiled: re.Pattern):
    """The same search as ``compiled.search``, faster for a pattern every match of which
    ends at the end of the text (``EndCheckedSearch``)."""
    return EndCheckedSearch(compiled).search


def start_checked_search(compiled: re.Pattern):
    """The same search as ``compiled.search``, faster for a pattern that begins with ``^``
    (``StartCheckedSearch``)."""
    return StartCheckedSearch(compiled).search


def checked_finditer(compiled: re.Pattern):
    """The same matches as ``compiled.finditer``, faster for a pattern that cannot match
    nothing (``CheckedFinditer``)."""
    return CheckedFinditer(compiled).finditer


try:  # the parser of the re module (named sre_parse, and deprecated, before Python 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]


_MAX_LAST = 200_000  # characters: a larger class is not worth a set


def _parsed(compiled: re.Pattern):
    """The pattern's parse tree, or ``None`` where flags change what a character matches."""
    if compiled.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE) \
            or not isinstance(compiled.pattern, str):
        return None
    try:
        return list(_sre.parse(compiled.pattern, compiled.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no fast path
        return None


def last_characters(compiled: re.Pattern) -> frozenset[str] | None:
    """Every character a match of ``compiled`` can end with, when each of its top-level
    alternatives must end at the end of the text (a final ``$``) and cannot be empty.

    ``None`` whenever that cannot be shown: the pattern has flags that change what a
    character matches (ignore-case, ``re.M``), an alternative without a final ``$``, one
    that may match nothing, or a construct this reading does not follow (``.``, a negated
    class, ``\\w``-like categories, back-references, conditionals). Lookarounds and anchors
    consume nothing, so they add no character.
    """
    items = _parsed(compiled)
    if items is None:
        return None
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] == _sre.BRANCH \
        else [items]
    last: set[str] = set()
    for alternative in alternatives:
        seq = list(alternative)
        if not seq or seq[-1] != (_sre.AT, _sre.AT_END):
            return None
        found = _edge_of(seq[:-1], first=False)
        if found is None or found[1]:  # unknown, or the alternative may match nothing
            return None
        last |= found[0]
        if len(last) > _MAX_LAST:
            return None
    return frozenset(last)


def first_characters(compiled: re.Pattern, anchored: bool) -> frozenset[str] | None:
    """Every character a match of ``compiled`` can start with, when no match can be empty;
    ``anchored``: only when the pattern also begins with ``^``. ``None`` when that cannot be
    shown (as for ``last_characters``)."""
    items = _parsed(compiled)
    if items is None:
        return None
    if anchored:
        if not items or items[0] != (_sre.AT, _sre.AT_BEGINNING):
            return None
        items = items[1:]
    found = _edge_of(items, first=True)
    if found is None or found[1] or len(found[0]) > _MAX_LAST:
        return None
    return frozenset(found[0])


def _edge_of(seq, first: bool) -> tuple[set[str], bool] | None:
    """(the characters a match of the sequence ``seq`` can start with, or end with when not
    ``first``; whether it can be empty), or ``None`` when unknown."""
    chars: set[str] = set()
    for op, av in (list(seq) if first else reversed(list(seq))):
        item = _edge_of_item(op, av, first)
        if item is None:
            return None
        chars |= item[0]
        if not item[1]:
            return chars, False
    return chars, True


def _edge_of_item(op, av, first: bool) -> tuple[set[str], bool] | None:
    if op == _sre.LITERAL:
        return {chr(av)}, False
    if op == _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind == _sre.LITERAL:
                chars.add(chr(value))
            elif kind == _sre.RANGE and value[1] - value[0] < _MAX_LAST:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY, a huge range
                return None
        return chars, False
    if op == _sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            return None
        return _edge_of(inner, first)
    if op == _sre.BRANCH:
        chars = set()
        empty = False
        for branch in av[1]:
            found = _edge_of(branch, first)
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = av
        found = _edge_of(inner, first)
        if found is None:
            return None
        return found[0], found[1] or low == 0
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return _edge_of(av, first)
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return set(), True  # consumes nothing
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS, ...


def view_of(doc: Doc) -> TextView:
    """The normalised view a doc was made from (identity when another tokenizer made it)."""
    view = doc.user_data.get("postlint.view")
    return TextView.identity(doc.text) if view is None else view
