"""postlint as a pre-commit hook, with the real pre-commit (from PyPI, the test extra).

A temporary content repository uses this repository as its hook source: pre-commit installs
postlint with pip into a fresh virtual environment, as it does for a team. Committing a
risky draft fails with the findings shown; a clean one is committed. The hook then runs
with network access blocked, and its output survives pre-commit splitting the files over
parallel runs.

pip resolves postlint's dependencies from the machine's index (PyPI in CI, or whatever
``PIP_INDEX_URL``/``PIP_FIND_LINKS``/``PIP_NO_INDEX`` say: pre-commit passes them on), so
an offline machine runs this test with a wheelhouse: see docs/input-formats.md#pre-commit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
RISKY = "# Flat viewing\n\nText me on 07700 900123 and I'll show you round.\n"
CLEAN = "# Version 2.4\n\nFaster sync and a new dark theme. Thanks for the reports!\n"
SOCKET_GUARD = textwrap.dedent("""
    import socket

    def _blocked(*args, **kwargs):
        raise RuntimeError("network access attempted: " + repr(args[:2]))

    socket.socket.connect = _blocked
    socket.create_connection = _blocked
    socket.getaddrinfo = _blocked
""")


def _git(cwd: Path, *args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=check, timeout=600)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Comms Team\n\temail = comms@acme.example\n"
                         "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
                         encoding="utf-8")
    result = dict(os.environ, GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1",
                  PRE_COMMIT_HOME=str(home / "pre-commit"), PRE_COMMIT_COLOR="never",
                  NO_COLOR="1")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        result.pop(key, None)
    # pre-commit must run with this interpreter's pre-commit (and its virtualenv)
    result["PATH"] = str(Path(sys.executable).parent) + os.pathsep + result.get("PATH", "")
    return result


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory, env) -> tuple[Path, str]:
    """This repository as it is on disk (committed or not), as a git repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, env=env)
    if listed.returncode != 0:
        pytest.skip("the hook source must be a git checkout of postlint (CI clones one)")
    source = tmp_path_factory.mktemp("hook-source")
    for name in filter(None, listed.stdout.decode().split("\0")):
        path = ROOT / name
        if path.is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    _git(source, "init", "-q", env=env)
    _git(source, "add", "-A", env=env)
    _git(source, "commit", "-q", "-m", "postlint as it is being tested", env=env)
    rev = _git(source, "rev-parse", "HEAD", env=env).stdout.strip()
    return source, rev


def _content_repo(path: Path, env: dict) -> Path:
    path.mkdir()
    _git(path, "init", "-q", env=env)
    return path


def test_hook_manifest_and_the_example_config_are_valid(env):
    for command, file in (("validate-manifest", ROOT / ".pre-commit-hooks.yaml"),
                          ("validate-config", ROOT / "examples" / ".pre-commit-config.yaml")):
        result = subprocess.run([*PRE_COMMIT, command, str(file)], capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_fails_a_risky_draft_with_its_findings(tmp_path, env, hook_source):
    source, _ = hook_source
    repo = _content_repo(tmp_path / "content", env)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "flat.md").write_text(RISKY, encoding="utf-8")
    (repo / "drafts" / "release.md").write_text(CLEAN, encoding="utf-8")
    (repo / "README.md").write_text("What the f*ck is this repo\n", encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    result = subprocess.run([*PRE_COMMIT, "try-repo", str(source), "postlint"], cwd=repo,
                            env=env, capture_output=True, text=True, timeout=1800)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert re.search(r"^postlint \(risky social-media posts\)\.+Failed$", out, re.M), out
    assert "drafts/flat.md:3:12: error oversharing/phone-number" in out
    assert "07*** ***123" in out and "900123" not in out  # masked in the hook's output too
    assert "release.md" not in out and "README.md" not in out


def test_commits_are_gated_by_the_installed_hook(tmp_path, env, hook_source):
    source, rev = hook_source
    repo = _content_repo(tmp_path / "content", env)
    config = (ROOT / "examples" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = re.sub(r"repo: \S+", f"repo: {source.as_posix()}", config, count=1)
    config = re.sub(r"rev: \S+", f"rev: {rev}", config, count=1)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(repo, "add", ".pre-commit-config.yaml", env=env)
    _git(repo, "commit", "-q", "-m", "pre-commit", env=env)
    subprocess.run([*PRE_COMMIT, "install"], cwd=repo, env=env, check=True,
                   capture_output=True, timeout=120)
    installed = subprocess.run([*PRE_COMMIT, "install-hooks"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=1800)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # From here on the hook runs with the network blocked: checking never needs it.
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    offline = dict(env, PYTHONPATH=str(guard))

    (repo / "flat.md").write_text(RISKY, encoding="utf-8")
    _git(repo, "add", "flat.md", env=offline)
    refused = _git(repo, "commit", "-m", "flat viewing", env=offline, check=False)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "flat.md:3:12: error oversharing/phone-number" in out
    assert "network access attempted" not in out
    assert _git(repo, "log", "--format=%s", env=env).stdout.split() == ["pre-commit"]

    _git(repo, "rm", "-q", "--cached", "flat.md", env=offline)
    (repo / "release.md").write_text(CLEAN, encoding="utf-8")
    _git(repo, "add", "release.md", env=offline)
    accepted = _git(repo, "commit", "-m", "release notes", env=offline, check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "postlint (risky social-media posts)" in accepted.stdout + accepted.stderr
    assert _git(repo, "log", "-1", "--format=%s", env=env).stdout.strip() == "release notes"

    # Many files: pre-commit splits them over parallel runs and joins their outputs.
    names = [f"post{i}.md" for i in range(8)]
    for i, name in enumerate(names):
        (repo / name).write_text(f"Day {i}: text me on 07700 90012{i} please\n",
                                 encoding="utf-8")
    run = subprocess.run([*PRE_COMMIT, "run", "--files", *names], cwd=repo, env=offline,
                         capture_output=True, text=True, timeout=600)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    for name in names:
        assert re.search(rf"^{re.escape(name)}:1:\d+: error oversharing/phone-number", out,
                         re.M), out
    summaries = re.findall(r"^\d+ findings?\b.*? in \d+ of (\d+) posts?$", out, re.M)
    assert sum(int(posts) for posts in summaries) == len(names)
    if (os.cpu_count() or 1) > 1:
        assert len(summaries) > 1, out  # the files were split over several runs
