"""Broken packs stop the run with exit 2 and a message naming the file, the line and the field."""

from __future__ import annotations

import pytest
from conftest import assert_pack_error, pack_text, rule_yaml

GOOD = rule_yaml("terms", "terms: [scam]")

CASES = [
    # (pack text, line, expected fragment)
    (pack_text(GOOD.replace("kind: terms", "kind: regexp")), 7,
     "rule 't/rule': field 'kind': unknown value 'regexp'; expected one of: entity, length"),
    (pack_text(GOOD.replace("category: controversy", "category: drama")), 8,
     "field 'category': unknown value 'drama'"),
    (pack_text(GOOD.replace("tags: [topic]", "tags: [gossip]")), 9, "unknown tag 'gossip'"),
    (pack_text(GOOD.replace("severity: warning", "severity: fatal")), 10,
     "field 'severity': unknown value 'fatal'"),
    (pack_text(GOOD.replace("terms: [scam]", "termz: [scam]")), 14,
     "field 'termz': unknown field; did you mean 'terms'?"),
    (pack_text(GOOD.replace("terms: [scam]", "terms: 42")), 14,
     "field 'terms': must be a list of text, found number 42"),
    (pack_text(GOOD.replace("id: t/rule", "id: Bad Rule")), 6, "field 'id': must look like"),
    (pack_text(GOOD.replace("id: t/rule", "id: other/rule")), 6,
     "field 'id': must start with the pack name 't/'"),
    (pack_text(GOOD + "\n" + GOOD), 15, "rule 't/rule': duplicate rule id (first defined on line 6)"),
    (pack_text(rule_yaml("regex", "pattern: '(a)\\1'")), 14, "field 'pattern': invalid RE2 pattern"),
    (pack_text(rule_yaml("pattern", "patterns: [[{LOWERR: x}]]")), 14,
     "field 'patterns': invalid token pattern"),
    (pack_text(rule_yaml("sentiment", "threshold: high")), 14,
     "field 'threshold': must be a number, found text"),
    (pack_text(rule_yaml("sentiment", "threshold: -0.2\nvoice: {writer: [i], figures: 3}")), 15,
     "field 'voice.figures': must be true or false, found number 3"),
    (pack_text(rule_yaml("sentiment", "threshold: -0.2\nvoice: {writer: [i]}")), 15,
     "field 'voice': needs 'narrator' or 'report' words, or 'figures: true'"),
    (pack_text(rule_yaml("sentiment", "threshold: -0.2\nrelax: {ratings: 3, threshold: -0.5}")),
     15, "field 'relax.ratings': must be between 0.0 and 2.0, found 3"),
    (pack_text(rule_yaml("sentiment", "threshold: -0.2\nnames: {single: 1}")), 15,
     "field 'names.single': must be true or false, found number 1"),
    (pack_text(rule_yaml("sentiment", "threshold: -0.2\nnames: {alone: true}")), 15,
     "field 'names.alone': unknown field"),
    (pack_text(GOOD.replace('"found {match}"', '"found {mtch}"')), 11,
     "unknown placeholder '{mtch}'"),
    (pack_text(rule_yaml("regex", "pattern: x\nvalidators: [crc]")), 15, "unknown validator 'crc'"),
    (pack_text(GOOD.replace("examples: {flag: ['x'], pass: ['y']}", "examples: {}")), 13,
     "field 'examples': needs at least one 'flag' or 'pass' example"),
    (pack_text(GOOD).replace("language: en", "language: fr"), 3, "field 'language': unknown value 'fr'"),
    (pack_text(GOOD).replace("version: 1\n", ""), 1, "field 'version': is required"),
    ("pack: t\nversion: 1\nlanguage: en\ndescription: x\nrules: [\n", 6, "invalid YAML"),
    ("pack: t\nversion: 1\nlanguage: en\ndescription: x\nrules:\n  - &a {id: t/x}\n  - *a\n",
     6, "anchors and aliases are not allowed"),
    ("pack: t\nversion: 1\nlanguage: en\ndescription: x\n1: 2\nrules: []\n", 5, "keys must be text"),
    ("pack: t\nversion: 1\nlanguage: en\ndescription: x\nrules:\n  - !!python/object:os.system x\n",
     6, "invalid YAML"),
    (pack_text(rule_yaml("length", "limits: {myspace: 10}")), 14, "field 'limits.myspace': unknown platform"),
]


@pytest.mark.parametrize("text,line,fragment", CASES, ids=[c[2][:40] for c in CASES])
def test_broken_pack_gives_file_line_field_and_exit_2(make_pack, run_cli, text, line, fragment):
    path = make_pack("", raw=text)
    result = run_cli("check", "--only-packs", "--pack", str(path), "-", input="hello")
    assert_pack_error(result, path, line, fragment)


def test_test_rules_exits_2_on_broken_pack(make_pack, run_cli):
    path = make_pack("", raw=pack_text(GOOD.replace("kind: terms", "kind: regexp")))
    result = run_cli("test-rules", str(path))
    assert result.exit_code == 2


def test_missing_pack_file(run_cli, tmp_path):
    result = run_cli("check", "--only-packs", "--pack", str(tmp_path / "nope.yaml"), "-", input="x")
    assert result.exit_code == 2
    assert "cannot read pack" in result.output


def test_deep_nesting_and_huge_documents_are_refused(make_pack, run_cli):
    deep = "pack: t\nversion: 1\nlanguage: en\ndescription: x\nrules: " + "[" * 100 + "]" * 100
    path = make_pack("", raw=deep)
    result = run_cli("check", "--only-packs", "--pack", str(path), "-", input="x")
    assert result.exit_code == 2 and "nested more than" in result.output
