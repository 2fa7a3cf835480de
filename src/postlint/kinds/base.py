"""What every rule kind provides: its fields, how to read them, and a check that finds hits."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..packs.fields import Fields
from ..post import Post


@dataclass(frozen=True)
class Hit:
    """A span a check found, with values for message placeholders.

    Offsets are into the normalised view, or into the original text when ``original``.
    """

    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    original: bool = False


class Check(ABC):
    """One compiled rule. Subclasses read their fields in ``parse`` and match in ``find``."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    PLACEHOLDERS: ClassVar[tuple[str, ...]] = ()
    # What the pipeline must provide ("ner" for entity rules); unmet needs skip the rule.
    needs: frozenset[str] = frozenset()

    def __init__(self, params: dict[str, Any]):
        self.params = params

    @classmethod
    def parse(cls, f: Fields) -> dict[str, Any]:
        """Validate the kind's own fields; return what ``__init__`` needs."""
        return {}

    @abstractmethod
    def find(self, post: Post) -> Iterable[Hit]:
        """The spans of ``post`` this rule flags."""

    def platforms(self) -> frozenset[str] | None:
        """Platforms the rule applies to (``None``: all, with or without one)."""
        return None
