"""``--jobs N``: lint in several processes, in input order, with a bounded number in flight.

Workers are forked after the parent has compiled the packs, so each starts with the
compiled linter; chunks of posts go out and lists of findings come back. At most
``2 * jobs`` chunks are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from .api import Linter
from .finding import Finding

CHUNK = 512
_worker_linter: Linter | None = None


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
