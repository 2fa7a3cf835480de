"""A comms team's workflow through the command line, on real files.

examples/ as the content repository it is (its postlint.yaml, baseline, allow-list and
per-path overrides are picked up by the README's command); inline suppressions in Markdown
comments and front matter as the readers deliver them; unused and unexplained suppressions;
directives in threads, CSV schedules and CRLF files; baselines of CSV rows that move.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "examples"


def report(result) -> dict:
    return json.loads(result.stdout)


def rules_by_path(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in report(result)["findings"]:
        out.setdefault(f["path"].split("examples/", 1)[-1], set()).add(f["rule"])
    return out


@pytest.fixture
def content_repo(tmp_path, monkeypatch):
    """A copy of examples/ as the root of a git repository, the current folder."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root / "examples")
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    return root


# examples/: the README's command with the team's configuration


def test_the_readme_command_picks_up_the_examples_configuration(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    configured = run_cli("check", "examples/", "--format", "json")
    assert configured.exit_code == 1, configured.stderr
    summary = report(configured)["summary"]
    assert (summary["baselined"], summary["suppressed"]) == (2, 1)
    found = rules_by_path(configured)
    assert set(found) == {"risky/contact-me.md", "risky/election.md", "risky/holiday.txt",
                          "risky/launch-rant.md", "risky/schedule.csv"}
    # the brand profile makes an insult an error
    [insult] = [f for f in report(configured)["findings"]
                if f["rule"] == "controversy-attacks/insult"]
    assert insult["severity"] == "error"
    # without the configuration: the published posts' accepted findings, the product names
    # and the press office's address come back, and the README is checked as a post
    bare = rules_by_path(run_cli("check", "examples/", "--no-config", "--format", "json",
                                 "--fail-on", "never", "--profile", "brand"))
    assert bare["published/2024-04-monday.md"] == {"negativity/negative-sentiment"}
    assert bare["published/2024-05-ethiopia.md"] == {"controversy/mild-profanity"}
    assert {"oversharing/email-address", "controversy/mild-profanity"} <= \
        bare["campaigns/manchester-opening.md"]
    assert "controversy/mild-profanity" in bare["team/three-years.md"]
    # the inline suppression holds with or without configuration
    assert "oversharing-confidential/market-moving" not in bare["campaigns/manchester-opening.md"]


def test_the_examples_gate_fails_oversharing_warnings_and_explains_it(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("check", "examples/risky/holiday.txt", "--explain-exit")
    assert result.exit_code == 1
    assert ("oversharing-whereabouts/away-from-home (warning) fails by "
            "fail.category:oversharing: warning (examples/postlint.yaml:") in result.stderr
    assert run_cli("check", "examples/risky/holiday.txt", "--no-config").exit_code == 0


def test_the_committed_baseline_is_what_postlint_baseline_writes(run_cli, content_repo):
    committed = (content_repo / "examples" / ".postlint-baseline").read_bytes()
    (content_repo / "examples" / ".postlint-baseline").unlink()
    result = run_cli("baseline", "examples/published")
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 entries" in result.stderr
    assert (content_repo / "examples" / ".postlint-baseline").read_bytes() == committed


def test_the_examples_overrides_give_team_posts_the_employee_profile(run_cli, content_repo):
    post = "Our new roast is damn good, and the queue was out of the door all morning.\n"
    (content_repo / "examples" / "team" / "roast.md").write_text(post, encoding="utf-8")
    (content_repo / "examples" / "campaigns" / "roast.md").write_text(post, encoding="utf-8")
    severities = {f["path"].split("/")[1]: f["severity"]
                  for f in report(run_cli("check", "examples/team", "examples/campaigns",
                                          "--format", "json"))["findings"]
                  if f["rule"] == "controversy/mild-profanity"}
    assert severities == {"team": "info", "campaigns": "warning"}
    assert run_cli("check", "examples/team").exit_code == 0
    assert run_cli("check", "examples/campaigns").exit_code == 1  # brand: controversy warnings


def test_the_baseline_accepts_a_published_post_after_it_is_edited(run_cli, content_repo):
    post = content_repo / "examples" / "published" / "2024-05-ethiopia.md"
    head, body = post.read_text(encoding="utf-8").rsplit("---\n", 1)
    post.write_text(head + "---\n# Ethiopia\n\nFrom our roasters:\n\n" + body +
                    "\nThe election is rigged.\n", encoding="utf-8")
    found = report(run_cli("check", "examples/published", "--format", "json"))["findings"]
    assert [(f["rule"], f["line"]) for f in found] == [("controversy-topics/election", 11)]


# inline suppressions in Markdown comments


SUPPRESSED = """\
---
platform: linkedin
---
<!-- postlint-disable oversharing/phone-number -- our support hotline -->
Call 07700 900123 for help.
<!-- postlint-enable oversharing/phone-number -->
Or 07700 900456 at home.

<!-- postlint-disable-next-line controversy/* -- the band's name, quoted from the review -->
We saw Holy Shit live last night.
What the f*ck, the encore was short. <!-- postlint-disable-line tag:profanity -- quoting the singer -->
And that was damn loud.
"""


def test_markdown_comment_directives_disable_enable_next_line_and_line(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    post = tmp_path / "gig.md"
    post.write_text(SUPPRESSED, encoding="utf-8")
    result = run_cli("check", str(post), "--format", "json", "--show-matches")
    found = {f["rule"]: f for f in report(result)["findings"]}
    # the phone number between disable and enable is suppressed, the one after it is not
    phone = found["oversharing/phone-number"]
    assert (phone["line"], phone["match"], phone["related"]) == (7, "07700 900456", [])
    # lines 10 and 11 are suppressed for profanity; line 12 is not
    assert [found["controversy/mild-profanity"]["line"]] == [12]
    assert "controversy/profanity" not in found
    assert report(result)["summary"]["suppressed"] == 1  # the profanity finding, whole
    # the same file without its directives: every span is back
    bare = tmp_path / "bare.md"
    bare.write_text("\n".join(line.split("<!--")[0] for line in SUPPRESSED.splitlines()),
                    encoding="utf-8")
    again = {f["rule"]: f for f in report(run_cli("check", str(bare), "--format",
                                                  "json"))["findings"]}
    assert len(again["oversharing/phone-number"]["related"]) == 1
    assert "controversy/profanity" in again


def test_crlf_files_keep_directives_and_positions(run_cli, tmp_path):
    post = tmp_path / "gig.md"
    post.write_bytes(SUPPRESSED.replace("\n", "\r\n").encode())
    found = {f["rule"]: f for f in report(run_cli("check", str(post), "--format", "json",
                                                  "--no-config"))["findings"]}
    assert (found["oversharing/phone-number"]["line"],
            found["oversharing/phone-number"]["column"]) == (7, 4)
    assert (found["controversy/mild-profanity"]["line"],
            found["controversy/mild-profanity"]["column"]) == (12, 14)
    assert "controversy/profanity" not in found


def test_front_matter_disables_rules_for_the_whole_post(run_cli, tmp_path):
    post = tmp_path / "sorry.md"
    post.write_text("---\nplatform: x\npostlint:\n  disable: [negativity/*, "
                    "controversy/mild-profanity]\n  reason: the apology, approved by the "
                    "comms lead\n---\nWe are sorry. Yesterday was awful and a damn waste of "
                    "your time.\nCall me on 07700 900123 tonight.\n", encoding="utf-8")
    result = run_cli("check", str(post), "--format", "json", "--no-config")
    assert [(f["rule"], f["line"]) for f in report(result)["findings"]] == \
        [("oversharing/phone-number", 8)]
    assert report(result)["summary"]["suppressed"] >= 2


def test_a_front_matter_directive_without_reason_is_a_finding_when_required(run_cli,
                                                                          tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "postlint.yaml").write_text("suppressions:\n  require-reason: true\n",
                                            encoding="utf-8")
    post = tmp_path / "sorry.md"
    post.write_text("---\npostlint:\n  disable: [controversy/mild-profanity]\n---\n"
                    "That was damn good.\n", encoding="utf-8")
    result = run_cli("check", str(post), "--format", "json")
    [finding] = report(result)["findings"]
    # front matter is not part of the post's text: the finding is on the body's first line
    assert (finding["rule"], finding["line"], finding["severity"]) == \
        ("postlint/suppression-without-reason", 5, "error")
    assert "front matter 'postlint.disable' needs a 'reason'" in finding["message"]
    assert result.exit_code == 1


DIRECTIVES = """\
<!-- postlint-disable-next-line controversy/profanity -->
What the f*ck, the encore was short.
<!-- postlint-disable-next-line oversharing/phone-number -- the shop's line -->
Nothing to see here.
"""


def test_unused_suppressions_are_reported_when_asked(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    post = tmp_path / "gig.md"
    post.write_text(DIRECTIVES, encoding="utf-8")
    assert report(run_cli("check", str(post), "--format", "json"))["findings"] == []
    asked = run_cli("check", str(post), "--format", "json", "--report-unused-suppressions")
    [unused] = report(asked)["findings"]
    assert (unused["rule"], unused["line"], unused["column"], unused["severity"]) == \
        ("postlint/unused-suppression", 3, 1, "warning")
    assert "'oversharing/phone-number' suppressed nothing" in unused["message"]
    assert asked.exit_code == 0  # a warning; the default gate fails on errors
    # the same from configuration, and the gate can make it fail
    (tmp_path / "postlint.yaml").write_text(
        "suppressions:\n  report-unused: true\nfail:\n  postlint/unused-suppression: warning\n",
        encoding="utf-8")
    configured = run_cli("check", str(post), "--explain-exit")
    assert configured.exit_code == 1
    assert "postlint/unused-suppression (warning) fails by fail.postlint/unused-suppression" \
        in configured.stderr


def test_a_suppression_without_reason_is_a_finding_only_when_configured(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    post = tmp_path / "gig.md"
    post.write_text(DIRECTIVES, encoding="utf-8")
    assert run_cli("check", str(post)).exit_code == 0
    (tmp_path / "postlint.yaml").write_text("suppressions:\n  require-reason: true\n",
                                            encoding="utf-8")
    result = run_cli("check", str(post), "--format", "json")
    [finding] = report(result)["findings"]
    assert (finding["rule"], finding["line"]) == ("postlint/suppression-without-reason", 1)
    assert result.exit_code == 1
    # it still suppresses: the profanity is not reported
    assert "controversy/profanity" not in {f["rule"] for f in report(result)["findings"]}
    # and a profile can require reasons too
    (tmp_path / "postlint.yaml").write_text("profile: regulated-finance\n", encoding="utf-8")
    assert [f["rule"] for f in report(run_cli("check", str(post), "--format", "json"))[
        "findings"]] == ["postlint/suppression-without-reason"]


def test_a_misspelt_directive_is_an_error_that_suppresses_nothing(run_cli, tmp_path):
    post = tmp_path / "gig.md"
    post.write_text("<!-- postlint-disabel controversy/profanity -- typo -->\n"
                    "What the f*ck.\n", encoding="utf-8")
    result = run_cli("check", str(post), "--format", "json", "--no-config")
    found = {f["rule"]: f["line"] for f in report(result)["findings"]}
    assert found == {"postlint/bad-directive": 1, "controversy/profanity": 2}
    assert result.exit_code == 1


# threads and CSV schedules under configuration


def test_a_directive_in_a_thread_applies_to_the_post_it_is_in(run_cli, tmp_path):
    thread = tmp_path / "launch.thread.md"
    thread.write_text("1/ What the f*ck a launch.\n\n---\n"
                      "<!-- postlint-disable-next-line controversy/profanity -- quoting -->\n"
                      "2/ The f*ck-up fairy stayed away.\n", encoding="utf-8")
    found = report(run_cli("check", str(thread), "--format", "json", "--no-config"))
    assert [(f["rule"], f["line"]) for f in found["findings"]] == \
        [("controversy/profanity", 1)]
    assert found["summary"]["suppressed"] == 1


SCHEDULE = """\
Text,Network,Posting Time
"Our summer menu is here 🍋",instagram,2024-06-03 09:00
"Customers who complain about the price are idiots.",x,2024-06-12 16:00
"What the f*ck, a heatwave.",linkedin,2024-06-13 16:00
"""


def test_a_baseline_of_a_csv_schedule_survives_rows_moving(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    assert run_cli("baseline", "schedule.csv", "-o", ".postlint-baseline").exit_code == 0
    header, *rows = SCHEDULE.splitlines()
    new_rows = ['"Iced latte is back!",x,2024-06-01 09:00'] * 4
    schedule.write_text("\n".join([header, *new_rows, rows[2], rows[0], rows[1]]) + "\n",
                        encoding="utf-8")
    moved = report(run_cli("check", "schedule.csv", "--format", "json", "--no-baseline",
                           "--fail-on", "info"))
    assert {f["line"] for f in moved["findings"]} >= {6, 8}  # the rows moved down
    result = run_cli("check", "schedule.csv", "--baseline", ".postlint-baseline",
                     "--format", "json", "--fail-on", "info")
    assert report(result)["findings"] == [] and result.exit_code == 0


def test_configured_input_settings_and_command_line_precedence(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "postlint.yaml").write_text("input:\n  text-field: body\n", encoding="utf-8")
    posts = tmp_path / "posts.csv"
    posts.write_text("body,caption\nWhat the f*ck.,fine\nfine,Shit happens.\n",
                     encoding="utf-8")
    by_config = report(run_cli("check", str(posts), "--format", "json"))["findings"]
    assert [f["line"] for f in by_config] == [2]
    by_option = report(run_cli("check", str(posts), "--format", "json", "--text-field",
                               "caption"))["findings"]
    assert {f["line"] for f in by_option} == {3}


# the README's "Adopt postlint in an existing repository in five minutes"


def test_the_readme_adoption_steps(run_cli, tmp_path, monkeypatch):
    repo = tmp_path / "content"
    shutil.copytree(EXAMPLES / "risky", repo / "posts")
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo)
    assert run_cli("init", "--profile", "brand").exit_code == 0
    assert run_cli("check", ".").exit_code == 1
    with open("postlint.yaml", "a", encoding="utf-8") as config:
        config.write("baseline: .postlint-baseline\n")
    recorded = run_cli("baseline")
    assert recorded.exit_code == 0 and "to .postlint-baseline" in recorded.stderr
    accepted = run_cli("check", ".", "--explain-exit")
    assert accepted.exit_code == 0, accepted.stdout + accepted.stderr
    assert "postlint: exit code 0" in accepted.stderr and "in the baseline" in accepted.stderr
    # the hook names staged files; a new risk in an old post fails, with the finding shown
    post = repo / "posts" / "election.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nWhat the f*ck, go vote.\n",
                    encoding="utf-8")
    new = run_cli("check", "posts/election.md", "posts/holiday.txt")
    assert new.exit_code == 1 and "controversy/profanity" in new.stdout
    assert "#ElectionDay" not in new.stdout  # the accepted hashtag stays quiet
