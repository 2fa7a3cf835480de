"""Several outputs in one run: ``--format`` on standard output, ``--output FORMAT:PATH`` to files.

``open_outputs`` builds one reporter per output and returns them as a single ``Outputs``
reporter that passes every call on. Files are written to a temporary file beside the
target and moved into place when the run finishes, so a run that fails half-way never
leaves a truncated SARIF or JUnit file for a later CI step to upload.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from ..errors import UsageError
from ..sources import InputProblem
from ..vocabulary import SEVERITY_RANK
from .base import FileResult, Reporter, Summary
from .github import GithubReporter
from .html import HtmlReporter
from .json import JsonReporter
from .junit import JunitReporter
from .rdjsonl import RdjsonlReporter
from .sarif import SarifReporter
from .text import TextReporter

if TYPE_CHECKING:
    from ..packs.schema import Rule

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "rdjsonl": RdjsonlReporter,
    "html": HtmlReporter,
}

STDOUT = "-"


@dataclass(frozen=True)
class OutputSpec:
    """One output: a format and where it goes (``-`` for standard output)."""

    fmt: str
    path: str = STDOUT


def parse_output(value: str) -> OutputSpec:
    """``FORMAT:PATH`` (``PATH`` may itself hold colons) or ``FORMAT`` alone for stdout."""
    fmt, sep, path = value.partition(":")
    fmt = fmt.strip().lower()
    if fmt not in REPORTERS:
        raise UsageError(f"--output '{value}': unknown format '{fmt}'; expected FORMAT:PATH "
                         f"with FORMAT one of: {', '.join(REPORTERS)}")
    if sep and not path:
        raise UsageError(f"--output '{value}': no path after '{fmt}:' (use - for standard "
                         "output)")
    return OutputSpec(fmt, path if sep else STDOUT)


def plan_outputs(fmt: str, outputs: Sequence[str | OutputSpec],
                 format_given: bool = True) -> list[OutputSpec]:
    """The outputs of a run: ``--format`` on stdout unless an ``--output`` takes stdout.

    Two outputs to one place are a usage error; so is an explicit ``--format`` beside an
    ``--output`` to ``-`` (pass ``format_given=False`` when ``--format`` is the default).
    """
    specs = [o if isinstance(o, OutputSpec) else parse_output(o) for o in outputs]
    if fmt not in REPORTERS:
        raise UsageError(f"unknown format '{fmt}'; expected one of: {', '.join(REPORTERS)}")
    to_stdout = [s for s in specs if s.path == STDOUT]
    if to_stdout and format_given:
        raise UsageError(f"--format {fmt} and --output {to_stdout[0].fmt}:- both write to "
                         "standard output; choose one")
    if not to_stdout:
        specs.insert(0, OutputSpec(fmt))
    seen: dict[str, OutputSpec] = {}
    for spec in specs:
        key = spec.path if spec.path == STDOUT else os.path.realpath(spec.path)
        if key in seen:
            where = "standard output" if spec.path == STDOUT else f"'{spec.path}'"
            raise UsageError(f"two outputs write to {where} ({seen[key].fmt} and {spec.fmt})")
        seen[key] = spec
    return specs


class Outputs(Reporter):
    """Every output of a run behind one reporter; files are committed by ``finish``."""

    def __init__(self, reporters: list[Reporter], files: list[_PendingFile]):
        self.reporters = reporters
        self.files = files

    def result(self, result: FileResult) -> None:
        for reporter in self.reporters:
            reporter.result(result)

    def problem(self, problem: InputProblem) -> None:
        for reporter in self.reporters:
            reporter.problem(problem)

    def finish(self, summary: Summary) -> None:
        for reporter in self.reporters:
            reporter.finish(summary)
        for pending in self.files:
            pending.commit()


def open_outputs(fmt: str, outputs: Sequence[str | OutputSpec], stdout: TextIO, *,
                 show_matches: bool = False, color: bool = False,
                 rules: Mapping[str, Rule] | None = None,
                 fail_rank: int = SEVERITY_RANK["error"],
                 format_given: bool = False) -> Outputs:
    """The reporters of a run, files opened now (so a bad path fails before any work)."""
    specs = plan_outputs(fmt, outputs, format_given)
    reporters: list[Reporter] = []
    files: list[_PendingFile] = []
    try:
        for spec in specs:
            if spec.path == STDOUT:
                stream, use_color = stdout, color
            else:
                pending = _PendingFile(spec.path)
                files.append(pending)
                stream, use_color = pending.stream, False
            reporters.append(REPORTERS[spec.fmt](stream, show_matches, use_color,
                                                 rules=rules, fail_rank=fail_rank))
    except BaseException:
        for pending in files:
            pending.discard()
        raise
    return Outputs(reporters, files)


class _PendingFile:
    """A report file written beside its target and renamed onto it when complete."""

    def __init__(self, path: str):
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        if os.path.isdir(path):
            raise UsageError(f"--output '{path}' is a folder; give a file name")
        try:
            handle, self.temp = tempfile.mkstemp(prefix=".postlint-", suffix=".tmp",
                                                 dir=folder)
        except OSError as exc:
            raise UsageError(f"cannot write --output '{path}': {exc.strerror or exc}") \
                from None
        self.stream = open(handle, "w", encoding="utf-8", errors="surrogateescape",  # noqa: SIM115
                           newline="")
        # Removed if the run never finishes (an error, an interrupt).
        self._finalizer = weakref.finalize(self, _remove, self.stream, self.temp)

    def commit(self) -> None:
        self.stream.close()
        try:
            os.chmod(self.temp, 0o666 & ~_umask())
            os.replace(self.temp, self.path)
        except OSError as exc:
            self.discard()
            raise UsageError(f"cannot write --output '{self.path}': {exc.strerror or exc}") \
                from None
        self._finalizer.detach()

    def discard(self) -> None:
        self._finalizer()


def _remove(stream, temp: str) -> None:
    stream.close()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
