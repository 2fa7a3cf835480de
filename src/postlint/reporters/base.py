"""The reporter interface and the run summary every format ends with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import NamedTuple, TextIO

from ..finding import Finding, Span
from ..sources import InputPost, InputProblem
from ..textmodel import LineIndex


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

    @property
    def path(self) -> str:
        return self.post.path

    def location(self, span: Span | Finding) -> Location:
        """The span's position in the file."""
        offset = self.post.line_offset
        return Location(span.line + offset, span.column, span.end_line + offset,
                        span.end_column)

    def line(self, finding: Finding) -> int:
        return finding.line + self.post.line_offset

    def end_line(self, finding: Finding) -> int:
        return finding.end_line + self.post.line_offset

    def source_line(self, line: int) -> str:
        """The text of a 1-based line in the file's terms (columns count in this text)."""
        text = self.post.text
        index = self._lines()
        number = line - self.post.line_offset
        if not 1 <= number <= len(index.line_starts):
            return ""
        start, end = index.line_span(number, text)
        return text[start:end]

    def _lines(self) -> LineIndex:
        index = self.__dict__.get("_line_index")
        if index is None:
            index = self.__dict__["_line_index"] = LineIndex(self.post.text)
        return index


@dataclass
class Summary:
    posts: int = 0
    posts_with_findings: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0,
                                                                 "info": 0})
    problems: int = 0
    skipped: int = 0

    def add(self, result: FileResult) -> None:
        self.posts += 1
        if result.findings:
            self.posts_with_findings += 1
        self.findings += len(result.findings)
        for f in result.findings:
            self.by_severity[f.severity] += 1

    def add_problem(self, problem: InputProblem) -> None:
        if problem.skipped:
            self.skipped += 1
        else:
            self.problems += 1


class Reporter(ABC):
    """Writes a run to ``stream``: ``result`` per post, ``problem`` per bad input, ``finish``."""

    def __init__(self, stream: TextIO, show_matches: bool = False, color: bool = False):
        self.stream = stream
        self.show_matches = show_matches
        self.color = color

    @abstractmethod
    def result(self, result: FileResult) -> None:
        """Write the findings of one post."""

    @abstractmethod
    def problem(self, problem: InputProblem) -> None:
        """Write an input that could not be checked, or a notice."""

    @abstractmethod
    def finish(self, summary: Summary) -> None:
        """Write the end of the report."""
