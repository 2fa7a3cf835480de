"""Resumable findings output: JSON Lines (one file) or Parquet (a folder of part files).

A run commits now and then: the rows written so far are made durable (flushed and synced)
*before* the state file (``<output>.audit-state.json``, replaced atomically) records how far
the input was read, how much output belongs to that point, and the summary counts. A run
that is killed loses at most the work since its last commit: on ``--resume`` the output is
cut back to the committed point (JSON Lines truncated to the committed size, Parquet parts
after the committed count deleted) and reading continues after the last committed post. So
no post is lost and none is written twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence

from ..errors import UsageError
from .rows import arrow_schema, column_names

STATE_VERSION = 1
OUTPUT_FORMATS = ("jsonl", "parquet")
_PART = re.compile(r"^part-(\d{6})\.parquet(\.tmp)?$")


def state_path(output: str) -> str:
    return output.rstrip("/" + os.sep) + ".audit-state.json"


def output_format_of(path: str, named: str | None) -> str:
    if named:
        return named
    return "parquet" if path.lower().rstrip("/").endswith((".parquet", ".pq")) else "jsonl"


def read_state(output: str) -> dict | None:
    path = state_path(output)
    try:
        with open(path, encoding="utf-8") as handle:
            state = json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the audit state ({exc}); it is not from "
                         "postlint audit, or it was damaged") from None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise UsageError(f"{path}: not an audit state of this postlint version")
    return state


def write_state(output: str, state: dict) -> None:
    """Replace the state file atomically (a kill leaves the old one or the new one)."""
    path = state_path(output)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(state, handle, ensure_ascii=True, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync_folder(os.path.dirname(os.path.abspath(path)))


def _sync_folder(folder: str) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class FindingsWriter(ABC):
    """Writes findings rows; ``commit`` makes them durable and returns the writer's state."""

    def __init__(self, path: str, kept: Sequence[str]):
        self.path = path
        self.names = column_names(kept)
        self.kept = list(kept)
        self.rows_written = 0

    @abstractmethod
    def write(self, rows: Sequence[tuple]) -> None: ...

    @abstractmethod
    def commit(self, final: bool = False) -> dict: ...

    @abstractmethod
    def close(self) -> None: ...


class JsonlWriter(FindingsWriter):
    """One JSON object per row, keys in column order; ASCII-only, so any text is valid."""

    def __init__(self, path: str, kept: Sequence[str], resume: dict | None):
        super().__init__(path, kept)
        if resume is None:
            self.handle = open(path, "xb")  # noqa: SIM115 (closed by close())
        else:
            self.handle = open(path, "r+b")  # noqa: SIM115
            self.handle.truncate(resume["bytes"])
            self.handle.seek(resume["bytes"])
            self.rows_written = resume["rows"]

    def write(self, rows: Sequence[tuple]) -> None:
        names = self.names
        self.handle.write("".join(
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=True) + "\n"
            for row in rows).encode("ascii"))
        self.rows_written += len(rows)

    def commit(self, final: bool = False) -> dict:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return {"bytes": self.handle.tell(), "rows": self.rows_written}

    def close(self) -> None:
        self.handle.close()


class ParquetWriter(FindingsWriter):
    """A folder of ``part-NNNNNN.parquet`` files, one per commit that has rows."""

    def __init__(self, path: str, kept: Sequence[str], resume: dict | None):
        super().__init__(path, kept)
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError("writing Parquet needs pyarrow: pip install "
                             "'postlint[parquet]'") from None
        self.schema = arrow_schema(kept)
        self.buffer: list[tuple] = []
        if resume is None:
            os.makedirs(path, exist_ok=False)
            self.parts = 0
        else:
            os.makedirs(path, exist_ok=True)
            self.parts = resume["parts"]
            self.rows_written = resume["rows"]
            for name in os.listdir(path):
                match = _PART.match(name)
                if match and (match.group(2) or int(match.group(1)) >= self.parts):
                    os.remove(os.path.join(path, name))

    def write(self, rows: Sequence[tuple]) -> None:
        self.buffer.extend(rows)
        self.rows_written += len(rows)

    def commit(self, final: bool = False) -> dict:
        # A finished audit without findings still gets one (empty) part: readers need a schema.
        if self.buffer or (final and self.parts == 0):
            import pyarrow as pa
            import pyarrow.parquet as pq

            columns = list(zip(*self.buffer, strict=True)) or [()] * len(self.names)
            table = pa.table({name: pa.array(list(values), type=self.schema.field(name).type)
                              for name, values in zip(self.names, columns, strict=True)},
                             schema=self.schema)
            final = os.path.join(self.path, f"part-{self.parts:06d}.parquet")
            temporary = final + ".tmp"
            pq.write_table(table, temporary)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, final)
            _sync_folder(self.path)
            self.parts += 1
            self.buffer = []
        return {"parts": self.parts, "rows": self.rows_written}

    def close(self) -> None:
        self.buffer = []


def open_writer(path: str, fmt: str, kept: Sequence[str], resume: dict | None
                ) -> FindingsWriter:
    try:
        if fmt == "parquet":
            return ParquetWriter(path, kept, resume)
        return JsonlWriter(path, kept, resume)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another --output") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
