"""Selectors: how configuration names rules (ids, glob patterns, categories and tags).

``oversharing/phone-number`` (a rule id), ``oversharing/*`` (a glob over ids),
``category:controversy`` or bare ``controversy`` (a category), ``tag:profanity`` (a tag),
``*`` (every rule). Where several selectors of one layer match a finding, the most specific
one decides: rule id, then glob, then tag, then category, then ``*``.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..vocabulary import CATEGORIES, OPTIONAL_CATEGORIES, TAGS

# Findings postlint makes about its own directives (unused or malformed suppressions).
META_CATEGORY = "postlint"
META_TAG = "suppression"
SELECTOR_CATEGORIES = (*CATEGORIES, *OPTIONAL_CATEGORIES, META_CATEGORY)
SELECTOR_TAGS = (*TAGS, META_TAG)

SPECIFICITY = {"all": 0, "category": 1, "tag": 2, "glob": 3, "id": 4}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
_GLOB = re.compile(r"^[a-z0-9*?\[\]!/-]+$")


@dataclass(frozen=True)
class Selector:
    """One way of naming rules; ``text`` is as the user wrote it."""

    kind: str  # all, category, tag, glob, id
    value: str
    text: str

    @property
    def specificity(self) -> int:
        return SPECIFICITY[self.kind]

    def matches(self, rule: str, category: str, tags: Iterable[str]) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "id":
            return rule == self.value
        if self.kind == "glob":
            return fnmatch.fnmatchcase(rule, self.value)
        if self.kind == "category":
            return category == self.value
        return self.value in tags

    def __str__(self) -> str:
        return self.text


class SelectorError(ValueError):
    """A selector that cannot be read; the message says why."""


def parse_selector(text: str) -> Selector:
    """Read one selector, or raise :class:`SelectorError` with a hint."""
    raw = text.strip()
    value = raw.lower()
    if value == "*":
        return Selector("all", "*", raw)
    if value.startswith("category:"):
        name = value.split(":", 1)[1].strip()
        if name not in SELECTOR_CATEGORIES:
            raise SelectorError(f"unknown category '{name}'{_hint(name, SELECTOR_CATEGORIES)}")
        return Selector("category", name, raw)
    if value.startswith("tag:"):
        name = value.split(":", 1)[1].strip()
        if name not in SELECTOR_TAGS:
            raise SelectorError(f"unknown tag '{name}'{_hint(name, SELECTOR_TAGS)}")
        return Selector("tag", name, raw)
    if value in SELECTOR_CATEGORIES:
        return Selector("category", value, raw)
    if "/" not in value:
        guess = _hint(value, SELECTOR_CATEGORIES) or "; write a rule id (pack/rule), a " \
            "pattern such as 'oversharing/*', 'category:NAME' or 'tag:NAME'"
        raise SelectorError(f"'{raw}' is not a rule id, pattern, category or tag{guess}")
    if any(ch in value for ch in "*?["):
        if not _GLOB.match(value):
            raise SelectorError(f"'{raw}' is not a valid rule pattern")
        return Selector("glob", value, raw)
    if not _ID.match(value):
        raise SelectorError(f"'{raw}' is not a valid rule id (lower-case pack/rule)")
    return Selector("id", value, raw)


def unknown_rule_problem(selector: Selector, rule_ids: Iterable[str]) -> str | None:
    """Why an id or glob selector names no known rule (``None`` when it names one)."""
    if selector.kind not in ("id", "glob"):
        return None
    ids = list(rule_ids)
    if any(selector.matches(r, "", ()) for r in ids):
        return None
    if selector.kind == "glob":
        return f"pattern '{selector.text}' matches no rule"
    return f"no rule '{selector.text}'{_hint(selector.value, ids)}"


def most_specific(entries: Iterable[tuple[Selector, object]], rule: str, category: str,
                  tags: Iterable[str]):
    """The entry whose selector matches most specifically (the last written on a tie)."""
    best = None
    best_rank = -1
    tags = tuple(tags)
    for entry in entries:
        selector = entry[0]
        if selector.specificity >= best_rank and selector.matches(rule, category, tags):
            best, best_rank = entry, selector.specificity
    return best


def _hint(value: str, options: Iterable[str]) -> str:
    guess = difflib.get_close_matches(value, list(options), n=1)
    return f"; did you mean '{guess[0]}'?" if guess else ""
