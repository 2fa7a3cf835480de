"""Round nine's fast paths (issue 11) give what the plain code they replace gives.

Each fast path is compared with the code as it was (kept in ``src/`` where it is still used
or is a plain function, here for the regexes), on generated text (hypothesis, with the
characters each one turns on) and on known edge cases. The findings themselves are compared
on every development post by ``benchmarks/findings_snapshot.py``.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import Linter
from postlint.kinds.sentiment import _HASHTAG, _MENTION, _shared, sentence_lines
from postlint.post import _QUOTED, Post
from postlint.textmodel import LineIndex, line_starts

# The patterns as they were written before round nine (here, not in src/, so that a start
# does not compile them).
QUOTED_PLAIN = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]"
                          r"|«[^»\n]{1,400}»|(?<![\w'])'(?=\w)[^'\n]{1,400}(?<=[\w.!?])'(?![\w'])")
MENTION_PLAIN = re.compile(r"(?<![\w@])@\w+")
HASHTAG_PLAIN = re.compile(r"(?<![\w#])#(\w+)")

# Characters that steer the patterns: quotes and apostrophes, "@" and "#", word characters
# of several kinds, punctuation, spaces and line ends.
ALPHABET = "aZé9_'’\"“”„«»@#.!?,- \n\r\t😀"
texts = st.text(alphabet=ALPHABET, max_size=60)

EDGE_TEXTS = [
    "", "'", "''", "'a'", "'a", "a'", "'Princess Caraboo' sang", "Jenny's 'dog' ran",
    "x'y' z", "''quoted''", "'a.' b", "'a!'", "l'amour 'toujours'", "'é'", "'_'", "'9'",
    "\"a\" 'b' “c” „d“ «e»", "it's 'fine' isn't it", "'a'b'", "a 'b' c 'd' e",
    "@user hi", "a@b.com", "@@x", "@_x", "@é", "x @y @z", "@", "#tag", "a#b", "##x", "#", "#_a",
    "(#Tag)", "@a#b", "#a@b", "\n'a'\n", "'a\nb'", "ok. 'RT' @x: #y",
]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


# -- regexes that now open with their character ------------------------------------------

@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_quoted_edge_cases(text):
    assert [m.span() for m in _QUOTED.finditer(text)] == \
        [m.span() for m in QUOTED_PLAIN.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_quoted_generated(text):
    assert [m.span() for m in _QUOTED.finditer(text)] == \
        [m.span() for m in QUOTED_PLAIN.finditer(text)]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_mention_and_hashtag_edge_cases(text):
    assert _MENTION.sub(" ", text) == MENTION_PLAIN.sub(" ", text)
    assert [(m.span(), m.group(1)) for m in _HASHTAG.finditer(text)] == \
        [(m.span(), m.group(1)) for m in HASHTAG_PLAIN.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_mention_and_hashtag_generated(text):
    assert _MENTION.sub(" ", text) == MENTION_PLAIN.sub(" ", text)
    assert [(m.span(), m.group(1)) for m in _HASHTAG.finditer(text)] == \
        [(m.span(), m.group(1)) for m in HASHTAG_PLAIN.finditer(text)]


def test_quoted_spans_still_found():
    # the fast pattern is the one in use, and finds what it should
    assert [m.group() for m in _QUOTED.finditer("she said 'no way' to Jenny's plan")] == \
        ["'no way'"]


# -- line starts ------------------------------------------------------------------------------

def line_starts_plain(text: str) -> list[int]:
    """The reference for ``line_starts``: one pass over the characters (CRLF, LF and a lone
    CR end a line), as the Markdown reader and ``LineIndex`` did before round nine."""
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        elif ch == "\n":
            starts.append(i + 1)
        i += 1
    return starts


@pytest.mark.parametrize("text", ["", "a", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "a\r\nb\rc\nd",
                                  "a\n", "\r\n\r\n", "x\u2028y", "a\x0bb\x0cc", "end\r"])
def test_line_starts_edge_cases(text):
    assert LineIndex(text).line_starts == line_starts_plain(text)
    assert line_starts(text) == line_starts_plain(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab \r\n\t\u2028", max_size=40))
def test_line_starts_generated(text):
    index = LineIndex(text)
    assert index.line_starts == line_starts_plain(text)
    for offset in range(len(text) + 1):
        line = 1 + sum(1 for s in line_starts_plain(text)[1:] if s <= offset)
        assert index.position(offset)[0] == line


# -- sentiment's sentences --------------------------------------------------------------------

POSTS = [
    "Great turnout today. Honestly the catering was a horrible, disgusting mess.",
    "#EpicFail at the #ElectionDay rally @someone https://x.co/abc sorry,bad day",
    "f u c k this, it's sooo baaad!!! 😀😀 #NoMore",
    "", "   ", "one", "#", "@a @b #c #dEf", "Line one\nline two\n\n- Fix crash\n* add thing",
    "He said \"this is bad\" and 'we agree' — 10/10 would not recommend.",
]
SENTENCE_TEXTS = [
    *POSTS, "Hi. . .  Bye!", "   spaced out.   ", "Wow!!! Really??? ok", "a.b.c. d", "。",
    "Two sentences here. And here", "Tabs\tand\u2028separators. x", "\u3000 full-width space.",
]


@pytest.mark.parametrize("text", SENTENCE_TEXTS)
def test_sentiment_sentences_without_line_breaks(linter, text):
    post = Post(_sentenced(linter.nlp, text))
    assert _shared(post).sentences(post) == sentence_lines(post)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab. !?\t\u3000\u2028", max_size=40))
def test_sentiment_sentences_generated(text):
    post = Post(_sentenced(_nlp(), text))
    assert _shared(post).sentences(post) == sentence_lines(post)


_NLP: list = []


def _sentenced(nlp, text: str):
    """The doc of ``text`` with its sentences, as the rules see it."""
    return nlp.get_pipe("sentencizer")(nlp.make_doc(text))


def _nlp():
    if not _NLP:
        _NLP.append(Linter().nlp)
    return _NLP[0]
