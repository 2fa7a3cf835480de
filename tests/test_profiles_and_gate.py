"""Audience profiles and the fail gate, through the command line."""

from __future__ import annotations

import json

import pytest

from postlint import Linter
from postlint.config.schema import META_RULES, check_entries, known_rule_ids
from postlint.post import Post
from postlint.profiles import optional_pack_files, profiles

INSULT = "Our competitor's CEO is an idiot.\n"  # controversy-attacks/insult, a warning
CONFIDENTIAL = "Can't say much yet, but we are about to announce a big acquisition.\n"
TRAVEL = "We're away until the 14th with the kids.\n"  # a warning


def rules_of(result) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in json.loads(result.stdout)["findings"]}


# profiles as data


def test_every_profile_loads_and_names_only_real_rules():
    shipped = profiles()
    assert set(shipped) == {"brand", "employee", "regulated-finance", "regulated-health"}
    files = tuple(sorted(str(p) for p in optional_pack_files().values()))
    ids = (*known_rule_ids(files), *META_RULES)
    for profile in shipped.values():
        assert profile.description
        check_entries(profile.layer, ids)  # raises on a selector that names no rule


_OPTIONAL = Linter([str(p) for p in optional_pack_files().values()], only_packs=True)
_CASES = [pytest.param(c.rule.id, expected, text, id=f"{c.rule.id}-{expected}-{i}")
          for c in _OPTIONAL.ruleset.compiled
          for expected, examples in (("flag", c.rule.flag_examples),
                                     ("pass", c.rule.pass_examples))
          for i, text in enumerate(examples)]


@pytest.mark.parametrize("rule_id,expected,text", _CASES)
def test_optional_pack_examples(rule_id, expected, text):
    with _OPTIONAL.nlp.select_pipes(disable=["postlint"]):
        post = Post(_OPTIONAL.nlp(text), None)
    fired = [f for f in _OPTIONAL.ruleset.run(post) if f.rule == rule_id]
    assert bool(fired) == (expected == "flag"), (rule_id, text)


def test_optional_pack_rules_carry_two_examples_each_way():
    assert all(len(c.rule.flag_examples) >= 2 and len(c.rule.pass_examples) >= 2
               for c in _OPTIONAL.ruleset.compiled)


def test_profiles_command_lists_and_shows(run_cli):
    listing = run_cli("profiles")
    assert listing.exit_code == 0
    for name in ("brand", "employee", "regulated-finance", "regulated-health"):
        assert f"{name}\n    " in listing.output
    shown = run_cli("profiles", "brand")
    assert shown.output.startswith("profile: brand\n") and "fail:" in shown.output
    bad = run_cli("profiles", "brnd")
    assert bad.exit_code == 2 and "unknown profile 'brnd'; did you mean 'brand'?" in bad.stderr


def test_rules_with_a_profile_show_severity_gate_and_where_they_come_from(run_cli):
    listing = run_cli("rules", "--profile", "employee").output
    assert "SEVERITY" in listing and "FAILS" in listing
    line = next(x for x in listing.splitlines() if x.startswith("style/hard-to-read "))
    assert " off " in line
    line = next(x for x in listing.splitlines()
                if x.startswith("oversharing-whereabouts/empty-home "))
    assert "error (was warning)" in line and " yes " in line
    assert "severity.category:oversharing: error (profile 'employee')" in line
    finance = run_cli("rules", "--profile", "regulated-finance").output
    assert "regulated-finance/guaranteed-returns" in finance
    assert "regulated-finance/" not in run_cli("rules").output


# the same post, different audiences


@pytest.mark.parametrize("text,brand,employee", [
    (INSULT, 1, 0),  # a brand account fails on insults; an employee's warning does not fail
    (CONFIDENTIAL, 0, 1),  # confidential news fails an employee, is a warning for a brand
    (TRAVEL, 0, 1),
])
def test_brand_and_employee_gate_differently(run_cli, text, brand, employee):
    assert run_cli("check", "-", "--profile", "brand", input=text).exit_code == brand
    assert run_cli("check", "-", "--profile", "employee", input=text).exit_code == employee


def test_regulated_profiles_add_their_packs_and_fail_on_warnings(run_cli):
    promo = "Guaranteed returns of 12% a year, totally risk-free investment!\n"
    assert run_cli("check", "-", input=promo).exit_code == 0
    result = run_cli("check", "-", "--profile", "regulated-finance", "--format", "json",
                     input=promo)
    assert result.exit_code == 1
    assert {"regulated-finance/guaranteed-returns", "regulated-finance/no-risk"} <= \
        set(rules_of(result))
    health = "Our tea cures anxiety and is clinically proven.\n"
    result = run_cli("check", "-", "--profile", "regulated-health", "--format", "json",
                     input=health)
    assert set(rules_of(result)) >= {"regulated-health/cure-claim",
                                     "regulated-health/proven-claim"}
    assert run_cli("check", "-", "--profile", "regulated-health", input=TRAVEL).exit_code == 1


def test_configuration_settings_win_over_its_profile(repo, run_cli):
    repo("postlint.yaml", """\
        profile: brand
        severity:
          tag:insult: info
        fail:
          controversy-attacks/insult: never
          category:negativity: never
        """)
    post = repo("p.md", INSULT)
    result = run_cli("check", str(post), "--format", "json")
    assert rules_of(result)["controversy-attacks/insult"] == "info" and result.exit_code == 0


def test_profile_precedence_command_line_front_matter_override_configuration(repo, run_cli):
    repo("postlint.yaml", """\
        profile: employee
        overrides:
          - files: ["brand/**"]
            profile: brand
        """)
    team = repo("team/p.md", INSULT)
    brand = repo("brand/p.md", INSULT)
    assert run_cli("check", str(team)).exit_code == 0
    assert run_cli("check", str(brand)).exit_code == 1
    assert run_cli("check", str(brand), "--profile", "employee").exit_code == 0


# the gate and --explain-exit


def test_fail_entries_by_category_tag_and_rule(repo, run_cli):
    repo("postlint.yaml", """\
        fail-on: error
        fail:
          category:controversy: warning
          tag:personal-data: never
          controversy/profanity: error
        """)
    cases = {
        INSULT: 1,  # a controversy warning fails
        "what the f*ck\n": 0,  # the rule id wins over its category
        "call 07700 900123\n": 0,  # personal data never fails (it is still reported)
        TRAVEL: 0,  # oversharing warnings fall back to fail-on: error
    }
    for text, code in cases.items():
        post = repo("p.md", text)
        assert run_cli("check", str(post)).exit_code == code, text
    assert run_cli("check", str(post), "--fail-on", "warning").exit_code == 1


def test_explain_exit_names_the_setting_on_stderr_and_leaves_stdout_clean(repo, run_cli):
    config = repo("postlint.yaml", """\
        fail-on: error
        fail:
          category:controversy: warning
        """)
    post = repo("p.md", INSULT + TRAVEL)
    plain = run_cli("check", str(post), "--format", "json")
    explained = run_cli("check", str(post), "--format", "json", "--explain-exit")
    assert explained.stdout == plain.stdout and explained.exit_code == 1
    json.loads(explained.stdout)
    err = explained.stderr
    assert "postlint: exit code 1: 1 finding at or above its fail level" in err
    assert f"{post}:1:" in err and "controversy-attacks/insult (warning) fails by " \
           f"fail.category:controversy: warning ({config}:3)" in err
    assert f"below fail-on: error ({config}:1)" in err
    cli = run_cli("check", str(post), "--explain-exit", "--fail-on", "never")
    assert cli.exit_code == 0 and "below --fail-on: never (the command line)" in cli.stderr
    profile = run_cli("check", str(post), "--explain-exit", "--no-config", "--profile", "brand")
    assert "fails by fail.category:controversy: warning (profile 'brand')" in profile.stderr
    default = run_cli("check", "-", "--explain-exit", input="hello\n")
    assert default.exit_code == 0 and "exit code 0: no findings" in default.stderr


def test_explain_exit_when_an_input_could_not_be_checked(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_bytes(b"caf\xe9")
    result = run_cli("check", str(tmp_path), "--explain-exit")
    assert result.exit_code == 2
    assert "exit code 2: 1 input could not be checked" in result.stderr


def test_junit_and_sarif_follow_the_configured_gate_and_rules(repo, run_cli):
    import xml.etree.ElementTree as ET

    repo("postlint.yaml", "profile: regulated-finance\nfail:\n  category:negativity: never\n")
    promo = repo("promo.md", "Guaranteed returns of 12% a year!\n")
    insult = repo("insult.md", INSULT)
    travel = repo("travel.md", TRAVEL)
    result = run_cli("check", str(promo), str(insult), str(travel), "--format", "junit")
    assert result.exit_code == 1
    failed = {c.get("classname").rsplit("/", 1)[-1]: c.find("failure")
              for c in ET.fromstring(result.stdout).iter("testcase")}
    # warnings fail under the profile, except negativity, which the configuration lets pass
    assert failed["promo.md"] is not None and failed["travel.md"] is not None
    assert failed["insult.md"] is not None  # the insult (controversy) still fails
    message = failed["insult.md"].get("message")
    assert "at or above their fail level" in message and "negativity" not in message
    sarif = json.loads(run_cli("check", str(promo), "--format", "sarif").stdout)
    [rule] = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"]
              if r["id"] == "regulated-finance/guaranteed-returns"]
    assert "promise" in rule["shortDescription"]["text"].lower()
