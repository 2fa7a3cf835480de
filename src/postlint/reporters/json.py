"""``--format json``: one JSON document, streamed. A stable format: see docs/output-formats.md.

``{"schema_version": 1, "findings": [...], "problems": [...], "summary": {...}}``
"""

from __future__ import annotations

import json

from ..sources import InputProblem
from .base import FileResult, Reporter, Summary

SCHEMA_VERSION = 1


class JsonReporter(Reporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems: list[dict] = []
        self.count = 0
        self.stream.write(f'{{"schema_version": {SCHEMA_VERSION}, "findings": [')

    def result(self, result: FileResult) -> None:
        for f in result.findings:
            where = result.location(f)
            item = {
                "path": result.path,
                "rule": f.rule,
                "category": f.category,
                "tags": list(f.tags),
                "severity": f.severity,
                "message": self.message(result, f),
                "why": f.why,
                "suggestion": f.suggestion,
                "match": self.match(result, f),
                "start": f.start,
                "end": f.end,
                "line": where.line,
                "column": where.column,
                "end_line": where.end_line,
                "end_column": where.end_column,
                "fingerprint": f.fingerprint,
                "related": [self._span(result, f, span) for span in f.related],
            }
            if result.post.record is not None:
                item["record"] = result.post.record
            self.stream.write(("\n  " if not self.count else ",\n  ") + _dumps(item))
            self.count += 1

    def _span(self, result: FileResult, f, span) -> dict:
        where = result.location(span)
        return {"match": self.match(result, f, span), "start": span.start,
                "end": span.end, "line": where.line, "column": where.column,
                "end_line": where.end_line, "end_column": where.end_column,
                "fingerprint": span.fingerprint}

    def problem(self, problem: InputProblem) -> None:
        self.problems.append({"path": problem.path, "message": problem.message,
                              "skipped": problem.skipped})

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n],\n" if self.count else "],\n")
        self.stream.write('"problems": ' + _dumps(self.problems) + ",\n")
        self.stream.write('"summary": ' + _dumps({
            "posts": summary.posts,
            "posts_with_findings": summary.posts_with_findings,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
            "by_category": summary.by_category,
            "problems": summary.problems,
            "skipped": summary.skipped,
            "suppressed": summary.suppressed,
            "baselined": summary.baselined,
        }) + "}\n")


def _dumps(value) -> str:
    # ensure_ascii keeps lone surrogates and odd file names valid JSON everywhere.
    return json.dumps(value, ensure_ascii=True, sort_keys=False)
