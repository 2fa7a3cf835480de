"""Front matter at the top of a Markdown file or thread: the post's metadata, not its prose.

Three forms are read, as static site generators write them:

- YAML between a first line ``---`` and a closing ``---`` (or ``...``), read with the same
  safe, bounded loader as rule packs;
- TOML between a first line ``+++`` and a closing ``+++`` (Hugo, Zola), read with the
  standard library's ``tomllib`` (lines found as for ``pyproject.toml``);
- a JSON object from a first line ``{`` to a closing line ``}`` (Hugo), read with the
  standard library's ``json`` (a top-level key's line is where its name is written).

Each way the keys become the post's metadata (``platform``, ``profile``, ``postlint``),
and each key knows its file line (``line_of``) so that a problem with one names it. Without
a closing line the first line is not front matter: ``---`` is a thematic break, ``+++`` and
``{`` plain text. A front matter that cannot be read is reported as an input problem and the
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
_JSON_OPEN = re.compile(r"(?=\{[ \t]*(?:\r\n|\r|\n))")
_JSON_CLOSE = re.compile(r"^\}[ \t]*$", re.M)


@dataclass
class FrontMatter:
    metadata: Any
    body_start: int = 0
    problem: InputProblem | None = None


def read_front_matter(path: str, text: str) -> FrontMatter:
    """The front matter's keys (a mapping whose ``line_of(key)`` is the key's file line)."""
    if text.startswith("+++"):
        return _read(path, text, _TOML_OPEN, _TOML_CLOSE, _parse_toml)
    if text.startswith("{"):
        return _read(path, text, _JSON_OPEN, _JSON_CLOSE, _parse_json, keep_markers=True)
    return _read(path, text, _YAML_OPEN, _YAML_CLOSE, _parse_yaml)


def _read(path: str, text: str, opener: re.Pattern, closer: re.Pattern, parse,
          keep_markers: bool = False) -> FrontMatter:
    """Front matter between ``opener`` and ``closer``; ``keep_markers`` parses the markers
    with what is between them (JSON's braces are part of the document)."""
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
    if keep_markers:
        value, problem = parse(path, text[:closing.end()])
    else:
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


def _parse_json(path: str, source: str) -> tuple[Any, InputProblem | None]:
    import json

    from ..packs.loader import Located

    try:
        value = json.loads(source)
    except json.JSONDecodeError as exc:
        return None, _unreadable(path, f"line {exc.lineno}: JSON front matter is not valid: "
                                 f"{exc.msg}")
    except RecursionError:
        return None, _unreadable(path, "line 1: JSON front matter is nested too deeply")
    if not isinstance(value, dict):  # a closing "}" alone on a line ends an object
        return None, _unreadable(path, "line 1: JSON front matter must be an object")
    located = Located(value)
    located.line = 1
    located.key_lines = _json_key_lines(source, value)
    return located, None


def _json_key_lines(source: str, value: dict) -> dict[str, int]:
    """The line of each top-level key: where its quoted name is first written at depth one."""
    import json

    lines: dict[str, int] = {}
    depth, line, i = 0, 1, 0
    while i < len(source):
        ch = source[i]
        if ch == "\n":
            line += 1
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == '"':
            end = i + 1
            while end < len(source) and source[end] != '"':
                end += 2 if source[end] == "\\" else 1
            if depth == 1:
                key = json.loads(source[i:end + 1])
                if key in value and key not in lines and \
                        source[end + 1:].lstrip(" \t\r\n").startswith(":"):
                    lines[key] = line
            line += source.count("\n", i, end)
            i = end
        i += 1
    return lines


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
