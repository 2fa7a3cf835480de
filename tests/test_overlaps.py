"""The overlap policy: words that several rules of one category flag are reported once."""

from __future__ import annotations

import pytest
from conftest import rule_yaml

from postlint.errors import PackError


def terms(rule_id: str, words: str, **common) -> str:
    return rule_yaml("terms", f"terms: [{words}]", rule_id=rule_id, **common)


def sentence(rule_id: str = "t/sentence", **common) -> str:
    return rule_yaml("sentiment", "threshold: -0.3", rule_id=rule_id,
                     message='"{score}"', **common)


def rules_of(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def test_the_higher_severity_reports_shared_words(lint_with):
    rules = "\n".join([terms("t/mild", "hate", severity="info"),
                       terms("t/strong", "i hate", severity="warning")])
    assert rules_of(lint_with(rules, "I hate it")) == ["t/strong"]


def test_at_equal_severity_words_win_over_a_sentence_score(lint_with):
    # A sentence-wide sentiment finding gives way to the word that carries it.
    rules = "\n".join([sentence(), terms("t/word", "awful")])
    [f] = lint_with(rules, "The food was awful and the staff were rude.")
    assert f.rule == "t/word"


def test_words_no_stronger_rule_covers_are_still_reported(lint_with):
    rules = "\n".join([sentence(severity="info"), terms("t/word", "awful")])
    found = lint_with(rules, "The food was awful. The staff were rude and horrible to us.")
    assert rules_of(found) == ["t/sentence", "t/word"]
    [s] = [f for f in found if f.rule == "t/sentence"]
    # Only the sentence the word rule does not cover is left to the sentence rule.
    assert s.match == "The staff were rude and horrible to us."
    assert s.related == ()


def test_a_rule_keeps_its_uncovered_spans_as_related(lint_with):
    rules = "\n".join([terms("t/one", "hate", severity="warning"),
                       terms("t/all", "monday", severity="info")])
    found = lint_with(rules, "Monday again. I hate Monday. Monday, Monday.")
    assert rules_of(found) == ["t/all", "t/one"]
    [m] = [f for f in found if f.rule == "t/all"]
    assert [s.match for s in m.spans] == ["Monday", "Monday", "Monday", "Monday"]


def test_other_categories_are_never_merged(lint_with):
    rules = "\n".join([terms("t/topic", "election", severity="error"),
                       terms("t/mood", "election", category="negativity", tags="[rant]")])
    assert rules_of(lint_with(rules, "election day")) == ["t/mood", "t/topic"]


def test_overlap_keep_reports_a_rule_on_covered_words(lint_with):
    rules = "\n".join([terms("t/strong", "election day", severity="error"),
                       terms("t/hashtag", "election", overlap="keep"),
                       terms("t/plain", "day")])
    assert rules_of(lint_with(rules, "#ElectionDay")) == ["t/hashtag", "t/strong"]


def test_the_order_is_deterministic_on_ties(lint_with):
    rules = "\n".join([terms("t/b", "vote"), terms("t/a", "vote")])
    assert rules_of(lint_with(rules, "vote today")) == ["t/a"]


def test_one_problem_reads_as_one_or_two_findings(builtin_linter):
    text = "I hate Mondays. I hate this job. I hate everything about this week."
    findings = builtin_linter.lint(text)
    assert 1 <= len(findings) <= 2, [(f.rule, f.match) for f in findings]
    assert all(f.category == "negativity" for f in findings)
    # Every place is still pointed at, as the finding's own span or a related one.
    hates = [i for i in range(len(text)) if text.startswith("hate", i)]
    assert len(hates) == 3
    assert all(any(s.start <= i < s.end for f in findings for s in f.spans) for i in hates)


def test_without_merging_every_rule_reports(builtin_linter):
    from postlint.post import Post

    text = "I hate Mondays. I hate this job. I hate everything about this week."
    with builtin_linter.nlp.select_pipes(disable=["postlint"]):
        post = Post(builtin_linter.nlp(text))
    merged = builtin_linter.ruleset.run(post)
    every = builtin_linter.ruleset.run(post, merge_overlaps=False)
    assert len(every) > len(merged)


def test_overlap_must_be_yield_or_keep(make_pack):
    from postlint import Linter

    with pytest.raises(PackError) as info:
        Linter([make_pack(terms("t/x", "a", overlap="always"))], only_packs=True)
    assert "overlap" in str(info.value) and "keep" in str(info.value)
