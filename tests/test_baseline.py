"""Baselines through the command line: record, check, survive edits, merge, stay private."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

DRAFT = """\
# Launch notes

Honestly, what the f*ck happened with the build.

Call me on 07700 900123 if the demo breaks.
"""


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def test_baseline_records_today_and_check_reports_only_new(repo, run_cli):
    post = repo / "launch.md"
    post.write_text(DRAFT, encoding="utf-8")
    base = repo / ".postlint-baseline"
    result = run_cli("baseline", str(post), "-o", str(base))
    assert result.exit_code == 0, result.output
    assert "wrote 2 entries (2 findings in 1 post)" in result.stderr
    checked = run_cli("check", str(post), "--baseline", str(base), "--format", "json",
                      "--fail-on", "info")
    assert findings(checked) == [] and checked.exit_code == 0
    summary = json.loads(checked.stdout)["summary"]
    assert summary["baselined"] == 2 and summary["findings"] == 0
    text = run_cli("check", str(post), "--baseline", str(base))
    assert text.stdout.strip().endswith("; 2 in the baseline")
    # a new risk is reported, the accepted ones stay quiet
    post.write_text(DRAFT + "\nThe election is rigged.\n", encoding="utf-8")
    new = run_cli("check", str(post), "--baseline", str(base), "--format", "json")
    assert [f["rule"] for f in findings(new)] == ["controversy-topics/election"]


def test_a_baseline_survives_edits_that_move_its_findings(repo, run_cli):
    post = repo / "launch.md"
    post.write_text(DRAFT, encoding="utf-8")
    base = repo / "baseline.txt"
    run_cli("baseline", str(post), "-o", str(base))
    # new paragraphs above, the two risky paragraphs swapped and moved down eight lines
    head, profane, phone = DRAFT.split("\n\n")
    moved = head + "\n\n" + "A new intro.\n\n" * 4 + phone + "\n\n" + profane + "\n"
    post.write_text(moved, encoding="utf-8")
    assert run_cli("check", str(post), "--format", "json", "--fail-on", "info").exit_code == 1
    lines = {f["rule"]: f["line"] for f in findings(run_cli("check", str(post), "--format",
                                                                "json"))}
    assert lines["controversy/profanity"] >= 3 + 8
    checked = run_cli("check", str(post), "--baseline", str(base), "--format", "json",
                      "--fail-on", "info")
    assert findings(checked) == [] and checked.exit_code == 0
    # CRLF line ends do not break entries either
    post.write_bytes(moved.replace("\n", "\r\n").encode())
    assert findings(run_cli("check", str(post), "--baseline", str(base), "--format",
                            "json")) == []


def test_a_grouped_finding_keeps_its_spans_that_are_not_in_the_baseline(repo, run_cli):
    post = repo / "p.md"
    post.write_text("Call 07700 900123 for the shop.\n", encoding="utf-8")
    base = repo / "baseline.txt"
    run_cli("baseline", str(post), "-o", str(base))
    post.write_text("Call 07700 900123 for the shop.\n\nMy own is 07700 900456 tonight.\n",
                    encoding="utf-8")
    [phone] = findings(run_cli("check", str(post), "--baseline", str(base), "--format",
                               "json", "--show-matches"))
    assert (phone["match"], phone["line"], phone["related"]) == ("07700 900456", 3, [])
    assert "07700 900456" in phone["message"]


def test_entries_are_sorted_stable_and_keep_no_personal_data(repo, run_cli):
    (repo / "b.md").write_text("mail jo.bloggs@gmail.com or call 07700 900123\n",
                               encoding="utf-8")
    (repo / "a.md").write_text(DRAFT, encoding="utf-8")
    base = repo / "baseline.txt"
    run_cli("baseline", str(repo), "-o", str(base))
    text = base.read_text(encoding="utf-8")
    assert text.startswith("# postlint baseline v1")
    assert "07700" not in text and "900123" not in text and "jo.bloggs" not in text
    assert "gmail" not in text and "f*ck" not in text
    entries = [line for line in text.splitlines() if not line.startswith("#")]
    assert entries == sorted(entries) and len(entries) == 4
    assert all(line.split("\t")[0] in ("a.md", "b.md") for line in entries)
    sensitive = [e for e in entries if "oversharing/" in e]
    assert sensitive and all(e.split("\t")[2].startswith("p2:") for e in sensitive)
    run_cli("baseline", str(repo), "-o", str(base))
    assert base.read_text(encoding="utf-8") == text  # the same input, the same file


def test_paths_are_relative_to_the_baseline_so_any_folder_can_run_it(repo, run_cli,
                                                                     monkeypatch):
    (repo / "drafts").mkdir()
    (repo / "drafts" / "p.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(repo)
    run_cli("baseline", "drafts", "-o", ".postlint-baseline")
    assert "\tdrafts/p.md\t" not in (repo / ".postlint-baseline").read_text()
    assert "drafts/p.md\tcontroversy/profanity" in (repo / ".postlint-baseline").read_text()
    monkeypatch.chdir(repo / "drafts")
    assert findings(run_cli("check", "p.md", "--baseline", "../.postlint-baseline",
                            "--format", "json")) == []


def test_configured_baseline_and_no_baseline(repo, run_cli, monkeypatch):
    (repo / "postlint.yaml").write_text("baseline: .postlint-baseline\nfail-on: warning\n",
                                        encoding="utf-8")
    post = repo / "p.md"
    post.write_text(DRAFT, encoding="utf-8")
    missing = run_cli("check", str(post))
    assert missing.exit_code == 2
    assert ".postlint-baseline: baseline file does not exist; create it with `postlint " \
           "baseline -o" in missing.stderr
    monkeypatch.chdir(repo)
    written = run_cli("baseline")  # the current folder, into the configured file
    assert written.exit_code == 0 and (repo / ".postlint-baseline").exists()
    assert run_cli("check", str(post)).exit_code == 0
    assert run_cli("check", str(post), "--no-baseline").exit_code == 1


def test_baseline_needs_somewhere_to_go(repo, run_cli):
    (repo / "p.md").write_text(DRAFT, encoding="utf-8")
    result = run_cli("baseline", str(repo / "p.md"))
    assert result.exit_code == 2 and "give -o FILE" in result.stderr


@pytest.mark.parametrize("content,line,message", [
    ("hello\n", 1, "not a postlint baseline"),
    ("# postlint baseline v1\np.md\tcontroversy/profanity\n", 2, "not a baseline entry"),
    ("# postlint baseline v1\np.md\tnot a rule\tabcdef0123456789\n", 2, "not a baseline entry"),
    ("", None, "not a postlint baseline"),
])
def test_a_broken_baseline_names_file_and_line(repo, run_cli, content, line, message):
    (repo / "p.md").write_text(DRAFT, encoding="utf-8")
    (repo / "base.txt").write_text(content, encoding="utf-8")
    result = run_cli("check", str(repo / "p.md"), "--baseline", str(repo / "base.txt"))
    assert result.exit_code == 2
    where = f"base.txt:{line}: " if line else "base.txt: "
    assert where in result.stderr and message in result.stderr, result.stderr


def test_suppressed_findings_are_not_recorded(repo, run_cli):
    (repo / "postlint.yaml").write_text("ignore: [oversharing/*]\n", encoding="utf-8")
    (repo / "p.md").write_text(DRAFT, encoding="utf-8")
    run_cli("baseline", str(repo / "p.md"), "-o", str(repo / "b.txt"))
    assert "oversharing" not in (repo / "b.txt").read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_branches_adding_entries_merge_without_conflict(tmp_path, run_cli):
    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True, env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                                              "GIT_COMMITTER_NAME": "t",
                                              "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path),
                                              "PATH": "/usr/bin:/bin"})

    git("init", "-q", "-b", "main")
    (tmp_path / ".gitattributes").write_text(".postlint-baseline merge=union\n")
    (tmp_path / "a.md").write_text("what the f*ck\n")
    base = tmp_path / ".postlint-baseline"
    run_cli("baseline", str(tmp_path), "-o", str(base))
    git("add", "-A")
    git("commit", "-qm", "start")
    git("checkout", "-qb", "one")
    (tmp_path / "b.md").write_text("the election is rigged\n")
    run_cli("baseline", str(tmp_path), "-o", str(base))
    git("add", "-A")
    git("commit", "-qm", "one")
    git("checkout", "-q", "main")
    git("checkout", "-qb", "two")
    (tmp_path / "b2.md").write_text("call 07700 900123 today\n")
    run_cli("baseline", str(tmp_path), "-o", str(base))
    git("add", "-A")
    git("commit", "-qm", "two")
    git("merge", "-q", "--no-edit", "one")  # would conflict without merge=union
    text = base.read_text()
    assert "<<<<<<<" not in text
    assert "b.md\t" in text and "b2.md\t" in text and "a.md\t" in text
    result = run_cli("check", str(tmp_path), "--baseline", str(base), "--format", "json")
    assert findings(result) == [] and result.exit_code == 0


def test_new_paragraphs_next_to_a_finding_keep_its_entry_new_words_beside_it_do_not(
        repo, run_cli):
    post = repo / "launch.md"
    post.write_text(DRAFT, encoding="utf-8")
    base = repo / "baseline.txt"
    run_cli("baseline", str(post), "-o", str(base))
    head, profane, phone = DRAFT.rstrip("\n").split("\n\n")
    # a paragraph right before and right after each accepted one
    post.write_text("\n\n".join([head, "Before it.", profane, "Between them.", phone,
                                 "After it all."]) + "\n", encoding="utf-8")
    assert findings(run_cli("check", str(post), "--baseline", str(base), "--format", "json",
                            "--fail-on", "info")) == []
    # a word changed right next to the match is a different finding
    post.write_text(DRAFT.replace("what the f*ck happened", "what the f*ck went wrong"),
                    encoding="utf-8")
    assert [f["rule"] for f in findings(run_cli("check", str(post), "--baseline", str(base),
                                                "--format", "json"))] == \
        ["controversy/profanity"]


def test_the_baseline_holds_no_personal_data_in_any_form(repo, run_cli):
    (repo / "p.md").write_text("Mail Jo.Bloggs@Gmail.com or call +44 7700 900123.\n\n"
                               "my password is hunter2\n", encoding="utf-8")
    base = repo / "baseline.txt"
    run_cli("baseline", str(repo), "-o", str(base))
    text = base.read_text(encoding="utf-8").casefold()
    entries = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(entries) >= 3
    for secret in ("jo.bloggs", "bloggs", "gmail", "7700", "900123", "447700900123",
                   "hunter2"):
        assert secret not in text, secret
    # sensitive spans are slow hashes, never the JSON output's fingerprints
    shown = {f["fingerprint"] for f in findings(run_cli("check", str(repo / "p.md"),
                                                         "--format", "json"))}
    digests = [line.split("\t")[2] for line in entries]
    assert all(d.startswith("p2:") for d in digests) and not shown & set(digests)
