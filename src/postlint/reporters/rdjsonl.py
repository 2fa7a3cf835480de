"""``--format rdjsonl``: reviewdog's Diagnostic JSON Lines, one finding per line.

For ``reviewdog -f=rdjsonl``: columns count UTF-8 bytes of the line (as reviewdog expects;
an emoji is 4), ends are exclusive. A grouped finding points at its first span, names the
count in its message and lists the others as ``related_locations``. The format has no
summary record: every line is a diagnostic.
"""

from __future__ import annotations

import json

from ..finding import Span
from ..sources import InputProblem
from .base import FileResult, Reporter, Summary, other_places
from .positions import location_in, relative_path
from .textsafe import visible_controls, without_lone_surrogates

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


class RdjsonlReporter(Reporter):
    def result(self, result: FileResult) -> None:
        path = without_lone_surrogates(relative_path(result.path))
        for f in result.findings:
            message = self.message(result, f) + other_places(result, f)
            diagnostic = {
                "message": visible_controls(message),
                "location": {"path": path, "range": _range(result, f.primary)},
                "severity": SEVERITIES[f.severity],
                "source": {"name": "postlint"},
                "code": {"value": f.rule},
            }
            if f.related:
                diagnostic["related_locations"] = [
                    {"message": "also here: " + visible_controls(
                        self.match(result, f, span)),
                     "location": {"path": path, "range": _range(result, span)}}
                    for span in f.related]
            self.stream.write(_dumps(diagnostic) + "\n")

    def problem(self, problem: InputProblem) -> None:
        """An input that could not be checked is a file-level diagnostic (no range)."""
        if problem.skipped:
            return
        self.stream.write(_dumps({
            "message": visible_controls(f"not checked: {problem.message}"),
            "location": {"path": without_lone_surrogates(relative_path(problem.path))},
            "severity": "ERROR",
            "source": {"name": "postlint"},
            "code": {"value": "postlint/input"},
        }) + "\n")

    def finish(self, summary: Summary) -> None:
        """Nothing to add: the format has no summary record."""


def _range(result: FileResult, span: Span) -> dict:
    where = location_in(result, result.location(span), "utf-8")
    return {"start": {"line": where.line, "column": where.column},
            "end": {"line": where.end_line, "column": where.end_column}}


def _dumps(value) -> str:
    # Post text and paths have lost their lone surrogates above (strict decoders, such as
    # Go's in reviewdog, reject them even escaped).
    return json.dumps(value, ensure_ascii=True)
