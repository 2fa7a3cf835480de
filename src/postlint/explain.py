"""Human-readable listings of rules: ``postlint rules`` and ``postlint explain``."""

from __future__ import annotations

import textwrap

from .api import Linter
from .errors import UsageError


def list_rules(linter: Linter) -> str:
    """One line per rule: id, category, tags, severity, kind, message."""
    rows = []
    for compiled in linter.ruleset.compiled:
        r = compiled.rule
        note = f"  [skipped: {compiled.skipped}]" if compiled.skipped else ""
        rows.append((r.id, r.category, ",".join(r.tags), r.severity, r.kind,
                     _one_line(r.summary) + note))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    head = ("RULE", "CATEGORY", "TAGS", "SEVERITY", "KIND")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + "  MESSAGE"]
    for row in rows:
        cells = "  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=True))
        lines.append(f"{cells}  {row[5]}")
    return "\n".join(lines) + "\n"


def explain_rule(linter: Linter, rule_id: str) -> str:
    """The rule's reason, suggestion, examples and what it matches."""
    found = [c for c in linter.ruleset.compiled if c.rule.id == rule_id]
    if not found:
        ids = [c.rule.id for c in linter.ruleset.compiled]
        import difflib

        guess = difflib.get_close_matches(rule_id, ids, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else "; `postlint rules` lists them"
        raise UsageError(f"unknown rule '{rule_id}'{hint}")
    compiled = found[0]
    r = compiled.rule
    out = [f"{r.id}  ({r.severity}, {r.category}: {', '.join(r.tags)})", ""]
    out += _para("Why", r.why)
    if r.suggestion:
        out += _para("Instead", r.suggestion)
    out += _para("Message", r.message)
    out += ["Matches:"] + [f"  {line}" for line in _matches(r)] + [""]
    if compiled.skipped:
        out += [f"Skipped with this pipeline: {compiled.skipped} (use --model).", ""]
    if r.flag_examples:
        out += ["Flags:"] + [f"  - {e}" for e in r.flag_examples] + [""]
    if r.pass_examples:
        out += ["Leaves alone:"] + [f"  - {e}" for e in r.pass_examples] + [""]
    out += [f"Defined in {r.path}:{r.line}", ""]
    return "\n".join(out)


def _para(title: str, text: str) -> list[str]:
    return [f"{title}:"] + textwrap.wrap(" ".join(text.split()), 88, initial_indent="  ",
                                         subsequent_indent="  ") + [""]


def _matches(rule) -> list[str]:
    p = rule.params
    kind = rule.kind
    if kind == "terms":
        how = "every inflection of" if p["match"] == "lemma" else "the exact words"
        lines = [f"{how}: " + ", ".join(p["terms"][:40]) + (" ..." if len(p["terms"]) > 40 else "")]
        if p["exceptions"]:
            lines.append("except in: " + ", ".join(p["exceptions"]))
    elif kind == "regex":
        lines = [f"RE2 pattern: {s}" for s in p["sources"]]
        if p["validators"]:
            lines.append("validated by: " + ", ".join(v.__name__ for v in p["validators"]))
    elif kind == "pattern":
        lines = [f"token pattern: {pat}" for pat in p["patterns"]]
    elif kind == "near":
        lines = [f"a target within {p['within']} words of a companion"
                 + (", with no blocker nearby" if p["without"] else "")]
    elif kind == "entity":
        lines = ["entities labelled " + ", ".join(sorted(p["labels"]))]
    elif kind == "sentiment":
        lines = [f"a {p['scope']} with VADER compound score <= {p['threshold']}"]
    elif kind == "metric":
        bounds = [f"min {p['min']}" if p["min"] is not None else "",
                  f"max {p['max']}" if p["max"] is not None else ""]
        lines = [f"{p['metric']} outside {' and '.join(b for b in bounds if b)}"]
    elif kind == "length":
        lines = ["over " + ", ".join(f"{k} {v}" for k, v in p["limits"].items())
                 + " characters (only with --platform)"]
    else:
        lines = [kind]
    if rule.context:
        c = rule.context
        if c.require:
            lines.append("only with nearby: " + ", ".join(w.strip() for w in c.require))
        if c.exclude:
            lines.append("not with nearby: " + ", ".join(w.strip() for w in c.exclude))
    if rule.ignore:
        lines.append("ignored when: " + ", ".join(sorted(rule.ignore)))
    return lines


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:87] + "..."
