"""Plain text and Markdown files: the whole file is one post."""

from __future__ import annotations

from collections.abc import Iterator

from .base import DecodeProblem, InputPost, InputProblem, ReadOptions, decode


def read_text(path: str, data: bytes, options: ReadOptions, walked: bool = False
              ) -> Iterator[InputPost | InputProblem]:
    try:
        text = decode(data, options)
    except DecodeProblem as exc:
        if str(exc) == "binary":
            yield InputProblem(path, "skipped: looks like a binary file", skipped=True)
        else:
            yield InputProblem(path, str(exc))
        return
    yield InputPost(path, text)
