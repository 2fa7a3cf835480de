"""Audience profiles: presets of severities, packs and fail gates for who is posting.

Profiles are data: one YAML file each in this package (``brand.yaml``...), in the
configuration schema's profile subset (``packs`` are added, ``severity`` and ``fail`` as in a
configuration). Optional packs (``packs/*.yaml``) are rule packs that run only when a
profile or a configuration names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import UsageError
from ..packs.loader import read_yaml

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    path: str
    layer: object  # config.settings.Layer


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    """Every shipped profile by name, validated."""
    from ..config.schema import ConfigError, parse_profile

    found: dict[str, Profile] = {}
    for file in sorted(_HERE.glob("*.yaml")):
        name, description, layer = parse_profile(read_yaml(file), str(file), str(file))
        if name != file.stem:
            raise ConfigError(str(file), 1, f"field 'profile': '{name}' must match the file "
                              f"name '{file.stem}'")
        found[name] = Profile(name, description, str(file), layer)
    return found


def profile_names() -> list[str]:
    return sorted(p.stem for p in _HERE.glob("*.yaml"))


def get_profile(name: str) -> Profile:
    """A profile by name; an unknown name is a usage error with the list."""
    known = profiles()
    if name not in known:
        import difflib

        guess = difflib.get_close_matches(name, list(known), n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "profiles: " + ", ".join(known)
        raise UsageError(f"unknown profile '{name}'; {hint}")
    return known[name]


@lru_cache(maxsize=1)
def optional_pack_files() -> dict[str, Path]:
    """Packs shipped with postlint that run only when named (by profiles or configuration)."""
    return {p.stem: p for p in sorted((_HERE / "packs").glob("*.yaml"))}


@lru_cache(maxsize=1)
def builtin_pack_names() -> dict[str, Path]:
    """The default built-in packs by name (their file names are their pack names)."""
    from ..packs import builtin_pack_files

    return {p.stem: p for p in builtin_pack_files()}
