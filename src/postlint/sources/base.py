"""What readers produce, and the decoding every reader shares."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

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


@dataclass(frozen=True)
class InputPost:
    """One post to check, and where it sits in its file.

    ``line_offset`` places it inside its file (JSON Lines records). ``metadata`` holds what
    the reader found beside the text (front matter keys, a CSV row's other columns, a JSON
    record's other keys); ``platform`` is the post's own platform when its source names one;
    ``comments`` are the source's comments, for inline directives.
    """

    path: str
    text: str
    line_offset: int = 0
    record: int | None = None  # 1-based record number in a multi-post file
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    platform: str | None = None
    comments: tuple[Comment, ...] = ()


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
