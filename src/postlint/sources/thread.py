"""Threads: several posts in one file (``*.thread.md``, ``*.thread.txt``), each its own post.

Posts are separated by a line that is exactly ``---`` (spaces after it allowed). A Markdown
thread may start with front matter, which applies to every post (its ``platform`` gives each
post's length limit); ``---`` inside a fenced code block does not separate posts. Each post
is masked like a Markdown file (``*.thread.md``) or read as it is (``*.thread.txt``), and
keeps its place in the file: findings point at the file's lines, and ``record`` is the
post's number in the thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import DecodeProblem, InputPost, InputProblem, Placement, ReadOptions, Source, decode
from .front_matter import FrontMatter, front_matter_platform, read_front_matter
from .markdown import decode_problem, line_starts, mask_markdown, post_of

SEPARATOR = re.compile(r"---[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def read_markdown_thread(path: str, data: bytes, options: ReadOptions, walked: bool = False
                         ) -> Iterator[InputPost | InputProblem]:
    yield from _read_thread(path, data, options, markdown=True)


def read_text_thread(path: str, data: bytes, options: ReadOptions, walked: bool = False
                     ) -> Iterator[InputPost | InputProblem]:
    yield from _read_thread(path, data, options, markdown=False)


def _read_thread(path: str, data: bytes, options: ReadOptions, markdown: bool
                 ) -> Iterator[InputPost | InputProblem]:
    try:
        text = decode(data, options)
    except DecodeProblem as exc:
        yield decode_problem(path, exc)
        return
    source = Source(text)
    front = read_front_matter(path, text) if markdown else FrontMatter({})
    if front.problem is not None:
        yield front.problem
    platform, problem = front_matter_platform(path, front)
    if problem is not None:
        yield problem
    number = 0
    for start, end in split_thread(text, front.body_start, fences=markdown):
        piece = text[start:end]
        if not piece.strip():
            continue
        number += 1
        if markdown:
            yield post_of(path, source, start, mask_markdown(piece), front.metadata, platform,
                          record=number)
        else:
            yield InputPost(path, piece, record=number, metadata=front.metadata,
                            platform=platform, placement=Placement(source, ((0, start),)))


def split_thread(text: str, start: int, fences: bool = True) -> list[tuple[int, int]]:
    """The (start, end) of each post: the text between separator lines, without them.

    A post's end excludes the line break before its separator, so a post's text ends where
    its last line does.
    """
    starts = line_starts(text)
    pieces: list[tuple[int, int]] = []
    piece_start = start
    fence: str | None = None
    for i, line_start in enumerate(starts):
        if line_start < start:
            continue
        line_end = starts[i + 1] if i + 1 < len(starts) else len(text)
        line = text[line_start:line_end].rstrip("\r\n")
        if fences:
            opening = _FENCE.match(line)
            if fence is None and opening:
                fence = opening.group(1)
                continue
            if fence is not None:
                closing = _FENCE.match(line)
                if (closing and closing.group(1)[0] == fence[0]
                        and len(closing.group(1)) >= len(fence)
                        and not line[closing.end():].strip()):
                    fence = None
                continue
        if SEPARATOR.fullmatch(line):
            pieces.append((piece_start, _without_break(text, piece_start, line_start)))
            piece_start = line_end
    pieces.append((piece_start, len(text)))
    return pieces


def _without_break(text: str, start: int, end: int) -> int:
    if end > start and text[end - 1] == "\n":
        end -= 1
    if end > start and text[end - 1] == "\r":
        end -= 1
    return end

