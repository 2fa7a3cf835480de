"""Safe, bounded YAML loading that remembers the line of every mapping and key.

Packs are data: only YAML's safe subset is read (the C loader when available), anchors and
aliases are refused (they are how "billion laughs" documents blow up memory), and size,
nesting depth and node count are bounded before anything is built.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import PackError

try:  # the C parser is much faster; both build Python objects the same safe way
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_PACK_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 100_000
MAX_LIST_ITEMS = 20_000


class Located(dict):
    """A YAML mapping that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A YAML sequence that knows its line and each item's line (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(_BaseLoader):
    def construct_object(self, node, deep=False):
        # PyYAML's scalar constructors fail with bare Python errors on odd explicit tags
        # (``!!int ''``, ``!!timestamp x``, ``!!binary ~``): turn those into pack errors.
        try:
            return super().construct_object(node, deep=deep)
        except (PackError, yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:
            tag = node.tag.rsplit(":", 1)[-1]
            raise PackError(self.name, node.start_mark.line + 1,
                            f"invalid YAML: cannot read {node.value!r:.40} as {tag} "
                            f"({type(exc).__name__})") from None


def _construct_mapping(loader, node):
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise PackError(loader.name, key_node.start_mark.line + 1,
                            f"keys must be text, found {type(key).__name__} {key!r}")
        if key in mapping:
            raise PackError(loader.name, key_node.start_mark.line + 1, f"duplicate key '{key}'")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node):
    items = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path | str, text: str | None = None):
    """Load one YAML document from ``path`` (or ``text``) with line information."""
    name = str(path)
    if text is None:
        try:
            size = Path(path).stat().st_size
            if size > MAX_PACK_BYTES:
                raise PackError(name, None, f"pack is {size} bytes; the limit is {MAX_PACK_BYTES}")
            data = Path(path).read_bytes()
        except OSError as exc:
            raise PackError(name, None, f"cannot read pack: {exc.strerror or exc}") from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PackError(name, _line_at(data, exc.start),
                            f"not UTF-8 (invalid byte at offset {exc.start})") from None
    elif len(text) > MAX_PACK_BYTES:
        raise PackError(name, None,
                        f"pack is {len(text)} characters; the limit is {MAX_PACK_BYTES}")
    _check_shape(name, text)
    loader = _Loader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except PackError:
        raise
    except yaml.YAMLError as exc:
        raise PackError(name, _mark_line(exc), f"invalid YAML: {_problem(exc)}") from None
    except RecursionError:
        raise PackError(name, None, "YAML is nested too deeply") from None
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        # a constructor run outside construct_object (PyYAML builds some values lazily)
        raise PackError(name, None, f"invalid YAML: {type(exc).__name__}: {exc}") from None
    finally:
        loader.dispose()


_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset({None, "!", *(_CORE + t for t in
                                        ("str", "int", "float", "bool", "null", "seq", "map"))})


def _check_shape(name: str, text: str) -> None:
    """Refuse aliases, tags, deep nesting and huge documents before building any object."""
    nodes = documents = 0
    # One frame per open collection: [is_mapping, children seen, last key, own key, line].
    stack: list[list] = []
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise PackError(name, line,
                                "YAML anchors and aliases are not allowed in rule packs")
            tag = getattr(event, "tag", None)
            if tag not in ALLOWED_TAGS:
                shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
                raise PackError(name, line, f"invalid YAML: tags are not allowed in rule "
                                f"packs (found '{shown:.60}'); packs are plain data")
            nodes += 1
            if nodes > MAX_NODES:
                raise PackError(name, line, f"pack has more than {MAX_NODES} YAML nodes (the "
                                "limit); split it into smaller packs")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise PackError(name, line, "a pack file holds one YAML document")
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent,
                                      yaml.SequenceStartEvent)):
                continue
            key = None
            if stack:  # a node inside a collection: count it, and note mapping keys
                frame = stack[-1]
                frame[1] += 1
                if frame[0]:
                    if frame[1] % 2 and isinstance(event, yaml.ScalarEvent):
                        frame[2] = event.value
                    key = frame[2] if not frame[1] % 2 else None
                elif frame[1] > MAX_LIST_ITEMS:
                    where = f"field '{frame[3]}': " if frame[3] else ""
                    raise PackError(name, frame[4], f"{where}list has more than {MAX_LIST_ITEMS} "
                                    f"items; the limit is {MAX_LIST_ITEMS}")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise PackError(name, line,
                                    f"YAML is nested more than {MAX_DEPTH} levels deep")
                stack.append([isinstance(event, yaml.MappingStartEvent), 0, None, key, line])
    except yaml.YAMLError as exc:
        problem = _problem(exc)
        if "maximum nesting depth" in problem:  # libyaml's own limit, met while scanning
            raise PackError(name, _mark_line(exc),
                            f"YAML is nested more than {MAX_DEPTH} levels deep") from None
        raise PackError(name, _mark_line(exc), f"invalid YAML: {problem}") from None


def _mark_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _problem(exc: yaml.YAMLError) -> str:
    """PyYAML's explanation on one line (reader errors span several)."""
    text = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return text.replace(' in "<unicode string>"', "").replace(' in "<file>"', "")


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
