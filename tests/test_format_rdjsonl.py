"""reviewdog rdjsonl: each line a valid Diagnostic, columns in UTF-8 bytes of the file's
line, exclusive ends, grouped findings with related locations."""

from __future__ import annotations

import json

import pytest
from contracts import rdjsonl_errors
from corpus import CONTACT, FEED, FEED_LINES, INPUTS, LAUNCH, make_corpus, run_check, where


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("rdjsonl")
    make_corpus(root)
    return root


@pytest.fixture(scope="module")
def text(root):
    result = run_check(root, *INPUTS, "--format", "rdjsonl", "--output", "json:run.json")
    assert result.exit_code == 2
    return result.stdout


def diagnostics(text):
    return [json.loads(line) for line in text.splitlines()]


def test_every_line_is_a_valid_diagnostic(text):
    assert rdjsonl_errors(text) == []
    assert rdjsonl_errors('{"severity": "FATAL"}\n')  # the check can fail


def test_byte_columns_slice_the_match_out_of_the_files_line(root, text):
    from corpus import line_of

    doc = json.loads((root / "run.json").read_text(encoding="utf-8"))
    sensitive = {"t/token", "oversharing/phone-number", "oversharing/email-address"}
    checked = 0
    for d, f in zip((d for d in diagnostics(text) if d["code"]["value"] != "postlint/input"),
                    doc["findings"], strict=True):
        assert (d["location"]["path"], d["code"]["value"]) == (f["path"], f["rule"])
        start, end = d["location"]["range"]["start"], d["location"]["range"]["end"]
        if f["path"] == FEED or start["line"] != end["line"]:
            continue
        line = line_of(root, f["path"], start["line"])
        piece = line[start["column"] - 1:end["column"] - 1].decode("utf-8")
        if f["rule"] not in sensitive:
            assert piece == f["match"], (d, piece)
        assert len(piece) == len(f["match"])  # masked matches keep their length
        checked += 1
    assert checked >= 8


def test_emoji_count_four_bytes(text):
    [damn] = [d for d in diagnostics(text)
              if d["code"]["value"] == "t/damn" and d["location"]["path"] == LAUNCH]
    from corpus import TEXTS

    first, second = where(TEXTS[LAUNCH], "damn"), where(TEXTS[LAUNCH], "damn", 2)
    assert damn["location"]["range"] == {
        "start": {"line": 1, "column": first["start"]["utf-8"]},
        "end": {"line": 1, "column": first["end"]["utf-8"]}}
    assert first["start"]["utf-8"] == first["start"]["code-points"] + 6  # 🚀🎉: 2 x (4 - 1)
    assert damn["severity"] == "ERROR" and damn["source"] == {"name": "postlint"}
    assert damn["message"].endswith("(and 1 more place: 2:16)")
    [related] = damn["related_locations"]
    assert related["location"]["range"]["start"] == {"line": 2,
                                                     "column": second["start"]["utf-8"]}
    [record] = [d for d in diagnostics(text)
                if d["code"]["value"] == "t/damn" and d["location"]["path"] == FEED]
    assert record["location"]["range"]["start"] == {
        "line": 2, "column": where(FEED_LINES[1], "damn")["start"]["utf-8"]}


def test_unreadable_input_is_a_file_level_diagnostic(text):
    [bad] = [d for d in diagnostics(text) if d["code"]["value"] == "postlint/input"]
    assert bad["location"] == {"path": "posts/bad.md"} and bad["severity"] == "ERROR"


def test_paths_and_controls(text):
    paths = {d["location"]["path"] for d in diagnostics(text)}
    assert paths == {LAUNCH, CONTACT, FEED, "posts/bad.md"}
    assert "\\u0007" not in text and "\\u001b" not in text
