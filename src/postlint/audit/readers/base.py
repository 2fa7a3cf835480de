"""What an export reader gives: records (id, text, the kept columns) or problems, in file order.

Readers of exports are not the readers of ``postlint check`` (``postlint.sources``): an
export is a table of posts, each with an id and metadata, read as a stream of records. They
share its decoding rules (:func:`postlint.sources.base.decode`): UTF-8 with or without a
byte-order mark, UTF-16/32 with one, ``--encoding-errors replace``, the same messages.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ...errors import UsageError
from ...vocabulary import PLATFORMS

TEXT_COLUMNS = ("text", "content", "body", "post", "full_text", "message")
ID_COLUMNS = ("id", "post_id", "id_str", "tweet_id", "uuid")
ACCOUNT_COLUMNS = ("account", "handle", "author", "username", "user", "screen_name", "page")
DATE_COLUMNS = ("date", "created_at", "published_at", "timestamp", "time", "posted_at")
NETWORK_COLUMNS = ("network", "platform", "channel", "service")
DEFAULT_MAX_RECORD_BYTES = 10 * 1024 * 1024
# Names that exports use for the platforms postlint knows.
NETWORK_ALIASES = {"twitter": "x", "x.com": "x", "twitter.com": "x", "bsky": "bluesky",
                   "fb": "facebook", "ig": "instagram", "linked-in": "linkedin"}


@dataclass(frozen=True)
class ColumnChoice:
    """Columns as the user named them; ``None`` means: detect from the usual names."""

    text: str | None = None
    id: str | None = None
    keep: tuple[str, ...] | None = None  # None: every column but the text
    account: str | None = None
    date: str | None = None
    network: str | None = None


@dataclass(frozen=True)
class Layout:
    """The columns of one export, resolved against its header or first record."""

    text: str
    id: str
    keep: tuple[str, ...]
    account: str | None
    date: str | None
    network: str | None


@dataclass(frozen=True)
class Record:
    """One post of an export: its id, its text, its kept columns (as text) and platform."""

    id: str
    text: str
    kept: tuple[str | None, ...] = ()
    platform: str | None = None


@dataclass(frozen=True)
class RecordProblem:
    """A record that could not be read; it is reported and the others go on (exit 2)."""

    path: str
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {'notice' if self.skipped else 'problem'}: {self.message}"


@dataclass
class ReadLimits:
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    encoding_errors: str = "strict"


@dataclass
class Export:
    """An opened export: its layout, an estimate of its size, and its records."""

    path: str
    layout: Layout
    records: Iterator[Record | RecordProblem]
    estimate: int | None = None
    close_hooks: list = field(default_factory=list)

    def close(self) -> None:
        for hook in self.close_hooks:
            hook()


def resolve_layout(path: str, columns: Sequence[str], choice: ColumnChoice) -> Layout:
    """Pick the text, id and kept columns among ``columns``; a missing one is a usage error."""
    present = list(columns)

    def pick(named: str | None, usual: tuple[str, ...], what: str, option: str,
             required: bool) -> str | None:
        if named is not None:
            if named not in present:
                raise UsageError(f"{path}: no column '{named}' for {what} (--{option}); "
                                 f"the columns are: {_names(present)}")
            return named
        lower = {c.lower(): c for c in present}
        for name in usual:
            if name in lower:
                return lower[name]
        if required:
            raise UsageError(f"{path}: no {what.removeprefix('the ')} column found (looked for "
                             f"{', '.join(usual)}); name it with --{option}; "
                             f"the columns are: {_names(present)}")
        return None

    text = pick(choice.text, TEXT_COLUMNS, "the post text", "text-column", True)
    ident = pick(choice.id, ID_COLUMNS, "the post id", "id-column", True)
    if text == ident:
        raise UsageError(f"{path}: the text and id columns are both '{text}'")
    account = pick(choice.account, ACCOUNT_COLUMNS, "the account", "account-column", False)
    date = pick(choice.date, DATE_COLUMNS, "the date", "date-column", False)
    network = pick(choice.network, NETWORK_COLUMNS, "the network", "network-column", False)
    if choice.keep is None:
        keep = tuple(c for c in present if c not in (text, ident))
    else:
        missing = [c for c in choice.keep if c not in present]
        if missing:
            raise UsageError(f"{path}: no column '{missing[0]}' to keep (--keep); "
                             f"the columns are: {_names(present)}")
        keep = tuple(dict.fromkeys(c for c in choice.keep if c not in (text, ident)))
    # The summary needs the account and date: keep them whatever --keep says.
    keep += tuple(c for c in (account, date) if c is not None and c not in keep)
    return Layout(text, ident, keep, account, date, network)


def _names(columns: Sequence[str]) -> str:
    shown = ", ".join(repr(c) for c in columns[:20])
    return shown + (", ..." if len(columns) > 20 else "") if columns else "(none)"


def as_text(value: object) -> str | None:
    """A kept value as text, the same from every reader and engine.

    Text stays as it is; numbers and booleans as JSON writes them; dates and times in ISO
    8601; lists and objects as compact JSON; missing values are ``None``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:  # NaN: a missing value in pandas
        return None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return None if value != value else value.isoformat()  # pandas' NaT is not equal to itself
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if hasattr(value, "item") and not isinstance(value, (list, dict)):  # numpy scalars
        try:
            return as_text(value.item())
        except (TypeError, ValueError):
            pass
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str,
                      separators=(",", ":"))


def platform_of(value: object) -> str | None:
    """The postlint platform a network column names, or ``None`` (unknown values are kept)."""
    if not isinstance(value, str):
        return None
    name = value.strip().lower()
    name = NETWORK_ALIASES.get(name, name)
    return name if name in PLATFORMS else None


def make_record(layout: Layout, values: dict, where: str, path: str
                ) -> Record | RecordProblem:
    """A record from a mapping of column values; ``where`` says where it is ("line 3")."""
    text = values.get(layout.text)
    if not isinstance(text, str):
        found = "nothing" if text is None else type(text).__name__
        return RecordProblem(path, f"{where}: no text to check in column '{layout.text}' "
                             f"(found {found}); this record was not checked")
    ident = as_text(values.get(layout.id))
    if ident is None or ident == "":
        return RecordProblem(path, f"{where}: no post id in column '{layout.id}'; "
                             "this record was not checked")
    # An empty kept value is a missing one, as Spark's and Dask's CSV readers read it.
    kept = tuple(as_text(values.get(c)) or None for c in layout.keep)
    platform = platform_of(values.get(layout.network)) if layout.network else None
    return Record(ident, text, kept, platform)
