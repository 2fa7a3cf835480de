"""A pack's ``shared`` entries: one word list or mapping that several rules ``use``."""

from __future__ import annotations

import pytest
from conftest import assert_pack_error, rule_yaml

from postlint import Linter
from postlint.packs import builtin_pack_dir, load_pack

HEADER = "pack: t\nversion: 1\nlanguage: en\ndescription: test pack\n"


def shared_pack(shared: str, *rules: str) -> str:
    """A pack with a ``shared`` section (indented YAML lines) and the given rules."""
    body = "".join("  " + line + "\n" for rule in rules for line in rule.splitlines())
    return HEADER + "shared:\n" + shared + "rules:\n" + body


SCAMS = "  scam-words: [scam, fraud, ponzi]\n"


def test_two_rules_use_one_word_list(make_pack):
    text = shared_pack(
        SCAMS,
        rule_yaml("terms", "use: {terms: scam-words}", "t/one"),
        rule_yaml("terms", "use: {terms: scam-words}", "t/two", category="negativity",
                  tags="[complaint]"),
    )
    pack = load_pack(make_pack("", raw=text))
    assert pack.rules[0].params["terms"] == pack.rules[1].params["terms"] == \
        ["scam", "fraud", "ponzi"]
    findings = Linter([make_pack("", raw=text)], only_packs=True).lint("what a ponzi")
    assert sorted(f.rule for f in findings) == ["t/one", "t/two"]


def test_shared_mapping_gives_the_same_idioms_as_writing_them_in(make_pack):
    idioms = "  hype: {crushing it: 2, sick deals: 2}\n"
    shared = load_pack(make_pack("", raw=shared_pack(
        idioms, rule_yaml("sentiment", "threshold: -0.2\nuse: {idioms: hype}"))))
    inline = load_pack(make_pack(rule_yaml(
        "sentiment", "threshold: -0.2\nidioms: {crushing it: 2, sick deals: 2}")))
    assert shared.rules[0].params == inline.rules[0].params


def test_builtin_sentiment_rules_share_their_idioms():
    pack = load_pack(builtin_pack_dir() / "negativity.yaml")
    rules = {r.id: r for r in pack.rules}
    post = rules["negativity/negative-sentiment"].params["idioms"]
    sentence = rules["negativity/negative-sentence"].params["idioms"]
    assert post == sentence
    assert post["crushing it"] == 2


def _rule_line(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


CASES = [
    # (shared section, rule body, expected fragment, the line's text)
    (SCAMS, "use: {terms: scam-wordz}",
     "field 'use.terms': unknown shared entry 'scam-wordz'; defined: scam-words",
     "use: {terms: scam-wordz}"),
    (SCAMS, "terms: [scam]\nuse: {terms: scam-words}",
     "field 'use.terms': is also set in the rule; set it in one place",
     "use: {terms: scam-words}"),
    (SCAMS, "use: {pattern: scam-words}",
     "field 'use.pattern': is not a field of kind 'terms'",
     "use: {pattern: scam-words}"),
    (SCAMS + "  spare: [x]\n", "use: {terms: scam-words}",
     "field 'shared.spare': is not used by any rule", "spare: [x]"),
    ("  Bad_Name: [x]\n", "terms: [scam]",
     "field 'shared.Bad_Name': names must be lower-case letters", "Bad_Name"),
    ("  empty: []\n", "terms: [scam]",
     "field 'shared.empty': must be a non-empty list or mapping", "empty: []"),
    ("  words: [scam, 42]\n", "use: {terms: words}",
     "field 'terms' item 2: must be non-empty text, found number 42", "words: [scam, 42]"),
    (SCAMS, "use: []",
     "use must be a mapping, found a list", "use: []"),
]


@pytest.mark.parametrize("shared,body,fragment,line_text", CASES,
                         ids=[c[2][:45] for c in CASES])
def test_broken_shared_entry_gives_file_line_field_and_exit_2(make_pack, run_cli, shared, body,
                                                              fragment, line_text):
    text = shared_pack(shared, rule_yaml("terms", body))
    path = make_pack("", raw=text)
    result = run_cli("check", "--only-packs", "--pack", str(path), "-", input="hello")
    assert_pack_error(result, path, _rule_line(text, line_text), fragment)


def test_problem_inside_a_shared_mapping_points_at_its_own_line(make_pack, run_cli):
    text = shared_pack("  hype:\n    crushing it: 2\n    sick deals: 9\n",
                       rule_yaml("sentiment", "threshold: -0.2\nuse: {idioms: hype}"))
    path = make_pack("", raw=text)
    result = run_cli("check", "--only-packs", "--pack", str(path), "-", input="hello")
    assert_pack_error(result, path, _rule_line(text, "sick deals: 9"),
                      "field 'idioms.sick deals': must be between -4.0 and 4.0, found 9")


def test_rules_cannot_take_unbounded_items_from_shared_entries(make_pack, run_cli):
    words = "[" + ", ".join(f"w{n}" for n in range(20_000)) + "]"
    rules = [rule_yaml("terms", "use: {terms: many}", f"t/r{n}") for n in range(11)]
    path = make_pack("", raw=shared_pack(f"  many: {words}\n", *rules))
    result = run_cli("check", "--only-packs", "--pack", str(path), "-", input="hello")
    assert result.exit_code == 2
    assert "rule 't/r10': field 'use.terms': the pack's rules take 220000 items from shared " \
        "entries; the limit is 200000" in result.output
