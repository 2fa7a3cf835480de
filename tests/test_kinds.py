"""Every rule kind, matching and not matching, through the public API."""

from __future__ import annotations

import pytest
from conftest import rule_yaml


def rules_of(findings):
    return [f.rule for f in findings]


# --- terms -------------------------------------------------------------------------------

TERMS = rule_yaml("terms", """
terms: [hate, "hate crime", scam]
exceptions: ["kill the lights"]
""")


@pytest.mark.parametrize("text", ["I hate mondays", "she hated it", "hating is easy",
                                  "HATERS gonna", "a #HateCrime story", "#hatecrime", "sc4m"])
def test_terms_match_inflections_hashtags_and_leet(lint_with, text):
    assert rules_of(lint_with(TERMS, text)) == ["t/rule"]


@pytest.mark.parametrize("text", ["whatever", "Chateau wine", "scampi tonight",
                                  "https://example.com/hate"])
def test_terms_do_not_match_inside_words_or_urls(lint_with, text):
    assert lint_with(TERMS, text) == []


def test_single_word_term_matches_camel_case_hashtag(lint_with):
    rules = rule_yaml("terms", "terms: [gamergate]\nmatch: lower")
    [f] = lint_with(rules, "not again #GamerGate")
    assert f.match == "GamerGate"
    assert lint_with(rules, "a gamer at the gate") == []


def test_terms_lower_match_is_exact(lint_with):
    rules = rule_yaml("terms", "terms: [hate]\nmatch: lower")
    assert lint_with(rules, "I hate it")
    assert lint_with(rules, "I hated it") == []


def test_terms_exceptions(lint_with):
    rules = rule_yaml("terms", "terms: [kill]\nexceptions: ['kill the lights']")
    assert lint_with(rules, "I will kill him")
    assert lint_with(rules, "please kill the lights") == []


def test_terms_hooks_leave_a_question_answered_by_an_offer(lint_with):
    rules = rule_yaml("terms", "terms: [tired of]\nhooks: [our, try]")
    assert lint_with(rules, "Tired of slow Wi-Fi? Our new router fixes dead zones.") == []
    assert lint_with(rules, "Tired of queues? Try booking online.") == []
    # not a question, no offer in the next sentence, or the offer two sentences on
    assert rules_of(lint_with(rules, "Tired of slow Wi-Fi. Our router is no better.")) == ["t/rule"]
    assert rules_of(lint_with(rules, "Tired of this airline? Me too.")) == ["t/rule"]
    assert rules_of(lint_with(rules, "Tired of it? Yes. Our fault.")) == ["t/rule"]
    # without hooks the question is read like any sentence
    plain = rule_yaml("terms", "terms: [tired of]")
    assert rules_of(lint_with(plain, "Tired of slow Wi-Fi? Our new router fixes it.")) == ["t/rule"]


def test_multiword_term_offsets_point_at_original(lint_with):
    text = "That was a hate  crime."
    [f] = lint_with(TERMS, text)
    assert text[f.start:f.end] == "hate  crime"
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 12, 1, 23)


def test_ignore_negated_and_quoted(lint_with):
    rules = rule_yaml("terms", "terms: [scam]\nignore: [negated, quoted]")
    assert lint_with(rules, "this is a scam")
    assert lint_with(rules, "this is not a scam") == []
    assert lint_with(rules, 'he said "this is a scam" yesterday') == []


# --- pattern -----------------------------------------------------------------------------

PATTERN = rule_yaml("pattern", """
patterns:
  - [{LOWER: {IN: [away, abroad]}}, {LOWER: {IN: [until, till]}}]
""")


def test_pattern_matches(lint_with):
    [f] = lint_with(PATTERN, "We're away until the 14th")
    assert f.match == "away until"


def test_pattern_does_not_match(lint_with):
    assert lint_with(PATTERN, "The deadline is far away") == []


# --- regex -------------------------------------------------------------------------------

CARD = rule_yaml("regex", r"""
pattern: '\b(?:\d[ -]?){12,18}\d\b'
validators: [luhn]
""", sensitive="true", severity="error", category="oversharing", tags="[finance]")


def test_regex_with_validator(lint_with):
    [f] = lint_with(CARD, "card 4111 1111 1111 1111 thanks")
    assert f.match == "4111 1111 1111 1111"
    assert lint_with(CARD, "order 4111 1111 1111 1112 thanks") == []  # Luhn fails


def test_regex_skips_urls_and_reports_group(lint_with):
    rules = rule_yaml("regex", r"""
pattern: 'code (\d{4})'
group: 1
""")
    [f] = lint_with(rules, "my code 1234")
    assert f.match == "1234"
    assert lint_with(rules, "see https://example.com/?code 1234") == []


def test_regex_context_excludes_brand_contact(lint_with):
    rules = rule_yaml("regex", r"""
pattern: '\d{5} \d{6}'
context: {before: 4, exclude: ["call us"]}
""")
    assert lint_with(rules, "call me on 07700 900123")
    assert lint_with(rules, "call us on 07700 900123") == []


def test_regex_is_linear_time_on_hostile_pattern(lint_with):
    rules = rule_yaml("regex", "pattern: '(a+)+$'")
    assert lint_with(rules, "a" * 40 + "!") == []


# --- near --------------------------------------------------------------------------------

NEAR = rule_yaml("near", """
target: {terms: [school]}
with: {terms: [daughter, son]}
without: {terms: [our school]}
within: 5
""")


def test_near_points_at_target(lint_with):
    [f] = lint_with(NEAR, "my daughter starts at Hill Park school today")
    assert f.match == "school"


def test_near_needs_companion_within_window(lint_with):
    assert lint_with(NEAR, "school starts today") == []
    assert lint_with(NEAR, "my daughter said that the long and winding road to the school") == []


# --- entity ------------------------------------------------------------------------------

def test_entity_rules_are_skipped_without_ner(make_pack):
    from postlint import Linter

    path = make_pack(rule_yaml("entity", "labels: [PERSON]"))
    linter = Linter([path], only_packs=True)
    assert linter.lint("Barack Obama visited") == []
    [compiled] = linter.ruleset.compiled
    assert compiled.skipped and "ner" in compiled.skipped


# --- sentiment ---------------------------------------------------------------------------

SENTIMENT = rule_yaml("sentiment", "threshold: -0.5", message='"negative {score}: {words}"')


def test_sentiment_points_at_sentence_and_names_words(lint_with):
    text = "Great news today. I hate this awful miserable mess."
    [f] = lint_with(SENTIMENT, text)
    assert f.match == "I hate this awful miserable mess."
    assert "hate" in f.message and "awful" in f.message


def test_sentiment_leaves_positive_text(lint_with):
    assert lint_with(SENTIMENT, "We are thrilled to launch our new app!") == []


# --- metric ------------------------------------------------------------------------------

def test_metric_count(lint_with):
    rules = rule_yaml("metric", "metric: hashtag_count\nmax: 2", message='"{value} > {limit}"')
    [f] = lint_with(rules, "hello #a #b #c")
    assert f.message == "3 > 2"
    assert lint_with(rules, "hello #a #b") == []


def test_metric_readability_uses_textstat_offline(lint_with):
    rules = rule_yaml("metric", "metric: flesch_reading_ease\nmin: 30\nmin_words: 5")
    dense = ("Notwithstanding considerable organisational restructuring, interdepartmental "
             "infrastructure modernisation necessitates comprehensive reconsideration.")
    assert lint_with(rules, dense)
    assert lint_with(rules, "We made it. It is fast. You will like it a lot.") == []


# --- length ------------------------------------------------------------------------------

LENGTH = rule_yaml("length", "limits: {x: 20, bluesky: 10}", message='"{count}/{limit} {platform}"')


def test_length_only_with_platform(lint_with):
    text = "This is a post that is too long for it."
    assert lint_with(LENGTH, text) == []
    [f] = lint_with(LENGTH, text, platform="x")
    assert f.message == f"{len(text)}/20 x"
    assert f.start == 20


def test_length_counts_like_each_platform():
    from postlint.kinds.length import count

    family = "👩\u200d👩\u200d👧"
    assert count(family, "bluesky") == 1
    assert count(family, "x") == 2
    assert count("see https://example.com/a/very/long/path/indeed ok", "x") == 4 + 23 + 3
    assert count("日本", "x") == 4
    assert count("e\u0301", "bluesky") == 1


# --- case, names and scopes --------------------------------------------------------------

CASED = rule_yaml("terms", "terms: [pos, POS]\nmatch: lower\ncase: as-written")


@pytest.mark.parametrize("text, flagged", [
    ("what a pos", True), ("you POS", True), ("#pos", True),
    ("Ethereum moved to PoS", False), ("Pos is a town", False), ("#PoS rocks", False),
])
def test_terms_case_as_written(lint_with, text, flagged):
    assert bool(lint_with(CASED, text)) is flagged


def test_terms_case_mixed_entry_matches_only_its_spelling(lint_with):
    rules = rule_yaml("terms", "terms: [PoS]\nmatch: lower\ncase: as-written")
    assert lint_with(rules, "moved to PoS")
    assert lint_with(rules, "moved to pos") == []


NAMED = rule_yaml("terms", "terms: [off the record, home alone]\nmatch: lower\nignore: [name]")


@pytest.mark.parametrize("text, flagged", [
    ("Off the record, we are buying them", True),
    ("this is off the record", True),
    ("Join us for Off the Record, our live Q&A", False),
    ("Off the Record returns on Friday", False),
    ("Watching Home Alone again", False),
    ("OFF THE RECORD WE ARE BUYING THEM", True),  # capitals everywhere are not a name
])
def test_ignore_name_leaves_titles(lint_with, text, flagged):
    assert bool(lint_with(NAMED, text)) is flagged


def test_context_scope_sentence(lint_with):
    rules = rule_yaml("terms", "terms: [biodiversity]\n"
                      "context: {before: 8, after: 8, require: [must], scope: sentence}")
    assert lint_with(rules, "We must protect biodiversity now")
    assert lint_with(rules, "We must go. Biodiversity is lovely") == []
    words = rule_yaml("terms", "terms: [biodiversity]\n"
                      "context: {before: 8, after: 8, require: [must]}")
    assert lint_with(words, "We must go. Biodiversity is lovely")


def test_near_scope_sentence_and_post(lint_with):
    base = "target: {terms: [layoffs]}\nwith: {terms: [keep it quiet]}\n"
    text = ("Big layoffs coming next month. About 200 people in my department, maybe "
            "more, nobody knows yet. Keep it quiet!")
    assert lint_with(rule_yaml("near", base + "within: 10"), text) == []
    assert lint_with(rule_yaml("near", base + "scope: post"), text)
    sentence = rule_yaml("near", base + "within: 30\nscope: sentence")
    assert lint_with(sentence, text) == []
    assert lint_with(sentence, "Layoffs at the plant, so keep it quiet")


def test_near_scope_post_refuses_within(make_pack, run_cli):
    path = make_pack(rule_yaml("near", "target: {terms: [a]}\nwith: {terms: [b]}\n"
                                       "scope: post\nwithin: 5"))
    result = run_cli("test-rules", str(path))
    assert result.exit_code == 2
    assert "'within': has no meaning with 'scope: post'" in result.output


def test_negation_stays_within_its_sentence(lint_with):
    rules = rule_yaml("terms", "terms: [scam]\nignore: [negated]")
    assert lint_with(rules, "this is not a scam") == []
    assert lint_with(rules, "It works, no problem. Scam artists everywhere")
