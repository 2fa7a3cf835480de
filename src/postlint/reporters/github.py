"""``--format github``: GitHub Actions workflow commands, one annotation line per finding.

``::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE``, escaped as
the Actions toolkit escapes and the runner unescapes (``%``, CR and LF in the message;
also ``:`` and ``,`` in property values). A step shows at most 10 annotations of each level
(50 per job), so errors are written as they are found and warnings, then notices, at the
end: when the job's limit is near, the most severe are the ones shown. Columns count UTF-16
code units and are given only for one-line spans (the runner drops them otherwise). A run
summary ends the output as plain log lines.
"""

from __future__ import annotations

from ..finding import Finding
from ..sources import InputProblem
from .base import FileResult, Reporter, Summary, other_places
from .positions import STDIN_PATH, location_in, relative_path
from .spool import Spool
from .textsafe import visible_controls

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A message as the runner reads it back: ``%`` first, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus ``:`` and ``,`` (which end a property)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: list[tuple[str, str]], message: str) -> str:
    """One workflow command line (without its line break)."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command}{' ' + props if props else ''}::{escape_data(message)}"


class GithubReporter(Reporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = {"warning": Spool(), "notice": Spool()}

    def result(self, result: FileResult) -> None:
        for f in result.findings:
            line = self._annotation(result, f) + "\n"
            command = COMMANDS[f.severity]
            if command == "error":
                self.stream.write(line)
            else:
                self.held[command].write(line)

    def _annotation(self, result: FileResult, f: Finding) -> str:
        where = location_in(result, result.location(f), "utf-16")
        properties = _file(result.path)
        properties.append(("line", str(where.line)))
        properties.append(("endLine", str(where.end_line)))
        if where.line == where.end_line:
            properties.append(("col", str(where.column)))
            properties.append(("endColumn", str(where.end_column)))
        properties.append(("title", visible_controls(f.rule)))
        message = self.message(result, f) + other_places(result, f)
        details = [message, f.why]
        if f.suggestion:
            details.append(f"Instead: {f.suggestion}")
        text = "\n".join(visible_controls(" ".join(d.split())) for d in details if d)
        return workflow_command(COMMANDS[f.severity], properties, text)

    def problem(self, problem: InputProblem) -> None:
        properties = [*_file(problem.path), ("title", "postlint: input not checked"
                                             if not problem.skipped else "postlint: skipped")]
        line = workflow_command("notice" if problem.skipped else "error", properties,
                                visible_controls(problem.message)) + "\n"
        if problem.skipped:
            self.held["notice"].write(line)
        else:
            self.stream.write(line)

    def finish(self, summary: Summary) -> None:
        for spool in self.held.values():
            spool.copy_to(self.stream)
        if summary.findings:
            self.stream.write(f"postlint: by category: {summary.category_line()}\n")
        self.stream.write(f"postlint: {summary.headline()}\n")


def _file(path: str) -> list[tuple[str, str]]:
    if path == STDIN_PATH:
        return []
    return [("file", visible_controls(relative_path(path)))]
