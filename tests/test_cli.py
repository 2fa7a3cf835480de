"""The command line: exit codes, formats, positions, colour, inputs."""

from __future__ import annotations

import json

from conftest import ROOT

EXAMPLES = ROOT / "examples"


def test_examples_risky_flagged_clean_left_alone(run_cli):
    result = run_cli("check", str(EXAMPLES), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    paths = {f["path"] for f in doc["findings"]}
    assert all("/risky/" in p for p in paths)
    assert {p.split("/")[-1] for p in paths} == {"contact-me.md", "launch-rant.md",
                                                 "holiday.txt", "election.md", "schedule.csv"}
    # the front matter's author address is not a finding; the body's address is
    emails = [f for f in doc["findings"] if f["rule"] == "oversharing/email-address"]
    assert [(f["path"].split("/")[-1], f["line"]) for f in emails] == [("contact-me.md", 8)]
    assert run_cli("check", str(EXAMPLES / "clean")).exit_code == 0


def test_line_and_column_point_at_the_match(run_cli, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("# Title\n\nSo what the f*ck, right?\n", encoding="utf-8")
    result = run_cli("check", str(post), "--fail-on", "warning")
    assert result.exit_code == 1
    assert f"{post}:3:13: warning controversy/profanity" in result.output
    assert "    So what the f*ck, right?\n                ^^^^\n" in result.output


def test_json_format_is_one_document_with_stable_keys(run_cli, tmp_path):
    post = tmp_path / "p.txt"
    post.write_text("what the f*ck", encoding="utf-8")
    doc = json.loads(run_cli("check", str(post), "--format", "json").output)
    assert doc["schema_version"] == 1
    [finding] = doc["findings"]
    assert list(finding) == ["path", "rule", "category", "tags", "severity", "message", "why",
                             "suggestion", "match", "start", "end", "line", "column",
                             "end_line", "end_column", "fingerprint", "related"]
    assert (finding["start"], finding["end"], finding["line"], finding["column"],
            finding["end_column"]) == (9, 13, 1, 10, 14)
    assert doc["summary"]["findings"] == 1 and doc["problems"] == []


def test_one_finding_per_rule_per_post_with_every_span(run_cli, tmp_path):
    post = tmp_path / "p.txt"
    post.write_text("Call 07700 900123\nor 07700 900456 after six", encoding="utf-8")
    doc = json.loads(run_cli("check", str(post), "--format", "json").output)
    [phone] = [f for f in doc["findings"] if f["rule"] == "oversharing/phone-number"]
    assert (phone["line"], phone["column"], phone["match"]) == (1, 6, "07*** ***123")
    [other] = phone["related"]
    assert (other["line"], other["column"], other["end_column"]) == (2, 4, 16)
    assert other["match"] == "07*** ***456" and other["fingerprint"] != phone["fingerprint"]
    text = run_cli("check", str(post)).output
    assert "    also at 2:4 '07*** ***456'\n" in text and "900456" not in text


def test_fail_on_levels(run_cli, tmp_path):
    post = tmp_path / "p.txt"
    post.write_text("what the f*ck", encoding="utf-8")  # a warning
    assert run_cli("check", str(post)).exit_code == 0  # default: error
    assert run_cli("check", str(post), "--fail-on", "warning").exit_code == 1
    assert run_cli("check", str(post), "--fail-on", "info").exit_code == 1
    assert run_cli("check", str(post), "--fail-on", "never").exit_code == 0


def test_stdin(run_cli):
    result = run_cli("check", "-", input="call me on 07700 900123")
    assert result.exit_code == 1 and "<stdin>:1:12: error oversharing/phone-number" in result.output


def test_no_color_and_no_color_in_pipes(run_cli):
    result = run_cli("check", "-", "--color", "always", input="f*ck", env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output
    assert "\x1b[" in run_cli("check", "-", "--color", "always", input="f*ck").output
    assert "\x1b[" not in run_cli("check", "-", input="f*ck").output


def test_usage_errors_exit_2(run_cli, tmp_path):
    assert run_cli("check").exit_code == 2
    assert run_cli("check", str(tmp_path / "missing.md")).exit_code == 2
    (tmp_path / "empty").mkdir()
    result = run_cli("check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no files to check" in result.output
    assert run_cli("check", "-", "--platform", "myspace", input="x").exit_code == 2
    assert run_cli("check", "-", "--model", "no_such_model", input="x").exit_code == 2


def test_a_bad_file_does_not_stop_the_others(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("what the f*ck", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"caf\xe9 latin-1")
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    doc = json.loads(result.output)
    assert len(doc["findings"]) == 1
    assert "offset 3" in doc["problems"][0]["message"]


def test_platform_length(run_cli):
    long_post = "word " * 70
    assert run_cli("check", "-", input=long_post).exit_code == 0
    result = run_cli("check", "-", "--platform", "x", input=long_post)
    assert result.exit_code == 1 and "style/too-long" in result.output


def test_rules_explain_and_test_rules(run_cli):
    listing = run_cli("rules").output
    assert "oversharing/phone-number" in listing and "KIND" in listing
    text = run_cli("explain", "controversy/profanity").output
    assert "Why:" in text and "Flags:" in text and "Leaves alone:" in text
    bad = run_cli("explain", "controversy/profanityy")
    assert bad.exit_code == 2 and "did you mean 'controversy/profanity'" in bad.output
    assert run_cli("test-rules").exit_code == 0
    assert "topic" in run_cli("rules", "--tags").output


def test_test_rules_names_failing_examples(make_pack, run_cli):
    from conftest import pack_text, rule_yaml

    path = make_pack("", raw=pack_text(rule_yaml(
        "terms", "terms: [scam]", examples="{flag: ['all good'], pass: ['a scam']}")))
    result = run_cli("test-rules", str(path))
    assert result.exit_code == 1
    assert "should flag but did not: 'all good'" in result.output
    assert "should pass but flagged: 'a scam'" in result.output


def test_jsonl_input_reports_record_lines(run_cli, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "hello"}\n{"text": "what the f*ck"}\nnot json\n', encoding="utf-8")
    result = run_cli("check", str(path), "--format", "json")
    doc = json.loads(result.output)
    assert doc["findings"][0]["line"] == 2 and doc["findings"][0]["record"] == 2
    assert "line 3: not valid JSON" in doc["problems"][0]["message"]
    assert result.exit_code == 2


def test_jsonl_is_streamed_and_limited_per_record(run_cli, tmp_path):
    path = tmp_path / "archive.jsonl"
    lines = [b'{"text": "post %d"}' % i for i in range(200)]
    lines[50] = b'{"text": "caf\xe9"}'
    lines[60] = b'{"text": "' + b"a" * 400 + b'"}'
    lines[70] = b'{"text": "what the f*ck"}'
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run_cli("check", str(path), "--format", "json", "--max-file-size", "300")
    doc = json.loads(result.output)
    assert result.exit_code == 2  # two records could not be checked, the rest were
    assert doc["summary"]["posts"] == 198
    assert [f["line"] for f in doc["findings"]] == [71]
    messages = [p["message"] for p in doc["problems"]]
    assert messages[0].startswith("line 51: not valid UTF-8 (byte 0xe9 at offset")
    assert messages[1].startswith("line 61: record is 413 bytes, over the 300-byte limit")


def test_a_post_can_carry_its_own_platform():
    from postlint import Linter

    long_post = "word " * 60  # 300 characters: over X's limit, within Mastodon's
    linter = Linter(platform="mastodon")
    rules = [[f.rule for f in found] for found in linter.lint_many(
        [long_post, (long_post, "x"), (long_post, None)])]
    assert rules == [[], ["style/too-long"], []]
