"""CSV files of scheduled posts, as social media schedulers import and export them.

A header row names the columns; each later row is a post. The post's text is the column
given with ``--text-field``, or else the first column named like a post's text (``text``,
``message_text``, ``message``, ``post``, ``content``, ``caption``, ``body``...; case, spaces
and punctuation in names do not matter). A network column (``network``, ``platform``,
``service``, ``channel``...) gives the row's platform; every other column is kept as the
post's metadata. Hootsuite's bulk upload has no header row (date, message, link): a file
whose first cell is a date and has no text column by name is read that way.

Cells follow RFC 4180: quoted cells may hold delimiters, line breaks and ``""`` for a quote.
The delimiter is the one the header row uses most among comma, semicolon, tab and ``|``
(Excel writes semicolons in many locales), or the one an Excel ``sep=;`` first line names.
Findings point at the cell's own line and column in the file, also inside quoted cells
with line breaks or escaped quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .base import DecodeProblem, InputPost, InputProblem, Placement, ReadOptions, Source, decode
from .platforms import platform_of

TEXT_COLUMNS = ("text", "message_text", "message", "post", "post_text", "content",
                "post_content", "caption", "body", "tweet", "status", "copy")
NETWORK_COLUMNS = ("network", "networks", "platform", "platforms", "service", "channel",
                   "social_network", "social_networks", "social_channel")
DELIMITERS = (",", ";", "\t", "|")
HOOTSUITE_COLUMNS = ("date", "message", "link")
_DATE = re.compile(r"\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b")
_SEP_LINE = re.compile(r"sep=(.)[ \t]*(?:\r\n|\r|\n)", re.I)


def normal_name(name: str) -> str:
    """A column name as compared: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@dataclass
class Cell:
    value: str
    steps: list[tuple[int, int]] = field(default_factory=list)  # (value offset, file offset)
    quoted: bool = False


@dataclass
class Row:
    line: int  # 1-based file line where the row starts
    cells: list[Cell]


class UnclosedQuote(Exception):
    def __init__(self, line: int):
        self.line = line


class NotPosts(Exception):
    """The file is CSV but holds no post text column (skipped when found by walking)."""


def read_csv(path: str, data: bytes, options: ReadOptions, walked: bool = False
             ) -> Iterator[InputPost | InputProblem]:
    try:
        text = decode(data, options)
    except DecodeProblem as exc:
        binary = str(exc) == "binary"
        yield InputProblem(path, "skipped: looks like a binary file" if binary else str(exc),
                           skipped=binary)
        return
    source = Source(text)
    start, delimiter = 0, None
    hint = _SEP_LINE.match(text)
    if hint:
        start, delimiter = hint.end(), hint.group(1)
    rows = scan_rows(text, start, delimiter or sniff_delimiter(text, start))
    try:
        header = next(rows, None)
    except UnclosedQuote as exc:
        yield InputProblem(path, f"line {exc.line}: a quoted cell opened here is never closed; "
                           "the file was not checked")
        return
    if header is None:
        yield InputProblem(path, "empty CSV file: expected a header row and one post per row",
                           skipped=walked)
        return
    names = [cell.value.strip() for cell in header.cells]
    try:
        text_index = _text_column(names, options.text_field)
    except NotPosts as exc:
        yield InputProblem(path, ("skipped: " if walked else "") + str(exc), skipped=walked)
        return
    first_rows: list[Row] = []
    if text_index is None:  # Hootsuite's bulk upload: no header, date, message and link
        names = list(HOOTSUITE_COLUMNS) + [f"column {i}" for i in range(4, len(names) + 1)]
        text_index = 1
        first_rows = [header]
    network = next((i for i, name in enumerate(names) if i != text_index
                    and normal_name(name) in _NETWORKS), None)
    record = 0
    try:
        for row in _chain(first_rows, rows):
            record += 1
            cells = row.cells
            if len(cells) > len(names):
                yield InputProblem(path, f"line {row.line}: row has {len(cells)} cells but the "
                                   f"header has {len(names)} (a delimiter in an unquoted "
                                   "cell?); the row was checked as read")
            if text_index >= len(cells) or not cells[text_index].value.strip():
                continue  # no caption: an image-only post, or a blank row
            cell = cells[text_index]
            metadata = {name: cells[i].value for i, name in enumerate(names)
                        if i != text_index and i < len(cells)}
            platform = _platform(cells[network].value) if network is not None \
                and network < len(cells) else None
            yield InputPost(path, cell.value, record=record, metadata=metadata,
                            platform=platform, placement=Placement(source, cell.steps))
    except UnclosedQuote as exc:
        yield InputProblem(path, f"line {exc.line}: a quoted cell opened here is never closed; "
                           f"rows from line {exc.line} on were not checked")


_TEXTS = [normal_name(n) for n in TEXT_COLUMNS]
_platform = lru_cache(maxsize=256)(platform_of)  # a schedule names a few networks, often
_NETWORKS = frozenset(normal_name(n) for n in NETWORK_COLUMNS)


def _text_column(names: list[str], wanted: str | None) -> int | None:
    """The index of the post text column; None for a headerless Hootsuite file."""
    if wanted is not None:
        for i, name in enumerate(names):
            if name == wanted:
                return i
        for i, name in enumerate(names):
            if normal_name(name) == normal_name(wanted):
                return i
        raise NotPosts(f"no column '{wanted}' (--text-field); the columns are: "
                       + _listed(names))
    normal = [normal_name(n) for n in names]
    for candidate in _TEXTS:
        if candidate in normal:
            return normal.index(candidate)
    if len(names) >= 2 and _DATE.match(names[0]):
        return None
    raise NotPosts("no column with the post text: expected one named "
                   + ", ".join(TEXT_COLUMNS) + f" (the columns are: {_listed(names)}); "
                   "name it with --text-field")


def _listed(names: list[str]) -> str:
    shown = [repr(n) for n in names[:20]]
    return ", ".join(shown) + (", ..." if len(names) > 20 else "") if shown else "none"


def _chain(first: list[Row], rest: Iterator[Row]) -> Iterator[Row]:
    yield from first
    yield from rest


def sniff_delimiter(text: str, start: int = 0) -> str:
    """The delimiter the first row uses most (outside quotes); a comma when there is none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in text[start:start + 65536]:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def scan_rows(text: str, start: int, delimiter: str) -> Iterator[Row]:
    """Rows with each cell's value and where its characters are in ``text``.

    Blank lines are skipped. A quote opens a quoted cell only at the start of a cell; inside
    one, ``""`` is a quote; what follows its closing quote up to the delimiter is kept, as
    Python's csv module does. Raises :class:`UnclosedQuote` for a quote never closed.
    """
    i, n = start, len(text)
    line = text.count("\n", 0, start) + 1 if start else 1
    while i < n:
        row_line = line
        cells: list[Cell] = []
        while True:  # one cell per pass
            cell, i, line, ended = _scan_cell(text, i, line, delimiter)
            cells.append(cell)
            if ended:
                break
        if len(cells) == 1 and not cells[0].value and not cells[0].quoted:
            continue  # a blank line
        yield Row(row_line, cells)


def _scan_cell(text: str, i: int, line: int, delimiter: str) -> tuple[Cell, int, int, bool]:
    """One cell from ``i``: the cell, where scanning goes on, the line there, row ended."""
    n = len(text)
    parts: list[str] = []
    steps: list[tuple[int, int]] = []
    size = 0
    quoted = i < n and text[i] == '"'
    if quoted:
        opened = line
        j = i + 1
        steps.append((0, j))
        while True:
            q = text.find('"', j)
            if q < 0:
                raise UnclosedQuote(opened)
            chunk = text[j:q]
            line += _breaks(chunk)
            parts.append(chunk)
            size += len(chunk)
            if q + 1 < n and text[q + 1] == '"':
                parts.append('"')
                size += 1
                j = q + 2
                steps.append((size, j))
                continue
            i = q + 1
            break
        if i < n and text[i] not in delimiter + "\r\n":  # text after the closing quote
            steps.append((size, i))
    else:
        steps.append((0, i))
    j = _unquoted(delimiter).match(text, i).end()
    parts.append(text[i:j])
    cell = Cell("".join(parts), steps, quoted)
    if j < n and text[j] == delimiter:
        return cell, j + 1, line, False
    if j < n:  # a line break ends the row
        j += 2 if text.startswith("\r\n", j) else 1
        line += 1
    return cell, j, line, True


@lru_cache(maxsize=8)
def _unquoted(delimiter: str) -> re.Pattern:
    """The rest of a cell: up to the delimiter or the end of the line."""
    return re.compile(f"[^{re.escape(delimiter)}\r\n]*")


def _breaks(chunk: str) -> int:
    return chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
