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
MAX_NODES = 500_000


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


def _check_shape(name: str, text: str) -> None:
    """Refuse aliases, deep nesting and huge documents before building any object."""
    depth = nodes = documents = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise PackError(name, event.start_mark.line + 1,
                                "YAML anchors and aliases are not allowed in rule packs")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PackError(name, event.start_mark.line + 1,
                                    f"YAML is nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise PackError(name, event.start_mark.line + 1,
                                    "a pack file holds one YAML document")
            nodes += 1
            if nodes > MAX_NODES:
                raise PackError(name, event.start_mark.line + 1,
                                f"pack has more than {MAX_NODES} YAML nodes")
    except yaml.YAMLError as exc:
        raise PackError(name, _mark_line(exc), f"invalid YAML: {_problem(exc)}") from None


def _mark_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc).strip()


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
