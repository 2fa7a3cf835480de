"""JSON Lines files: one post per line, as ``{"text": "..."}`` (or a bare JSON string).

Findings report the file's line number of the record; columns count within the post text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .base import DecodeProblem, InputPost, InputProblem, ReadOptions, decode

TEXT_KEYS = ("text", "content", "body", "post")


def read_jsonl(path: str, data: bytes, options: ReadOptions) -> Iterator[InputPost | InputProblem]:
    try:
        content = decode(data, options)
    except DecodeProblem as exc:
        yield InputProblem(path, "skipped: looks like a binary file" if str(exc) == "binary"
                           else str(exc), skipped=str(exc) == "binary")
        return
    yield from parse_lines(path, content.splitlines())


def parse_lines(path: str, lines) -> Iterator[InputPost | InputProblem]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(path, f"line {number}: not valid JSON ({exc.msg}, column "
                               f"{exc.colno}); this record was not checked")
            continue
        text = value if isinstance(value, str) else _text_of(value)
        if text is None:
            yield InputProblem(path, f"line {number}: no text to check; expected a JSON string "
                               f"or an object with one of the keys {', '.join(TEXT_KEYS)}")
            continue
        yield InputPost(path, text, line_offset=number - 1, record=number)


def _text_of(value) -> str | None:
    if isinstance(value, dict):
        for key in TEXT_KEYS:
            if isinstance(value.get(key), str):
                return value[key]
    return None
