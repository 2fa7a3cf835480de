"""``regex``: patterns over the post's text, in RE2's linear-time dialect, with validators.

RE2 guarantees matching time linear in the input, so a pattern like ``(a+)+$`` cannot hang
a run. The dialect is Perl-like without backreferences or look-around; ``\\w``, ``\\d`` and
``\\b`` are ASCII, ``\\pL`` and ``\\p{Greek}`` are Unicode classes; ``(?i)`` for case.
"""

from __future__ import annotations

import re2

from ..packs.fields import Fields
from ..validators import VALIDATORS
from .base import Check, Hit

MAX_PATTERN = 5_000
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 16 << 20


def compile_regex(f: Fields, key: str, pattern: str):
    """Compile one pattern for a pack, failing with the field's line on bad syntax."""
    if len(pattern) > MAX_PATTERN:
        f.fail(key, f"pattern is longer than {MAX_PATTERN} characters")
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        f.fail(key, f"invalid RE2 pattern: {detail} (backreferences and look-around are not "
               "supported; see docs/rule-packs.md)")


class RegexCheck(Check):
    FIELDS = ("pattern", "patterns", "group", "validators", "in_urls")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        if f.has("pattern") == f.has("patterns"):
            f.fail("pattern", "give exactly one of 'pattern' or 'patterns'")
        key = "pattern" if f.has("pattern") else "patterns"
        sources = f.text_list(key, limit=200)
        compiled = [compile_regex(f, key, p) for p in sources]
        group = f.raw("group", 0)
        if isinstance(group, bool) or not isinstance(group, (int, str)):
            f.fail("group", "must be a group number or name")
        for c in compiled:
            if isinstance(group, int) and not 0 <= group <= c.groups:
                f.fail("group", f"pattern has {c.groups} groups, not {group}")
            if isinstance(group, str) and group not in c.groupindex:
                f.fail("group", f"pattern has no group named '{group}'")
        validators = f.text_list("validators", required=False)
        for name in validators:
            if name not in VALIDATORS:
                f.fail("validators", f"unknown validator '{name}'; expected one of: "
                       + ", ".join(sorted(VALIDATORS)))
        return {"sources": sources, "compiled": compiled, "group": group,
                "validators": [VALIDATORS[v] for v in validators],
                "in_urls": f.boolean("in_urls", False)}

    def __init__(self, params: dict):
        super().__init__(params)
        self.patterns = params["compiled"]
        self.group = params["group"]
        self.validators = params["validators"]
        self.in_urls = params["in_urls"]

    def find(self, post):
        text = post.text if self.in_urls else post.text_without_urls
        hits = []
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                start, end = m.span(self.group)
                if start < 0 or end <= start:
                    continue
                value = text[start:end]
                if all(check(value) for check in self.validators):
                    hits.append(Hit(start, end))
        return hits
