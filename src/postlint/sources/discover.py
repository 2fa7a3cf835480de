"""Turn the command line's paths into posts, walking folders in a stable order."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator

from ..errors import UsageError
from .base import InputPost, InputProblem, ReadOptions
from .csvfile import read_csv
from .jsonfile import read_json
from .jsonl import read_jsonl, stream_jsonl
from .markdown import read_markdown
from .textfile import read_text
from .thread import read_markdown_thread, read_text_thread

# Every reader by the name --reader takes; each reads (path, bytes, options, walked).
READERS: dict[str, Callable[..., Iterator[InputPost | InputProblem]]] = {
    "text": read_text,
    "markdown": read_markdown,
    "thread": read_markdown_thread,
    "text-thread": read_text_thread,
    "csv": read_csv,
    "json": read_json,
    "jsonl": read_jsonl,
}
# The reader for a file name, longest ending first; anything else given by name is text.
BY_SUFFIX = (
    (".thread.md", "thread"), (".thread.markdown", "thread"), (".thread.txt", "text-thread"),
    (".md", "markdown"), (".markdown", "markdown"), (".txt", "text"), (".csv", "csv"),
    (".json", "json"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
)
# Found in folders. JSON Lines files (exports, archives) are checked when named; walked
# CSV and JSON files are checked when they hold posts, and skipped with a notice otherwise.
WALKED_SUFFIXES = (".md", ".markdown", ".txt", ".csv", ".json")
# Folders never walked: hidden ones, installed packages and virtual environments.
SKIPPED_FOLDERS = ("node_modules", "__pycache__", "site-packages")
# Formats read record by record from regular files (the size limit applies per record).
STREAMED = {"jsonl": stream_jsonl}


def reader_name(path: str, options: ReadOptions) -> str:
    """The reader for ``path``: ``--reader`` when given, else the file name's ending."""
    if options.reader is not None:
        if options.reader not in READERS:
            raise UsageError(f"unknown reader '{options.reader}'; expected one of: "
                             + ", ".join(READERS))
        return options.reader
    name = os.path.basename(path).lower()
    for suffix, reader in BY_SUFFIX:
        if name.endswith(suffix):
            return reader
    return "text"


_DEFAULT_OPTIONS = ReadOptions()
# Chooses how to read a file (its path, and whether it was named rather than walked), or
# leaves it out (None); without one, walked files are chosen by suffix.
Plan = Callable[[str, bool], "ReadOptions | None"]


def iter_inputs(paths: Iterable[str], options: ReadOptions = _DEFAULT_OPTIONS,
                suffixes: tuple[str, ...] = WALKED_SUFFIXES, plan: Plan | None = None
                ) -> Iterator[InputPost | InputProblem]:
    """Posts and problems for every path, in order; ``-`` is standard input."""
    if options.reader is not None:
        reader_name("-", options)  # an unknown reader fails before anything is read
    for path in paths:
        if path == "-":
            chosen = plan("<stdin>", True) if plan is not None else options
            if chosen is not None:
                yield from _read_stream("<stdin>", chosen)
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield _os_problem(path, exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, options, suffixes, plan)
        else:
            chosen = plan(path, True) if plan is not None else options
            if chosen is not None:
                yield from _read_file(path, chosen)


def _read_stream(name: str, options: ReadOptions) -> Iterator[InputPost | InputProblem]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield InputProblem(name, f"input is larger than the {options.max_bytes}-byte limit; "
                           "raise it with --max-file-size")
        return
    yield from READERS[options.reader or "text"](name, data, options)


def _read_file(path: str, options: ReadOptions, walked: bool = False
               ) -> Iterator[InputPost | InputProblem]:
    try:
        info = os.stat(path)
        if walked and not stat.S_ISREG(info.st_mode):
            # a named pipe would block the run, a device never end: only files given by name
            yield InputProblem(path, "skipped: not a regular file", skipped=True)
            return
        reader = reader_name(path, options)
        stream = STREAMED.get(reader)
        if stream is not None and stat.S_ISREG(info.st_mode):
            yield from stream(path, options)
            return
        size = info.st_size
        if size > options.max_bytes:
            yield InputProblem(path, f"file is {size} bytes, over the {options.max_bytes}-byte "
                               "limit; raise it with --max-file-size")
            return
        with open(path, "rb") as handle:
            data = handle.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:  # a device, a pipe or a file that grew
            yield InputProblem(path, f"input is larger than the {options.max_bytes}-byte "
                               "limit; raise it with --max-file-size")
            return
    except OSError as exc:
        yield _os_problem(path, exc)
        return
    yield from READERS[reader](path, data, options, walked=walked)


def _walk(root: str, options: ReadOptions, suffixes: tuple[str, ...], plan: Plan | None = None
          ) -> Iterator[InputPost | InputProblem]:
    seen: set[tuple[int, int]] = set()
    problems: list[InputProblem] = []

    def on_error(exc: OSError) -> None:
        problems.append(_os_problem(exc.filename or root, exc))

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError as exc:
            yield _os_problem(folder, exc)
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
        dirs[:] = sorted(d for d in dirs if walked_folder(folder, d))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if plan is not None:
                chosen = plan(path, False)
                if chosen is not None:
                    yield from _read_file(path, chosen, walked=True)
            elif name.lower().endswith(suffixes):
                yield from _read_file(path, options, walked=True)
    yield from problems


def walked_folder(parent: str, name: str) -> bool:
    """Is the folder ``name`` in ``parent`` walked (not hidden, packages or a venv)?"""
    if name.startswith(".") or name in SKIPPED_FOLDERS:
        return False
    # a virtual environment (it holds pyvenv.cfg) is full of packages' READMEs and licences
    return not os.path.exists(os.path.join(parent, name, "pyvenv.cfg"))


def _os_problem(path: str, exc: OSError) -> InputProblem:
    """An input that could not be read: a problem, or a notice for a symbolic link loop."""
    if exc.errno == errno.ELOOP:
        return InputProblem(path, "skipped: symbolic link loop", skipped=True)
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return InputProblem(path, f"cannot read: {reason}; check the file's permissions")
    if isinstance(exc, FileNotFoundError):
        message = "no such file or folder"
        if os.path.islink(path):
            message = "broken symbolic link (its target does not exist)"
        return InputProblem(path, message)
    return InputProblem(path, f"cannot read: {reason}")


def estimate_posts(paths: Iterable[str], suffixes: tuple[str, ...] = WALKED_SUFFIXES,
                   options: ReadOptions = _DEFAULT_OPTIONS) -> int | None:
    """How many posts the inputs hold, for a progress line (None when unknown).

    A text or Markdown file counts one, a JSON Lines or CSV file its lines, a thread its
    separators and one; only regular files are opened, so a named pipe cannot block it.
    """
    total = 0
    for path in paths:
        if path == "-":
            return None
        names = [path]
        if os.path.isdir(path):
            names = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if walked_folder(folder, d)]
                names += [os.path.join(folder, f) for f in files if f.lower().endswith(suffixes)]
        for name in names:
            if not os.path.isfile(name):
                continue
            reader = reader_name(name, options)
            marker = {"jsonl": b"\n", "csv": b"\n", "thread": b"\n---",
                      "text-thread": b"\n---"}.get(reader)
            if marker is None:
                total += 1
                continue
            try:
                with open(name, "rb") as handle:
                    blocks = iter(lambda h=handle: h.read(1 << 20), b"")
                    total += sum(block.count(marker) for block in blocks) + (reader != "jsonl")
            except OSError:
                pass
    return total
