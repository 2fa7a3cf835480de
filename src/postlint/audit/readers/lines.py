"""Decoded physical lines of a text export, read as a stream: the decoding rules of ``check``.

UTF-8 files are read line by line in bytes and each line goes through
:func:`postlint.sources.base.decode`, so a bad byte spoils only its record. A UTF-16 or
UTF-32 file (known by its byte-order mark) is decoded as a stream instead.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ...sources.base import DecodeProblem, ReadOptions, decode

_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str  # with its line ending
    problem: str | None = None  # why it could not be decoded (the text is then replaced)


class BinaryFile(Exception):
    pass


def read_lines(handle: io.BufferedReader, options: ReadOptions) -> Iterator[Line]:
    """Every line of ``handle`` with its number; undecodable lines carry their problem."""
    head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            yield from _wide_lines(handle, encoding, options)
            return
    if b"\x00" in head:
        raise BinaryFile()
    for number, raw in enumerate(handle, 1):
        if len(raw) > options.max_bytes:
            yield Line(number, "", f"line {number} is {len(raw)} bytes, over the "
                       f"{options.max_bytes}-byte limit; raise it with --max-record-size")
            continue
        try:
            yield Line(number, decode(raw, options))
        except DecodeProblem as exc:
            reason = "holds a NUL byte" if str(exc) == "binary" else str(exc)
            yield Line(number, raw.decode("utf-8", "replace"), f"line {number}: {reason}")


def _wide_lines(handle, encoding: str, options: ReadOptions) -> Iterator[Line]:
    text = io.TextIOWrapper(handle, encoding=encoding, errors=options.encoding_errors,
                            newline="")
    number = 0
    try:
        for number, line in enumerate(text, 1):  # noqa: B007 (number is used after the loop)
            yield Line(number, line)
    except UnicodeDecodeError:
        yield Line(number + 1, "", f"line {number + 1}: invalid {encoding.upper()}; use "
                   "--encoding-errors replace to check it anyway (the rest of the file "
                   "was not read)")


def count_lines(path: str, limit_bytes: int = 1 << 34) -> int:
    """Newlines in the file (a quick upper bound of its records, for the progress bar)."""
    count = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
            limit_bytes -= len(block)
            if limit_bytes <= 0:
                break
    return count
