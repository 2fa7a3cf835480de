"""The tokenizer's fast paths give exactly what spaCy's plain ones give (issue 11).

The suffix search checks the text's last character before it runs the regex
(``tokenizer.EndCheckedSearch``), the prefix search its first (``StartCheckedSearch``), the
infix search whether it holds any character an infix can start with (``CheckedFinditer``);
the references are the compiled regexes' own ``search`` and ``finditer``.
"""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.pipeline import build_nlp
from postlint.tokenizer import (
    CheckedFinditer,
    EndCheckedSearch,
    StartCheckedSearch,
    first_characters,
    last_characters,
)

# Characters that end suffixes ('s, m/s, °C., 10km², "...", emoji and modifiers) and that
# do not, with the newline that "$" also matches before.
_ENDINGS = list("sSh.,!?…'\"’)]}%$€²³°CcFfKk-–—+*&#_<>;:(«[{~=/^UA") + [
    "\n", "\U0001f600", "\U0001f3fd", "\ufe0f", "\u20e3", "\u200d", "\U0001f1fa", "с", "ч",
]
_TEXT = (st.lists(st.sampled_from(list("abXY019 /'") + _ENDINGS), max_size=12).map("".join)
         | st.text(max_size=20))


def _made(search, kind):
    """A built tokenizer's affix function, with its character set made now."""
    checked = search.__self__
    assert isinstance(checked, kind)
    checked._chars = checked._read(re.compile(checked.pattern))
    assert checked._chars is not None  # English's affixes are read: the fast path is taken
    return search


@pytest.fixture(scope="module")
def affixes():
    """The built tokenizer's (prefix, suffix, infix) functions, fast and plain."""
    inner = build_nlp().tokenizer.inner
    fast = (_made(inner.prefix_search, StartCheckedSearch),
            _made(inner.suffix_search, EndCheckedSearch),
            _made(inner.infix_finditer, CheckedFinditer))
    plain = tuple(getattr(re.compile(f.__self__.pattern), "finditer" if n == 2 else "search")
                  for n, f in enumerate(fast))
    return fast, plain


@pytest.fixture(scope="module")
def suffix(affixes):
    fast, plain = affixes
    return fast[1], plain[1]


def _same(affixes, text):
    fast, plain = affixes
    assert _span(fast[0](text)) == _span(plain[0](text))
    assert _span(fast[1](text)) == _span(plain[1](text))
    assert [m.span() for m in fast[2](text)] == [m.span() for m in plain[2](text)]


def _span(match):
    return None if match is None else match.span()


@settings(max_examples=1500, deadline=None)
@given(text=_TEXT)
def test_checked_affix_searches_equal_the_regexes(affixes, text):
    _same(affixes, text)


@pytest.mark.parametrize("text", [
    "", "\n", "s", "it's", "IT'S", "5m/s", "10km", "10km²", "30%", "99°C.", "etc.", "U.S.",
    "wow...", "no!!", "end\n", "'s\n", "😀", "👍🏽", "1️⃣", "🇺🇸", "hello", "HELLO", "km/h",
    "(hi)", "«non»", "US$5", "$10", "well-known", "3+4", "a/b", "e.g.", "x=y", "a...b", "😀hi",
])
def test_checked_affix_searches_on_known_cases(affixes, text):
    _same(affixes, text)
    _same(affixes, f"({text}")
    _same(affixes, f"a-{text}")


def test_first_calls_search_plainly_then_the_set_is_made():
    compiled = re.compile(r"(?:'s)$|(?:\.\.+)$")
    checked = EndCheckedSearch(compiled)
    for _ in range(EndCheckedSearch.PLAIN_CALLS - 1):
        assert checked.search("word") is None
    assert checked._chars is None
    assert checked.search("it's").span() == (2, 4)
    assert checked._chars == frozenset({"s", "."})
    assert checked.search("word") is None and checked.search("so..").span() == (2, 4)


@pytest.mark.parametrize("pattern", [
    r"abc",            # no final "$"
    r"a$|b",           # one alternative without it
    r"a*$",            # may match nothing
    r"(?:x|)$",        # a branch that may match nothing
    r"a.$",            # any character
    r"[^a]$",          # a negated class
    r"\w$",            # a category
    r"(a)\1$",         # a back-reference
    r"(?i:a)$",        # flags inside a group
])
def test_last_characters_declines_what_it_cannot_read(pattern):
    assert last_characters(re.compile(pattern)) is None


def test_last_characters_declines_flags():
    assert last_characters(re.compile(r"a$", re.IGNORECASE)) is None
    assert last_characters(re.compile(r"a$", re.MULTILINE)) is None


@pytest.mark.parametrize("pattern", [r"a*", r"(?:a|)", r".b", r"\wb", r"[^a]b", r"(?i:a)b"])
def test_first_characters_declines_what_it_cannot_read(pattern):
    assert first_characters(re.compile(pattern), anchored=False) is None
    assert first_characters(re.compile("^" + pattern), anchored=True) is None


def test_first_characters_needs_the_anchor_when_anchored():
    assert first_characters(re.compile(r"ab|c"), anchored=True) is None
    assert first_characters(re.compile(r"ab|c"), anchored=False) == frozenset("ac")
    assert first_characters(re.compile(r"(?:x|)b(a)\1"), anchored=False) == frozenset("xb")
    assert first_characters(re.compile(r"^(?!@)(?:[$€]|US\$|\.\.+)"), anchored=True) \
        == frozenset("$€U.")


def test_checked_finditer_gives_an_empty_iterator_for_plain_words():
    checked = CheckedFinditer(re.compile(r"(?<=[a-z])-(?=[a-z])|\.\.+"))
    checked._chars = checked._read(checked._compiled)
    assert list(checked.finditer("plain")) == []
    assert [m.span() for m in checked.finditer("well-known...")] == [(4, 5), (10, 13)]


def test_last_characters_reads_lookarounds_repeats_and_branches():
    found = last_characters(re.compile(r"(?<=[0-9])(?:km|m/s|%)$|\.\.+$|x(?=$)y?$|[ä-æ]$"))
    assert found == frozenset("ms%.xyäåæ")


def test_tokenizer_round_trips_keep_the_tokens():
    nlp = build_nlp()
    text = "Wow... it's 10km²!! 5m/s, 30% @me #Tag 😀😀. U.S. etc.\nend's"
    tokens = [t.text for t in nlp.make_doc(text)]
    inner = nlp.tokenizer.inner
    again = pickle.loads(pickle.dumps(inner))
    assert [t.text for t in again(text)] == [t.text for t in inner(text)]
    other = build_nlp()
    other.tokenizer.from_bytes(nlp.tokenizer.to_bytes())  # read back as a plain regex
    assert [t.text for t in other.make_doc(text)] == tokens
