"""Rule kinds: one module each. Adding a kind means adding a module and a line here."""

from __future__ import annotations

from .base import Check, Hit
from .entity import EntityCheck
from .length import LengthCheck
from .metric import MetricCheck
from .near import NearCheck
from .pattern import PatternCheck
from .phone import PhoneCheck
from .regex import RegexCheck
from .sentiment import SentimentCheck
from .terms import TermsCheck

KINDS: dict[str, type[Check]] = {
    "terms": TermsCheck,
    "pattern": PatternCheck,
    "regex": RegexCheck,
    "phone": PhoneCheck,
    "near": NearCheck,
    "entity": EntityCheck,
    "sentiment": SentimentCheck,
    "metric": MetricCheck,
    "length": LengthCheck,
}

__all__ = ["KINDS", "Check", "Hit"]
