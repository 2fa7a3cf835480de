"""CSV exports (and TSV): a header row names the columns; quoted fields may hold newlines.

Records are read with Python's ``csv`` module over decoded lines, so a post with quotes,
commas and line breaks inside a quoted field is one record. A record that touches a line
that could not be decoded is reported and skipped, the rest of the file goes on.
"""

from __future__ import annotations

import csv
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


class _Lines:
    """Feeds decoded lines to ``csv.reader`` and remembers which ones were bad."""

    def __init__(self, lines):
        self.lines = lines
        self.bad: dict[int, str] = {}
        self.number = 0

    def __iter__(self):
        for line in self.lines:
            self.number = line.number
            if line.problem is not None:
                self.bad[line.number] = line.problem
            yield line.text


def open_csv(path: str, choice: ColumnChoice, limits: ReadLimits, estimate: bool = False,
             delimiter: str = ",") -> Export:
    handle = open(path, "rb")  # noqa: SIM115 (closed by Export.close)
    options = ReadOptions(limits.max_record_bytes, limits.encoding_errors)
    feed = _Lines(read_lines(handle, options))
    csv.field_size_limit(max(limits.max_record_bytes, 131072))
    reader = csv.reader(iter(feed), delimiter=delimiter, quotechar='"', doublequote=True,
                        strict=False)
    try:
        header = next(reader)
    except BinaryFile:
        handle.close()
        return Export(path, Layout("", "", (), None, None, None),
                      iter([RecordProblem(path, "skipped: looks like a binary file",
                                          skipped=True)]))
    except StopIteration:
        handle.close()
        raise UsageError(f"{path}: is empty; a CSV export needs a header row") from None
    except csv.Error as exc:
        handle.close()
        raise UsageError(f"{path}: cannot read the header row: {exc}") from None
    if feed.bad:
        handle.close()
        raise UsageError(f"{path}: header row: {next(iter(feed.bad.values()))}")
    header = [name.strip() for name in header]
    layout = resolve_layout(path, header, choice)
    total = max(count_lines(path) - 1, 0) if estimate else None
    return Export(path, layout, _records(path, layout, header, reader, feed), total,
                  [handle.close])


def _records(path: str, layout: Layout, header: list[str], reader, feed: _Lines
             ) -> Iterator[Record | RecordProblem]:
    width = len(header)
    first_line = feed.number + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RecordProblem(path, f"line {first_line}: not valid CSV ({exc}); this "
                                "record was not checked")
            first_line = feed.number + 1
            continue
        lines = range(first_line, feed.number + 1)
        where = (f"line {first_line}" if len(lines) <= 1
                 else f"lines {first_line}-{feed.number}")
        first_line = feed.number + 1
        bad = [feed.bad.pop(n) for n in lines if n in feed.bad]
        if bad:
            yield RecordProblem(path, f"{bad[0]}; this record was not checked")
            continue
        if not row or row == [""]:
            continue
        if len(row) > width:
            yield RecordProblem(path, f"{where}: {len(row)} fields, but the header has "
                                f"{width}; this record was not checked")
            continue
        yield make_record(layout, dict(zip(header, row, strict=False)), where, path)
