"""Positions and paths in the units other tools expect.

``FileResult.location`` counts columns in code points of the line as ``source_line`` gives
it. SARIF consumers (GitHub, VS Code) count UTF-16 code units, reviewdog counts UTF-8
bytes: the conversion is done here, from the line's own text, never assumed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import quote

from .base import FileResult, Location

STDIN_PATH = "<stdin>"


def _prefix_units(line: str, column: int, unit: str) -> int:
    """How many ``unit``s (utf-16 or utf-8) the text before code-point ``column`` takes."""
    head = line[: column - 1]
    beyond = max(0, column - 1 - len(line))  # a column past the line's end (its line break)
    if unit == "utf-16":
        return len(head.encode("utf-16-le", "surrogatepass")) // 2 + beyond
    return len(head.encode("utf-8", "surrogatepass")) + beyond


def column_in(result: FileResult, line: int, column: int, unit: str) -> int:
    """Code-point ``column`` of file ``line`` as a 1-based column in ``unit``."""
    if unit == "code-points":
        return column
    return _prefix_units(result.source_line(line), column, unit) + 1


def location_in(result: FileResult, where: Location, unit: str) -> Location:
    """A ``Location`` with both columns converted to ``unit``."""
    return Location(where.line, column_in(result, where.line, where.column, unit),
                    where.end_line, column_in(result, where.end_line, where.end_column, unit))


def relative_path(path: str) -> str:
    """The input path as other tools want it: relative to the working folder when it is
    inside it, with forward slashes and no leading ``./``."""
    return _relative_path(path, os.getcwd() if os.path.isabs(path) else "")


@lru_cache(maxsize=256)  # a file's posts and findings ask again and again
def _relative_path(path: str, cwd: str) -> str:
    if path == STDIN_PATH:
        return path
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            relative = path
        if not relative.startswith(os.pardir):
            path = relative
    posix = PurePath(path).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative and percent-encoded, or ``file:`` when absolute.

    Characters a file name may hold but a URI may not (spaces, ``%``, ``#``, ``?``, ``:``,
    non-ASCII, undecodable bytes) are percent-encoded as UTF-8.
    """
    return _artifact_uri(relative_path(path))


@lru_cache(maxsize=256)
def _artifact_uri(posix: str) -> str:
    raw = posix.encode("utf-8", "surrogateescape" if _escapable(posix) else "surrogatepass")
    encoded = quote(raw, safe="/-._~!$&'()*+,;=@")
    if PurePath(posix).is_absolute() or os.path.isabs(posix):
        return "file://" + ("" if encoded.startswith("/") else "/") + encoded
    return encoded


def _escapable(text: str) -> bool:
    """Whether every lone surrogate is one ``surrogateescape`` made from an undecodable byte."""
    return all(not "\ud800" <= ch <= "\udfff" or "\udc80" <= ch <= "\udcff" for ch in text)
