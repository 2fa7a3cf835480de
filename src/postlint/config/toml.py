"""``[tool.postlint]`` in ``pyproject.toml``, read with the line of every key.

``tomllib`` gives values but no positions, so a small scanner finds the line of each table
header and key (multi-line strings and arrays are skipped over); values are then wrapped in
the same line-aware mappings the YAML loader makes, and validated by the same schema.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ..packs.loader import MAX_PACK_BYTES, Located, LocatedList

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
SECTION = ("tool", "postlint")


def read_pyproject(path: str, display: str) -> tuple[bool, Any]:
    """``(True, section)`` when the file has ``[tool.postlint]``, else ``(False, None)``."""
    from .schema import ConfigError

    try:
        size = Path(path).stat().st_size
        if size > MAX_PACK_BYTES:
            raise ConfigError(display, None, f"file is {size} bytes; the limit is "
                              f"{MAX_PACK_BYTES}")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(display, None, f"cannot read configuration: "
                          f"{exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(display, data.count(b"\n", 0, exc.start) + 1,
                          f"not UTF-8 (invalid byte at offset {exc.start})") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = error_position(exc)
        raise ConfigError(display, line, f"invalid TOML: {message}") from None
    tool = document.get("tool")
    if not isinstance(tool, dict) or "postlint" not in tool:
        return False, None
    lines = key_lines(text)
    return True, _locate(tool["postlint"], SECTION, lines, lines.get(SECTION, 1))


def loads_located(text: str) -> Any:
    """A TOML document whose tables and arrays know their lines, like the YAML loader's.

    Raises ``tomllib.TOMLDecodeError`` (see :func:`error_position`) and, for a document
    nested deeper than Python's recursion limit, ``RecursionError``.
    """
    return _locate(tomllib.loads(text), (), key_lines(text), 1)


def error_position(exc: Exception) -> tuple[int | None, str]:
    """The line a ``TOMLDecodeError`` names (if any) and its message without the position."""
    message = str(exc)
    found = _POSITION.search(message)
    return (int(found.group(1)) if found else None), _POSITION.sub("", message)


def key_lines(text: str) -> dict[tuple, int]:
    """The 1-based line of every table header and key, by path (array tables by index)."""
    lines: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}
    table: tuple = ()
    state = _State()
    for number, line in enumerate(text.splitlines(), start=1):
        if state.busy():
            state.scan(line)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            keys, _ = _keys(stripped, 2)
            path = _resolve(tuple(keys), counts)
            counts[path] = counts.get(path, 0) + 1
            lines.setdefault(path, number)
            table = (*path, counts[path] - 1)
            lines[table] = number
            continue
        if stripped.startswith("["):
            keys, _ = _keys(stripped, 1)
            table = _resolve(tuple(keys), counts)
            lines.setdefault(table, number)
            continue
        keys, rest = _keys(stripped, 0)
        if not keys:
            continue
        for n in range(1, len(keys) + 1):
            lines.setdefault((*table, *keys[:n]), number)
        state.scan(rest)
    return lines


def _resolve(path: tuple, counts: dict[tuple, int]) -> tuple:
    """Insert the current index after every prefix that is an array of tables."""
    out: list = []
    for key in path:
        out.append(key)
        if tuple(out) in counts and len(out) < len(path):
            out.append(counts[tuple(out)] - 1)
    return tuple(out)


def _keys(text: str, start: int) -> tuple[list[str], str]:
    """Dotted keys from ``text[start:]`` up to ``]`` or ``=``; and what follows."""
    keys: list[str] = []
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t.":
            i += 1
        elif ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            keys.append(_unescape(text[i + 1: j]))
            i = j + 1
        elif ch == "'":
            j = text.find("'", i + 1)
            j = n if j < 0 else j
            keys.append(text[i + 1: j])
            i = j + 1
        elif ch in "]=":
            return keys, text[i + 1:]
        else:
            match = _BARE.match(text, i)
            if not match:
                return keys, text[i:]
            keys.append(match.group())
            i = match.end()
    return keys, ""


def _unescape(text: str) -> str:
    import json

    try:
        return json.loads(f'"{text}"')
    except ValueError:
        return text


class _State:
    """Where a value that spans lines is: inside a multi-line string, or open brackets."""

    def __init__(self):
        self.quote: str | None = None  # '"""' or "'''"
        self.depth = 0

    def busy(self) -> bool:
        return self.quote is not None or self.depth > 0

    def scan(self, text: str) -> None:
        i, n = 0, len(text)
        while i < n:
            if self.quote:
                end = text.find(self.quote, i)
                if end < 0:
                    return
                i = end + 3
                self.quote = None
                continue
            ch = text[i]
            if text.startswith('"""', i) or text.startswith("'''", i):
                self.quote = text[i: i + 3]
                i += 3
            elif ch == '"':
                j = i + 1
                while j < n and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                i = j + 1
            elif ch == "'":
                j = text.find("'", i + 1)
                i = n if j < 0 else j + 1
            elif ch == "#":
                return
            else:
                if ch in "[{":
                    self.depth += 1
                elif ch in "]}":
                    self.depth = max(0, self.depth - 1)
                i += 1


def _locate(value: Any, path: tuple, lines: dict[tuple, int], line: int) -> Any:
    if isinstance(value, dict):
        located = Located()
        located.line = lines.get(path, line)
        located.key_lines = {}
        for key, item in value.items():
            key_line = lines.get((*path, key), located.line)
            located.key_lines[key] = key_line
            located[key] = _locate(item, (*path, key), lines, key_line)
        return located
    if isinstance(value, list):
        items = LocatedList()
        items.line = lines.get(path, line)
        items.item_lines = []
        for i, item in enumerate(value):
            item_line = lines.get((*path, i), items.line)
            items.item_lines.append(item_line)
            items.append(_locate(item, (*path, i), lines, item_line))
        return items
    return value
