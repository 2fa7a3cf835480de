"""SARIF 2.1.0: valid against the OASIS schema and GitHub's overlay, UTF-16 columns, relative
URIs, rule metadata, related locations, and fingerprints that survive line moves."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from contracts import sarif_errors
from corpus import (
    CONTACT,
    FEED,
    FEED_LINES,
    INPUTS,
    LAUNCH,
    TEXTS,
    make_corpus,
    run_check,
    where,
)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("sarif")
    make_corpus(root)
    return root


@pytest.fixture(scope="module")
def run(root):
    result = run_check(root, *INPUTS, "--format", "sarif")
    assert result.exit_code == 2  # posts/bad.md could not be read
    return json.loads(result.stdout)


def results_of(doc, rule, uri=None):
    return [r for r in doc["runs"][0]["results"] if r["ruleId"] == rule
            and (uri is None or r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                 == uri)]


def region(location):
    return location["physicalLocation"]["region"]


def test_valid_against_the_schema_and_githubs_overlay(run):
    assert sarif_errors(run) == []
    assert run["version"] == "2.1.0" and run["$schema"]
    assert len(run["runs"]) == 1 and len(run["runs"][0]["results"]) >= 10


def test_the_schemas_catch_what_they_should(run):
    # The checks can fail: a backslash URI, an unescaped space, a missing fingerprint, a level.
    broken = json.loads(json.dumps(run))
    first, second = broken["runs"][0]["results"][:2]
    first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "posts\\a.md"
    second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "posts/a b.md"
    del first["partialFingerprints"]
    second["level"] = "fatal"
    errors = sarif_errors(broken)
    assert any("'primaryLocationLineHash' is a required" in e or "partialFingerprints" in e
               for e in errors)
    assert any("'fatal'" in e for e in errors)
    assert any("posts\\\\a.md" in e for e in errors)  # the overlay forbids backslashes
    assert any("'posts/a b.md' is not a 'uri-reference'" in e for e in errors)


def test_columns_are_utf16_code_units_after_emoji(run):
    assert run["runs"][0]["columnKind"] == "utf16CodeUnits"
    [damn] = results_of(run, "t/damn", "posts/launch%20%F0%9F%9A%80.md")
    text = TEXTS[LAUNCH]
    first, second = where(text, "damn"), where(text, "damn", 2)
    got = region(damn["locations"][0])
    assert (got["startLine"], got["startColumn"], got["endLine"], got["endColumn"]) == (
        1, first["start"]["utf-16"], 1, first["end"]["utf-16"])
    assert first["start"]["utf-16"] == first["start"]["code-points"] + 2  # two emoji before
    [related] = damn["relatedLocations"]
    assert (region(related)["startLine"], region(related)["startColumn"]) == (
        2, second["start"]["utf-16"])
    assert damn["message"]["text"].endswith("(and 1 more place: 2:16)")
    # The JSON Lines record: line 2 of the file, columns within the post's text.
    [record] = results_of(run, "t/damn", "posts/feed.jsonl")
    got = region(record["locations"][0])
    assert (got["startLine"], got["startColumn"]) == (2, where(FEED_LINES[1], "damn")[
        "start"]["utf-16"])


def test_a_span_across_lines_ends_on_its_own_line(run):
    [across] = results_of(run, "t/across")
    text = TEXTS[LAUNCH]
    span = where(text, "alpha\r\nomega")
    got = region(across["locations"][0])
    assert (got["startLine"], got["endLine"], got["endColumn"]) == (3, 4, span["end"]["utf-16"])


def test_uris_are_relative_forward_slash_and_percent_encoded(run):
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["runs"][0]["results"]}
    assert uris == {"posts/launch%20%F0%9F%9A%80.md", "posts/contact,%2050%25%3A%20draft.md",
                    "posts/feed.jsonl"}
    assert {unquote(u) for u in uris} == {LAUNCH, CONTACT, FEED}
    for result in run["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"


def test_absolute_paths_inside_the_working_folder_become_relative(root):
    result = run_check(root, str(root / LAUNCH), "--format", "sarif")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert uris == {"posts/launch%20%F0%9F%9A%80.md"}


def test_rule_metadata_for_every_rule_that_fired(run):
    driver = run["runs"][0]["tool"]["driver"]
    assert driver["name"] == "postlint" and driver["version"]
    rules = driver["rules"]
    fired = {r["ruleId"] for r in run["runs"][0]["results"]}
    assert {r["id"] for r in rules} == fired
    for result in run["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_id = {r["id"]: r for r in rules}
    phone = by_id["oversharing/phone-number"]
    assert phone["shortDescription"]["text"] and phone["fullDescription"]["text"]
    assert "phone number" in phone["fullDescription"]["text"]
    assert phone["defaultConfiguration"]["level"] == "error"
    assert "Not flagged:" in phone["help"]["text"] and phone["help"]["markdown"]
    assert "oversharing" in phone["properties"]["tags"]
    # A sensitive rule's flagged examples (personal data, made up or not) stay out.
    assert "TOKEN-000000" not in json.dumps(by_id["t/token"])
    profanity = by_id["controversy/profanity"]["help"]
    assert "Flagged:" in profanity["text"] and "f\\*ck" in profanity["markdown"]
    assert by_id["t/jargon"]["defaultConfiguration"]["level"] == "note"


def test_levels_and_problems(run):
    levels = {r["ruleId"]: r["level"] for r in run["runs"][0]["results"]}
    assert (levels["t/damn"], levels["t/gloom"], levels["t/jargon"]) == ("error", "warning",
                                                                          "note")
    [invocation] = run["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "not valid UTF-8" in note["message"]["text"]
    summary = run["runs"][0]["properties"]["summary"]
    assert summary["byCategory"]["style"]["info"] == 1 and summary["problems"] == 1


def test_control_characters_are_shown_not_sent(run):
    text = json.dumps(run)
    assert "\\u0007" not in text and "\\u001b" not in text


def test_fingerprints_survive_line_moves(tmp_path):
    make_corpus(tmp_path)
    post = tmp_path / LAUNCH

    def fingerprints():
        doc = json.loads(run_check(tmp_path, LAUNCH, "--format", "sarif").stdout)
        return {(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]):
                region(r["locations"][0])["startLine"] for r in doc["runs"][0]["results"]}

    before = fingerprints()
    post.write_bytes(b"\r\n\r\n\r\n" + post.read_bytes())  # the post moves three lines down
    after = fingerprints()
    assert after.keys() == before.keys()
    assert all(after[key] == before[key] + 3 for key in before)
    # A real edit changes the fingerprint of what it touches, and only that.
    post.write_bytes(post.read_bytes().replace(b"synergy", b"synergy again"))
    edited = fingerprints()
    changed = {rule for rule, _ in edited.keys() ^ after.keys()}
    assert "t/jargon" in changed and "t/damn" not in changed


def test_identical_findings_in_one_file_are_told_apart(tmp_path):
    make_corpus(tmp_path)
    (tmp_path / "twice.jsonl").write_text('{"text": "damn"}\n{"text": "damn"}\n',
                                          encoding="utf-8")
    doc = json.loads(run_check(tmp_path, "twice.jsonl", "--format", "sarif").stdout)
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"]
              for r in results_of(doc, "t/damn")]
    assert len(hashes) == 2 and hashes[0].endswith(":1") and hashes[1].endswith(":2")
    assert hashes[0].split(":")[0] == hashes[1].split(":")[0]


def test_same_input_same_bytes(root):
    first = run_check(root, *INPUTS, "--format", "sarif").stdout
    assert first == run_check(root, *INPUTS, "--format", "sarif").stdout
