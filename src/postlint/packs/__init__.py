"""Rule packs: the built-in ones shipped with postlint, and files users add."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import PackError
from .schema import Pack, Rule, load_pack

__all__ = ["Pack", "Rule", "builtin_pack_dir", "builtin_pack_files", "load_pack", "load_packs",
           "pack_files"]


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or the source tree's rules/."""
    installed = Path(__file__).resolve().parent.parent / "_builtin_rules"
    if installed.is_dir():
        return installed
    source_tree = Path(__file__).resolve().parents[3] / "rules"
    if source_tree.is_dir():
        return source_tree
    raise PackError(str(installed), None, "built-in rule packs are missing from this install")


def builtin_pack_files() -> list[Path]:
    return sorted(builtin_pack_dir().glob("*.yaml"))


def pack_files(extra: Iterable[str | Path] = (), only: bool = False) -> list[Path]:
    """The files :func:`load_packs` reads, in its order."""
    files = [] if only else builtin_pack_files()
    return files + [Path(p) for p in extra]


def load_packs(extra: Iterable[str | Path] = (), only: bool = False) -> list[Pack]:
    """The built-in packs (unless ``only``) followed by ``extra`` pack files, validated."""
    packs = [load_pack(f) for f in pack_files(extra, only)]
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen and seen[rule.id] != pack.path:
                raise PackError(pack.path, rule.line,
                                f"duplicate rule id (also defined in {seen[rule.id]})", rule.id)
            seen[rule.id] = pack.path
    return packs
