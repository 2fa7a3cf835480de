"""Compiled rule sets, kept by content in a cache folder so that a start need not compile.

Compiling the packs (reading and validating the YAML, inflecting every phrase, building the
prefilter's phrase table) is most of what a ``Linter`` costs beyond spaCy, and a pre-commit
hook pays it on every commit. What it gives depends only on the pack files' bytes,
postlint's own code, the Python and spaCy versions and the linter's options, so it is stored
under a key made of all of them and read back on the next start. A changed pack or a new
postlint version makes a new key; nothing is ever read back that a fresh compile would not
give.

The folder is ``$POSTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/postlint``, else
``~/.cache/postlint``; ``POSTLINT_CACHE_DIR=off`` compiles in memory only. The cache is
optional: an unwritable folder, a damaged or foreign file or any other problem with it
means compiling as before, never an error. Entries are pickles, so on POSIX one is read
only when it and its folder belong to the user and no one else can write them.

Before any of that, a start with only the built-in packs and the default options reads the
rule set the wheel was built with (:mod:`postlint.bundled`), under the same key but with the
packs named by file name; it writes nothing. ``last_source`` says where the latest rule set
came from, for tests and benchmarks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy

from . import bundled
from .engine import RuleSet
from .packs import load_packs, pack_files

CACHE_ENV = "POSTLINT_CACHE_DIR"
OFF_VALUES = frozenset({"", "0", "off", "no", "none", "false"})
FORMAT = b"postlint-rules-1\n"
SUFFIX = ".rules"
KEEP = 16  # entries kept in the folder; the oldest go when a new one is written

# Where the latest compiled_ruleset() got its rule set: "bundled" (shipped in the wheel),
# "cache" (the cache folder) or "compiled" (compiled at this start). Read by the tests.
last_source = ""


def cache_dir() -> Path | None:
    """The cache folder to use, or ``None`` when caching is switched off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in OFF_VALUES else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "postlint"


def compiled_ruleset(extra: Iterable[str | Path], only: bool, capabilities: frozenset[str],
                     allow: Iterable[str]) -> RuleSet:
    """The rule set of these packs and options: the wheel's bundled one when it is exactly
    that, else from the cache when it holds it, else compiled (and cached)."""
    global last_source
    extra = list(extra)
    allow = list(allow)
    if bundled.applies(extra, only, capabilities, allow):
        shipped = bundled.load(pack_files(extra, only))
        if shipped is not None:
            last_source = "bundled"
            return shipped
    folder = cache_dir()
    key = ruleset_key(pack_files(extra, only), capabilities, allow) \
        if folder is not None else None
    if key is not None:
        cached = _read(folder / (key + SUFFIX))
        if cached is not None:
            last_source = "cache"
            return cached
    ruleset = RuleSet(load_packs(extra, only), capabilities, allow)
    last_source = "compiled"
    if key is not None:
        _write(folder, key, ruleset)
    return ruleset


def ruleset_key(files: list[Path], capabilities: frozenset[str], allow: list[str],
                by_name: bool = False) -> str | None:
    """SHA-256 of everything the compiled form depends on; ``None`` when a file is unreadable
    (the loader then reports it as it always does).

    The cache names each pack by its absolute path (two folders' packs of the same bytes
    still give rules different ``path`` fields). ``by_name`` names them by file name only,
    for the bundled form, which is built in one folder and read in another."""
    digest = hashlib.sha256(FORMAT)
    for part in (sys.version, spacy.__version__, code_fingerprint(),
                 repr(sorted(capabilities)), repr(allow)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        name = path.name if by_name else os.path.abspath(path)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of postlint's own Python files: a cached form never outlives the code that
    made it, even in an editable install whose version number does not change."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _private(status: os.stat_result) -> bool:
    """Whether a file or folder belongs to this user and no one else may write it (POSIX;
    elsewhere the user's profile folder's permissions are relied on)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _read(path: Path) -> RuleSet | None:
    try:
        # An entry is unpickled, so it is read only when another user could not have put it
        # there: it and its folder are this user's and writable by no one else.
        if not _private(os.stat(path.parent)):
            return None
        with open(path, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            if handle.read(len(FORMAT)) != FORMAT:
                return None
            ruleset = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged cache entry is a miss, never an error
        return None
    return ruleset if isinstance(ruleset, RuleSet) else None


def _write(folder: Path, key: str, ruleset: RuleSet) -> None:
    """Store ``ruleset`` atomically (a temporary file renamed into place); give up quietly
    when the folder cannot be written."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(folder)):
            return  # entries there would never be read back
        data = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(FORMAT)
                handle.write(data)
            os.replace(temp, folder / (key + SUFFIX))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _prune(folder)
    except Exception:  # noqa: BLE001 - the cache is an optimisation: compiling worked
        return


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` most recently written entries."""
    entries = []
    for path in folder.glob("*" + SUFFIX):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path.name, path))
    for _, _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()

