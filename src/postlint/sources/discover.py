"""Turn the command line's paths into posts, walking folders in a stable order."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator

from .base import InputPost, InputProblem, ReadOptions
from .jsonl import read_jsonl
from .textfile import read_text

WALKED_SUFFIXES = (".md", ".markdown", ".txt")
READERS = {".jsonl": read_jsonl, ".ndjson": read_jsonl}


def iter_inputs(paths: Iterable[str], options: ReadOptions = ReadOptions(),
                suffixes: tuple[str, ...] = WALKED_SUFFIXES
                ) -> Iterator[InputPost | InputProblem]:
    """Posts and problems for every path, in order; ``-`` is standard input."""
    for path in paths:
        if path == "-":
            yield from _read_stream("<stdin>", options)
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield InputProblem(path, _os_message(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, options, suffixes)
        else:
            yield from _read_file(path, options)


def _read_stream(name: str, options: ReadOptions) -> Iterator[InputPost | InputProblem]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield InputProblem(name, f"input is larger than the {options.max_bytes}-byte limit; "
                           "raise it with --max-file-size")
        return
    yield from read_text(name, data, options)


def _read_file(path: str, options: ReadOptions) -> Iterator[InputPost | InputProblem]:
    try:
        size = os.path.getsize(path)
        if size > options.max_bytes:
            yield InputProblem(path, f"file is {size} bytes, over the {options.max_bytes}-byte "
                               "limit; raise it with --max-file-size")
            return
        with open(path, "rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except OSError as exc:
        yield InputProblem(path, _os_message(exc))
        return
    reader = READERS.get(os.path.splitext(path)[1].lower(), read_text)
    yield from reader(path, data, options)


def _walk(root: str, options: ReadOptions, suffixes: tuple[str, ...]
          ) -> Iterator[InputPost | InputProblem]:
    seen: set[tuple[int, int]] = set()
    problems: list[InputProblem] = []

    def on_error(exc: OSError) -> None:
        problems.append(InputProblem(exc.filename or root, _os_message(exc)))

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError as exc:
            yield InputProblem(folder, _os_message(exc))
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield InputProblem(folder, "skipped: symbolic link loop (folder already visited)",
                               skipped=True)
            dirs[:] = []
            continue
        seen.add(key)
        yield from problems
        problems.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes):
                yield from _read_file(os.path.join(folder, name), options)
    yield from problems


def _os_message(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return f"cannot read: {reason}; check the file's permissions"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if exc.errno == 40:  # ELOOP
        return "skipped: symbolic link loop"
    return f"cannot read: {reason}"
