"""A spaCy tokenizer for social text.

It keeps @mentions, #hashtags, $cashtags, URLs, e-mail addresses and emoji sequences whole,
and runs on the normalised view of the post (see :mod:`postlint.textmodel`): the view and
its offset map travel with the ``Doc`` in ``doc.user_data``.
"""

from __future__ import annotations

import re

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
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
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
    return prefix_re.search, end_checked_search(suffix_re)


class EndCheckedSearch:
    """``pattern.search`` for a pattern each of whose matches ends at the end of the text,
    with the text's last character checked first.

    spaCy's suffix regex is an alternation of ~90 pieces, each anchored with ``$``: Python's
    ``re`` tries every piece at every position of the text, ~3 us a call, and spaCy calls it
    for every piece of every chunk it has not cached (about 45,000 times per 6,000 posts,
    0.12 s; inside a memory zone it caches nothing). A match of such a pattern is never
    empty (``last_characters`` says so) and ends at the end of the text, or before a final
    newline, so its last character is the text's: a text whose last character no match can
    end with has no match, and nearly every word ends in a letter that none can end with.
    Any other text, and any text ending in a newline, is searched as before.

    ``pattern`` is the regex's pattern string, as on ``re.Pattern``: spaCy serialises a
    tokenizer's ``suffix_search`` by its bound object's ``pattern`` (and reads it back as a
    plain regex, which gives the same answers).
    """

    __slots__ = ("pattern", "_compiled", "_search", "_last", "_calls")

    # Reading the pattern takes ~7 ms: a start that checks one draft would pay more for it
    # than it saves, so the first calls search as they are and the set is made after them.
    PLAIN_CALLS = 2_000

    def __init__(self, compiled: re.Pattern):
        self.pattern = compiled.pattern
        self._compiled = compiled
        self._search = compiled.search
        self._last: frozenset[str] | None = None
        self._calls = 0

    def search(self, text: str) -> re.Match | None:
        """The same match as ``compiled.search(text)``."""
        last = self._last
        if last is None:
            return self._plain(text)
        if text and text[-1] not in last and text[-1] != "\n":
            return None
        return self._search(text)

    def _plain(self, text: str) -> re.Match | None:
        self._calls += 1
        if self._calls == self.PLAIN_CALLS:
            # ``None`` (the pattern could not be read) keeps every later call here
            self._last = last_characters(self._compiled)
        return self._search(text)

    def __getstate__(self):
        return (self._compiled, self._last, self._calls)

    def __setstate__(self, state) -> None:
        compiled, self._last, self._calls = state
        self.pattern, self._compiled, self._search = compiled.pattern, compiled, compiled.search


def end_checked_search(compiled: re.Pattern):
    """The same search as ``compiled.search``, faster for a pattern every match of which
    ends at the end of the text (``EndCheckedSearch``)."""
    return EndCheckedSearch(compiled).search


try:  # the parser of the re module (named sre_parse, and deprecated, before Python 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]


_MAX_LAST = 200_000  # characters: a larger class is not worth a set


def last_characters(compiled: re.Pattern) -> frozenset[str] | None:
    """Every character a match of ``compiled`` can end with, when each of its top-level
    alternatives must end at the end of the text (a final ``$``) and cannot be empty.

    ``None`` whenever that cannot be shown: the pattern has flags that change what a
    character matches (ignore-case, ``re.M``), an alternative without a final ``$``, one
    that may match nothing, or a construct this reading does not follow (``.``, a negated
    class, ``\\w``-like categories, back-references, conditionals). Lookarounds and anchors
    consume nothing, so they add no character.
    """
    if compiled.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE) \
            or not isinstance(compiled.pattern, str):
        return None
    try:
        parsed = _sre.parse(compiled.pattern, compiled.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no fast path
        return None
    items = list(parsed)
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] == _sre.BRANCH \
        else [parsed]
    last: set[str] = set()
    for alternative in alternatives:
        seq = list(alternative)
        if not seq or seq[-1] != (_sre.AT, _sre.AT_END):
            return None
        found = _last_of(seq[:-1])
        if found is None or found[1]:  # unknown, or the alternative may match nothing
            return None
        last |= found[0]
        if len(last) > _MAX_LAST:
            return None
    return frozenset(last)


def _last_of(seq) -> tuple[set[str], bool] | None:
    """(the characters a match of the sequence ``seq`` can end with, whether it can be
    empty), or ``None`` when unknown."""
    chars: set[str] = set()
    for op, av in reversed(list(seq)):
        item = _last_of_item(op, av)
        if item is None:
            return None
        chars |= item[0]
        if not item[1]:
            return chars, False
    return chars, True


def _last_of_item(op, av) -> tuple[set[str], bool] | None:
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
        return _last_of(inner)
    if op == _sre.BRANCH:
        chars = set()
        empty = False
        for branch in av[1]:
            found = _last_of(branch)
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = av
        found = _last_of(inner)
        if found is None:
            return None
        return found[0], found[1] or low == 0
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return _last_of(av)
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return set(), True  # consumes nothing
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS, ...


def view_of(doc: Doc) -> TextView:
    """The normalised view a doc was made from (identity when another tokenizer made it)."""
    view = doc.user_data.get("postlint.view")
    return TextView.identity(doc.text) if view is None else view
