"""What readers produce, and the decoding every reader shares."""

from __future__ import annotations

import codecs
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..textmodel import LineIndex

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding_errors: str = "strict"  # or "replace"
    text_field: str | None = None  # the JSON key or CSV column that holds the post
    reader: str | None = None  # a reader chosen by name instead of by the file's suffix


@dataclass(frozen=True)
class Comment:
    """A comment of the source (an HTML comment in Markdown), where inline directives live.

    Lines are 1-based lines of the file; ``text`` is the comment's body without its markers.
    """

    line: int
    end_line: int
    text: str


class Source:
    """The text a post was read from, as the file holds it: a whole file, or one record.

    ``line_offset`` counts the file's lines before it (a streamed JSON Lines record is read
    line by line). Posts of one file share one ``Source``, so its line index is built once.
    """

    __slots__ = ("text", "line_offset", "_lines")

    def __init__(self, text: str, line_offset: int = 0):
        self.text = text
        self.line_offset = line_offset
        self._lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        """1-based file line and code-point column of a source offset."""
        line, column = self.lines.position(offset)
        return line + self.line_offset, column

    def line_text(self, line: int) -> str:
        """The text of a 1-based file line (without its line break); '' outside the source."""
        number = line - self.line_offset
        if not 1 <= number <= len(self.lines.line_starts):
            return ""
        start, end = self.lines.line_span(number, self.text)
        return self.text[start:end]


Steps = Sequence[tuple[int, int]]


class Placement:
    """Where each character of a post's text is in its ``Source``.

    ``steps`` are ``(post offset, source offset)`` pairs in increasing order: from each post
    offset on, characters follow one another in the source, until the next step. One step
    places a text that is a plain slice of its file (a Markdown body after its front matter,
    a thread's post); a step after every escape places a CSV cell with ``""`` in it or a JSON
    string with ``\\n`` in it. ``steps`` may be a function, called the first time a position
    is asked for (most posts have no finding, and need no map).
    """

    __slots__ = ("source", "_steps", "_starts")

    def __init__(self, source: Source, steps: Steps | Callable[[], Steps] = ((0, 0),)):
        self.source = source
        self._steps = steps
        self._starts: list[int] | None = None

    def _resolved(self) -> Steps:
        if callable(self._steps):
            self._steps = tuple(self._steps())
        if self._starts is None:
            self._starts = [post for post, _ in self._steps]
        return self._steps

    def source_offset(self, offset: int) -> int:
        """The source offset of a post offset (an end offset maps to just after its char)."""
        steps = self._resolved()
        assert self._starts is not None
        i = max(bisect_right(self._starts, offset) - 1, 0)
        post, source = steps[i]
        return source + offset - post

    def position(self, offset: int) -> tuple[int, int]:
        """1-based file line and column of a post offset."""
        return self.source.position(self.source_offset(offset))


@dataclass(frozen=True)
class InputPost:
    """One post to check, and where it sits in its file.

    ``placement`` maps the post's offsets to its file (a Markdown body under front matter,
    one post of a thread, a CSV cell, a JSON string with escapes); without one the post is
    its file's text from line ``line_offset + 1`` on. ``metadata`` holds what the reader
    found beside the text (front matter keys, a CSV row's other columns, a JSON record's
    other keys); ``platform`` is the post's own platform when its source names one;
    ``comments`` are the source's comments, for inline directives. ``counted_as`` are spans
    of the text a platform counts otherwise than the checks read them (blanked Markdown):
    ``"hidden"`` is not published (markup, HTML comments, reference definitions), ``"url"``
    is published as a link (23 characters on X and Mastodon).
    """

    path: str
    text: str
    line_offset: int = 0
    record: int | None = None  # 1-based record number in a multi-post file
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    platform: str | None = None
    comments: tuple[Comment, ...] = ()
    placement: Placement | None = None
    counted_as: tuple[tuple[int, int, str], ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based file line and code-point column of an offset into ``text``."""
        if self.placement is not None:
            return self.placement.position(offset)
        line, column = _post_lines(self).position(offset)
        return line + self.line_offset, column

    def source_line(self, line: int) -> str:
        """The text of a 1-based file line, in the terms columns count in."""
        if self.placement is not None:
            return self.placement.source.line_text(line)
        index = _post_lines(self)
        number = line - self.line_offset
        if not 1 <= number <= len(index.line_starts):
            return ""
        start, end = index.line_span(number, self.text)
        return self.text[start:end]

    def lint_item(self) -> str | tuple:
        """What ``Linter.lint_many`` takes for this post: text, platform and ``counted_as``."""
        if self.counted_as:
            return (self.text, self.platform, self.counted_as)
        return self.text if self.platform is None else (self.text, self.platform)


def _post_lines(post: InputPost) -> LineIndex:
    index = post.__dict__.get("_line_index")
    if index is None:
        index = LineIndex(post.text)
        object.__setattr__(post, "_line_index", index)
    return index


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be checked (exit code 2) or was skipped with a notice."""

    path: str
    message: str
    skipped: bool = False  # a notice (binary file), not a failure

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DecodeProblem(Exception):
    pass


def decode(data: bytes, options: ReadOptions) -> str:
    """Decode a file's bytes: UTF-8 (BOM dropped) or UTF-16/32 with a BOM."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding, options.encoding_errors)
            except UnicodeDecodeError as exc:
                raise DecodeProblem(f"invalid {encoding.upper()} at byte {exc.start}; "
                                    "use --encoding-errors replace to check it anyway") from None
    if b"\x00" in data[:8192]:
        raise DecodeProblem("binary")
    try:
        return data.decode("utf-8", options.encoding_errors)
    except UnicodeDecodeError as exc:
        raise DecodeProblem(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                            f"{exc.start}); save it as UTF-8 or use --encoding-errors replace") \
            from None
