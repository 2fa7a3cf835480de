"""Output formats: one module each, all streaming (findings are written as posts finish)."""

from __future__ import annotations

from .base import FileResult, Reporter, Summary
from .json import JsonReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}

__all__ = ["REPORTERS", "FileResult", "Reporter", "Summary"]
