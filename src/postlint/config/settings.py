"""Layers of settings and how they combine into the settings of one post.

A layer is one source of settings: the defaults, a profile, a configuration file, one of its
per-path overrides, the command line. Every value remembers where it was set (``Origin``),
so that ``--explain-exit`` can say which setting decided.

Layers apply in this order, later ones winning: defaults, the post's profile, the
configuration file, its overrides that match the post's path (in file order), the command
line. ``ignore`` and ``allow`` add up; ``severity`` and ``fail`` are looked up layer by
layer from the last, and within a layer the most specific selector decides; other keys
are replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .selectors import Selector, most_specific

SEVERITY_VALUES = ("error", "warning", "info", "off")
FAIL_VALUES = ("error", "warning", "info", "never")
FAIL_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}
COMMAND_LINE = "command line"  # the layer whose --fail-on replaces every configured gate


@dataclass(frozen=True)
class Origin:
    """Where a setting comes from: a file and line, a profile, the command line."""

    source: str
    line: int | None = None
    key: str = ""

    def describe(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"'{self.key}' in {where}" if self.key else where


@dataclass(frozen=True)
class Value:
    value: Any
    origin: Origin


@dataclass(frozen=True)
class Entry:
    """A selector with a value (a severity, a fail level), and where it was set."""

    selector: Selector
    value: str
    origin: Origin


@dataclass(frozen=True)
class PackRef:
    """A pack named in configuration: ``default`` (every built-in pack), a built-in or optional
    pack by name, or a file (an absolute path once read)."""

    name: str
    path: str | None  # the file; None for 'default'
    origin: Origin


@dataclass(frozen=True)
class Layer:
    """One source of settings; ``None`` means "not set here"."""

    name: str
    profile: Value | None = None
    packs: tuple[PackRef, ...] | None = None
    add_packs: tuple[PackRef, ...] = ()
    exclusive_packs: bool = False  # --only-packs: drop packs that earlier layers added
    select: tuple[Entry, ...] | None = None
    ignore: tuple[Entry, ...] = ()
    severity: tuple[Entry, ...] = ()
    fail_on: Value | None = None
    fail: tuple[Entry, ...] = ()
    allow: tuple[str, ...] = ()
    platform: Value | None = None
    model: Value | None = None
    text_field: Value | None = None
    reader: Value | None = None
    baseline: Value | None = None
    require_reason: Value | None = None
    report_unused: Value | None = None


@dataclass(frozen=True)
class LinterKey:
    """What a ``Linter`` is built from; posts with equal keys share one linter."""

    packs: tuple[str, ...] = ()
    only_packs: bool = False
    model: str | None = None
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """The effective settings of one post."""

    linter: LinterKey
    platform: str | None = None
    profile: Value | None = None
    select: tuple[Entry, ...] | None = None
    ignore: tuple[Entry, ...] = ()
    severity: tuple[tuple[Entry, ...], ...] = ()
    fail_on: Value = field(default_factory=lambda: Value("error", Origin("the default",
                                                                          key="fail-on")))
    fail: tuple[tuple[Entry, ...], ...] = ()
    gate_from_command_line: bool = False
    allow: tuple[str, ...] = ()
    baseline: Value | None = None
    require_reason: bool = False
    report_unused: bool = False
    text_field: str | None = None
    reader: str | None = None

    def severity_for(self, rule: str, category: str, tags: tuple[str, ...]) -> Entry | None:
        """The severity override that applies to a rule, if any."""
        return _layered(self.severity, rule, category, tags)

    def gate_for(self, rule: str, category: str, tags: tuple[str, ...]) -> Value | Entry:
        """The setting that says at which severity findings of this rule fail."""
        if not self.gate_from_command_line:
            entry = _layered(self.fail, rule, category, tags)
            if entry is not None:
                return entry
        return self.fail_on

    def is_selected(self, rule: str, category: str, tags: tuple[str, ...]) -> bool:
        if self.select is not None and not any(e.selector.matches(rule, category, tags)
                                               for e in self.select):
            return False
        return not any(e.selector.matches(rule, category, tags) for e in self.ignore)


def _layered(layers: tuple[tuple[Entry, ...], ...], rule: str, category: str,
             tags: tuple[str, ...]) -> Entry | None:
    for entries in reversed(layers):
        found = most_specific(((e.selector, e) for e in entries), rule, category, tags)
        if found is not None:
            return found[1]
    return None


def combine(layers: list[Layer], resolve_packs) -> Settings:
    """Fold layers (earliest first) into settings; ``resolve_packs`` turns pack references
    into a ``LinterKey``'s packs and only_packs."""
    packs: tuple[PackRef, ...] = ()
    added: list[PackRef] = []
    values: dict[str, Value | None] = {}
    select = None
    ignore: list[Entry] = []
    allow: list[str] = []
    severity: list[tuple[Entry, ...]] = []
    fail: list[tuple[Entry, ...]] = []
    gate_from_command_line = False
    for layer in layers:
        if layer.packs is not None:
            packs = layer.packs
        if layer.exclusive_packs:
            added = []
        added += layer.add_packs
        if layer.select is not None:
            select = layer.select
        ignore += layer.ignore
        allow += [a for a in layer.allow if a not in allow]
        if layer.severity:
            severity.append(layer.severity)
        if layer.fail:
            fail.append(layer.fail)
        for key in ("profile", "fail_on", "platform", "model", "text_field", "reader",
                    "baseline", "require_reason", "report_unused"):
            value = getattr(layer, key)
            if value is not None:
                values[key] = value
        if layer.name == COMMAND_LINE and layer.fail_on is not None:
            gate_from_command_line = True
    pack_files, only_packs = resolve_packs((*packs, *added))
    model = _plain(values.get("model"))
    kwargs: dict[str, Any] = {}
    if values.get("fail_on") is not None:
        kwargs["fail_on"] = values["fail_on"]
    return Settings(
        linter=LinterKey(pack_files, only_packs, model, tuple(allow)),
        platform=_plain(values.get("platform")), profile=values.get("profile"),
        select=select, ignore=tuple(ignore), severity=tuple(severity), fail=tuple(fail),
        gate_from_command_line=gate_from_command_line, allow=tuple(allow),
        baseline=values.get("baseline"),
        require_reason=bool(_plain(values.get("require_reason"))),
        report_unused=bool(_plain(values.get("report_unused"))),
        text_field=_plain(values.get("text_field")), reader=_plain(values.get("reader")),
        **kwargs)


def _plain(value: Value | None):
    return None if value is None else value.value
