"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

One run; columns in UTF-16 code units (``columnKind: utf16CodeUnits``, what GitHub and
VS Code count), computed from each line's text. Results are streamed as posts finish; the
``tool`` object, whose rule list names only the rules that fired, is written after them
(member order carries no meaning in JSON). A grouped finding's other spans become
``relatedLocations``. ``partialFingerprints.primaryLocationLineHash`` is the finding's
content fingerprint plus its occurrence in the file, so it survives the post moving.
"""

from __future__ import annotations

import json

from .. import __version__
from ..finding import Finding, Span
from ..sources import InputProblem
from .base import FileResult, Reporter, Summary, other_places
from .positions import artifact_uri, location_in
from .textsafe import json_safe, visible_controls

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
COLUMN_KIND = "utf16CodeUnits"
FINGERPRINT_KEY = "postlintFingerprint/v1"
MAX_LOCATIONS = 1000  # GitHub rejects a result with more locations than this
DESCRIPTION_LIMIT = 1024  # GitHub's limit for short and full descriptions
SRCROOT = "%SRCROOT%"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


class SarifReporter(Reporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_index: dict[str, int] = {}
        self.descriptors: list[dict] = []
        self.seen_in: str | None = None  # the file whose fingerprints ``seen`` counts
        self.seen: dict[str, int] = {}
        self.notifications: list[dict] = []
        self.count = 0
        self.stream.write(
            f'{{"$schema": "{SARIF_SCHEMA}", "version": "{SARIF_VERSION}", "runs": [{{\n'
            f'"columnKind": "{COLUMN_KIND}",\n"results": [')

    def result(self, result: FileResult) -> None:
        for f in result.findings:
            uri = artifact_uri(result.path)
            occurrence = self._occurrence(uri, f.fingerprint)
            message = visible_controls(self.message(result, f) + other_places(result, f))
            item = {
                "ruleId": f.rule,
                "ruleIndex": self._rule(f),
                "level": LEVELS[f.severity],
                "message": {"text": message},
                "locations": [_location(result, f.primary, uri)],
                "partialFingerprints": {
                    "primaryLocationLineHash": f"{f.fingerprint}:{occurrence}",
                    FINGERPRINT_KEY: f.fingerprint,
                },
                "properties": {"category": f.category, "tags": list(f.tags)},
            }
            if f.related:
                item["relatedLocations"] = [
                    {"id": n, **_location(result, span, uri), "message": {
                        "text": "also here: " + visible_controls(
                            self.match(result, f, span))}}
                    for n, span in enumerate(f.related[: MAX_LOCATIONS - 1], start=1)]
            self.stream.write(("\n" if not self.count else ",\n") + _dumps(item))
            self.count += 1

    def _occurrence(self, uri: str, fingerprint: str) -> int:
        """1 for the first finding with this fingerprint in the file, 2 for the next...
        (a file's posts arrive together, so only the current file's counts are kept)."""
        if uri != self.seen_in:
            self.seen_in, self.seen = uri, {}
        self.seen[fingerprint] = self.seen.get(fingerprint, 0) + 1
        return self.seen[fingerprint]

    def _rule(self, f: Finding) -> int:
        index = self.rule_index.get(f.rule)
        if index is None:
            index = self.rule_index[f.rule] = len(self.descriptors)
            self.descriptors.append(self._descriptor(f))
        return index

    def _descriptor(self, f: Finding) -> dict:
        """Rule metadata from the loaded rule (its message, why, examples), else the finding."""
        rule = self.rules.get(f.rule)
        why = f.why or f.rule
        short = rule.summary if rule is not None else why
        severity = rule.severity if rule is not None else f.severity
        help_text, help_markdown = _help(f, rule)
        return {
            "id": f.rule,
            "name": _rule_name(f.rule),
            "shortDescription": {"text": _limit(_sentence(short))},
            "fullDescription": {"text": _limit(why)},
            "help": {"text": help_text, "markdown": help_markdown},
            "defaultConfiguration": {"level": LEVELS[severity]},
            "properties": {
                "tags": [f.category, *f.tags][:20],
                "problem.severity": PROBLEM_SEVERITY[severity],
            },
        }

    def problem(self, problem: InputProblem) -> None:
        self.notifications.append({
            "level": "note" if problem.skipped else "error",
            "message": {"text": visible_controls(problem.message)},
            "locations": [{"physicalLocation": {"artifactLocation": {
                "uri": artifact_uri(problem.path), "uriBaseId": SRCROOT}}}],
        })

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n],\n" if self.count else "],\n")
        invocation = {"executionSuccessful": summary.problems == 0,
                      "toolExecutionNotifications": self.notifications}
        self.stream.write('"invocations": ' + _dumps(json_safe([invocation])) + ",\n")
        self.stream.write('"properties": ' + _dumps({"summary": {
            "posts": summary.posts, "postsWithFindings": summary.posts_with_findings,
            "findings": summary.findings, "bySeverity": summary.by_severity,
            "byCategory": summary.by_category, "problems": summary.problems,
            "skipped": summary.skipped}}) + ",\n")
        driver = {"name": "postlint", "version": __version__, "semanticVersion": __version__,
                  "rules": self.descriptors}
        self.stream.write('"tool": ' + _dumps(json_safe({"driver": driver})) + "\n}]}\n")


def _location(result: FileResult, span: Span, uri: str) -> dict:
    where = location_in(result, result.location(span), "utf-16")
    return {"physicalLocation": {
        "artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
        "region": {"startLine": where.line, "startColumn": where.column,
                   "endLine": where.end_line, "endColumn": where.end_column},
    }}


def _help(f: Finding, rule) -> tuple[str, str]:
    """The rule's why, suggestion and examples, as plain text and as Markdown."""
    text = [f.why or f.rule]
    markdown = [_md(f.why or f.rule)]
    if f.suggestion:
        text.append(f"Instead: {f.suggestion}")
        markdown.append(f"**Instead:** {_md(f.suggestion)}")
    if rule is not None:
        # Examples of a sensitive rule are personal data or secrets, made up or not: a public
        # CI log is no place to repeat them.
        flagged = () if rule.sensitive else rule.flag_examples
        for title, examples in (("Flagged", flagged), ("Not flagged", rule.pass_examples)):
            if examples:
                text.append(title + ":\n" + "\n".join(f"- {e}" for e in examples))
                markdown.append(f"**{title}:**\n\n" + "\n".join(f"- {_md(e)}" for e in examples))
        if rule.sensitive and rule.flag_examples:
            text.append(f"Examples it flags: postlint explain {f.rule}")
            markdown.append(f"Examples it flags: `postlint explain {f.rule}`")
    return "\n\n".join(text), "\n\n".join(markdown)


_MD_SPECIAL = set("\\`*_[]<>#|~")


def _md(text: str) -> str:
    """Plain text as Markdown that renders as itself (on one line)."""
    flat = " ".join(text.split())
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)
    return "\\" + escaped if escaped[:1] in ("-", "+") else escaped


def _rule_name(rule_id: str) -> str:
    """``oversharing/phone-number`` -> ``PhoneNumber``: SARIF's identifier-like name."""
    last = rule_id.rsplit("/", 1)[-1]
    return "".join(part[:1].upper() + part[1:] for part in last.replace("_", "-").split("-")
                   if part) or rule_id


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else text


def _limit(text: str) -> str:
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


def _dumps(value) -> str:
    # Post text has passed visible_controls and URIs are percent-encoded, so no lone
    # surrogate is left; the rarer parts (notifications, rules) go through json_safe.
    return json.dumps(value, ensure_ascii=True)
