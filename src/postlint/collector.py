"""Pausing Python's cyclic garbage collector while long-lived tables are built.

Start-up allocates hundreds of thousands of objects that live as long as the process
(spaCy's registries, the compiled packs and their phrase tables) and frees almost none.
Each of those allocations counts towards the collector's thresholds, so it runs many full
passes over objects that can never be garbage: about half of building a ``Linter``.
Reference counting still frees everything that is not in a cycle while it is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_whole_process = False  # set by the ``postlint`` command, never by the library


def claim_process() -> None:
    """Say that postlint owns this process (the command line), so :func:`settle` may act."""
    global _whole_process
    _whole_process = True


def settle() -> None:
    """After a ``Linter`` is built: in postlint's own process, freeze what exists now.

    ``gc.freeze`` moves every object alive now out of the collector's generations, so the
    passes that a run and the interpreter's exit make no longer walk the start-up objects
    (a fifth of a one-post check). It is process-wide and keeps any cycle alive now for
    good, so a library must not do it to its host: only the ``postlint`` command does.
    """
    if _whole_process:
        gc.freeze()
