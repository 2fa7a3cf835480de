"""JSON files of posts: an array of posts, or an object with a ``posts`` list.

Each post is a JSON string or an object whose text is the ``--text-field`` (or one of the
usual keys, see :mod:`.records`). Found by walking a folder, a JSON file that is not shaped
like posts (``package.json``, ``tsconfig.json``...) is skipped with a notice; given by name
it is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from .base import DecodeProblem, InputPost, InputProblem, Placement, ReadOptions, Source, decode
from .records import (
    NoText,
    find_text,
    loads_checked,
    metadata_of,
    parse_located,
    platform_in,
    string_steps,
)

LIST_KEYS = ("posts",)


def read_json(path: str, data: bytes, options: ReadOptions, walked: bool = False
              ) -> Iterator[InputPost | InputProblem]:
    try:
        text = decode(data, options)
    except DecodeProblem as exc:
        binary = str(exc) == "binary"
        yield InputProblem(path, "skipped: looks like a binary file" if binary else str(exc),
                           skipped=binary)
        return
    value, problem = loads_checked(text)
    if problem is not None:
        yield InputProblem(path, problem + "; the file was not checked")
        return
    records = _records(value)
    if records is None or (walked and not _looks_like_posts(records, options.text_field)):
        what = "an array of posts or an object with a 'posts' list"
        yield InputProblem(path, f"skipped: not {what}" if walked else
                           f"not {what}; the file was not checked", skipped=walked)
        return
    located = _records(parse_located(text))
    assert located is not None
    source = Source(text)
    for number, (record, plain) in enumerate(zip(located, records, strict=True), 1):
        try:
            post_text, parent, first_key = find_text(record, options.text_field)
        except NoText as exc:
            line = source.position(_start_of(record, text))[0] if _start_of(record, text) \
                is not None else None
            where = f"line {line}: " if line else ""
            yield InputProblem(path, f"{where}post {number}: no text to check; {exc}")
            continue
        steps = partial(string_steps, text, post_text.start)  # mapped only when asked
        _, plain_parent, _ = find_text(plain, options.text_field)
        yield InputPost(path, str(post_text), record=number,
                        metadata=metadata_of(plain, first_key),
                        platform=platform_in(plain, plain_parent),
                        placement=Placement(source, steps))


def _records(value) -> list | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
    return None


def _looks_like_posts(records: list, text_field: str | None) -> bool:
    """Whether a walked file holds posts: its first record has text where posts have it."""
    if not records:
        return False
    try:
        find_text(records[0], text_field)
    except NoText:
        return False
    return True


def _start_of(record, text: str) -> int | None:
    """Where a record begins, for a message: the first located string inside it."""
    if hasattr(record, "start"):
        return record.start
    values = record.values() if isinstance(record, dict) else record \
        if isinstance(record, list) else ()
    for value in values:
        found = _start_of(value, text)
        if found is not None:
            return found
    return None
