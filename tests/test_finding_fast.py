"""Findings made by ``Finding.from_fields`` (the rule engine's way) equal those ``Finding(...)``
makes: same fields in the same order, equal, same hash and repr, still frozen (issue 11)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from postlint import Linter
from postlint.finding import Finding

TEXTS = [
    "This update is garbage and whoever shipped it should be fired!!!",
    "Call me on 0161 496 0000 or mail jane.doe@example.com",
    "I hate this so much. Worst day ever. Everything is terrible and I'm done.",
    "Buy now!!! Guaranteed 500% returns, DM me your wallet seed phrase",
]


@pytest.fixture(scope="module")
def findings():
    found = [f for text in TEXTS for f in Linter().lint(text)]
    assert len(found) >= 4
    return found


def test_fields_in_the_class_order(findings):
    names = [field.name for field in dataclasses.fields(Finding)]
    for finding in findings:
        assert list(vars(finding)) == names


def test_equal_to_the_dataclass_constructor(findings):
    for finding in findings:
        made = Finding(**vars(finding))
        assert finding == made
        assert hash(finding) == hash(made)
        assert repr(finding) == repr(made)
        assert dataclasses.asdict(finding) == dataclasses.asdict(made)
        assert pickle.loads(pickle.dumps(finding)) == made


def test_still_frozen(findings):
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].rule = "other"
