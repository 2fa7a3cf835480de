"""The built-in packs compiled when the wheel is built, shipped inside the package.

A start that uses only the built-in packs with the default options (no extra packs, no
``--only-packs``, no allow-list, a pipeline without NER) would otherwise compile them, or
write them to the user cache on its first run. The wheel's build hook (``hatch_build.py``)
calls :func:`write` once, so an installed postlint reads them back without compiling and
without writing anything, even with ``POSTLINT_CACHE_DIR=off`` or a read-only home.

The file is ``FORMAT``, a key line, then a pickled :class:`~postlint.engine.RuleSet`. The
key is :func:`postlint.compiled.ruleset_key` over the pack files named by their file names,
not their paths (the build compiles ``rules/`` in the source tree, the install reads
``postlint/_builtin_rules``), so it covers the packs' bytes, postlint's code, the Python and
spaCy versions and the options. It is checked before anything is unpickled; a missing,
stale, foreign or damaged file is ignored and the caller compiles as before.

Unpickling is safe here in the sense that matters: the file is written by the build, lives
beside postlint's own ``.py`` files and is never written at run time, so whoever could
change it could change postlint's code as well. It is not a format for files from users.

An editable install (``pip install -e .``) has no such file unless a developer makes one::

    python -m postlint.bundled          # writes src/postlint/_compiled/builtin.rules

(git ignores it; a stale one is ignored by its key, so forgetting to remake it only costs
the compile it would have saved).
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

from .engine import RuleSet

FORMAT = b"postlint-bundled-rules-1\n"
FOLDER = "_compiled"
NAME = "builtin.rules"
# The options a bundled rule set is compiled with: those of ``Linter()`` and ``postlint
# check`` without options (spacy.blank, hence no 'ner'; no allow-list).
DEFAULT_CAPABILITIES: frozenset[str] = frozenset()
DEFAULT_ALLOW: tuple[str, ...] = ()


def bundled_path() -> Path:
    """Where an install keeps the bundled rule set: inside the package."""
    return Path(__file__).resolve().parent / FOLDER / NAME


def applies(extra: list, only: bool, capabilities: frozenset[str], allow: list) -> bool:
    """Whether a start asks for exactly what the bundled rule set was compiled from."""
    return (not extra and not only and capabilities == DEFAULT_CAPABILITIES
            and tuple(allow) == DEFAULT_ALLOW)


def load(files: list[Path], path: Path | None = None) -> RuleSet | None:
    """The bundled rule set if it was compiled from ``files`` (the built-in packs in use) by
    this code on this Python and spaCy; else ``None``. Never raises, never writes."""
    from .compiled import ruleset_key

    key = ruleset_key(files, DEFAULT_CAPABILITIES, list(DEFAULT_ALLOW), by_name=True)
    if key is None:
        return None
    try:
        with open(path or bundled_path(), "rb") as handle:
            if handle.read(len(FORMAT)) != FORMAT:
                return None
            if handle.readline().rstrip(b"\n") != key.encode("ascii"):
                return None  # another pack, postlint, Python or spaCy: compile instead
            ruleset = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing or damaged: compile as before, never an error
        return None
    if not isinstance(ruleset, RuleSet):
        return None
    _relocate(ruleset, files)
    return ruleset


def _relocate(ruleset: RuleSet, files: list[Path]) -> None:
    """Point the packs' and rules' ``path`` at this install's files, not the build's: the
    key matched by file name and bytes, so the file of the same name is the same pack."""
    here = {f.name: str(f) for f in files}
    for pack in ruleset.packs:
        pack.path = here.get(Path(pack.path).name, pack.path)
    for rule in ruleset.rules:
        rule.path = here.get(Path(rule.path).name, rule.path)


def write(rules_dir: Path, out: Path) -> str:
    """Compile the packs in ``rules_dir`` with the default options into ``out``; return the
    key. Called by the build hook (and by developers, see the module docstring)."""
    from .compiled import ruleset_key
    from .packs import load_pack

    files = sorted(Path(rules_dir).glob("*.yaml"))
    if not files:
        raise FileNotFoundError(f"no packs in {rules_dir}")
    key = ruleset_key(files, DEFAULT_CAPABILITIES, list(DEFAULT_ALLOW), by_name=True)
    if key is None:
        raise OSError(f"cannot read the packs in {rules_dir}")
    # load_packs() would read the installed built-in folder; the build compiles rules_dir.
    ruleset = RuleSet([load_pack(f) for f in files], DEFAULT_CAPABILITIES, DEFAULT_ALLOW)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".rules")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(FORMAT)
            handle.write(key.encode("ascii") + b"\n")
            pickle.dump(ruleset, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temp, 0o644)  # package data, read by every user (mkstemp makes it 0600)
        os.replace(temp, out)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return key


def main(argv: list[str] | None = None) -> int:
    """``python -m postlint.bundled [RULES_DIR [OUT]]``: make the bundled rule set."""
    from .packs import builtin_pack_dir

    args = list(sys.argv[1:] if argv is None else argv)
    rules_dir = Path(args[0]) if args else builtin_pack_dir()
    out = Path(args[1]) if len(args) > 1 else bundled_path()
    key = write(rules_dir, out)
    print(f"wrote {out} (key {key[:12]}, packs from {rules_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
