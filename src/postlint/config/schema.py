"""The configuration schema: ``postlint.yaml`` and ``[tool.postlint]`` read into layers.

Validated like rule packs: the first unknown key or bad value stops the run with the file,
the line and the key (exit 2), before any post is checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import PackError
from ..packs.fields import Fields
from ..packs.loader import Located, LocatedList
from ..vocabulary import PLATFORMS
from .globs import Glob, GlobError, compile_glob, relative_to
from .selectors import SelectorError, parse_selector, unknown_rule_problem
from .settings import FAIL_VALUES, SEVERITY_VALUES, Entry, Layer, Origin, PackRef, Value


class ConfigError(PackError):
    """A configuration file (or profile) is broken: names the file, the line and the key."""


LAYER_KEYS = ("profile", "packs", "select", "ignore", "severity", "allow", "platform",
              "fail-on", "fail", "input", "model", "suppressions")
TOP_KEYS = (*LAYER_KEYS, "include", "exclude", "overrides", "baseline")
OVERRIDE_KEYS = ("files", *LAYER_KEYS)
PROFILE_KEYS = ("profile", "description", "packs", "ignore", "severity", "fail-on", "fail",
                "suppressions")
INPUT_KEYS = ("text-field", "reader")
SUPPRESSION_KEYS = ("require-reason", "report-unused")
META_RULES = ("postlint/unused-suppression", "postlint/suppression-without-reason",
              "postlint/bad-directive")


@dataclass(frozen=True)
class Override:
    """Settings for the files that match ``files`` (relative to the configuration's folder)."""

    files: tuple[Glob, ...]
    layer: Layer


@dataclass(frozen=True)
class Config:
    """One configuration file, read and validated."""

    path: str  # absolute
    display: str  # as shown in messages
    root: str  # the folder paths and globs are relative to
    base: Layer
    overrides: tuple[Override, ...] = ()
    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()

    def relative(self, path: str) -> str:
        return relative_to(path, self.root)

    def overrides_for(self, path: str) -> tuple[int, ...]:
        """Indexes of the overrides whose globs match ``path``."""
        rel = self.relative(path)
        return tuple(i for i, o in enumerate(self.overrides) if any(g.matches(rel)
                                                                    for g in o.files))

    def is_excluded(self, path: str) -> bool:
        rel = self.relative(path)
        return any(g.matches(rel) for g in self.exclude)

    def is_included(self, path: str) -> bool | None:
        """For a walked file: True/False by ``include``, None when ``include`` is not set."""
        if not self.include:
            return None
        rel = self.relative(path)
        return any(g.matches(rel) for g in self.include)


def parse_config(data: Any, path: str, display: str) -> Config:
    """Validate a configuration mapping (from YAML or TOML) and return it."""
    root = os.path.dirname(os.path.abspath(path))
    if data is None:
        data = Located()
        data.line, data.key_lines = 1, {}
    top = Fields(data, display, where="", line=1)
    _only(top, TOP_KEYS)
    reader = _Reader(display, root)
    base = reader.layer(top, "configuration")
    include = reader.globs(top, "include")
    exclude = reader.globs(top, "exclude")
    baseline = None
    if top.has("baseline"):
        baseline = Value(os.path.join(root, top.text("baseline")),
                         Origin(display, top.line("baseline"), "baseline"))
    if baseline is not None:
        base = _with(base, baseline=baseline)
    overrides = []
    if top.has("overrides"):
        items = top.raw("overrides")
        if not isinstance(items, list):
            top.fail("overrides", "must be a list of mappings, each with 'files'")
        for i, raw in enumerate(items):
            line = items.line_of(i) if isinstance(items, LocatedList) else top.line("overrides")
            f = Fields(raw, display, where=f"overrides[{i + 1}]", line=line)
            _only(f, OVERRIDE_KEYS)
            if not f.has("files"):
                f.fail("files", "is required: the paths (globs) these settings apply to")
            files = reader.globs(f, "files")
            overrides.append(Override(files, reader.layer(f, f"overrides[{i + 1}]")))
    config = Config(os.path.abspath(path), display, root, base, tuple(overrides), include,
                    exclude)
    _check_rule_names(config)
    return config


def parse_profile(data: Any, path: str, display: str) -> tuple[str, str, Layer]:
    """A profile file: its name, its description and its settings."""
    top = Fields(data, display, where="", line=1)
    _only(top, PROFILE_KEYS)
    name = top.text("profile")
    description = " ".join(top.text("description").split())
    reader = _Reader(display, os.path.dirname(os.path.abspath(path)), profile=name)
    layer = reader.layer(top, f"profile '{name}'")
    return name, description, layer


class _Reader:
    def __init__(self, display: str, root: str, profile: str | None = None):
        self.display = display
        self.root = root
        self.profile = profile

    def origin(self, f: Fields, key: str, line: int | None = None) -> Origin:
        label = f"{f.where}.{key}" if f.where else key
        if self.profile:  # a shipped file: name the profile, not a line of the package
            return Origin(f"profile '{self.profile}'", None, label)
        return Origin(self.display, line or f.line(key), label)

    def layer(self, f: Fields, name: str) -> Layer:
        values: dict[str, Any] = {}
        if f.has("profile") and not self.profile:
            from ..profiles import profile_names

            values["profile"] = Value(f.choice("profile", profile_names()),
                                      self.origin(f, "profile"))
        if f.has("packs"):
            refs = self.packs(f)
            values["add_packs" if self.profile else "packs"] = refs
        if f.has("select"):
            values["select"] = self.selectors(f, "select")
        if f.has("ignore"):
            values["ignore"] = self.selectors(f, "ignore")
        if f.has("severity"):
            values["severity"] = self.rated(f, "severity", SEVERITY_VALUES)
        if f.has("fail"):
            values["fail"] = self.rated(f, "fail", FAIL_VALUES)
        if f.has("fail-on"):
            values["fail_on"] = Value(f.choice("fail-on", FAIL_VALUES),
                                      self.origin(f, "fail-on"))
        if f.has("allow"):
            values["allow"] = tuple(f.text_list("allow", allow_empty=True))
        if f.has("platform"):
            values["platform"] = Value(f.choice("platform", PLATFORMS),
                                       self.origin(f, "platform"))
        if f.has("model"):
            values["model"] = Value(f.text("model"), self.origin(f, "model"))
        if f.has("input"):
            sub = f.sub("input")
            _only(sub, INPUT_KEYS)
            if sub.has("text-field"):
                values["text_field"] = Value(sub.text("text-field"),
                                             self.origin(sub, "text-field"))
            if sub.has("reader"):
                values["reader"] = Value(_reader_name(sub), self.origin(sub, "reader"))
        if f.has("suppressions"):
            sub = f.sub("suppressions")
            _only(sub, SUPPRESSION_KEYS)
            for key, attr in (("require-reason", "require_reason"),
                              ("report-unused", "report_unused")):
                if sub.has(key):
                    values[attr] = Value(sub.boolean(key), self.origin(sub, key))
        return Layer(name, **values)

    def packs(self, f: Fields) -> tuple[PackRef, ...]:
        from ..profiles import builtin_pack_names, optional_pack_files

        items = f.raw("packs")
        names = f.text_list("packs")
        builtin = builtin_pack_names()
        optional = optional_pack_files()
        refs = []
        for i, name in enumerate(names):
            line = items.line_of(i) if isinstance(items, LocatedList) else f.line("packs")
            origin = self.origin(f, "packs", line)
            if name == "default":
                refs.append(PackRef("default", None, origin))
            elif "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
                file = os.path.normpath(os.path.join(self.root, os.path.expanduser(name)))
                if not os.path.isfile(file):
                    self.item_fail(f, "packs", i, line, f"pack file '{name}' does not exist "
                                   f"(paths are relative to {self.display})")
                refs.append(PackRef(name, file, origin))
            elif name in builtin:
                refs.append(PackRef(name, str(builtin[name]), origin))
            elif name in optional:
                refs.append(PackRef(name, str(optional[name]), origin))
            else:
                import difflib

                known = ["default", *builtin, *optional]
                guess = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else \
                    "built-in packs: " + ", ".join(known)
                self.item_fail(f, "packs", i, line, f"unknown pack '{name}'; {hint} (a pack "
                               "file needs a path such as ./rules/acme.yaml)")
        return tuple(refs)

    def selectors(self, f: Fields, key: str) -> tuple[Entry, ...]:
        items = f.raw(key)
        texts = f.text_list(key, allow_empty=True)
        entries = []
        for i, text in enumerate(texts):
            line = items.line_of(i) if isinstance(items, LocatedList) else f.line(key)
            try:
                selector = parse_selector(text)
            except SelectorError as exc:
                self.item_fail(f, key, i, line, str(exc))
            entries.append(Entry(selector, "", self.origin(f, key, line)))
        return tuple(entries)

    def rated(self, f: Fields, key: str, allowed: Iterable[str]) -> tuple[Entry, ...]:
        sub = f.sub(key)
        allowed = tuple(allowed)
        entries = []
        for text, value in sub.mapping.items():
            line = sub.line(text)
            label = f"{sub.where}.{text}"
            try:
                selector = parse_selector(text)
            except SelectorError as exc:
                raise ConfigError(self.display, line, f"field '{label}': {exc}") from None
            if isinstance(value, bool) and not value:
                value = "off" if "off" in allowed else "never"  # YAML reads a bare off as false
            if not isinstance(value, str) or value not in allowed:
                shown = f"'{value}'" if isinstance(value, str) else repr(value)
                raise ConfigError(self.display, line, f"field '{label}': unknown value "
                                  f"{shown}; expected one of: {', '.join(allowed)}")
            origin = self.origin(sub, text, line)
            entries.append(Entry(selector, value, Origin(origin.source, origin.line, label)))
        return tuple(entries)

    def globs(self, f: Fields, key: str) -> tuple[Glob, ...]:
        if not f.has(key):
            return ()
        items = f.raw(key)
        globs = []
        for i, text in enumerate(f.text_list(key, allow_empty=key != "files")):
            line = items.line_of(i) if isinstance(items, LocatedList) else f.line(key)
            try:
                globs.append(compile_glob(text))
            except GlobError as exc:
                self.item_fail(f, key, i, line, str(exc))
        return tuple(globs)

    def item_fail(self, f: Fields, key: str, index: int, line: int | None, message: str):
        label = f"{f.where}.{key}" if f.where else key
        raise ConfigError(self.display, line, f"field '{label}' item {index + 1}: {message}")


def _only(f: Fields, allowed: Iterable[str]) -> None:
    try:
        f.only(allowed)
    except PackError as exc:
        raise ConfigError(exc.path, exc.line, exc.detail) from None


def _reader_name(f: Fields) -> str:
    from ..sources import discover

    return f.choice("reader", list(discover.READERS))


def _with(layer: Layer, **changes) -> Layer:
    from dataclasses import replace

    return replace(layer, **changes)


def _check_rule_names(config: Config) -> None:
    """Every rule id and pattern in the file must name a rule of the packs it can use."""
    from ..profiles import optional_pack_files

    layers = [config.base, *(o.layer for o in config.overrides)]
    files = {r.path for layer in layers for r in (layer.packs or ()) if r.path}
    files.update(str(p) for p in optional_pack_files().values())
    ids = (*known_rule_ids(tuple(sorted(files))), *META_RULES)
    for layer in layers:
        check_entries(layer, ids)


def check_entries(layer: Layer, ids: Iterable[str]) -> None:
    """Refuse id and pattern selectors of ``layer`` that name no rule in ``ids``."""
    ids = tuple(ids)
    for entry in (*(layer.select or ()), *layer.ignore, *layer.severity, *layer.fail):
        problem = unknown_rule_problem(entry.selector, ids)
        if problem:
            origin = entry.origin
            raise ConfigError(origin.source, origin.line, f"field '{origin.key}': {problem}")


@lru_cache(maxsize=16)
def known_rule_ids(extra_files: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the built-in rules and of the rules in ``extra_files``."""
    from ..packs import builtin_pack_files, load_pack

    files = sorted({*map(str, builtin_pack_files()), *extra_files})
    return tuple(r.id for f in files for r in load_pack(f).rules)
