"""Inline suppressions and front matter settings, through the library's run (``Session``).

Posts are built as readers build them (``InputPost`` with ``comments`` and ``metadata``), so
these tests do not depend on a reader; tests through the command line with real Markdown
files are in test_workflow_cli.py.
"""

from __future__ import annotations

import pytest

from postlint.runner import CheckOptions, Session
from postlint.sources import Comment, InputPost


def run(*posts: InputPost, **options):
    """The reported findings of each post, and the filters' counts."""
    session = Session(CheckOptions(paths=[], use_config=False, **options))
    out, problems = [], []
    session.run(problems.append, lambda r, s, f: out.append((r.findings, f)), inputs=posts)
    assert problems == []
    return out


def directive(line: int, text: str, end_line: int | None = None) -> Comment:
    return Comment(line, end_line or line, f" {text} ")


def post(text: str, *comments: Comment, **kwargs) -> InputPost:
    return InputPost("post.md", text, comments=comments, **kwargs)


def spans(findings, rule):
    return [(s.line, s.match) for f in findings if f.rule == rule for s in f.spans]


TWO_PHONES = ("<!-- postlint-disable oversharing/phone-number -- support hotline -->\n"
              "Call 07700 900123 for help.\n"
              "<!-- postlint-enable oversharing/phone-number -->\n"
              "Or 07700 900456 at home.\n")


def test_disable_enable_region_keeps_the_spans_outside_it():
    [(findings, filtered)] = run(post(TWO_PHONES,
                                      directive(1, "postlint-disable oversharing/phone-number "
                                                   "-- support hotline"),
                                      directive(3, "postlint-enable oversharing/phone-number")))
    [phone] = [f for f in findings if f.rule == "oversharing/phone-number"]
    assert [(s.line, s.match) for s in phone.spans] == [(4, "07700 900456")]
    assert (phone.line, phone.column, phone.related) == (4, 4, ())
    assert "07*** ***456" in phone.message and "123" not in phone.message  # quotes its span
    assert filtered.suppressed == 0  # the finding is still reported, with one span


def test_without_enable_a_disable_runs_to_the_end_and_without_rules_covers_all():
    text = "what the f*ck\n<!-- postlint-disable -- quoting a customer -->\n" \
           "what the f*ck, call 07700 900123\n"
    [(findings, filtered)] = run(post(text, directive(2, "postlint-disable -- quoting a "
                                                         "customer")))
    assert spans(findings, "controversy/profanity") == [(1, "f*ck")]
    assert spans(findings, "oversharing/phone-number") == []
    assert filtered.suppressed == 1


def test_disable_next_line_and_disable_line_with_patterns_categories_and_tags():
    text = ("<!-- postlint-disable-next-line oversharing/* -- our published line -->\n"
            "Call 07700 900123 now\n"
            "Or call 07700 900456 <!-- postlint-disable-line category:oversharing -- ok -->\n"
            "what the f*ck <!-- postlint-disable-line tag:profanity, tag:politics -- lyric -->\n"
            "call 07700 900789 and what the f*ck\n")
    [(findings, filtered)] = run(post(
        text,
        directive(1, "postlint-disable-next-line oversharing/* -- our published line"),
        directive(3, "postlint-disable-line category:oversharing -- ok"),
        directive(4, "postlint-disable-line tag:profanity, tag:politics -- lyric")))
    assert spans(findings, "oversharing/phone-number") == [(5, "07700 900789")]
    assert spans(findings, "controversy/profanity") == [(5, "f*ck")]


def test_a_multi_line_comment_disables_the_line_after_its_end():
    text = "<!--\npostlint-disable-next-line oversharing/phone-number -- hotline\n-->\n" \
           "Call 07700 900123\n"
    [(findings, _)] = run(post(text, directive(1, "\npostlint-disable-next-line "
                                                  "oversharing/phone-number -- hotline\n", 3)))
    assert spans(findings, "oversharing/phone-number") == []


def test_front_matter_disable_applies_to_the_whole_post():
    text = "Call 07700 900123\nwhat the f*ck\n"
    metadata = {"postlint": {"disable": ["oversharing/phone-number"],
                             "reason": "the shop's published number"}}
    [(findings, filtered)] = run(post(text, metadata=metadata))
    assert [f.rule for f in findings] == ["controversy/profanity"]
    assert filtered.suppressed == 1


def test_directives_apply_by_file_line_for_a_post_inside_a_file():
    # a post placed at line 10 of its file (a thread or a JSON Lines record)
    text = "Call 07700 900123\nor 07700 900456\n"
    [(findings, _)] = run(InputPost("thread.md", text, line_offset=9, comments=(
        directive(9, "postlint-disable-next-line oversharing/phone-number -- hotline"),)))
    assert spans(findings, "oversharing/phone-number") == [(2, "07700 900456")]


def test_unused_suppressions_are_reported_when_asked():
    text = "<!-- postlint-disable oversharing/email-address, controversy/profanity -- x -->\n" \
           "what the f*ck\n<!-- postlint-disable-next-line tag:credential -- y -->\nhello\n"
    comments = (directive(1, "postlint-disable oversharing/email-address, "
                             "controversy/profanity -- x"),
                directive(3, "postlint-disable-next-line tag:credential -- y"))
    [(quiet, _)] = run(post(text, *comments))
    assert quiet == []
    [(findings, _)] = run(post(text, *comments), report_unused=True)
    [unused] = findings
    assert unused.rule == "postlint/unused-suppression" and unused.severity == "warning"
    assert unused.category == "postlint" and unused.tags == ("suppression",)
    assert [s.line for s in unused.spans] == [1, 3]  # one finding per rule per post
    assert unused.message == "postlint-disable for 'oversharing/email-address' suppressed " \
                             "nothing; remove it"
    assert unused.match.startswith("postlint-disable oversharing/email-address")


def test_a_suppression_without_a_reason_is_a_finding_when_required_and_still_applies():
    text = "<!-- postlint-disable-next-line oversharing/phone-number -->\nCall 07700 900123\n"
    comments = (directive(1, "postlint-disable-next-line oversharing/phone-number"),)
    [(findings, _)] = run(post(text, *comments))
    assert findings == []
    [(findings, _)] = run(post(text, *comments), profile="regulated-finance")
    [missing] = findings
    assert missing.rule == "postlint/suppression-without-reason" and missing.severity == "error"
    assert "needs a reason" in missing.message and missing.line == 1


@pytest.mark.parametrize("text,message", [
    ("postlint-disble oversharing/phone-number", "unknown directive 'postlint-disble'"),
    ("postlint-disable oversharing/phone -- ours",
     "no rule 'oversharing/phone'; did you mean 'oversharing/phone-number'?"),
    ("postlint-disable tag:nope -- x", "cannot read 'tag:nope': unknown tag 'nope'"),
    ("postlint-disable-next-lines oversharing/phone-number -- x",
     "unknown directive 'postlint-disable-next-lines'"),
])
def test_a_directive_that_cannot_be_read_is_an_error_and_suppresses_nothing(text, message):
    body = f"<!-- {text} -->\nCall 07700 900123\n"
    [(findings, _)] = run(post(body, directive(1, text)))
    assert sorted(f.rule for f in findings) == ["oversharing/phone-number",
                                                "postlint/bad-directive"]
    [bad] = [f for f in findings if f.rule == "postlint/bad-directive"]
    assert message in bad.message and bad.severity == "error" and bad.line == 1


@pytest.mark.parametrize("metadata,message", [
    ({"postlint": "off"}, "front matter 'postlint' must be a mapping"),
    ({"postlint": {"disabel": ["x"]}}, "front matter 'postlint.disabel': unknown key"),
    ({"postlint": {"disable": [1]}}, "must be a list of rule ids"),
    ({"postlint": {"disable": ["oversharing/phone"]}}, "no rule 'oversharing/phone'"),
    ({"postlint": {"disable": []}}, "names no rules"),
    ({"profile": "branding"}, "front matter 'profile: branding' names no profile"),
])
def test_bad_front_matter_settings_are_reported_and_the_post_is_still_checked(metadata,
                                                                              message):
    [(findings, _)] = run(post("Call 07700 900123\n", metadata=metadata))
    assert sorted(f.rule for f in findings) == ["oversharing/phone-number",
                                                "postlint/bad-directive"]
    assert message in [f for f in findings if f.rule == "postlint/bad-directive"][0].message


def test_meta_findings_follow_severity_overrides_and_ignore():
    text = "<!-- postlint-disable oversharing/email-address -- x -->\nhello\n"
    comments = (directive(1, "postlint-disable oversharing/email-address -- x"),)
    layer_options = {"report_unused": True}
    [(findings, _)] = run(post(text, *comments), ignore=["postlint/*"], **layer_options)
    assert findings == []
    [(findings, _)] = run(post(text, *comments), ignore=["category:postlint"], **layer_options)
    assert findings == []


def test_front_matter_profile_changes_severities_and_gate():
    text = "what the f*ck, Acme is a joke\n"
    [(plain, _)] = run(post(text))
    [(brand, _)] = run(post(text, metadata={"profile": "brand"}))
    assert {f.rule: f.severity for f in plain}["controversy/profanity"] == "warning"
    severities = {f.rule: f.severity for f in brand}
    assert severities["controversy/profanity"] == "warning"
    session = Session(CheckOptions(paths=[], use_config=False))
    settings, _ = session.resolver.settings_for(post(text, metadata={"profile": "brand"}))
    gate = settings.gate_for("controversy/profanity", "controversy", ("profanity",))
    assert (gate.value, gate.origin.source) == ("warning", "profile 'brand'")
    settings, _ = session.resolver.settings_for(post(text))
    assert settings.gate_for("controversy/profanity", "controversy", ()).value == "error"
