"""Parquet exports, read a batch of rows at a time with pyarrow (the ``parquet`` extra)."""

from __future__ import annotations

from collections.abc import Iterator

from ...errors import UsageError
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

BATCH_ROWS = 2048


def open_parquet(path: str, choice: ColumnChoice, limits: ReadLimits,
                 estimate: bool = False) -> Export:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("reading Parquet needs pyarrow: pip install 'postlint[parquet]' "
                         "(the spark and dask extras include it)") from None
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own error types for broken files
        raise UsageError(f"{path}: not a readable Parquet file ({exc})") from None
    names = list(handle.schema_arrow.names)
    layout = resolve_layout(path, names, choice)
    wanted = list(dict.fromkeys([layout.id, layout.text, *layout.keep,
                                 *([layout.network] if layout.network else [])]))
    return Export(path, layout, _records(path, layout, handle, wanted, limits),
                  handle.metadata.num_rows, [handle.close])


def _records(path: str, layout: Layout, handle, wanted: list[str], limits: ReadLimits
             ) -> Iterator[Record | RecordProblem]:
    number = 0
    for batch in handle.iter_batches(batch_size=BATCH_ROWS, columns=wanted):
        columns = {name: batch.column(name).to_pylist() for name in wanted}
        for i in range(batch.num_rows):
            number += 1
            values = {name: column[i] for name, column in columns.items()}
            text = values.get(layout.text)
            if isinstance(text, str) and len(text) > limits.max_record_bytes:
                yield RecordProblem(path, f"row {number}: the text is {len(text)} "
                                    f"characters, over the {limits.max_record_bytes} limit; "
                                    "raise it with --max-record-size")
                continue
            yield make_record(layout, values, f"row {number}", path)
