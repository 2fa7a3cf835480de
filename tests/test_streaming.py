"""Streaming: ``lint_many`` consumes its input lazily and does not grow from batch to batch."""

from __future__ import annotations

import itertools

import pytest

from postlint import Linter
from postlint.api import WARM_POSTS

POSTS = [
    "Just landed in Lisbon with @maria_k, back on the 14th! #TravelDiaries",
    "This update is garbage and whoever shipped it should be fired!!!",
    "Call me on 0161 496 0000 or mail jane.doe@example.com",
    "Great meetup tonight, thanks everyone 🎉 https://example.com/photos",
    "I can't believe they still haven't fixed the login bug. So tired of this.",
]


def numbered_posts(n: int, start: int = 0):
    """``n`` distinct posts: each carries new words, as real streams do."""
    for i in range(start, start + n):
        yield f"{POSTS[i % len(POSTS)]} ref{i}x #tag{i} @user{i}"


@pytest.fixture(scope="module")
def linter():
    return Linter(batch_size=32)  # 256 posts a chunk: 1k posts are several chunks


def test_input_is_consumed_lazily(linter):
    consumed = 0

    def source():
        nonlocal consumed
        for text in numbered_posts(1000):
            consumed += 1
            yield text

    results = linter.lint_many(source())
    first = next(results)
    assert isinstance(first, list)
    assert consumed < 1000, "the whole input was read before the first result"
    assert consumed <= linter.batch_size * 8
    rest = sum(1 for _ in results)
    assert consumed == 1000 and rest == 999


def test_vocabulary_stays_bounded_across_batches(linter):
    # Past the warm-up, every chunk runs in a spaCy memory zone: its strings are dropped.
    list(linter.lint_many(numbered_posts(WARM_POSTS + 256, start=10_000)))
    strings = linter.nlp.vocab.strings
    sizes = []
    for batch in range(4):
        chunk = numbered_posts(1000, start=100_000 + 1000 * batch)
        for _ in linter.lint_many(chunk):
            pass
        sizes.append(len(strings))
    # 4,000 new posts, each with three new strings: none of them may stay behind.
    assert max(sizes) - min(sizes) < 50, sizes


def test_findings_do_not_depend_on_batching():
    texts = list(itertools.islice(numbered_posts(300), 300))
    small = [[f.fingerprint for f in found]
             for found in Linter(batch_size=4).lint_many(texts)]
    large = [[f.fingerprint for f in found]
             for found in Linter(batch_size=512).lint_many(texts)]
    assert small == large
    assert any(small)
