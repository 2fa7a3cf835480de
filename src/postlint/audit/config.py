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
    packs: tuple[tuple[str, str], ...] = ()  # (file name, pack text)
    only_packs: bool = False
    model: str | None = None
    platform: str | None = None
    allow: tuple[str, ...] = ()

    @classmethod
    def create(cls, packs: Sequence[str | Path] = (), *, only_packs: bool = False,
               model: str | None = None, platform: str | None = None,
               allow: Iterable[str] = ()) -> LinterConfig:
        """A config from pack files (read now), as ``Linter`` takes them."""
        texts = []
        for pack in packs:
            try:
                texts.append((Path(pack).name, Path(pack).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                # Let the Linter give its own message (file, line) when it is built.
                texts.append((str(pack), ""))
        return cls(tuple(texts), only_packs, model, platform, tuple(allow))

    @property
    def key(self) -> str:
        """Identifies the config: the same key means the same findings."""
        return hashlib.sha256(repr(self).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def build(self) -> Linter:
        """A new ``Linter`` (pack texts written to a private temporary folder first)."""
        folder = tempfile.mkdtemp(prefix="postlint-packs-") if self.packs else ""
        paths = []
        for number, (name, text) in enumerate(self.packs):
            path = os.path.join(folder, f"{number:03d}-{os.path.basename(name)}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths.append(path)
        return Linter(paths, only_packs=self.only_packs, model=self.model,
                      platform=self.platform, allow=self.allow)


_linters: dict[str, Linter] = {}
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


def check_config(config: LinterConfig) -> None:
    """Build the linter once here, so that a broken pack fails before any worker starts."""
    if config.only_packs and not config.packs:
        raise UsageError("--only-packs needs at least one --pack file")
    worker_linter(config)
