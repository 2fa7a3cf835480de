"""The audit summary: posts and findings per account, category, rule and month.

Counts are kept as a few small tables keyed by (account, month), so that the one-machine
run adds to them post by post (and saves them with its checkpoints), while Spark and Dask
compute the same tables with group-bys. Reports render them as text, JSON or one HTML page.
No post text is kept; rule examples are matches as the findings show them (masked unless
``--show-matches``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..vocabulary import CATEGORIES

UNKNOWN = "(unknown)"
EXAMPLES_PER_RULE = 3
_ISO = re.compile(r"^\s*(\d{4})[-/](\d{2})(?:\b|[-/T ])")
_TWITTER = re.compile(r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) \d{1,2} \d\d:\d\d:\d\d [+-]\d{4} (\d{4})$")
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}


def month_of(value: str | None) -> str:
    """``YYYY-MM`` of a date as exports write it (ISO 8601, X's ``created_at``, Unix time)."""
    if not value:
        return UNKNOWN
    match = _ISO.match(value)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}"
    match = _TWITTER.match(value.strip())
    if match and match.group(1) in _MONTHS:
        return f"{match.group(2)}-{_MONTHS[match.group(1)]:02d}"
    digits = value.strip()
    if digits.isdigit() and len(digits) in (10, 13):
        seconds = int(digits) / (1000 if len(digits) == 13 else 1)
        return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).strftime("%Y-%m")
    return UNKNOWN


@dataclass
class AuditSummary:
    """Counts of an audit; ``add_post`` for one post, ``merge`` for another summary."""

    # (account, month) -> posts; -> posts with findings;
    # (account, month, category, rule, severity) -> findings; rule -> [(post id, match)]
    posts: Counter = field(default_factory=Counter)
    flagged: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: int = 0

    def add_post(self, account: str | None, month: str, findings: Iterable[tuple]) -> None:
        """One post: ``findings`` are (post_id, category, rule, severity, match) tuples."""
        key = (account or UNKNOWN, month)
        self.posts[key] += 1
        seen = False
        for post_id, category, rule, severity, match in findings:
            seen = True
            self.findings[(*key, category, rule, severity)] += 1
            self.add_example(rule, post_id, match)
        if seen:
            self.flagged[key] += 1

    def add_example(self, rule: str, post_id: str, match: str) -> None:
        """Keep the examples of the lowest post ids (as text), whatever order posts come in,
        so that every engine shows the same ones."""
        shown = self.examples.setdefault(rule, [])
        if len(shown) == EXAMPLES_PER_RULE and post_id >= shown[-1][0]:
            return
        if any(item[0] == post_id for item in shown):
            return
        shown.append((post_id, match))
        shown.sort()
        del shown[EXAMPLES_PER_RULE:]

    def merge(self, other: AuditSummary) -> None:
        self.posts.update(other.posts)
        self.flagged.update(other.flagged)
        self.findings.update(other.findings)
        for rule, items in other.examples.items():
            for post_id, match in items:
                self.add_example(rule, post_id, match)
        self.problems += other.problems

    # State (checkpoints) ------------------------------------------------------------------

    def to_state(self) -> dict:
        return {"posts": [[*k, n] for k, n in sorted(self.posts.items())],
                "flagged": [[*k, n] for k, n in sorted(self.flagged.items())],
                "findings": [[*k, n] for k, n in sorted(self.findings.items())],
                "examples": {rule: [list(e) for e in items]
                             for rule, items in sorted(self.examples.items())},
                "problems": self.problems}

    @classmethod
    def from_state(cls, state: dict) -> AuditSummary:
        return cls(Counter({tuple(row[:-1]): row[-1] for row in state["posts"]}),
                   Counter({tuple(row[:-1]): row[-1] for row in state["flagged"]}),
                   Counter({tuple(row[:-1]): row[-1] for row in state["findings"]}),
                   {rule: [tuple(e) for e in items] for rule, items in state["examples"].items()},
                   state["problems"])

    # The report ---------------------------------------------------------------------------

    def report(self) -> dict:
        """The summary as a JSON-ready document (``summary_version`` 1), sorted."""
        accounts: dict[str, dict] = {}
        months: dict[str, dict] = {}
        categories: Counter = Counter()
        rules: dict[str, dict] = {}

        def slot(table: dict, name: str, key: str) -> dict:
            return table.setdefault(name, {key: name, "posts": 0, "posts_with_findings": 0,
                                           "findings": 0, "by_category": Counter()})

        for (account, month), n in self.posts.items():
            slot(accounts, account, "account")["posts"] += n
            slot(months, month, "month")["posts"] += n
        for (account, month), n in self.flagged.items():
            slot(accounts, account, "account")["posts_with_findings"] += n
            slot(months, month, "month")["posts_with_findings"] += n
        for (account, month, category, rule, severity), n in self.findings.items():
            for item in (slot(accounts, account, "account"), slot(months, month, "month")):
                item["findings"] += n
                item["by_category"][category] += n
            categories[category] += n
            entry = rules.setdefault(rule, {"rule": rule, "category": category,
                                            "severity": severity, "findings": 0})
            entry["findings"] += n
        for entry in rules.values():
            entry["examples"] = [{"post_id": i, "match": m}
                                 for i, m in self.examples.get(entry["rule"], [])]

        def finish(items: Iterable[dict]) -> list[dict]:
            out = []
            for item in items:
                item["by_category"] = dict(sorted(item["by_category"].items()))
                out.append(item)
            return out

        order = {name: i for i, name in enumerate(CATEGORIES)}
        return {
            "summary_version": 1,
            "posts": sum(self.posts.values()),
            "posts_with_findings": sum(self.flagged.values()),
            "findings": sum(self.findings.values()),
            "problems": self.problems,
            "by_account": finish(sorted(accounts.values(),
                                        key=lambda a: (-a["findings"], a["account"]))),
            "by_category": [{"category": c, "findings": n} for c, n in
                            sorted(categories.items(), key=lambda cn: order.get(cn[0], 99))],
            "by_rule": sorted(rules.values(), key=lambda r: (-r["findings"], r["rule"])),
            "by_month": finish(sorted(months.values(), key=lambda m: m["month"])),
        }
