"""Every built-in rule's flag and pass examples run as tests, one test per example."""

from __future__ import annotations

import pytest

from postlint import Linter
from postlint.post import Post

_LINTER = Linter()
_CASES = [
    pytest.param(c.rule.id, expected, text, id=f"{c.rule.id}-{expected}-{i}")
    for c in _LINTER.ruleset.compiled if not c.skipped
    for expected, examples in (("flag", c.rule.flag_examples), ("pass", c.rule.pass_examples))
    for i, text in enumerate(examples)
]
_BY_ID = {c.rule.id: c for c in _LINTER.ruleset.compiled}


@pytest.mark.parametrize("rule_id,expected,text", _CASES)
def test_rule_example(rule_id, expected, text):
    compiled = _BY_ID[rule_id]
    platforms = compiled.check.platforms()
    platform = sorted(platforms)[0] if platforms else None
    with _LINTER.nlp.select_pipes(disable=["postlint"]):
        post = Post(_LINTER.nlp(text), platform)
    fired = [f for f in _LINTER.ruleset.run(post, merge_overlaps=False) if f.rule == rule_id]
    if expected == "flag":
        assert fired, f"{rule_id} should flag {text!r}"
    else:
        assert not fired, f"{rule_id} should pass {text!r}, found {[f.match for f in fired]}"


def test_builtin_rules_carry_two_flag_and_two_pass_examples():
    thin = [c.rule.id for c in _LINTER.ruleset.compiled
            if c.rule.kind != "length" and (len(c.rule.flag_examples) < 2
                                            or len(c.rule.pass_examples) < 2)]
    assert thin == []
