"""The tokenizer's fast paths give exactly what spaCy's plain ones give (issue 11).

The suffix search checks the text's last character before it runs the regex
(``tokenizer.EndCheckedSearch``); the reference is the compiled regex's own ``search``.
"""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.pipeline import build_nlp
from postlint.tokenizer import EndCheckedSearch, last_characters

# Characters that end suffixes ('s, m/s, °C., 10km², "...", emoji and modifiers) and that
# do not, with the newline that "$" also matches before.
_ENDINGS = list("sSh.,!?…'\"’)]}%$€²³°CcFfKk-–—+*&#_<>;:") + [
    "\n", "\U0001f600", "\U0001f3fd", "\ufe0f", "\u20e3", "\u200d", "\U0001f1fa", "с", "ч",
]
_TEXT = (st.lists(st.sampled_from(list("abXY019 /'") + _ENDINGS), max_size=12).map("".join)
         | st.text(max_size=20))


@pytest.fixture(scope="module")
def suffix():
    """The built tokenizer's suffix search, with its character set made, and the regex."""
    search = build_nlp().tokenizer.inner.suffix_search
    checked = search.__self__
    assert isinstance(checked, EndCheckedSearch)
    compiled = re.compile(checked.pattern)
    checked._last = last_characters(compiled)
    assert checked._last is not None  # English's suffixes are read: the fast path is taken
    return search, compiled.search


def _span(match):
    return None if match is None else match.span()


@settings(max_examples=1500, deadline=None)
@given(text=_TEXT)
def test_end_checked_suffix_search_equals_the_regex(suffix, text):
    fast, plain = suffix
    assert _span(fast(text)) == _span(plain(text))


@pytest.mark.parametrize("text", [
    "", "\n", "s", "it's", "IT'S", "5m/s", "10km", "10km²", "30%", "99°C.", "etc.", "U.S.",
    "wow...", "no!!", "end\n", "'s\n", "😀", "👍🏽", "1️⃣", "🇺🇸", "hello", "HELLO", "km/h",
])
def test_end_checked_suffix_search_on_known_cases(suffix, text):
    fast, plain = suffix
    assert _span(fast(text)) == _span(plain(text))


def test_first_calls_search_plainly_then_the_set_is_made():
    compiled = re.compile(r"(?:'s)$|(?:\.\.+)$")
    checked = EndCheckedSearch(compiled)
    for _ in range(EndCheckedSearch.PLAIN_CALLS - 1):
        assert checked.search("word") is None
    assert checked._last is None
    assert checked.search("it's").span() == (2, 4)
    assert checked._last == frozenset({"s", "."})
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
