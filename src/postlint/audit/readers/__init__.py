"""One reader per export format: JSON Lines, CSV (and TSV), Parquet."""

from __future__ import annotations

import os

from ...errors import UsageError
from .base import (
    ColumnChoice,
    Export,
    Layout,
    ReadLimits,
    Record,
    RecordProblem,
    as_text,
    platform_of,
)

FORMATS = ("jsonl", "csv", "tsv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet"}

__all__ = ["FORMATS", "ColumnChoice", "Export", "Layout", "ReadLimits", "Record",
           "RecordProblem", "as_text", "format_of", "open_export", "platform_of"]


def format_of(path: str, named: str | None = None) -> str:
    """The export format: the one named, else the file's suffix."""
    if named is not None:
        return named
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in _SUFFIXES:
        raise UsageError(f"{path}: cannot tell the export format from the name; give "
                         f"--input-format ({', '.join(FORMATS)})")
    return _SUFFIXES[suffix]


def open_export(path: str, choice: ColumnChoice, limits: ReadLimits | None = None,
                fmt: str | None = None, estimate: bool = False) -> Export:
    """Open an export for reading: its layout is resolved, its records are read lazily."""
    limits = limits or ReadLimits()
    fmt = format_of(path, fmt)
    if not os.path.exists(path):
        raise UsageError(f"{path}: no such file")
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder; give the export files themselves")
    try:
        if fmt == "jsonl":
            from .jsonl import open_jsonl
            return open_jsonl(path, choice, limits, estimate)
        if fmt in ("csv", "tsv"):
            from .csv import open_csv
            return open_csv(path, choice, limits, estimate, "\t" if fmt == "tsv" else ",")
        from .parquet import open_parquet
        return open_parquet(path, choice, limits, estimate)
    except PermissionError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}; check the file's "
                         "permissions") from None
