"""``--format junit``: JUnit XML for GitLab, Jenkins and Azure Pipelines test reports.

One test case per post: ``classname`` is the file (the suite GitLab shows, Azure's test
file), ``name`` is ``FILE:LINE``, the line where the post starts (Azure shows only the
name). A post fails when it has a finding at or above ``--fail-on``, so the report agrees
with the exit code; the ``failure`` text lists all of its findings. Posts with findings
below the threshold pass and are listed in the suite's ``system-out``. An input that could
not be checked is a test case with an ``error``, a skipped one a ``skipped`` test case.

The document passes both the strict Ant schema (windyroad) and Jenkins' lenient one, so it
carries what the strict one requires: ``timestamp`` (UTC), ``hostname`` and ``time``;
with ``SOURCE_DATE_EPOCH`` set, the timestamp is that moment and the time 0, so the
document is reproducible. Test cases are spooled, so the counts can open the suite.
"""

from __future__ import annotations

import os
import socket
import time
from datetime import datetime, timezone

from .. import __version__
from ..finding import Finding
from ..sources import InputProblem
from ..vocabulary import SEVERITY_RANK
from .base import FileResult, Reporter, Summary
from .positions import relative_path
from .spool import Spool
from .textsafe import xml_text

SUITE = "postlint"
FAILURES_NAMED = 10  # rules named in a failure's one-line message


class JunitReporter(Reporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = time.monotonic()
        self.timestamp = _timestamp()
        self.cases = Spool()
        self.below = Spool()  # findings under the threshold, for the suite's system-out
        self.tests = self.failures = self.errors = self.skipped = 0
        self.names_of: str | None = None  # the file whose test names ``names`` holds
        self.names: set[str] = set()

    def _case_name(self, path: str, name: str) -> str:
        """``name``, made unique within its file (GitLab keeps only the first duplicate)."""
        if path != self.names_of:
            self.names_of, self.names = path, set()
        unique, n = name, 1
        while unique in self.names:
            n += 1
            unique = f"{name} ({n})"
        self.names.add(unique)
        return unique

    def result(self, result: FileResult) -> None:
        self.tests += 1
        path = relative_path(result.path)
        name = self._case_name(path, f"{path}:{result.post_line()}")
        failing = [f for f in result.findings if self.fails(result, f)]
        case = f'<testcase name="{_attr(name)}" classname="{_attr(path)}" time="0"'
        if not failing:
            self.cases.write(case + "/>\n")
            if result.findings:
                self.below.write(_text(f"{name}\n{self._details(result, result.findings)}"))
            return
        self.failures += 1
        worst = max(failing, key=lambda f: f.rank).severity
        named = ", ".join(f"{f.rule} ({f.severity})" for f in failing[:FAILURES_NAMED])
        more = len(failing) - FAILURES_NAMED
        level = "their fail level" if result.verdicts is not None else \
            _threshold(self.fail_rank)
        message = (f"{len(failing)} finding{'s' * (len(failing) != 1)} at or above "
                   f"{level}: {named}" + (f", and {more} more" if more > 0 else ""))
        self.cases.write(f'{case}>\n  <failure type="{worst}" message="{_attr(message)}">'
                         f"{_text(self._details(result, result.findings))}</failure>\n"
                         "</testcase>\n")

    def _details(self, result: FileResult, findings: list[Finding]) -> str:
        """Every finding of a post: position, severity, rule, message, other places, why."""
        out = []
        for f in findings:
            where = result.location(f)
            out.append(f"{where.line}:{where.column} {f.severity} {f.rule}: "
                       f"{_line(self.message(result, f))}\n")
            if f.related:
                places = ", ".join(
                    f"{w.line}:{w.column} {_line(self.match(result, f, s))}"
                    for s in f.related for w in (result.location(s),))
                out.append(f"    also at {places}\n")
            out.append(f"    why: {_line(f.why)}\n")
            if f.suggestion:
                out.append(f"    instead: {_line(f.suggestion)}\n")
        return "".join(out)

    def problem(self, problem: InputProblem) -> None:
        self.tests += 1
        path = relative_path(problem.path)
        name = self._case_name(path, path)
        case = f'<testcase name="{_attr(name)}" classname="{_attr(path)}" time="0">\n'
        if problem.skipped:
            self.skipped += 1
            self.cases.write(f'{case}  <skipped message="{_attr(problem.message)}"/>\n'
                             "</testcase>\n")
        else:
            self.errors += 1
            self.cases.write(f'{case}  <error type="input" message="{_attr(problem.message)}">'
                             f"{_text(problem.message)}</error>\n</testcase>\n")

    def finish(self, summary: Summary) -> None:
        # SOURCE_DATE_EPOCH asks for a reproducible document: no measured time either.
        seconds = 0.0 if _fixed_epoch() is not None else time.monotonic() - self.started
        elapsed = f"{seconds:.3f}"
        w = self.stream.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        w(f'<testsuite name="{SUITE}" package="{SUITE}" id="0" timestamp="{self.timestamp}" '
          f'hostname="{_attr(_hostname())}" tests="{self.tests}" failures="{self.failures}" '
          f'errors="{self.errors}" skipped="{self.skipped}" time="{elapsed}">\n')
        w("<properties>\n")
        for name, value in self._properties(summary):
            w(f'  <property name="{_attr(name)}" value="{_attr(value)}"/>\n')
        w("</properties>\n")
        self.cases.copy_to(self.stream)
        w("<system-out>")
        if not self.below.empty:
            w(_text(f"Findings below --fail-on {_threshold(self.fail_rank)} (these posts "
                    "pass):\n"))
        self.below.copy_to(self.stream)
        w(_text(f"{summary.headline()}\n"))
        w("</system-out>\n<system-err></system-err>\n</testsuite>\n</testsuites>\n")

    def _properties(self, summary: Summary) -> list[tuple[str, str]]:
        props = [("postlint.version", __version__), ("fail-on", _threshold(self.fail_rank)),
                 ("posts", str(summary.posts)),
                 ("posts-with-findings", str(summary.posts_with_findings)),
                 ("findings", str(summary.findings))]
        props += [(f"findings.{sev}", str(n)) for sev, n in summary.by_severity.items()]
        props += [(f"findings.{category}.{sev}", str(n))
                  for category, counts in summary.by_category.items()
                  for sev, n in counts.items()]
        return props


def _threshold(rank: int) -> str:
    return next((sev for sev, r in SEVERITY_RANK.items() if r == rank), "never")


def _line(text: str) -> str:
    return " ".join(text.split())


def _text(text: str) -> str:
    """Element text: XML 1.0 characters only, markup escaped, ASCII (character references)."""
    text = xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _attr(text: str) -> str:
    """An attribute value; tab, CR and LF as references, which attribute normalisation keeps."""
    return (_text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


def _timestamp() -> str:
    """Now in UTC as the strict schema wants it (no zone, no fraction), or SOURCE_DATE_EPOCH."""
    epoch = _fixed_epoch()
    moment = (datetime.fromtimestamp(epoch, timezone.utc) if epoch is not None
              else datetime.now(timezone.utc))
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _fixed_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def _hostname() -> str:
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"
