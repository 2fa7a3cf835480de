"""Configuration through the command line: discovery, every key, and errors (file:line:key)."""

from __future__ import annotations

import json
import os

import pytest

PROFANE = "So what the f*ck, right?\n"  # controversy/profanity, a warning


def rules_of(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


# discovery


def test_postlint_yaml_is_found_from_the_files_folder_upwards(repo, run_cli):
    repo("postlint.yaml", "ignore: [controversy/profanity]\n")
    post = repo("drafts/2024/launch.md", PROFANE)
    assert rules_of(run_cli("check", str(post), "--format", "json")) == []
    assert rules_of(run_cli("check", str(post), "--format", "json", "--no-config")) == \
        ["controversy/profanity"]


def test_dotfile_and_pyproject_are_found_too(repo, run_cli):
    repo("a/.postlint.yaml", "ignore: [controversy/profanity]\n")
    repo("b/pyproject.toml", """\
        [project]
        name = "content"

        [tool.postlint]
        ignore = ["controversy/*"]
        """)
    for folder in ("a", "b"):
        post = repo(f"{folder}/post.md", PROFANE)
        assert rules_of(run_cli("check", str(post), "--format", "json")) == []


def test_a_pyproject_without_the_table_is_passed_over(repo, run_cli):
    repo("postlint.yaml", "ignore: [controversy/profanity]\n")
    repo("sub/pyproject.toml", '[project]\nname = "postlint-content"\n')
    post = repo("sub/post.md", PROFANE)
    assert rules_of(run_cli("check", str(post), "--format", "json")) == []


def test_discovery_stops_at_the_repository_root(repo, run_cli):
    repo("postlint.yaml", "ignore: [controversy/profanity]\n")
    (repo.root / "inner" / ".git").mkdir(parents=True)
    post = repo("inner/post.md", PROFANE)
    assert rules_of(run_cli("check", str(post), "--format", "json")) == \
        ["controversy/profanity"]


def test_the_nearest_configuration_applies_alone(repo, run_cli):
    repo("postlint.yaml", "ignore: [controversy/profanity]\n")
    repo("team/postlint.yaml", "platform: x\n")
    post = repo("team/post.md", PROFANE)
    assert rules_of(run_cli("check", str(post), "--format", "json")) == \
        ["controversy/profanity"]


def test_yaml_and_dotfile_in_one_folder_is_an_error(repo, run_cli):
    repo("postlint.yaml", "{}\n")
    repo(".postlint.yaml", "{}\n")
    result = run_cli("check", str(repo("p.md", "hi")))
    assert result.exit_code == 2
    assert "both postlint.yaml and .postlint.yaml are in this folder; keep one" in result.stderr


def test_config_option_and_its_errors(repo, run_cli, tmp_path):
    config = repo("elsewhere/strict.yaml", "fail-on: warning\n")
    post = repo("p.md", PROFANE)
    assert run_cli("check", str(post)).exit_code == 0
    assert run_cli("check", str(post), "--config", str(config)).exit_code == 1
    missing = run_cli("check", str(post), "--config", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "nope.yaml: configuration file does not exist" in \
        missing.stderr
    no_table = repo("other.toml", "[tool.black]\n")
    result = run_cli("check", str(post), "--config", str(no_table))
    assert result.exit_code == 2 and "has no [tool.postlint] table" in result.stderr


def test_stdin_uses_the_current_folder(repo, run_cli, monkeypatch):
    repo("postlint.yaml", "ignore: [controversy/profanity]\n")
    monkeypatch.chdir(repo.root)
    result = run_cli("check", "-", "--format", "json", input=PROFANE)
    assert rules_of(result) == []


# validation: file, line and key; exit 2 before anything is checked


@pytest.mark.parametrize("text,line,message", [
    ("fail-on: error\nignre: [x]\n", 2, "field 'ignre': unknown field; did you mean 'ignore'?"),
    ("fail-on: eror\n", 1, "field 'fail-on': unknown value 'eror'; expected one of: error, "
                           "warning, info, never"),
    ("severity:\n  oversharing/*: warning\n  tag:profanty: error\n", 3,
     "field 'severity.tag:profanty': unknown tag 'profanty'; did you mean 'profanity'?"),
    ("severity:\n  controversy/profanity: loud\n", 2,
     "field 'severity.controversy/profanity': unknown value 'loud'; expected one of: error, "
     "warning, info, off"),
    ("ignore:\n  - style/too-long\n  - oversharing/phone\n", 3,
     "field 'ignore': no rule 'oversharing/phone'; did you mean 'oversharing/phone-number'?"),
    ("select: ['nope/*']\n", 1, "field 'select': pattern 'nope/*' matches no rule"),
    ("packs: [default, oversharng]\n", 1,
     "field 'packs' item 2: unknown pack 'oversharng'; did you mean 'oversharing'?"),
    ("packs:\n  - ./rules/acme.yaml\n", 2,
     "field 'packs' item 1: pack file './rules/acme.yaml' does not exist"),
    ("platform: myspace\n", 1, "field 'platform': unknown value 'myspace'"),
    ("profile: branding\n", 1, "field 'profile': unknown value 'branding'; expected one of: "
                               "brand, employee, regulated-finance, regulated-health"),
    ("allow: Acme\nfail:\n  category:controversy: maybe\n", 3,
     "field 'fail.category:controversy': unknown value 'maybe'"),
    ("input:\n  text_field: body\n", 2, "field 'input.text_field': unknown field; did you "
                                        "mean 'text-field'?"),
    ("input:\n  reader: xml\n", 2, "field 'input.reader': unknown value 'xml'; expected one "
                                  "of: text, markdown, thread, text-thread, csv, json, jsonl"),
    ("suppressions:\n  require-reason: yes please\n", 2,
     "field 'suppressions.require-reason': must be true or false"),
    ("overrides:\n  - files: ['legal/**']\n    severty: {}\n", 3,
     "field 'overrides[1].severty': unknown field; did you mean 'severity'?"),
    ("overrides:\n  - profile: brand\n", 2,
     "field 'overrides[1].files': is required"),
    ("exclude: [drafts/**]\ninclude: ''\n", 2, "field 'include' item 1: must be non-empty text"),
    ("a: &x 1\nb: *x\n", 1, "YAML anchors and aliases are not allowed in configuration files"),
    ("fail-on: [error\n", 2, "invalid YAML"),
    ("!!python/object/apply:os.system [echo]\n", 1, "tags are not allowed in configuration"),
])
def test_bad_yaml_configuration_names_file_line_and_key(repo, run_cli, text, line, message):
    repo("postlint.yaml", text)
    post = repo("p.md", PROFANE)
    result = run_cli("check", str(post), "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # nothing was checked or written
    assert f"postlint: {repo.root / 'postlint.yaml'}:{line}: " in result.stderr or \
        f"postlint.yaml:{line}: " in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text,line,message", [
    ('[tool.postlint]\nfail-on = "error"\nignre = ["x"]\n', 3,
     "field 'ignre': unknown field; did you mean 'ignore'?"),
    ('[tool.postlint]\n\n[tool.postlint.severity]\n"oversharing/*" = "warning"\n'
     '"controversy/profanity" = "loud"\n', 5,
     "field 'severity.controversy/profanity': unknown value 'loud'"),
    ('[tool.postlint]\nignore = [\n  "style/too-long",\n  42,\n]\n', 2,
     "field 'ignore' item 2: must be non-empty text, found number 42"),
    ('[tool.postlint]\n[[tool.postlint.overrides]]\nfiles = ["a/**"]\n'
     '[[tool.postlint.overrides]]\nfiles = ["b/**"]\nplatform = "myspace"\n', 6,
     "field 'overrides[2].platform': unknown value 'myspace'"),
    ('[tool.postlint]\nfail-on = "error\n', 2, "invalid TOML: "),
])
def test_bad_pyproject_configuration_names_file_line_and_key(repo, run_cli, text, line,
                                                             message):
    repo("pyproject.toml", text)
    post = repo("p.md", PROFANE)
    result = run_cli("check", str(post))
    assert result.exit_code == 2, result.output
    assert f"pyproject.toml:{line}: " in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def test_a_broken_configuration_in_a_walked_folder_stops_the_run_before_output(repo,
                                                                              run_cli):
    repo("a.md", PROFANE)
    repo("deep/er/postlint.yaml", "severity: {x/y: error}\n")
    repo("deep/er/b.md", "hello")
    repo(".hidden/postlint.yaml", "broken: [\n")  # hidden folders are not walked
    result = run_cli("check", str(repo.root), "--format", "json")
    assert result.exit_code == 2 and "field 'severity.x/y': no rule 'x/y'" in result.stderr
    assert result.stdout == ""


# what each key does


def test_select_ignore_by_id_glob_category_and_tag(repo, run_cli):
    post = repo("p.md", "what the f*ck, call 07700 900123, the election is rigged\n")
    everything = rules_of(run_cli("check", str(post), "--format", "json"))
    assert {"controversy/profanity", "oversharing/phone-number",
            "controversy-topics/election"} <= set(everything)
    cases = {
        "ignore: [oversharing/*]": lambda r: not r.startswith("oversharing"),
        "ignore: [category:controversy]": lambda r: not r.startswith("controversy"),
        "ignore: [controversy]": lambda r: not r.startswith("controversy"),
        "ignore: [tag:profanity, tag:politics]": lambda r: r.split("/")[0] not in (
            "controversy", "controversy-topics"),
        "select: [oversharing/phone-number]": lambda r: r == "oversharing/phone-number",
    }
    for text, keep in cases.items():
        repo("postlint.yaml", text + "\n")
        found = rules_of(run_cli("check", str(post), "--format", "json"))
        assert found == [r for r in everything if keep(r)], text
    result = run_cli("check", str(post), "--format", "json", "--no-config",
                     "--select", "tag:personal-data", "--ignore", "controversy/*")
    assert rules_of(result) == ["oversharing/phone-number"]


def test_command_line_selectors_are_checked(run_cli):
    result = run_cli("check", "-", "--ignore", "oversharing/phone", input="x")
    assert result.exit_code == 2
    assert "--ignore 'oversharing/phone': no rule 'oversharing/phone'; did you mean " \
           "'oversharing/phone-number'?" in result.stderr
    result = run_cli("check", "-", "--select", "tag:nope", input="x")
    assert result.exit_code == 2 and "--select 'tag:nope': unknown tag 'nope'" in result.stderr


def test_severity_overrides_most_specific_wins_and_off_drops(repo, run_cli):
    repo("postlint.yaml", """\
        severity:
          category:controversy: error
          controversy/profanity: info
          tag:personal-data: off
        """)
    post = repo("p.md", "what the f*ck, call 07700 900123, the election is rigged\n")
    doc = json.loads(run_cli("check", str(post), "--format", "json").stdout)
    got = {f["rule"]: f["severity"] for f in doc["findings"]}
    assert got["controversy/profanity"] == "info"  # the rule id beats the category
    assert got["controversy-topics/election"] == "error"  # the category applies
    assert "oversharing/phone-number" not in got


def test_yaml_off_needs_no_quotes(repo, run_cli):
    repo("postlint.yaml", "severity:\n  controversy/profanity: off\nfail:\n  '*': no\n")
    post = repo("p.md", PROFANE)
    result = run_cli("check", str(post), "--format", "json")
    assert rules_of(result) == [] and result.exit_code == 0


def test_allow_list_brand_words_and_published_contact_details(repo, run_cli):
    repo("postlint.yaml", """\
        allow:
          - Damn Good Coffee
          - Jo.Bloggs@Gmail.com
          - "+44 7700 900123"
        """)
    post = repo("p.md", "Try Damn Good Coffee! Mail jo.bloggs@gmail.com or call "
                        "07700 900123; not 07700 900456 or sam.r@outlook.com\n")
    doc = json.loads(run_cli("check", str(post), "--format", "json", "--show-matches").stdout)
    matches = sorted(s["match"] for f in doc["findings"]
                     for s in [f, *f["related"]])
    assert matches == ["07700 900456", "sam.r@outlook.com"]
    without = json.loads(run_cli("check", str(post), "--format", "json", "--no-config",
                                 "--show-matches").stdout)
    assert len([s for f in without["findings"] for s in [f, *f["related"]]]) == 5
    assert "controversy/mild-profanity" in {f["rule"] for f in without["findings"]}


def test_default_platform_and_a_posts_own_platform(repo, run_cli):
    repo("postlint.yaml", "platform: x\n")
    post = repo("p.md", "word " * 70)
    assert rules_of(run_cli("check", str(post), "--format", "json")) == ["style/too-long"]
    result = run_cli("check", str(post), "--format", "json", "--platform", "linkedin")
    assert rules_of(result) == []


def test_fail_on_from_configuration_and_command_line(repo, run_cli):
    repo("postlint.yaml", "fail-on: warning\n")
    post = repo("p.md", PROFANE)
    assert run_cli("check", str(post)).exit_code == 1
    assert run_cli("check", str(post), "--fail-on", "error").exit_code == 0


def test_packs_by_name_and_by_path(repo, run_cli):
    from conftest import pack_text, rule_yaml

    repo("rules/acme.yaml", pack_text(rule_yaml("terms", "terms: [bluebird]",
                                                rule_id="acme/codename"), name="acme"))
    repo("postlint.yaml", "packs: [oversharing, ./rules/acme.yaml]\n")
    post = repo("drafts/p.md", "Bluebird ships soon, what the f*ck, call 07700 900123\n")
    assert rules_of(run_cli("check", str(post), "--format", "json")) == \
        ["acme/codename", "oversharing/phone-number"]
    repo("postlint.yaml", "packs: [default, regulated-finance]\n")
    post = repo("drafts/q.md", "Guaranteed returns of 12% a year\n")
    assert rules_of(run_cli("check", str(post), "--format", "json")) == \
        ["regulated-finance/guaranteed-returns"]


def test_include_and_exclude(repo, run_cli):
    repo("postlint.yaml", """\
        include: ["**/*.md", "notes/*.log"]
        exclude: [drafts/archive, "*.tmp.md"]
        """)
    for name in ("a.md", "b.txt", "notes/c.log", "drafts/archive/old.md", "d.tmp.md",
                 "drafts/e.md"):
        repo(name, PROFANE)
    doc = json.loads(run_cli("check", str(repo.root), "--format", "json").stdout)
    paths = sorted(os.path.relpath(f["path"], repo.root) for f in doc["findings"])
    assert paths == ["a.md", "drafts/e.md", "notes/c.log"]
    # a file named on the command line is checked unless it is excluded (pre-commit names
    # every staged file); excluding every named file is not an error
    named = run_cli("check", str(repo.root / "b.txt"), str(repo.root / "d.tmp.md"),
                    "--format", "json")
    assert [os.path.basename(f["path"]) for f in json.loads(named.stdout)["findings"]] == \
        ["b.txt"]
    only_excluded = run_cli("check", str(repo.root / "drafts/archive/old.md"))
    assert only_excluded.exit_code == 0, only_excluded.output


def test_overrides_per_path(repo, run_cli):
    repo("postlint.yaml", """\
        ignore: [style/*]
        overrides:
          - files: ["legal/**"]
            fail-on: warning
          - files: ["legal/press/*.md"]
            severity:
              controversy/profanity: error
            allow: [f*ck]
          - files: ["*.x.md"]
            platform: x
        """)
    repo("legal/a.md", PROFANE)
    repo("legal/press/b.md", PROFANE + "what the f*ck\n")
    repo("c.md", PROFANE)
    repo("d.x.md", "word " * 70)
    assert run_cli("check", str(repo.root / "c.md")).exit_code == 0
    assert run_cli("check", str(repo.root / "legal/a.md")).exit_code == 1
    assert rules_of(run_cli("check", str(repo.root / "legal/press/b.md"), "--format",
                            "json")) == []
    assert rules_of(run_cli("check", str(repo.root / "d.x.md"), "--format", "json")) == []
    # the ignore of the file applies with the override's platform (style/* ignored)


def test_overrides_with_jobs_give_the_same_output(repo, run_cli, monkeypatch):
    repo("postlint.yaml", """\
        overrides:
          - files: ["b/**"]
            severity: {controversy/profanity: error}
          - files: ["c/**"]
            allow: [Acme]
            ignore: [controversy/*]
        """)
    for folder in ("a", "b", "c"):
        for i in range(30):
            repo(f"{folder}/{i:02}.md", f"post {i}: what the f*ck, Acme\n")
    one = run_cli("check", str(repo.root), "--format", "json")
    two = run_cli("check", str(repo.root), "--format", "json", "--jobs", "2")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1
    # small chunks: the workers meet settings the parent had not built a linter for
    monkeypatch.setattr("postlint.parallel.CHUNK", 4)
    small = run_cli("check", str(repo.root), "--format", "json", "--jobs", "2")
    assert small.stdout == one.stdout
    severities = {(os.path.relpath(f["path"], repo.root).split("/")[0], f["severity"])
                  for f in json.loads(one.stdout)["findings"]}
    assert severities == {("a", "warning"), ("b", "error")}


def test_model_in_configuration_must_be_installed(repo, run_cli):
    repo("postlint.yaml", "model: no_such_pipeline\n")
    result = run_cli("check", str(repo("p.md", "hi")))
    assert result.exit_code == 2
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in result.stderr


# postlint init


def test_init_writes_a_starter_that_loads_and_refuses_to_overwrite(repo, run_cli,
                                                                    monkeypatch):
    monkeypatch.chdir(repo.root)
    result = run_cli("init")
    assert result.exit_code == 0 and (repo.root / "postlint.yaml").exists()
    text = (repo.root / "postlint.yaml").read_text(encoding="utf-8")
    assert text.count("#") > 30  # commented
    post = repo("p.md", PROFANE)
    assert run_cli("check", str(post)).exit_code == 0  # valid, and it changes nothing risky
    again = run_cli("init")
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr
    assert run_cli("init", "--force", "--profile", "brand").exit_code == 0
    assert "profile: brand" in (repo.root / "postlint.yaml").read_text(encoding="utf-8")
    assert run_cli("check", str(post)).exit_code == 1  # the brand profile fails on warnings
    assert run_cli("init", "other.yaml", "--profile", "nope").exit_code == 2
