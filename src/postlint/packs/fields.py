"""Typed access to a YAML mapping that fails with the file, the line and the field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..errors import PackError
from .loader import MAX_LIST_ITEMS, Located, LocatedList

MAX_TEXT = 10_000


class Fields:
    """Read fields of one mapping of a pack; every failure is a precise :class:`PackError`."""

    def __init__(self, mapping: Any, path: str, rule: str | None = None, where: str = "",
                 line: int | None = None):
        if not isinstance(mapping, dict):
            raise PackError(path, line, f"{where or 'entry'} must be a mapping, "
                            f"found {_type_name(mapping)}", rule)
        self.mapping = mapping
        self.path = path
        self.rule = rule
        self.where = where

    def line(self, key: str | None = None) -> int | None:
        if isinstance(self.mapping, Located):
            return self.mapping.line_of(key) if key else self.mapping.line
        return None

    def fail(self, key: str | None, message: str):
        label = f"{self.where}.{key}" if self.where and key else (key or self.where)
        raise PackError(self.path, self.line(key), f"field '{label}': {message}" if label
                        else message, self.rule)

    def has(self, key: str) -> bool:
        return key in self.mapping

    def only(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in self.mapping:
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else \
                    f"; expected one of: {', '.join(sorted(allowed))}"
                self.fail(key, f"unknown field{hint}")

    def raw(self, key: str, default: Any = None) -> Any:
        return self.mapping.get(key, default)

    def text(self, key: str, required: bool = True, default: str | None = None) -> str | None:
        if key not in self.mapping:
            if required:
                self.fail(key, "is required")
            return default
        value = self.mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be non-empty text, found {_type_name(value)}")
        if len(value) > MAX_TEXT:
            self.fail(key, f"is longer than {MAX_TEXT} characters")
        return value

    def text_list(self, key: str, required: bool = True, allow_empty: bool = False,
                  limit: int = MAX_LIST_ITEMS) -> list[str]:
        if key not in self.mapping:
            if required:
                self.fail(key, "is required")
            return []
        value = self.mapping[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(key, f"must be a list of text, found {_type_name(value)}")
        if not value and not allow_empty:
            self.fail(key, "must not be empty")
        if len(value) > limit:
            self.fail(key, f"has {len(value)} items; the limit is {limit}")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                line = value.line_of(i) if isinstance(value, LocatedList) else self.line(key)
                raise PackError(self.path, line, f"field '{key}' item {i + 1}: must be "
                                f"non-empty text, found {_type_name(item)}", self.rule)
            if len(item) > MAX_TEXT:
                line = value.line_of(i) if isinstance(value, LocatedList) else self.line(key)
                raise PackError(self.path, line, f"field '{key}' item {i + 1}: is longer than "
                                f"{MAX_TEXT} characters", self.rule)
        return list(value)

    def choice(self, key: str, options: Iterable[str], required: bool = True,
               default: str | None = None) -> str | None:
        options = list(options)
        value = self.text(key, required, default)
        if value is not None and value not in options:
            self.fail(key, f"unknown value '{value}'; expected one of: {', '.join(options)}")
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.mapping.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, found {_type_name(value)}")
        return value

    def integer(self, key: str, default: int | None = None, minimum: int | None = None,
                maximum: int | None = None, required: bool = False) -> int | None:
        if key not in self.mapping:
            if required:
                self.fail(key, "is required")
            return default
        value = self.mapping[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, found {_type_name(value)}")
        if minimum is not None and value < minimum:
            self.fail(key, f"must be at least {minimum}, found {value}")
        if maximum is not None and value > maximum:
            self.fail(key, f"must be at most {maximum}, found {value}")
        return value

    def number(self, key: str, default: float | None = None, required: bool = False,
               minimum: float | None = None, maximum: float | None = None) -> float | None:
        if key not in self.mapping:
            if required:
                self.fail(key, "is required")
            return default
        value = self.mapping[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"must be a number, found {_type_name(value)}")
        if minimum is not None and value < minimum or maximum is not None and value > maximum:
            self.fail(key, f"must be between {minimum} and {maximum}, found {value}")
        return float(value)

    def sub(self, key: str, required: bool = True) -> Fields | None:
        if key not in self.mapping:
            if required:
                self.fail(key, "is required")
            return None
        where = f"{self.where}.{key}" if self.where else key
        return Fields(self.mapping[key], self.path, self.rule, where, self.line(key))


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {value}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return "empty text" if not value.strip() else "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
