"""GitHub Actions workflow commands: the escaping vectors, lines that parse back as the
runner parses them, UTF-16 columns, most severe first, grouped findings, a summary."""

from __future__ import annotations

import json

import pytest
from contracts import workflow_command_vectors
from corpus import (
    CONTACT,
    FEED_LINES,
    INPUTS,
    LAUNCH,
    TEXTS,
    make_corpus,
    run_check,
    where,
)

from postlint.reporters.github import workflow_command


def unescape_data(text: str) -> str:
    # As actions/runner's ActionCommand.UnescapeData: %25 last, so %250A stays "%0A".
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def parse(line: str) -> tuple[str, dict, str]:
    """A workflow command split as the runner splits it (TryParseV2)."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2:]
    command, _, props = head.partition(" ")
    properties = {}
    for prop in filter(None, props.split(",")):
        key, _, value = prop.partition("=")
        properties[key] = unescape_property(value)
    return command, properties, unescape_data(message)


@pytest.mark.parametrize("case", workflow_command_vectors(), ids=lambda c: c["name"])
def test_escaping_vectors(case):
    line = workflow_command(case["command"], [tuple(p) for p in case["properties"]],
                            case["message"])
    assert line == case["expected"]
    command, properties, message = parse(line)
    assert (command, message) == (case["command"], case["message"])
    assert properties == dict(case["properties"])


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("github")
    make_corpus(root)
    return root


@pytest.fixture(scope="module")
def lines(root):
    result = run_check(root, *INPUTS, "--format", "github", "--output", "json:run.json")
    assert result.exit_code == 2
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def doc(root, lines):
    """The same run as JSON (written by --output beside the annotations)."""
    return json.loads((root / "run.json").read_text(encoding="utf-8"))


def annotations(lines, rule=None, path=None):
    out = []
    for line in lines:
        if line.startswith("::"):
            command, props, message = parse(line)
            if (rule is None or props.get("title") == rule) and (
                    path is None or props.get("file") == path):
                out.append((command, props, message))
    return out


def test_one_line_per_finding_then_the_summary(lines, doc):
    found = annotations(lines)
    assert len(found) == len(doc["findings"]) + 1  # and the input that could not be read
    assert all(line.startswith("::") for line in lines[:-2])
    sev = doc["summary"]["by_severity"]
    assert lines[-2].startswith("postlint: by category: controversy ")
    assert "style 1 (1 info)" in lines[-2]
    assert lines[-1] == (f"postlint: {len(doc['findings'])} findings ({sev['error']} error, "
                         f"{sev['warning']} warning, {sev['info']} info) in 3 of 5 posts; "
                         "1 input could not be checked")
    for line in lines:  # nothing a log could misread: no control characters, no CR
        assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in line), repr(line)


def test_most_severe_first(lines, doc):
    commands = [command for command, _, _ in annotations(lines)]
    order = {"error": 0, "warning": 1, "notice": 2}
    assert commands == sorted(commands, key=order.get)
    sev = doc["summary"]["by_severity"]
    assert commands.count("error") == sev["error"] + 1  # and the unreadable input
    assert (commands.count("warning"), commands.count("notice")) == (sev["warning"], sev["info"])
    # Input order within a level: the positions of the JSON findings, level by level.
    for command, severity in (("error", "error"), ("warning", "warning"), ("notice", "info")):
        expected = [(f["path"], str(f["line"])) for f in doc["findings"]
                    if f["severity"] == severity]
        got = [(p.get("file"), p.get("line")) for c, p, _ in annotations(lines)
               if c == command and not p.get("title", "").startswith("postlint:")]
        assert got == expected


def test_positions_in_utf16_and_files_as_given(lines):
    [(command, props, message)] = annotations(lines, "t/damn", LAUNCH)
    first = where(TEXTS[LAUNCH], "damn")
    assert command == "error"
    assert props == {"file": LAUNCH, "line": "1", "endLine": "1",
                     "col": str(first["start"]["utf-16"]),
                     "endColumn": str(first["end"]["utf-16"]), "title": "t/damn"}
    # the message survives its '%', ':' and ',' and names the other place
    assert message.startswith("'damn' is a swear word: 100%, really (and 1 more place: 2:16)\n")
    [(_, record, _)] = annotations(lines, "t/damn", "posts/feed.jsonl")
    assert (record["line"], record["col"]) == ("2", str(where(FEED_LINES[1], "damn")[
        "start"]["utf-16"]))
    # a path with a comma, a percent sign and a colon comes back whole
    assert annotations(lines, "t/gloom", CONTACT)


def test_multi_line_spans_have_no_columns(lines):
    [(_, props, _)] = annotations(lines, "t/across")
    assert (props["line"], props["endLine"]) == ("3", "4")
    assert "col" not in props and "endColumn" not in props


def test_message_carries_why_and_controls_are_shown(lines):
    [(_, props, message)] = annotations(lines, "oversharing/phone-number")
    assert "\nInstead: " in message and "phone number" in message.split("\n")[1]
    [(_, _, secret)] = annotations(lines, "t/token")
    assert secret.startswith("'*****-****56' is a secret (and 1 more place: 2:22)")


def test_unreadable_input_is_an_error_annotation(lines):
    [(command, props, message)] = annotations(lines, "postlint: input not checked")
    assert command == "error" and props["file"] == "posts/bad.md"
    assert "not valid UTF-8" in message
