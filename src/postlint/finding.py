"""The finding model: what a rule found, where, and why."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .vocabulary import SEVERITY_RANK

_new_object = object.__new__
_set_attribute = object.__setattr__


@dataclass(frozen=True)
class Span:
    """One place a finding covers: offsets into the post's text and its position in the post.

    ``line``/``column`` are 1-based and relative to the post (a reader's ``FileResult`` maps
    them to the file); ``end_column`` is the column after the last character.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    masked_match: str
    fingerprint: str


@dataclass(frozen=True)
class Finding:
    """One risk found in one post.

    ``start``/``end`` are code-point offsets into the checked text (end exclusive);
    ``line``/``column`` are 1-based, ``end_column`` is the column after the last character.
    ``message`` never quotes a ``sensitive`` match in clear; ``message_unmasked`` does.

    One rule gives at most one finding per post: its first span is the finding's own
    (``start``, ``match``, ``fingerprint``...), every further span is in ``related``.
    """

    rule: str
    category: str
    tags: tuple[str, ...]
    severity: str
    message: str
    why: str
    suggestion: str | None
    match: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fingerprint: str
    sensitive: bool = False
    masked_match: str = ""
    message_unmasked: str = field(default="", repr=False)
    related: tuple[Span, ...] = ()

    @classmethod
    def from_fields(cls, values: dict) -> Finding:
        """The finding ``Finding(**values)`` makes, for ``values`` that name every field
        in the class's order (``tests/test_finding_fast.py`` checks that ``RuleSet`` does).

        The frozen dataclass's ``__init__`` sets each of the 19 fields through
        ``object.__setattr__``, ~2.5 us a finding; this gives the instance ``values`` as
        its ``__dict__``, which is what those calls leave behind, in one step.
        """
        finding = _new_object(cls)
        _set_attribute(finding, "__dict__", values)
        return finding

    @property
    def primary(self) -> Span:
        """The finding's own span, as a ``Span``."""
        return Span(self.start, self.end, self.line, self.column, self.end_line,
                    self.end_column, self.match, self.masked_match, self.fingerprint)

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every span of the finding, its own first, then the related ones in text order."""
        return (self.primary, *self.related)

    @property
    def rank(self) -> int:
        """Severity as a number: error 3, warning 2, info 1."""
        return SEVERITY_RANK[self.severity]

    def shown_match(self, show_matches: bool = False) -> str:
        """The matched text as an output may show it (masked when sensitive)."""
        return self.match if (show_matches or not self.sensitive) else self.masked_match

    def shown_message(self, show_matches: bool = False) -> str:
        """The message as an output may show it."""
        return self.message_unmasked if (show_matches and self.sensitive) else self.message

    def shown_span_match(self, span: Span, show_matches: bool = False) -> str:
        """A span's matched text as an output may show it (masked when sensitive)."""
        return span.match if (show_matches or not self.sensitive) else span.masked_match


def sort_key(finding: Finding) -> tuple:
    """Deterministic order: by position, then rule id."""
    return (finding.start, finding.end, finding.rule)


def fingerprint(rule: str, normalized_match: str, before: str, after: str) -> str:
    """A content fingerprint that survives the finding moving to another line."""
    key = "\x1f".join((rule, " ".join(normalized_match.lower().split()), before, after))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
