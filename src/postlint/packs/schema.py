"""The rule-pack schema: one YAML format for packs and rules, validated when packs load.

Fields common to every rule are read here; each rule kind reads its own fields
(``postlint.kinds``). Nothing of a pack is used before all of it has been validated.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PackError
from ..vocabulary import CATEGORIES, OPTIONAL_CATEGORIES, SEVERITIES, TAGS
from .fields import Fields
from .loader import Located, LocatedList, read_yaml

PACK_FIELDS = ("pack", "version", "language", "description", "shared", "rules")
RULE_FIELDS = ("id", "kind", "category", "tags", "severity", "sensitive", "message", "why",
               "suggestion", "examples", "ignore", "context", "overlap", "use")
IGNORE_WHEN = ("negated", "quoted", "hashtag", "name")
OVERLAP = ("yield", "keep")
PLACEHOLDERS = {"match"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Items a pack's rules may take from its shared entries in all: every use is validated and
# compiled again, so without a bound a small pack could ask for millions of items.
MAX_SHARED_ITEMS = 200_000


@dataclass(frozen=True)
class Context:
    """Words around a match that must (or must not) be there for it to count."""

    before: int = 6
    after: int = 3
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    scope: str = "words"  # "sentence": the words are only looked for in the match's sentence


@dataclass
class Rule:
    """A validated rule, ready to be compiled into a check."""

    id: str
    kind: str
    category: str
    tags: tuple[str, ...]
    severity: str
    message: str
    why: str
    suggestion: str | None
    sensitive: bool
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    ignore: frozenset[str]
    context: Context | None
    params: dict[str, Any]
    path: str
    line: int
    pack: str
    placeholders: frozenset[str] = field(default_factory=frozenset)
    # "yield": words a stronger finding of the same category covers are reported by it
    # alone; "keep": this rule is reported wherever it matches.
    overlap: str = "yield"

    @property
    def summary(self) -> str:
        """The message without placeholders, for listings."""
        return self.message.replace("'{match}'", "this").replace("{match}", "this")


@dataclass
class Pack:
    """A validated rule pack."""

    name: str
    version: str
    language: str
    description: str
    path: str
    rules: list[Rule]


def load_pack(path: Path | str, text: str | None = None) -> Pack:
    """Read and validate one pack file; raise :class:`PackError` on the first problem."""
    from ..kinds import KINDS

    name = str(path)
    data = read_yaml(path, text)
    top = Fields(data, name, where="", line=1)
    top.only(PACK_FIELDS)
    pack_name = top.text("pack")
    if not _PACK_NAME.match(pack_name):
        top.fail("pack", f"'{pack_name}' must be lower-case letters, digits and dashes")
    version = top.raw("version")
    if version is None:
        top.fail("version", "is required")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        top.fail("version", "must be a number or text")
    language = top.choice("language", ("en",))
    description = top.text("description")
    shared = _parse_shared(top)
    rules_value = top.raw("rules")
    if not isinstance(rules_value, list) or not rules_value:
        top.fail("rules", "must be a non-empty list of rules")
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    used: dict[str, int] = {}
    for i, raw in enumerate(rules_value):
        line = rules_value.line_of(i) if isinstance(rules_value, LocatedList) else None
        raw = _with_shared(raw, name, line, shared, used, KINDS)
        rule = _parse_rule(raw, name, pack_name, line, KINDS)
        if rule.id in seen:
            raise PackError(name, rule.line, f"duplicate rule id (first defined on line "
                            f"{seen[rule.id]})", rule.id)
        seen[rule.id] = rule.line
        rules.append(rule)
    for entry in shared:
        if entry not in used:
            # an entry nobody uses is most often a misspelt 'use:' that left a rule without
            # the words its author meant it to have
            sub = top.sub("shared")
            sub.fail(entry, "is not used by any rule (remove it or refer to it with 'use:')")
    return Pack(pack_name, str(version), language, description, name, rules)


def _parse_shared(top: Fields) -> dict[str, Any]:
    """``shared``: named word lists and mappings that several rules of the pack use."""
    sub = top.sub("shared", required=False)
    if sub is None:
        return {}
    if not sub.mapping:
        top.fail("shared", "must not be empty")
    for entry, value in sub.mapping.items():
        if not _PACK_NAME.match(entry):
            sub.fail(entry, "names must be lower-case letters, digits and dashes")
        if not isinstance(value, (list, dict)) or not value:
            sub.fail(entry, "must be a non-empty list or mapping")
    return dict(sub.mapping)


def _with_shared(raw: Any, path: str, line: int | None, shared: dict[str, Any],
                 used: dict[str, int], kinds) -> Any:
    """The rule's mapping with each field named in its ``use`` taken from ``shared``.

    The shared value is put in as it was read, so a problem inside it is reported at its
    own line in the ``shared`` section; a problem with the reference, at the ``use`` line.
    """
    if not isinstance(raw, dict) or "use" not in raw:
        return raw
    probe = raw.get("id")
    f = Fields(raw, path, probe if isinstance(probe, str) else None, "", line)
    use = f.sub("use")
    if not use.mapping:
        f.fail("use", "must not be empty")
    kind = kinds.get(raw.get("kind")) if isinstance(raw.get("kind"), str) else None
    fields = kind.FIELDS if kind is not None else ()
    out = Located(raw)
    out.line = raw.line if isinstance(raw, Located) else (line or 0)
    out.key_lines = dict(raw.key_lines) if isinstance(raw, Located) else {}
    del out["use"]
    for key in use.mapping:
        entry = use.text(key)
        if kind is not None and key not in fields:
            use.fail(key, f"is not a field of kind '{raw['kind']}'; expected one of: "
                     + ", ".join(fields))
        if key in raw:
            use.fail(key, "is also set in the rule; set it in one place")
        if entry not in shared:
            known = ", ".join(sorted(shared)) or "none (the pack has no 'shared' section)"
            use.fail(key, f"unknown shared entry '{entry}'; defined: {known}")
        taken = sum(used.values()) + len(shared[entry])
        if taken > MAX_SHARED_ITEMS:
            use.fail(key, f"the pack's rules take {taken} items from shared entries; the limit "
                     f"is {MAX_SHARED_ITEMS}")
        out[key] = shared[entry]
        out.key_lines[key] = use.line(key)
        used[entry] = used.get(entry, 0) + len(shared[entry])
    return out


def _parse_rule(raw: Any, path: str, pack: str, line: int | None, kinds) -> Rule:
    probe = raw.get("id") if isinstance(raw, dict) else None
    f = Fields(raw, path, probe if isinstance(probe, str) else None, "", line)
    rule_id = f.text("id")
    f.rule = rule_id
    if not _ID.match(rule_id):
        f.fail("id", "must look like 'pack/rule-name' (lower-case letters, digits, dashes)")
    if rule_id.split("/")[0] != pack:
        f.fail("id", f"must start with the pack name '{pack}/'")
    kind_name = f.choice("kind", sorted(kinds))
    kind = kinds[kind_name]
    f.only(RULE_FIELDS + kind.FIELDS)
    category = f.choice("category", CATEGORIES + OPTIONAL_CATEGORIES)
    tags = f.text_list("tags")
    for tag in tags:
        if tag not in TAGS:
            f.fail("tags", f"unknown tag '{tag}'; see `postlint rules --tags` for the vocabulary")
    severity = f.choice("severity", SEVERITIES)
    message = f.text("message")
    placeholders = _placeholders(f, "message", message, PLACEHOLDERS | set(kind.PLACEHOLDERS))
    why = f.text("why")
    suggestion = f.text("suggestion", required=False)
    sensitive = f.boolean("sensitive", False)
    examples = f.sub("examples")
    examples.only(("flag", "pass"))
    flag = examples.text_list("flag", required=False, allow_empty=True, limit=1000)
    passing = examples.text_list("pass", required=False, allow_empty=True, limit=1000)
    if not flag and not passing:
        examples.fail(None, "needs at least one 'flag' or 'pass' example")
    ignore = f.text_list("ignore", required=False)
    for item in ignore:
        if item not in IGNORE_WHEN:
            f.fail("ignore", f"unknown value '{item}'; expected any of: {', '.join(IGNORE_WHEN)}")
    context = _parse_context(f.sub("context", required=False))
    overlap = f.choice("overlap", OVERLAP, required=False, default="yield")
    params = kind.parse(f)
    return Rule(rule_id, kind_name, category, tuple(tags), severity, message, why, suggestion,
                sensitive, tuple(flag), tuple(passing), frozenset(ignore), context, params,
                path, f.line() or 0, pack, frozenset(placeholders), overlap)


def _placeholders(f: Fields, key: str, text: str, allowed: set[str]) -> set[str]:
    names = set()
    try:
        for _, name, spec, conv in string.Formatter().parse(text):
            if name is None:
                continue
            if name not in allowed or spec or conv:
                f.fail(key, f"unknown placeholder '{{{name}}}'; available: "
                       + ", ".join("{" + a + "}" for a in sorted(allowed)))
            names.add(name)
    except ValueError as exc:
        f.fail(key, f"{exc} (write '{{{{' and '}}}}' for literal braces)")
    return names


def _parse_context(f: Fields | None) -> Context | None:
    if f is None:
        return None
    f.only(("before", "after", "require", "exclude", "scope"))
    before = f.integer("before", 6, 0, 50)
    after = f.integer("after", 3, 0, 50)
    scope = f.choice("scope", ("words", "sentence"), required=False, default="words")
    from ..matching import phrase_words

    def padded(key: str) -> tuple[str, ...]:
        return tuple(f" {' '.join(phrase_words(w))} " for w in f.text_list(key, required=False))

    require, exclude = padded("require"), padded("exclude")
    if not require and not exclude:
        f.fail(None, "needs 'require' or 'exclude' words")
    return Context(before, after, require, exclude, scope)
