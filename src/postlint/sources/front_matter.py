"""Front matter at the top of a Markdown file or thread: the post's metadata, not its prose.

Two forms are read, as static site generators write them:

- YAML between a first line ``---`` and a closing ``---`` (or ``...``), read with the same
  safe, bounded loader as rule packs;
- TOML between a first line ``+++`` and a closing ``+++`` (Hugo, Zola), read with the
  standard library's ``tomllib`` (lines found as for ``pyproject.toml``).

Either way the keys become the post's metadata (``platform``, ``profile``, ``postlint``),
and each key knows its file line (``line_of``) so that a problem with one names it. Without
a closing line the first line is not front matter: ``---`` is a thematic break and ``+++``
plain text. A front matter that cannot be read is reported as an input problem and the
post is checked without it, so nothing of the body is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import PackError
from .base import InputProblem
from .platforms import PlatformProblem, platform_of

_YAML_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.M)


@dataclass
class FrontMatter:
    metadata: Any
    body_start: int = 0
    problem: InputProblem | None = None


def read_front_matter(path: str, text: str) -> FrontMatter:
    """The front matter's keys (a mapping whose ``line_of(key)`` is the key's file line)."""
    if text.startswith("+++"):
        return _read(path, text, _TOML_OPEN, _TOML_CLOSE, _parse_toml)
    return _read(path, text, _YAML_OPEN, _YAML_CLOSE, _parse_yaml)


def _read(path: str, text: str, opener: re.Pattern, closer: re.Pattern, parse) -> FrontMatter:
    opening = opener.match(text)
    if opening is None:
        return FrontMatter({})
    closing = closer.search(text, opening.end())
    if closing is None:
        return FrontMatter({})  # no closing marker: not front matter
    body_start = closing.end()
    for brk in ("\r\n", "\n", "\r"):
        if text.startswith(brk, body_start):
            body_start += len(brk)
            break
    # Parsed after one empty line, so that the parser's line numbers are the file's.
    value, problem = parse(path, "\n" + text[opening.end():closing.start()])
    if problem is not None:
        return FrontMatter({}, body_start, problem)
    return FrontMatter(value, body_start)


def _parse_yaml(path: str, source: str) -> tuple[Any, InputProblem | None]:
    from ..packs.loader import read_yaml

    try:
        value = read_yaml(path, source)
    except PackError as exc:
        where = f"line {exc.line}: " if exc.line else ""
        detail = exc.detail.replace("in rule packs", "in front matter").replace(
            "; packs are plain data", "").replace("split it into smaller packs", "shorten it")
        return None, _unreadable(path, f"{where}front matter is not valid: {detail}")
    if value is None:
        value = {}
    if not isinstance(value, dict):
        return None, _unreadable(path, "line 2: front matter must be keys and values (a YAML "
                                 f"mapping), found {_yaml_kind(value)}")
    return value, None


def _parse_toml(path: str, source: str) -> tuple[Any, InputProblem | None]:
    from ..config.toml import error_position, loads_located, tomllib

    try:
        value = loads_located(source)
    except tomllib.TOMLDecodeError as exc:
        line, detail = error_position(exc)
        where = f"line {line}: " if line else ""
        return None, _unreadable(path, f"{where}TOML front matter is not valid: {detail}")
    except RecursionError:
        return None, _unreadable(path, "line 2: TOML front matter is nested too deeply")
    value.line = 2
    return value, None


def _unreadable(path: str, message: str) -> InputProblem:
    return InputProblem(path, f"{message}; the post was checked without it")


def _yaml_kind(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float)) else "a single value"


def front_matter_platform(path: str, front: FrontMatter
                          ) -> tuple[str | None, InputProblem | None]:
    """The platform front matter names, or a problem naming its line."""
    value = front.metadata.get("platform") if front.metadata else None
    if value is None:
        return None, None
    try:
        return platform_of(value, strict=True), None
    except PlatformProblem as exc:
        line = front.metadata.line_of("platform") if hasattr(front.metadata, "line_of") else 2
        return None, InputProblem(path, f"line {line}: front matter 'platform': {exc}; the "
                                  "post was checked without a platform")
