"""The reporter interface and the run summary every format ends with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TextIO

from ..finding import Finding, Span
from ..sources import InputPost, InputProblem
from ..vocabulary import CATEGORIES, SEVERITIES, SEVERITY_RANK

if TYPE_CHECKING:
    from ..packs.schema import Rule

RELATED_NAMED = 5  # places of a grouped finding named in a one-line message


class Location(NamedTuple):
    """Where a span is in the input file: 1-based lines and code-point columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class FileResult:
    """The findings of one post, with where it came from.

    Reporters ask it for positions in the file's terms (``location``) and for the text of a
    line (``source_line``), never compute them from a finding's post-relative fields: the
    reader knows where the post sits in its file.
    """

    post: InputPost
    findings: list[Finding]
    # Whether each finding fails the run, when the run's gate is not simply "severity at or
    # above the reporter's fail_rank" for this post (configuration and profiles set gates by
    # category, tag and rule); see Reporter.fails.
    verdicts: list[bool] | None = None

    @property
    def path(self) -> str:
        return self.post.path

    def location(self, span: Span | Finding) -> Location:
        """The span's position in the file."""
        line, column = self.post.position(span.start)
        end_line, end_column = self.post.position(span.end)
        return Location(line, column, end_line, end_column)

    def redact(self, text: str) -> str:
        """``text`` with every sensitive match of this post masked, whichever finding it is
        from: a post-wide finding's match, or another rule's message, may hold one."""
        for clear, masked in self._secrets():
            if clear in text:
                text = text.replace(clear, masked)
        return text

    def _secrets(self) -> list[tuple[str, str]]:
        secrets = self.__dict__.get("_secret_list")
        if secrets is None:
            pairs = {(s.match, s.masked_match) for f in self.findings if f.sensitive
                     for s in f.spans if s.match and s.match != s.masked_match}
            secrets = self.__dict__["_secret_list"] = sorted(pairs, key=lambda p: -len(p[0]))
        return secrets

    def post_line(self) -> int:
        """The file line where the post's text starts."""
        return self.location(Span(0, 0, 1, 1, 1, 1, "", "", "")).line

    def line(self, finding: Finding) -> int:
        return self.location(finding).line

    def end_line(self, finding: Finding) -> int:
        return self.location(finding).end_line

    def source_line(self, line: int) -> str:
        """The text of a 1-based line in the file's terms (columns count in this text)."""
        return self.post.source_line(line)


def _by_severity() -> dict[str, int]:
    return dict.fromkeys(SEVERITIES, 0)


@dataclass
class Summary:
    """Counts of a run: posts, findings by severity and by category and severity, inputs."""

    posts: int = 0
    posts_with_findings: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=_by_severity)
    by_category: dict[str, dict[str, int]] = field(
        default_factory=lambda: {category: _by_severity() for category in CATEGORIES})
    problems: int = 0
    skipped: int = 0
    suppressed: int = 0  # findings left out by inline directives
    baselined: int = 0  # findings left out because the baseline accepts them

    def add(self, result: FileResult) -> None:
        self.posts += 1
        if result.findings:
            self.posts_with_findings += 1
        self.findings += len(result.findings)
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.by_category.setdefault(f.category, _by_severity())[f.severity] += 1

    def headline(self) -> str:
        """``7 findings (2 error, 5 warning, 0 info) in 4 of 7 posts; 1 skipped``."""
        sev = self.by_severity
        parts = [f"{self.findings} finding{'s' * (self.findings != 1)}"]
        if self.findings:
            parts.append(f"({sev['error']} error, {sev['warning']} warning, {sev['info']} info)")
        parts.append(f"in {self.posts_with_findings} of {self.posts} "
                     f"post{'s' * (self.posts != 1)}")
        if self.problems:
            parts.append(f"; {self.problems} input{'s' * (self.problems != 1)} "
                         "could not be checked")
        if self.skipped:
            parts.append(f"; {self.skipped} skipped")
        if self.suppressed:
            parts.append(f"; {self.suppressed} suppressed")
        if self.baselined:
            parts.append(f"; {self.baselined} in the baseline")
        return " ".join(parts).replace(" ;", ";")

    def category_line(self) -> str:
        """``controversy 2 (1 error, 1 warning); oversharing 1 (1 error)``: found ones only."""
        parts = []
        for category, counts in self.by_category.items():
            total = sum(counts.values())
            if total:
                shown = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
                parts.append(f"{category} {total} ({shown})")
        return "; ".join(parts)

    def add_problem(self, problem: InputProblem) -> None:
        if problem.skipped:
            self.skipped += 1
        else:
            self.problems += 1


class Reporter(ABC):
    """Writes a run to ``stream``: ``result`` per post, ``problem`` per bad input, ``finish``.

    ``rules`` (by id) lets a format describe the rules that fired (SARIF's rule metadata);
    ``fail_rank`` is the lowest severity rank that fails the run, for formats that mark
    posts as failed (JUnit).
    """

    def __init__(self, stream: TextIO, show_matches: bool = False, color: bool = False, *,
                 rules: Mapping[str, Rule] | None = None,
                 fail_rank: int = SEVERITY_RANK["error"]):
        self.stream = stream
        self.show_matches = show_matches
        self.color = color
        self.rules: Mapping[str, Rule] = rules or {}
        self.fail_rank = fail_rank

    def fails(self, result: FileResult, finding: Finding) -> bool:
        """Does ``finding`` fail the run (the gate's verdict, else its rank)?"""
        if result.verdicts is not None:
            return result.verdicts[result.findings.index(finding)]
        return finding.rank >= self.fail_rank

    # What a format may show of a finding: sensitive text masked unless --show-matches,
    # including secrets of other findings of the post that a match or message contains.
    def message(self, result: FileResult, finding: Finding) -> str:
        shown = finding.shown_message(self.show_matches)
        return shown if self.show_matches else result.redact(shown)

    def match(self, result: FileResult, finding: Finding, span: Span | None = None) -> str:
        shown = (finding.shown_match(self.show_matches) if span is None
                 else finding.shown_span_match(span, self.show_matches))
        return shown if self.show_matches else result.redact(shown)

    @abstractmethod
    def result(self, result: FileResult) -> None:
        """Write the findings of one post."""

    @abstractmethod
    def problem(self, problem: InputProblem) -> None:
        """Write an input that could not be checked, or a notice."""

    @abstractmethod
    def finish(self, summary: Summary) -> None:
        """Write the end of the report."""


def other_places(result: FileResult, finding: Finding, limit: int = RELATED_NAMED) -> str:
    """`` (and 2 more places: 2:4, 5:1)`` for a grouped finding, ``""`` for a single one."""
    if not finding.related:
        return ""
    places = []
    for span in finding.related[:limit]:
        where = result.location(span)
        places.append(f"{where.line}:{where.column}")
    more = len(finding.related) - limit
    tail = f", and {more} more" if more > 0 else ""
    count = len(finding.related)
    return f" (and {count} more place{'s' * (count != 1)}: {', '.join(places)}{tail})"
