"""The built-in controversy packs: they load, their examples hold, and near misses pass."""

from __future__ import annotations

import pytest
from conftest import ROOT

from postlint import Linter
from postlint.selftest import run_examples

PACKS = sorted(str(p) for p in (ROOT / "rules").glob("controversy*.yaml"))
HARM = {"profanity", "insult", "identity-attack", "threat"}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(PACKS, only_packs=True)


def _flagged(findings, tags=None) -> bool:
    return any(f.severity in ("warning", "error") and (tags is None or set(f.tags) & tags)
               for f in findings)


def test_packs_load_with_matching_names(linter):
    assert len(PACKS) >= 4
    for rule in linter.rules:
        assert rule.id.split("/")[0] == rule.pack
        assert len(rule.flag_examples) >= 2 and len(rule.pass_examples) >= 2, rule.id


def test_examples_hold(linter):
    _, failures = run_examples(linter)
    assert not failures


@pytest.mark.parametrize("text", [
    "@user you are an idiot",
    "he's a pathetic liar",
    "shut up already",
    "what the f*ck is this",
    "sh1t service again",
    "I will kill you",
])
def test_attacks_without_context_flag(linter, text):
    assert _flagged(linter.lint(text), HARM)


@pytest.mark.parametrize("text", [
    "Kill the lights when you leave",
    "That's not a scam, it really is from us",
    "Crazy good deals this weekend",
    "Our new vacuum will suck up dust from any corner",
    "Quality always trumps quantity",
    "Thank God it's Friday!",
])
def test_near_misses_pass(linter, text):
    assert not _flagged(linter.lint(text))


@pytest.mark.parametrize("text", ["Our f***ing server is down again", "this f***ing update"])
def test_a_masked_swear_word_reads_as_profanity_not_politics(linter, text):
    # "f***ing" once matched an inflection of a short hashtag word ("fitn" -> "fitning")
    # in the politics list, and that finding replaced the profanity one.
    found = [f for f in linter.lint(text) if f.severity in ("warning", "error")]
    assert found and all("profanity" in f.tags for f in found), [f.rule for f in found]
