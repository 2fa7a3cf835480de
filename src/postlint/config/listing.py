"""``postlint rules --profile/--config``: every rule with the severity and gate it gets."""

from __future__ import annotations

from ..config.settings import FAIL_RANK, Settings
from ..filters.gate import describe_setting
from ..vocabulary import SEVERITY_RANK


def rules_with_settings(linter, settings: Settings) -> str:
    """One line per rule: id, category, effective severity, when it fails, what set it."""
    rows = []
    for compiled in linter.ruleset.compiled:
        r = compiled.rule
        override = settings.severity_for(r.id, r.category, r.tags)
        severity = r.severity if override is None else override.value
        selected = settings.is_selected(r.id, r.category, r.tags) and severity != "off"
        gate = settings.gate_for(r.id, r.category, r.tags)
        if not selected:
            shown, fails = "off", "-"
        else:
            shown = severity if severity == r.severity else f"{severity} (was {r.severity})"
            fails = "yes" if SEVERITY_RANK[severity] >= FAIL_RANK[str(gate.value)] else "no"
        why = []
        if override is not None:
            why.append(describe_setting(override))
        if selected:
            why.append(describe_setting(gate))
        note = f"  [skipped: {compiled.skipped}]" if compiled.skipped else ""
        rows.append((r.id, r.category, shown, fails, "; ".join(why) + note))
    head = ("RULE", "CATEGORY", "SEVERITY", "FAILS")
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + "  SET BY"]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
                     + "  " + row[4])
    return "\n".join(lines) + "\n"
