"""Round nine's fast paths (issue 11) give what the plain code they replace gives.

Each fast path is compared with its reference, kept beside it in ``src/`` or written out
here as it was: on generated text (hypothesis, with the characters each one turns on) and
on known edge cases. The findings themselves are compared on every development post by
``benchmarks/findings_snapshot.py``.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import Linter
from postlint.engine import merge_overlapping, merge_overlapping_plain
from postlint.kinds.base import Hit
from postlint.kinds.sentiment import (
    _HASHTAG,
    _MENTION,
    HASHTAG_PLAIN,
    MENTION_PLAIN,
    _shared,
    sentence_lines,
)
from postlint.post import _QUOTED, QUOTED_PLAIN, Post
from postlint.textmodel import LineIndex, line_starts_plain

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

@pytest.mark.parametrize("text", ["", "a", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "a\r\nb\rc\nd",
                                  "a\n", "\r\n\r\n", "x\u2028y", "a\x0bb\x0cc", "end\r"])
def test_line_starts_edge_cases(text):
    assert LineIndex(text).line_starts == line_starts_plain(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab \r\n\t\u2028", max_size=40))
def test_line_starts_generated(text):
    index = LineIndex(text)
    assert index.line_starts == line_starts_plain(text)
    for offset in range(len(text) + 1):
        line = 1 + sum(1 for s in line_starts_plain(text)[1:] if s <= offset)
        assert index.position(offset)[0] == line


# -- words after a span ----------------------------------------------------------------------

def _index_from_plain(post: Post, i: int, end: int) -> int:
    """The loop ``word_index_from`` replaces, as the engine and ``window_text`` had it."""
    j = i
    while j < len(post.words) and post.words[j].start < end:
        j += 1
    return j


POSTS = [
    "Great turnout today. Honestly the catering was a horrible, disgusting mess.",
    "#EpicFail at the #ElectionDay rally @someone https://x.co/abc sorry,bad day",
    "f u c k this, it's sooo baaad!!! 😀😀 #NoMore",
    "", "   ", "one", "#", "@a @b #c #dEf", "Line one\nline two\n\n- Fix crash\n* add thing",
    "He said \"this is bad\" and 'we agree' — 10/10 would not recommend.",
]


@pytest.mark.parametrize("text", POSTS)
def test_word_index_from_every_offset(linter, text):
    post = Post(linter.nlp.make_doc(text))
    starts = [w.start for w in post.words]
    assert starts == sorted(starts)
    for i in range(len(post.words) + 1):
        for end in range(-1, len(post.text) + 2):
            assert post.word_index_from(i, end) == _index_from_plain(post, i, end)


def test_word_index_from_generated_posts(linter):
    rng = random.Random(9)
    words = ["bad", "#GoodDay", "@x", "it's", "no", "sorry,bad", "😀", "x.co/a", "f*ck", "'q'",
             "\n", "Wow!", "10/10", "é", "#a_b", "U.S.", "—"]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        post = Post(linter.nlp.make_doc(text))
        for _ in range(20):
            i = rng.randint(0, len(post.words))
            end = rng.randint(0, len(post.text) + 1)
            assert post.word_index_from(i, end) == _index_from_plain(post, i, end)


def test_window_text_unchanged(linter):
    post = Post(linter.nlp.make_doc(POSTS[0]))
    for start in range(len(post.text)):
        for end in (start, start + 3, start + 12, len(post.text)):
            i = post.word_index_at(start)
            j = _index_from_plain(post, i, end)
            chosen = post.words[max(0, i - 2): i] + post.words[j: j + 3]
            assert post.window_text(start, end, 2, 3) == \
                " " + " ".join(w.form for w in chosen) + " "


# -- the overlap policy's shortcut -----------------------------------------------------------

class _Rule:
    """What ``merge_overlapping`` reads of a rule."""

    def __init__(self, n: int, category: str, kind: str, severity: str, overlap: str):
        self.id = f"r/{n}"
        self.category = category
        self.kind = kind
        self.severity = severity
        self.overlap = overlap


def _matched(rng: random.Random, categories: list[str]) -> list:
    out = []
    for n, category in enumerate(categories):
        rule = _Rule(n, category, rng.choice(["terms", "sentiment", "near", "metric", "regex"]),
                     rng.choice(["info", "warning", "error"]), rng.choice(["merge", "keep"]))
        kept = []
        for _ in range(rng.randint(1, 4)):
            start = rng.randint(0, 30)
            end = start + rng.choice([0, 0, 1, 3, 8])
            kept.append((start, end, Hit(start, end, {"n": str(len(kept))})))
        if rng.random() < 0.7:
            kept.sort(key=lambda k: (k[0], k[1]))  # as RuleSet.run gives them
        out.append((rule, kept))
    return out


def _plain_shape(matched) -> list:
    return [(rule.id, [(s, e, hit.values["n"]) for s, e, hit in kept]) for rule, kept in matched]


def test_merge_shortcut_one_rule_per_category():
    rng = random.Random(11)
    for _ in range(3000):
        count = rng.randint(1, 5)
        matched = _matched(rng, [f"c{n}" for n in range(count)])
        assert _plain_shape(merge_overlapping(matched)) == \
            _plain_shape(merge_overlapping_plain(matched))


def test_merge_shared_categories_take_the_plain_path():
    rng = random.Random(12)
    for _ in range(1000):
        matched = _matched(rng, [rng.choice(["a", "b"]) for _ in range(rng.randint(2, 5))])
        assert _plain_shape(merge_overlapping(matched)) == \
            _plain_shape(merge_overlapping_plain(matched))


# -- sentiment's sentences --------------------------------------------------------------------

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
