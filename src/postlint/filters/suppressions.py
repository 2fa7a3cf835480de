"""Inline suppressions: directives in the post's comments and front matter.

In Markdown and HTML comments (``InputPost.comments``)::

    <!-- postlint-disable oversharing/phone-number -- our support hotline -->
    ...lines where that rule is not reported...
    <!-- postlint-enable oversharing/phone-number -->
    <!-- postlint-disable-next-line controversy/* -- quoting the review -->
    A line <!-- postlint-disable-line tag:profanity -- the band's name -->

and in front matter: ``postlint: {disable: [RULE, ...], reason: WHY}`` (the whole post).
Rules are ids, patterns (``oversharing/*``), ``category:NAME`` or ``tag:NAME``, separated by
commas or spaces; none means every rule. The reason follows ``--``. A directive applies to a
finding's spans by file line, so a grouped finding keeps its spans outside the directive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..config.selectors import Selector, SelectorError, parse_selector, unknown_rule_problem
from ..sources import InputPost
from .meta import BAD, NO_REASON, UNUSED, Note

ACTIONS = ("disable", "enable", "disable-line", "disable-next-line")
_DIRECTIVE = re.compile(r"^\s*postlint-([A-Za-z-]*)(.*)$", re.DOTALL)
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
FRONT_MATTER_KEYS = ("disable", "reason")


@dataclass(frozen=True)
class Directive:
    action: str  # one of ACTIONS, or "front-matter"
    selectors: tuple[Selector, ...]  # empty: every rule
    reason: str | None
    line: int  # file lines of the comment
    end_line: int
    text: str  # as written, for messages

    @property
    def label(self) -> str:
        return f"postlint-{self.action}" if self.action != "front-matter" else \
            "front matter 'postlint.disable'"


@dataclass
class Region:
    """Lines where one directive's selector (or every rule) is suppressed."""

    directive: Directive
    selector: Selector | None
    first: int
    last: int | None  # None: to the end of the file
    used: bool = False

    def covers(self, line: int, rule: str, category: str, tags: tuple[str, ...]) -> bool:
        if line < self.first or (self.last is not None and line > self.last):
            return False
        return self.selector is None or self.selector.matches(rule, category, tags)


@dataclass
class Suppressions:
    """The directives of one post, ready to apply to its findings."""

    directives: list[Directive] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(default_factory=dict)  # meta rule -> notes

    def note(self, rule: str, line: int, message: str, directive: str) -> None:
        self.notes.setdefault(rule, []).append(Note(line, message, directive))

    def suppresses(self, line: int, rule: str, category: str, tags: tuple[str, ...]) -> bool:
        hit = False
        for region in self.regions:
            if region.covers(line, rule, category, tags):
                region.used = hit = True
        return hit

    def finish(self, report_unused: bool, require_reason: bool) -> dict[str, list[Note]]:
        """Notes for the meta rules, once every finding has been offered."""
        notes = {rule: list(found) for rule, found in self.notes.items()}
        if require_reason:
            for d in self.directives:
                if d.action != "enable" and not d.reason:
                    notes.setdefault(NO_REASON, []).append(Note(
                        d.line, f"{d.label} needs a reason: add '-- why' after the rules"
                        if d.action != "front-matter" else
                        "front matter 'postlint.disable' needs a 'reason'", d.text))
        if report_unused:
            unused: dict[int, list[Region]] = {}
            for region in self.regions:
                if not region.used:
                    unused.setdefault(id(region.directive), []).append(region)
            for regions in unused.values():
                d = regions[0].directive
                names = [str(r.selector) for r in regions if r.selector is not None]
                what = ", ".join(f"'{n}'" for n in names) if names else "any rule"
                notes.setdefault(UNUSED, []).append(Note(
                    d.line, f"{d.label} for {what} suppressed nothing; remove it", d.text))
        return notes


def parse_suppressions(post: InputPost, rule_ids: Callable[[], Iterable[str]]
                       ) -> Suppressions:
    """Read the directives of ``post``; malformed ones become ``bad-directive`` notes.

    ``rule_ids()`` gives the rule ids directives may name; it is asked only when the post
    has a directive.
    """
    found = Suppressions()
    has_front_matter = isinstance(post.metadata, Mapping) and "postlint" in post.metadata
    if not has_front_matter and not any(_DIRECTIVE.match(c.text) for c in post.comments):
        return found
    ids = tuple(rule_ids())
    _front_matter(post, ids, found)
    for comment in post.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        text = " ".join(comment.text.split())
        action, rest = match.group(1).lower(), match.group(2)
        if action not in ACTIONS:
            found.note(BAD, comment.line, f"unknown directive 'postlint-{match.group(1)}'; "
                       "expected " + ", ".join(f"postlint-{a}" for a in ACTIONS), text)
            continue
        if rest and not rest[0].isspace():
            found.note(BAD, comment.line, f"unknown directive 'postlint-{action}{rest.split()[0]}'",
                       text)
            continue
        rules_part, reason = _split_reason(rest)
        selectors = _selectors(rules_part.replace(",", " ").split(), ids, comment.line, text,
                               found)
        if selectors is None:
            continue
        found.directives.append(Directive(action, selectors, reason, comment.line,
                                          comment.end_line, text))
    found.regions = _regions(found.directives)
    return found


def _split_reason(rest: str) -> tuple[str, str | None]:
    parts = _REASON.split(rest, maxsplit=1)
    if len(parts) == 1:
        return rest, None
    reason = " ".join(parts[1].split())
    return parts[0], reason or None


def _selectors(words: list[str], ids: tuple[str, ...], line: int, text: str,
               found: Suppressions) -> tuple[Selector, ...] | None:
    selectors = []
    for word in words:
        try:
            selector = parse_selector(word)
        except SelectorError as exc:
            found.note(BAD, line, f"cannot read '{word}': {exc}", text)
            return None
        problem = unknown_rule_problem(selector, ids)
        if problem:
            found.note(BAD, line, problem, text)
            return None
        selectors.append(selector)
    return tuple(selectors)


def _front_matter(post: InputPost, ids: tuple[str, ...], found: Suppressions) -> None:
    settings = post.metadata.get("postlint") if isinstance(post.metadata, Mapping) else None
    if settings is None:
        return
    line = front_matter_line(post, "postlint")
    text = "postlint:"
    if not isinstance(settings, Mapping):
        found.note(BAD, line, "front matter 'postlint' must be a mapping with 'disable' and "
                   "'reason'", text)
        return
    unknown = [k for k in settings if k not in FRONT_MATTER_KEYS]
    if unknown:
        found.note(BAD, line, f"front matter 'postlint.{unknown[0]}': unknown key; expected "
                   + ", ".join(FRONT_MATTER_KEYS), text)
        return
    rules = settings.get("disable", [])
    if isinstance(rules, str):
        rules = rules.replace(",", " ").split()
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        found.note(BAD, line, "front matter 'postlint.disable' must be a list of rule ids, "
                   "patterns, 'category:' or 'tag:'", text)
        return
    reason = settings.get("reason")
    if reason is not None and not isinstance(reason, str):
        found.note(BAD, line, "front matter 'postlint.reason' must be text", text)
        return
    selectors = _selectors(rules, ids, line, text, found)
    if selectors is None:
        return
    if not selectors:
        found.note(BAD, line, "front matter 'postlint.disable' names no rules (to skip a "
                   "file, use 'exclude' in the configuration)", text)
        return
    reason = " ".join(reason.split()) if reason else None
    found.directives.append(Directive("front-matter", selectors, reason, line, line, text))


def front_matter_line(post: InputPost, key: str) -> int:
    """The file line of a front matter key when the reader knows it, else the post's first."""
    line_of = getattr(post.metadata, "line_of", None)
    if callable(line_of):
        try:
            found = line_of(key)
        except Exception:  # a reader's mapping with another signature
            found = None
        if isinstance(found, int) and found > 0:
            return found
    return 1 + post.line_offset


def _regions(directives: list[Directive]) -> list[Region]:
    regions: list[Region] = []
    open_regions: list[Region] = []
    for d in sorted(directives, key=lambda d: (d.line, d.end_line)):
        targets: list[Selector | None] = list(d.selectors) or [None]
        if d.action == "front-matter":
            regions += [Region(d, s, 1, None) for s in targets]
        elif d.action == "disable-line":
            regions += [Region(d, s, d.line, d.end_line) for s in targets]
        elif d.action == "disable-next-line":
            regions += [Region(d, s, d.end_line + 1, d.end_line + 1) for s in targets]
        elif d.action == "disable":
            new = [Region(d, s, d.line, None) for s in targets]
            regions += new
            open_regions += new
        else:  # enable: ends the disables it names (all of them when it names none)
            names = {s.text.lower() for s in d.selectors}
            for region in list(open_regions):
                label = region.selector.text.lower() if region.selector else None
                if not names or label in names:
                    region.last = d.line
                    open_regions.remove(region)
    return regions
