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
    return prefix_re.search, suffix_re.search


def view_of(doc: Doc) -> TextView:
    """The normalised view a doc was made from (identity when another tokenizer made it)."""
    view = doc.user_data.get("postlint.view")
    return TextView.identity(doc.text) if view is None else view
