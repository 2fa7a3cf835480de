"""Markdown files with front matter: one post per file, its prose checked in place.

Front matter (YAML between ``---`` lines, or TOML between ``+++`` lines; see
:mod:`.front_matter`) is read as the post's metadata (``platform``, ``profile``, postlint
settings) and is not checked. In the body, what is not prose is blanked with spaces of the
same length, line breaks kept, so every offset, line and column stays the file's: fenced
and indented code, inline code, link and image destinations and titles, autolinks' URLs,
reference definitions, HTML tags and HTML comments. Link text and image descriptions stay
checked; e-mail autolinks stay checked too (an address in a post is published, and is what
oversharing rules look for).

Blocks come from markdown-it-py (CommonMark, with tables), whose line maps say which lines
are code, HTML or prose; inline constructs are found by a scanner over the prose lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..textmodel import line_starts
from .base import (
    Comment,
    DecodeProblem,
    InputPost,
    InputProblem,
    Placement,
    ReadOptions,
    Source,
    decode,
)
from .front_matter import front_matter_platform, read_front_matter

HIDDEN = "hidden"  # not published: markup, comments, definitions
URL = "url"  # published as a link: X and Mastodon count it as 23 characters

_SCHEME_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_EMAIL_AUTOLINK = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>")
_HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:\-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
    r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>", re.S)
_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.S)
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class Masked:
    """A Markdown text with its non-prose blanked, and what was found on the way."""

    text: str
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, body
    counted_as: list[tuple[int, int, str]] = field(default_factory=list)


def read_markdown(path: str, data: bytes, options: ReadOptions, walked: bool = False
                  ) -> Iterator[InputPost | InputProblem]:
    """One post: the body of a Markdown file, masked, with its front matter as metadata."""
    try:
        text = decode(data, options)
    except DecodeProblem as exc:
        yield decode_problem(path, exc)
        return
    source = Source(text)
    front = read_front_matter(path, text)
    if front.problem is not None:
        yield front.problem
    platform, problem = front_matter_platform(path, front)
    if problem is not None:
        yield problem
    body = text[front.body_start:]
    masked = mask_markdown(body)
    yield post_of(path, source, front.body_start, masked, front.metadata, platform)


def post_of(path: str, source: Source, start: int, masked: Masked, metadata, platform,
            record: int | None = None) -> InputPost:
    """The post for a masked piece of ``source`` that starts at ``start``."""
    lines = source.lines
    comments = tuple(
        Comment(lines.position(start + s)[0] + source.line_offset,
                lines.position(start + max(e - 1, s))[0] + source.line_offset, body)
        for s, e, body in sorted(masked.comments))
    return InputPost(path, masked.text, record=record, metadata=metadata, platform=platform,
                     comments=comments, placement=Placement(source, ((0, start),)),
                     counted_as=tuple(_merged(masked.counted_as)))


def decode_problem(path: str, exc: DecodeProblem) -> InputProblem:
    """A file that could not be decoded: a notice for binary files, else a problem."""
    if str(exc) == "binary":
        return InputProblem(path, "skipped: looks like a binary file", skipped=True)
    return InputProblem(path, str(exc))


# ---------------------------------------------------------------------------------------
# Masking


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # imported on the first Markdown file only

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def mask_markdown(text: str) -> Masked:
    """Blank what is not prose in a Markdown text (no front matter), keeping every offset."""
    env: dict = {}
    tokens = _parser().parse(text, env)
    starts = line_starts(text)
    chars = list(text)
    result = Masked("")

    def span(first: int, last: int) -> tuple[int, int]:
        return starts[first], starts[last] if last < len(starts) else len(text)

    prose: list[tuple[int, int]] = []
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", "code_block"):
            _blank(chars, *span(first, last))
        elif token.type == "html_block":
            _mask_html(text, chars, *span(first, last), result)
        elif token.type == "inline" or token.type == "tr_open":
            prose.append((first, last))
    for ref in env.get("references", {}).values():
        first, last = ref.get("map") or (0, 0)
        if last > first:
            start, end = span(first, last)
            _blank(chars, start, end)
            result.counted_as.append((start, _content_end(text, end), HIDDEN))
    labels = set(env.get("references", {}))
    for first, last in sorted(set(prose)):
        start, end = span(first, last)
        _mask_inline(text, chars, start, end, labels, result)
    result.text = "".join(chars)
    return result


def _content_end(text: str, end: int) -> int:
    """``end`` without the line break before it (a hidden line still ends its line)."""
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _mask_html(text: str, chars: list[str], start: int, end: int, result: Masked) -> None:
    """Raw HTML: comments and tags go, the text between tags stays prose."""
    pos = start
    while pos < end:
        opening = text.find("<!--", pos, end)
        tag = _HTML_TAG.search(text, pos, opening if opening >= 0 else end)
        if tag is not None:
            _hide(chars, tag.start(), tag.end(), result)
            pos = tag.end()
            continue
        if opening < 0:
            break
        comment = _COMMENT.match(text, opening, end)
        # an unclosed comment runs to the end of its block, as a browser reads it
        close = comment.end() if comment else _content_end(text, end)
        _comment(text, chars, opening, close, result)
        pos = close


def _comment(text: str, chars: list[str], start: int, end: int, result: Masked) -> None:
    closed = text.endswith("-->", start, end) and end - start >= 7
    body = text[start + 4: end - 3 if closed else end]
    result.comments.append((start, end, body))
    _hide(chars, start, end, result)


def _hide(chars: list[str], start: int, end: int, result: Masked, kind: str = HIDDEN) -> None:
    if end > start:
        _blank(chars, start, end)
        result.counted_as.append((start, end, kind))


def _mask_inline(text: str, chars: list[str], start: int, end: int, labels: set[str],
                 result: Masked) -> None:
    """Code spans, autolinks, raw HTML (which bind first), then links and images."""
    opaque: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "\\" and i + 1 < end and text[i + 1] in _ESCAPABLE:
            i += 2
            continue
        if ch == "`":
            run = _run_end(text, i, end, "`")
            close = _closing_backticks(text, run, end, run - i)
            if close is None:
                i = run
                continue
            _blank(chars, i, close)
            opaque.append((i, close))
            i = close
            continue
        if ch == "<":
            found = _angle(text, chars, i, end, result)
            if found:
                opaque.append((i, found))
                i = found
                continue
        i += 1
    _mask_links(text, chars, start, end, labels, opaque, result)


def _run_end(text: str, i: int, end: int, ch: str) -> int:
    while i < end and text[i] == ch:
        i += 1
    return i


def _closing_backticks(text: str, i: int, end: int, length: int) -> int | None:
    """The end of the backtick run of exactly ``length`` that closes a code span."""
    while i < end:
        j = text.find("`", i, end)
        if j < 0:
            return None
        run = _run_end(text, j, end, "`")
        if run - j == length:
            return run
        i = run
    return None


def _angle(text: str, chars: list[str], i: int, end: int, result: Masked) -> int | None:
    """An autolink, an HTML comment or a tag at ``i``: masked; returns where it ends."""
    if text.startswith("<!--", i):
        m = _COMMENT.match(text, i, end)
        if m:
            _comment(text, chars, i, m.end(), result)
            return m.end()
        return None
    m = _SCHEME_AUTOLINK.match(text, i, end)
    if m:
        _hide(chars, i, i + 1, result)
        _hide(chars, m.start(1), m.end(1), result, URL)
        _hide(chars, m.end() - 1, m.end(), result)
        return m.end()
    m = _EMAIL_AUTOLINK.match(text, i, end)
    if m:  # the address stays: it is published, and oversharing rules look for it
        _hide(chars, i, i + 1, result)
        _hide(chars, m.end() - 1, m.end(), result)
        return m.end()
    m = _HTML_TAG.match(text, i, end)
    if m:
        _hide(chars, i, m.end(), result)
        return m.end()
    return None


def _mask_links(text: str, chars: list[str], start: int, end: int, labels: set[str],
                opaque: list[tuple[int, int]], result: Masked) -> None:
    """Inline links and images: brackets and destinations go, the text stays."""
    skip = {s: e for s, e in opaque}
    i = start
    while i < end:
        if i in skip:
            i = skip[i]
            continue
        ch = text[i]
        if ch == "\\" and i + 1 < end and text[i + 1] in _ESCAPABLE:
            i += 2
            continue
        image = ch == "!" and i + 1 < end and text[i + 1] == "["
        if ch != "[" and not image:
            i += 1
            continue
        opener = i + 1 if image else i
        close = _closing_bracket(text, opener, end, skip)
        if close is None:
            i = opener + 1
            continue
        after = _link_tail(text, close + 1, end, labels, text[opener + 1:close])
        if after is None:
            i = opener + 1
            continue
        tail_end, destination = after
        _hide(chars, i, opener + 1, result)
        if image:  # the description stays prose; an image does not count in the length
            result.counted_as.append((opener + 1, close, HIDDEN))
        _mask_links(text, chars, opener + 1, close, labels, opaque, result)
        if destination is None or image:
            _hide(chars, close, tail_end, result)
        else:  # a link is published as its address: counted as one (23 on X and Mastodon)
            s, e = destination
            _hide(chars, close, s, result)
            _hide(chars, s, e, result, URL)
            _hide(chars, e, tail_end, result)
        i = tail_end


def _closing_bracket(text: str, opener: int, end: int, skip: dict[int, int]) -> int | None:
    depth = 0
    i = opener
    while i < end:
        if i in skip:
            i = skip[i]
            continue
        ch = text[i]
        if ch == "\\" and i + 1 < end:
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _link_tail(text: str, i: int, end: int, labels: set[str], label_text: str
               ) -> tuple[int, tuple[int, int] | None] | None:
    """What follows ``[text]``: ``(destination "title")``, ``[label]``, ``[]`` or nothing.

    Returns where the link ends and the destination's span (None for reference links), or
    None when the brackets are not a link.
    """
    if i < end and text[i] == "(":
        parsed = _inline_destination(text, i + 1, end)
        if parsed is not None:
            return parsed
    if i < end and text[i] == "[":
        close = text.find("]", i + 1, end)
        if close >= 0:
            label = text[i + 1:close] or label_text
            if _normal_label(label) in labels:
                return close + 1, None
    if _normal_label(label_text) in labels:
        return i, None
    return None


def _inline_destination(text: str, i: int, end: int
                        ) -> tuple[int, tuple[int, int] | None] | None:
    i = _skip_space(text, i, end)
    dest_start = i
    if i < end and text[i] == "<":
        close = i + 1
        while close < end and text[close] not in "<>\r\n":
            close += 2 if text[close] == "\\" else 1
        if close >= end or text[close] != ">":
            return None
        i = close + 1
        dest = (dest_start, i)
    else:
        depth = 0
        while i < end:
            ch = text[i]
            if ch == "\\" and i + 1 < end:
                i += 2
                continue
            if ch.isspace() or ord(ch) < 32:
                break
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        dest = (dest_start, i) if i > dest_start else None
    j = _skip_space(text, i, end)
    if j < end and text[j] in "\"'(" and j > i:
        closer = ")" if text[j] == "(" else text[j]
        k = j + 1
        while k < end and text[k] != closer:
            k += 2 if text[k] == "\\" else 1
        if k >= end:
            return None
        j = _skip_space(text, k + 1, end)
    if j < end and text[j] == ")":
        return j + 1, dest
    return None


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t\r\n":
        i += 1
    return i


def _normal_label(label: str) -> str:
    return " ".join(label.split()).lower().upper()  # as markdown-it-py keys its references


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, without overlaps (the earlier one wins)."""
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if out and start < out[-1][1]:
            start = out[-1][1]
            if start >= end:
                continue
        out.append((start, end, kind))
    return out
