"""``--jobs N``: lint in several processes, in input order, with a bounded number in flight.

Workers are forked after the parent has compiled the packs, so each starts with the
compiled linter; chunks of posts go out and lists of findings come back. At most
``2 * jobs`` chunks are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import chain, groupby, islice
from operator import itemgetter

from .api import Linter
from .finding import Finding

CHUNK = 512
_worker_linter: Linter | None = None
_worker_linters: Callable[[Hashable], Linter] | None = None


def _lint_chunk(texts: list[str]) -> list[list[Finding]]:
    assert _worker_linter is not None
    return list(_worker_linter.lint_many(texts))


def lint_parallel(linter: Linter, texts: Iterable[str], jobs: int) -> Iterator[list[Finding]]:
    """Like ``linter.lint_many(texts)``, spread over ``jobs`` processes."""
    global _worker_linter
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from linter.lint_many(texts)
        return
    _worker_linter = linter
    context = multiprocessing.get_context("fork")
    iterator = iter(texts)
    with context.Pool(jobs) as pool:
        inflight: deque = deque()
        while True:
            chunk = list(islice(iterator, CHUNK))
            if chunk:
                inflight.append(pool.apply_async(_lint_chunk, (chunk,)))
            while inflight and (len(inflight) >= 2 * jobs or not chunk):
                yield from inflight.popleft().get()
            if not chunk:
                break


def _lint_keyed_chunk(items: list) -> list[list[Finding]]:
    assert _worker_linters is not None
    return _lint_groups(_worker_linters, items)


def _lint_groups(linters: Callable[[Hashable], Linter], items: Iterable) -> list[list[Finding]]:
    out: list[list[Finding]] = []
    for key, group in groupby(items, key=itemgetter(0)):
        out += linters(key).lint_many(item for _, item in group)
    return out


def lint_keyed(linters: Callable[[Hashable], Linter], items: Iterable[tuple[Hashable, object]],
               jobs: int) -> Iterator[list[Finding]]:
    """Like :func:`lint_parallel` for posts that need different linters.

    Each item is ``(key, text or (text, platform))``; ``linters(key)`` gives (and caches) the
    linter for a key. Runs of posts with the same key are linted together. With several
    jobs, the linters of the first chunk's keys are built before the workers are forked (so
    they start with them compiled); a key first seen later is built once in each worker.
    """
    global _worker_linters
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for key, group in groupby(items, key=itemgetter(0)):
            yield from linters(key).lint_many(item for _, item in group)
        return
    iterator = iter(items)
    first = list(islice(iterator, CHUNK))
    for key in dict.fromkeys(k for k, _ in first):
        linters(key)
    _worker_linters = linters
    iterator = chain(first, iterator)
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        inflight: deque = deque()
        while True:
            chunk = list(islice(iterator, CHUNK))
            if chunk:
                inflight.append(pool.apply_async(_lint_keyed_chunk, (chunk,)))
            while inflight and (len(inflight) >= 2 * jobs or not chunk):
                yield from inflight.popleft().get()
            if not chunk:
                break
