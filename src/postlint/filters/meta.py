"""Findings postlint makes about its own directives: unused, unexplained or malformed ones.

They are findings like any other (severity overrides, ``ignore`` and the fail gate apply),
under the ``postlint/`` rule ids, category ``postlint`` and tag ``suppression``; one finding
per rule per post, with every directive it concerns as a span.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..config.selectors import META_CATEGORY, META_TAG
from ..finding import Finding, Span, fingerprint
from ..sources import InputPost
from ..textmodel import LineIndex

UNUSED = "postlint/unused-suppression"
NO_REASON = "postlint/suppression-without-reason"
BAD = "postlint/bad-directive"

META_RULES: dict[str, tuple[str, str, str]] = {
    UNUSED: ("warning",
             "A suppression that suppresses nothing hides the next real finding on its lines "
             "and tells readers of the file something that is no longer true.",
             "Remove the directive, or correct the rule it names."),
    NO_REASON: ("error",
                "A suppression is a decision that a finding is acceptable; without a reason, "
                "reviewers and auditors cannot tell why it was made or whether it still holds.",
                "Add the reason after two dashes: <!-- postlint-disable RULE -- why -->."),
    BAD: ("error",
          "A directive postlint cannot read suppresses nothing, so the finding it was meant "
          "for is still reported, or a typo hides the wrong one.",
          "Write postlint-disable, postlint-enable, postlint-disable-line or "
          "postlint-disable-next-line followed by rule ids, patterns, 'category:' or 'tag:'."),
}


@dataclass(frozen=True)
class Note:
    """One place a meta finding points at: a file line, what to say, the directive's text."""

    line: int
    message: str
    directive: str


def meta_finding(rule: str, post: InputPost, notes: list[Note]) -> Finding:
    """One finding of ``rule`` with a span per note (the first note's message)."""
    severity, why, suggestion = META_RULES[rule]
    index = LineIndex(post.text)
    spans = sorted({_span(rule, post, index, note) for note in notes},
                   key=lambda s: (s.start, s.end))
    first = spans[0]
    message = next(n.message for n in notes if _span(rule, post, index, n) == first)
    return Finding(
        rule=rule, category=META_CATEGORY, tags=(META_TAG,), severity=severity,
        message=message, why=why, suggestion=suggestion, match=first.match,
        start=first.start, end=first.end, line=first.line, column=first.column,
        end_line=first.end_line, end_column=first.end_column, fingerprint=first.fingerprint,
        message_unmasked=message, masked_match=first.match, related=tuple(spans[1:]))


def _span(rule: str, post: InputPost, index: LineIndex, note: Note) -> Span:
    """A span over the post's text on the note's file line (its first line when the note
    is about a line before the post, such as front matter)."""
    offset = _first_offset_on(post, index, note.line)
    line = bisect.bisect_right(index.line_starts, offset)
    start, end = index.line_span(line, post.text)
    start = max(start, offset)
    text = post.text[start:end]
    at = text.find(note.directive[:40]) if note.directive else -1
    if at >= 0:  # the directive is in the text as written (readers that do not mask it)
        start += at
        end = min(end, start + len(note.directive))
    column = start - index.line_starts[line - 1] + 1
    return Span(start, end, line, column, line, column + (end - start), note.directive,
                note.directive, fingerprint(rule, note.directive, str(note.line), ""))


def _file_line(post: InputPost, index: LineIndex, offset: int) -> int:
    position = getattr(post, "position", None)
    if callable(position):  # the reader knows where the post sits in its file
        return position(offset)[0]
    return index.position(offset)[0] + post.line_offset


def _first_offset_on(post: InputPost, index: LineIndex, file_line: int) -> int:
    """The first offset of the post whose file line is ``file_line`` (or after it)."""
    low, high = 0, len(post.text)
    while low < high:
        middle = (low + high) // 2
        if _file_line(post, index, middle) < file_line:
            low = middle + 1
        else:
            high = middle
    return min(low, max(len(post.text) - 1, 0)) if post.text else 0
