"""File globs of configuration (``include``, ``exclude``, ``overrides[].files``).

Paths are matched relative to the configuration file's folder, with ``/`` separators:

- ``*`` matches within one path segment, ``?`` one character, ``[abc]`` a class;
- ``**`` matches any number of segments (``drafts/**/*.md``, ``**/archive/**``);
- a pattern without a ``/`` matches a file or folder name at any depth (``*.csv``);
- a pattern that matches a folder matches everything below it (``drafts/archive``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Glob:
    pattern: str
    regex: re.Pattern

    def matches(self, relative: str) -> bool:
        """Does the relative path (or one of its folders) match?"""
        if relative.startswith("../") or relative == "..":
            return False
        parts = relative.split("/")
        return any(self.regex.fullmatch("/".join(parts[:n])) for n in range(len(parts), 0, -1))


class GlobError(ValueError):
    pass


def compile_glob(pattern: str) -> Glob:
    """Compile a glob, or raise :class:`GlobError`."""
    text = pattern.strip().replace("\\", "/")
    if not text:
        raise GlobError("empty pattern")
    anchored = text.startswith("/") or "/" in text.rstrip("/")
    text = text.strip("/")
    if text.startswith("./"):
        text = text[2:]
    body = _translate(text)
    regex = body if anchored else f"(?:.*/)?{body}"
    try:
        return Glob(pattern, re.compile(regex, re.DOTALL))
    except re.error as exc:
        raise GlobError(f"invalid pattern: {exc}") from None


def relative_to(path: str, root: str) -> str:
    """``path`` relative to the folder ``root``, with ``/`` separators."""
    return _relative(os.path.abspath(path), root).replace(os.sep, "/")


@lru_cache(maxsize=4096)
def _relative(path: str, root: str) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return "../" + path


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**", i):
            j = i + 2
            at_start = i == 0 or pattern[i - 1] == "/"
            if at_start and (j == n or pattern[j] == "/"):
                if j == n:
                    out.append(".*")
                    i = j
                else:
                    out.append("(?:[^/]*/)*")
                    i = j + 1
                continue
            out.append("[^/]*")
            i = j
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = pattern.find("]", i + 2 if pattern[i + 1: i + 2] in ("!", "]") else i + 1)
            if j < 0:
                out.append(re.escape(ch))
            else:
                inner = pattern[i + 1: j]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append("[" + inner.replace("\\", "\\\\").replace("/", "") + "]")
                i = j
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)
