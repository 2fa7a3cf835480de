"""``--format text``: ``path:line:col: severity rule message``, the line, and a caret underline.

Sensitive matches are masked in the quoted source line as well as in the message.
"""

from __future__ import annotations

from ..finding import Finding
from ..redact import mask
from ..sources import InputProblem
from .base import FileResult, Reporter, Summary

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
RELATED_SHOWN = 5  # places of a grouped finding listed after its own


class TextReporter(Reporter):
    def _style(self, text: str, **kwargs) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, **kwargs)

    def result(self, result: FileResult) -> None:
        if not result.findings:
            return
        secrets = [result.location(s) for f in result.findings if f.sensitive for s in f.spans]
        for f in result.findings:
            where = result.location(f)
            place = f"{_printable(result.path)}:{where.line}:{where.column}"
            severity = self._style(f.severity, fg=_COLORS[f.severity], bold=True)
            rule = self._style(f.rule, dim=True)
            self.stream.write(f"{place}: {severity} {rule} {self.message(result, f)}\n")
            self.stream.write(self._source(result, where, f.severity, secrets))
            if f.related:
                self.stream.write(self._also(result, f))

    def _also(self, result: FileResult, f: Finding) -> str:
        """The other places of a grouped finding, on one line."""
        places = []
        for span in f.related[:RELATED_SHOWN]:
            where = result.location(span)
            match = " ".join(self.match(result, f, span).split())
            if len(match) > 40:
                match = match[:37] + "..."
            places.append(f"{where.line}:{where.column} '{_printable(match)}'")
        more = len(f.related) - RELATED_SHOWN
        tail = f" and {more} more" if more > 0 else ""
        return f"    also at {', '.join(places)}{tail}\n"

    def _source(self, result: FileResult, where, severity: str, secrets) -> str:
        """The finding's first line from the file, with every secret on it masked."""
        line = result.source_line(where.line)
        if not self.show_matches:
            for secret in secrets:
                if not secret.line <= where.line <= secret.end_line:
                    continue
                s = secret.column - 1 if secret.line == where.line else 0
                e = secret.end_column - 1 if secret.end_line == where.line else len(line)
                s, e = max(s, 0), min(e, len(line))
                if s < e:
                    line = line[:s] + mask(line[s:e]) + line[e:]
        shown = _printable(line)
        if len(shown) > 200:
            return ""
        # Escapes are wider than the characters they stand for: measure the printed text.
        stop = where.end_column if where.end_line == where.line else len(line) + 1
        lead = len(_printable(line[: where.column - 1]))
        carets = "^" * max(1, len(_printable(line[where.column - 1: stop - 1])))
        underline = " " * lead + self._style(carets, fg=_COLORS[severity])
        return f"    {shown}\n    {underline}\n"

    def problem(self, problem: InputProblem) -> None:
        label = "notice" if problem.skipped else "problem"
        self.stream.write(f"{_printable(problem.path)}: {label}: {problem.message}\n")

    def finish(self, summary: Summary) -> None:
        if summary.findings:
            self.stream.write(f"by category: {summary.category_line()}\n")
        self.stream.write(summary.headline() + "\n")


def _printable(text: str) -> str:
    """Control characters and lone surrogates shown as escapes, so one line stays one line."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ord(ch) < 32 or ord(ch) == 127 or "\ud800" <= ch <= "\udfff":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)
