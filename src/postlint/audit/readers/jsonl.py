"""JSON Lines exports: one JSON object per line; the layout comes from the first record."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...errors import UsageError
from ...sources.base import ReadOptions
from .base import (
    ColumnChoice,
    Export,
    Layout,
    ReadLimits,
    Record,
    RecordProblem,
    make_record,
    resolve_layout,
)
from .lines import BinaryFile, count_lines, read_lines


def open_jsonl(path: str, choice: ColumnChoice, limits: ReadLimits,
               estimate: bool = False) -> Export:
    handle = open(path, "rb")  # noqa: SIM115 (closed by Export.close)
    options = ReadOptions(limits.max_record_bytes, limits.encoding_errors)
    try:
        lines = read_lines(handle, options)
        first = _first_object(path, lines)
    except BinaryFile:
        handle.close()
        return Export(path, Layout("", "", (), None, None, None),
                      iter([RecordProblem(path, "skipped: looks like a binary file",
                                          skipped=True)]))
    except BaseException:
        handle.close()
        raise
    buffered, keys = first
    if not keys:
        handle.close()
        raise UsageError(f"{path}: holds no JSON object records (one object per line, "
                         "such as {\"id\": ..., \"text\": ...})")
    layout = resolve_layout(path, keys, choice)
    total = count_lines(path) if estimate else None
    return Export(path, layout, _records(path, layout, buffered, lines), total,
                  [handle.close])


def _first_object(path: str, lines) -> tuple[list, list[str]]:
    """Lines up to the first JSON object (kept to be read again) and its keys."""
    buffered = []
    for line in lines:
        buffered.append(line)
        if line.problem is None and line.text.strip():
            try:
                value = json.loads(line.text)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return buffered, list(value)
    return buffered, []


def _records(path: str, layout: Layout, buffered: list, lines
             ) -> Iterator[Record | RecordProblem]:
    for line in _chain(buffered, lines):
        where = f"line {line.number}"
        if line.problem is not None:
            yield RecordProblem(path, f"{line.problem}; this record was not checked")
            continue
        if not line.text.strip():
            continue
        try:
            value = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield RecordProblem(path, f"{where}: not valid JSON ({exc.msg}, column "
                                f"{exc.colno}); this record was not checked")
            continue
        if not isinstance(value, dict):
            yield RecordProblem(path, f"{where}: expected a JSON object with the columns "
                                f"'{layout.id}' and '{layout.text}', found "
                                f"{type(value).__name__}; this record was not checked")
            continue
        yield make_record(layout, value, where, path)


def _chain(buffered, lines):
    yield from buffered
    yield from lines
