"""Finding and reading configuration files.

For a checked file, postlint looks in the file's folder and then each parent folder for
``postlint.yaml``, ``.postlint.yaml`` or a ``pyproject.toml`` with a ``[tool.postlint]``
table, and uses the first it finds. It stops after the folder that holds ``.git`` (the
repository's root) or at the filesystem root. In one folder ``postlint.yaml`` and
``.postlint.yaml`` together are an error; either wins over ``pyproject.toml``. The nearest
configuration applies alone: configurations are not merged. Standard input uses the
current folder.
"""

from __future__ import annotations

import os

from ..packs.loader import read_yaml
from .schema import Config, ConfigError, parse_config
from .toml import read_pyproject

YAML_NAMES = ("postlint.yaml", ".postlint.yaml")
PYPROJECT = "pyproject.toml"


def display_path(path: str) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def load_config(path: str) -> Config:
    """Read and validate one configuration file (YAML, or pyproject.toml's table)."""
    display = display_path(path)
    if not os.path.isfile(path):
        if os.path.isdir(path):
            raise ConfigError(display, None, "is a folder; give a postlint.yaml, "
                              ".postlint.yaml or pyproject.toml file")
        raise ConfigError(display, None, "configuration file does not exist")
    if os.path.basename(path).endswith(".toml"):
        found, data = read_pyproject(path, display)
        if not found:
            raise ConfigError(display, None, "has no [tool.postlint] table")
        return parse_config(data, path, display)
    return parse_config(_read_yaml(path, display), path, display)


def _read_yaml(path: str, display: str):
    from ..errors import PackError

    try:
        return read_yaml(path)
    except ConfigError:
        raise
    except PackError as exc:  # the loader speaks of packs; this is a configuration file
        detail = (exc.detail.replace("in rule packs", "in configuration files")
                  .replace("packs are plain data", "configuration is plain data")
                  .replace("cannot read pack", "cannot read configuration")
                  .replace("a pack file holds", "a configuration file holds")
                  .replace("pack has more than", "file has more than")
                  .replace("split it into smaller packs", "shorten it")
                  .replace("pack is ", "file is "))
        raise ConfigError(display, exc.line, detail) from None


def find_config(folder: str, cache: dict[str, str | None] | None = None) -> str | None:
    """The configuration file that applies to files in ``folder``, or None."""
    cache = {} if cache is None else cache
    folder = os.path.abspath(folder)
    visited = []
    found: str | None = None
    current = folder
    while True:
        if current in cache:
            found = cache[current]
            break
        visited.append(current)
        found = _config_in(current)
        if found is not None or os.path.exists(os.path.join(current, ".git")):
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for seen in visited:
        cache[seen] = found
    return found


def _config_in(folder: str) -> str | None:
    names = [n for n in YAML_NAMES if os.path.isfile(os.path.join(folder, n))]
    if len(names) > 1:
        raise ConfigError(display_path(os.path.join(folder, names[1])), None,
                          f"both {names[0]} and {names[1]} are in this folder; keep one")
    if names:
        return os.path.join(folder, names[0])
    pyproject = os.path.join(folder, PYPROJECT)
    if os.path.isfile(pyproject) and _mentions_postlint(pyproject):
        found, _ = read_pyproject(pyproject, display_path(pyproject))
        if found:
            return pyproject
    return None


def _mentions_postlint(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"postlint" in handle.read(1 << 20)
    except OSError:
        return False
