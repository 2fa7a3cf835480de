"""What a worker needs to build its own ``Linter``: small, plain data that pickles.

Engines ship a ``LinterConfig`` to their workers, never a loaded pipeline: each worker
process builds its ``Linter`` from it once (:func:`worker_linter`) and reuses it for every
batch. Pack files travel as their text, so workers need no shared file system.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..api import Linter
from ..errors import UsageError


@dataclass(frozen=True)
class LinterConfig:
    packs: tuple[tuple[str, str | None], ...] = ()  # (path as given, its text; None: unreadable)
    only_packs: bool = False
    model: str | None = None
    platform: str | None = None
    allow: tuple[str, ...] = ()

    @classmethod
    def create(cls, packs: Sequence[str | Path] = (), *, only_packs: bool = False,
               model: str | None = None, platform: str | None = None,
               allow: Iterable[str] = ()) -> LinterConfig:
        """A config from pack files (read now), as ``Linter`` takes them."""
        texts: list[tuple[str, str | None]] = []
        for pack in packs:
            try:
                texts.append((str(pack), Path(pack).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                # The Linter gives its own message (file, line) when it is built.
                texts.append((str(pack), None))
        return cls(tuple(texts), only_packs, model, platform, tuple(allow))

    @property
    def key(self) -> str:
        """Identifies the config: the same key means the same findings."""
        return hashlib.sha256(repr(self).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def build(self) -> Linter:
        """A new ``Linter``. A pack file that is here as it was read is used in place (so
        messages name it); elsewhere (a cluster's worker) its text is written to a private
        temporary folder first."""
        global _builds
        _builds += 1
        folder = ""
        paths = []
        for number, (given, text) in enumerate(self.packs):
            if text is None or _holds(given, text):
                paths.append(given)
                continue
            folder = folder or tempfile.mkdtemp(prefix="postlint-packs-")
            path = os.path.join(folder, f"{number:03d}-{os.path.basename(given)}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths.append(path)
        return Linter(paths, only_packs=self.only_packs, model=self.model,
                      platform=self.platform, allow=self.allow)


def _holds(path: str, text: str) -> bool:
    try:
        return Path(path).read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


_linters: dict[str, Linter] = {}
_builds = 0
_lock = threading.Lock()
# Linters are not thread-safe (spaCy's memory zones); threads of one worker take turns.
LINT_LOCK = threading.Lock()


def worker_linter(config: LinterConfig) -> Linter:
    """This process's ``Linter`` for ``config``, built on first use and kept."""
    linter = _linters.get(config.key)
    if linter is None:
        with _lock:
            linter = _linters.get(config.key)
            if linter is None:
                linter = _linters[config.key] = config.build()
    return linter


def install_linter(config: LinterConfig, linter: Linter) -> None:
    """Make ``linter`` this process's linter for ``config`` (a worker plugin's set-up)."""
    with _lock:
        _linters[config.key] = linter


def linter_builds() -> int:
    """How many linters this process has built (the engines' tests check it is one)."""
    return _builds


def check_config(config: LinterConfig) -> None:
    """Build the linter once here, so that a broken pack fails before any worker starts."""
    if config.only_packs and not config.packs:
        raise UsageError("--only-packs needs at least one --pack file")
    worker_linter(config)
