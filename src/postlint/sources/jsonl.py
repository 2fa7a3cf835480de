"""JSON Lines files: one post per line, as ``{"text": "..."}`` (or a bare JSON string).

The text field, metadata and platform are found as in JSON files (:mod:`.records`).
Findings point at the record's line and the column inside its JSON string; the string is
located only for posts with findings, so long archives stream at full speed.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from functools import partial

from .base import DecodeProblem, InputPost, InputProblem, Placement, ReadOptions, Source, decode
from .records import NoText, find_text, metadata_of, parse_located, platform_in, string_steps


def read_jsonl(path: str, data: bytes, options: ReadOptions, walked: bool = False
               ) -> Iterator[InputPost | InputProblem]:
    try:
        content = decode(data, options)
    except DecodeProblem as exc:
        yield InputProblem(path, "skipped: looks like a binary file" if str(exc) == "binary"
                           else str(exc), skipped=str(exc) == "binary")
        return
    # Lines end at LF (a CR before it goes), as when the file is streamed.
    lines = [line[:-1] if line.endswith("\r") else line for line in content.split("\n")]
    yield from parse_lines(path, lines, options.text_field)


def stream_jsonl(path: str, options: ReadOptions) -> Iterator[InputPost | InputProblem]:
    """Read a JSON Lines file record by record, so memory stays flat however long it is.

    ``--max-file-size`` limits each record here, not the file. A file with a UTF-16 or
    UTF-32 byte-order mark is read whole (within the limit) and decoded first.
    """
    with open(path, "rb") as handle:
        head = handle.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = head + handle.read(options.max_bytes + 1 - len(head))
            if len(data) > options.max_bytes:
                yield InputProblem(path, f"UTF-16 input is larger than the {options.max_bytes}"
                                   "-byte limit; raise it with --max-file-size")
                return
            yield from read_jsonl(path, data, options)
            return
        if b"\x00" in head:
            yield InputProblem(path, "skipped: looks like a binary file", skipped=True)
            return
        handle.seek(0)
        yield from parse_lines(path, _decoded_lines(path, handle, options), options.text_field)


def _decoded_lines(path: str, handle, options: ReadOptions):
    offset = 0
    for number, raw in enumerate(handle, 1):
        if len(raw) > options.max_bytes:
            yield InputProblem(path, f"line {number}: record is {len(raw)} bytes, over the "
                               f"{options.max_bytes}-byte limit; raise it with --max-file-size")
        else:
            start = 3 if number == 1 and raw.startswith(codecs.BOM_UTF8) else 0
            try:
                yield raw[start:].decode("utf-8", options.encoding_errors).rstrip("\r\n")
            except UnicodeDecodeError as exc:
                yield InputProblem(path, f"line {number}: not valid UTF-8 (byte "
                                   f"0x{raw[start + exc.start]:02x} at offset "
                                   f"{offset + start + exc.start}); use --encoding-errors replace "
                                   "to check it anyway")
        offset += len(raw)


def parse_lines(path: str, lines, text_field: str | None = None
                ) -> Iterator[InputPost | InputProblem]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, InputProblem):
            yield line
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(path, f"line {number}: not valid JSON ({exc.msg}, column "
                               f"{exc.colno}); this record was not checked")
            continue
        except RecursionError:
            yield InputProblem(path, f"line {number}: JSON is nested too deeply to read; "
                               "this record was not checked")
            continue
        try:
            text, parent, first_key = find_text(value, text_field)
        except NoText as exc:
            yield InputProblem(path, f"line {number}: no text to check; {exc}")
            continue
        placement = Placement(Source(line, number - 1),
                              partial(_steps, line, text_field))
        yield InputPost(path, text, line_offset=number - 1, record=number,
                        metadata=metadata_of(value, first_key),
                        platform=platform_in(value, parent), placement=placement)


def _steps(line: str, text_field: str | None) -> list[tuple[int, int]]:
    """Where the record's text is in its line (parsed again, with positions, on demand)."""
    text, _, _ = find_text(parse_located(line), text_field)
    return string_steps(line, text.start)
