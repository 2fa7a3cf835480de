"""What JSON and JSON Lines posts share: the text field, metadata, platform and positions.

A record is a JSON string (the post) or an object. The text is ``ReadOptions.text_field``
(a key, or a dotted path such as ``post.text`` for nested objects and ``media.0.caption``
for lists), or else the first of :data:`TEXT_KEYS` that holds text. The record's other keys
are the post's metadata; a ``platform``/``network`` key (beside the text or at the top)
gives its platform.

Positions are exact: the text's JSON string is found in the file and every escape
(``\\n``, ``\\"``, ``\\u00e9``) is stepped over, so a finding's column is the file's.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from .platforms import platform_of

TEXT_KEYS = ("text", "content", "body", "post", "message", "caption")
PLATFORM_KEYS = ("platform", "platforms", "network", "networks", "service", "channel")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SPACE = re.compile(r"[ \t\n\r]*")


class LocatedStr(str):
    """A JSON string value that knows where its token is in the text (quotes included)."""

    start: int
    end: int


class NoText(Exception):
    pass


def parse_located(text: str, start: int = 0):
    """Parse valid JSON (check it with ``json.loads`` first), strings as :class:`LocatedStr`.

    Iterative, so that any nesting ``json.loads`` accepted is read here too.
    """
    # Each open container is [value, pending key]; a finished value goes into the top one.
    stack: list[list] = []
    i = _SPACE.match(text, start).end()
    while True:
        ch = text[i]
        if ch == "{" or ch == "[":
            stack.append([{} if ch == "{" else [], None])
            i = _SPACE.match(text, i + 1).end()
            if text[i] in "}]":
                i += 1
                value = stack.pop()[0]
            elif ch == "{":
                key, i = scanstring(text, i + 1)
                stack[-1][1] = key
                i = _SPACE.match(text, _SPACE.match(text, i).end() + 1).end()  # the colon
                continue
            else:
                continue
        else:
            value, i = _scalar(text, i)
        while True:  # put the value in its container, close finished containers
            if not stack:
                return value
            container, key = stack[-1]
            if isinstance(container, dict):
                container[key] = value
            else:
                container.append(value)
            i = _SPACE.match(text, i).end()
            if text[i] == ",":
                i = _SPACE.match(text, i + 1).end()
                if isinstance(container, dict):
                    key, i = scanstring(text, i + 1)
                    stack[-1][1] = key
                    i = _SPACE.match(text, _SPACE.match(text, i).end() + 1).end()
                break
            i += 1  # the closing bracket
            value = stack.pop()[0]


def _scalar(text: str, i: int):
    if text[i] == '"':
        value, end = scanstring(text, i + 1)
        located = LocatedStr(value)
        located.start, located.end = i, end
        return located, end
    for literal, value in (("true", True), ("false", False), ("null", None)):
        if text.startswith(literal, i):
            return value, i + len(literal)
    for literal in ("NaN", "Infinity", "-Infinity"):  # json.loads accepts them
        if text.startswith(literal, i):
            return float(literal), i + len(literal)
    m = _NUMBER.match(text, i)
    number = m.group()
    return (float(number) if any(c in number for c in ".eE") else int(number)), m.end()


def string_steps(text: str, token_start: int) -> list[tuple[int, int]]:
    """(value offset, text offset) steps for the JSON string token at ``token_start``."""
    steps = [(0, token_start + 1)]
    i = token_start + 1
    size = 0
    while True:
        j = i
        while text[j] != '"' and text[j] != "\\":
            j += 1
        size += j - i
        if text[j] == '"':
            return steps
        if text[j + 1] == "u":
            code = int(text[j + 2:j + 6], 16)
            width = 6
            if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", j + 6):
                low = int(text[j + 8:j + 12], 16)
                if 0xDC00 <= low <= 0xDFFF:
                    width = 12  # a surrogate pair: one code point
        else:
            width = 2
        size += 1
        i = j + width
        steps.append((size, i))


def find_text(record, text_field: str | None):
    """(text, its parent object, first key of its path) of a record; raises NoText."""
    if isinstance(record, str):
        return record, None, None
    if text_field is not None:
        return _at_path(record, text_field)
    if isinstance(record, dict):
        for key in TEXT_KEYS:
            if isinstance(record.get(key), str):
                return record[key], record, key
    raise NoText("expected a JSON string or an object with one of the keys "
                 + ", ".join(TEXT_KEYS) + " (or name the field with --text-field)")


def _at_path(record, path: str):
    if isinstance(record, dict) and isinstance(record.get(path), str):
        return record[path], record, path
    parts = path.split(".")
    node, parent = record, None
    for part in parts:
        parent = node
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise NoText(f"no field '{path}' (--text-field) in this record")
    if not isinstance(node, str):
        raise NoText(f"field '{path}' (--text-field) is {_kind(node)}, not text")
    return node, parent if isinstance(parent, dict) else None, parts[0]


def _kind(value) -> str:
    return {dict: "an object", list: "a list", bool: "true or false",
            type(None): "null"}.get(type(value), "a number")


def metadata_of(record, first_key: str | None) -> dict:
    """The record's other keys (give it the record as ``json.loads`` read it)."""
    if not isinstance(record, dict):
        return {}
    return {key: value for key, value in record.items() if key != first_key}


def platform_in(record, parent) -> str | None:
    for node in (parent, record):
        if isinstance(node, dict):
            for key in PLATFORM_KEYS:
                if key in node:
                    value = node[key]
                    if isinstance(value, (str, list)):
                        try:
                            return platform_of(value)
                        except ValueError:
                            return None
    return None


def loads_checked(text: str):
    """``json.loads`` with a message a user can act on for invalid JSON."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"line {exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
    except RecursionError:
        return None, "JSON is nested too deeply to read"
