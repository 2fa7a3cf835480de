"""The reporter interface and the run summary every format ends with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TextIO

from ..finding import Finding
from ..sources import InputPost, InputProblem


@dataclass
class FileResult:
    """The findings of one post, with where it came from."""

    post: InputPost
    findings: list[Finding]

    @property
    def path(self) -> str:
        return self.post.path

    def line(self, finding: Finding) -> int:
        return finding.line + self.post.line_offset

    def end_line(self, finding: Finding) -> int:
        return finding.end_line + self.post.line_offset


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
