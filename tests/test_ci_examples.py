"""examples/ci: the GitHub Actions workflow and the GitLab CI job are valid for their CI
systems (SchemaStore's schemas, as check-jsonschema ships them), and the postlint command
each runs works as written, producing the files its upload steps name."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from contracts import junit_errors, sarif_errors
from test_offline import GUARD

EXAMPLES = ROOT / "examples" / "ci"
WORKFLOW = EXAMPLES / "github-actions.yml"
GITLAB = EXAMPLES / "gitlab-ci.yml"


def offline_env(tmp_path: Path) -> dict:
    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    return dict(os.environ, PYTHONPATH=str(guard), NO_COLOR="1")


@pytest.mark.parametrize("path,schema", [(WORKFLOW, "vendor.github-workflows"),
                                         (GITLAB, "vendor.gitlab-ci")])
def test_valid_for_its_ci_system(tmp_path, path, schema):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             schema, str(path)], capture_output=True, text=True,
                            env=offline_env(tmp_path), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def run_as_ci(tmp_path: Path, command: str) -> subprocess.CompletedProcess:
    """The example's command in a content repository made of the example posts."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "risky", repo / "posts" / "risky")
    shutil.copytree(ROOT / "examples" / "clean", repo / "posts" / "clean")
    args = shlex.split(command)
    assert args[:2] == ["postlint", "check"]
    return subprocess.run([sys.executable, "-m", "postlint", *args[1:]], cwd=repo,
                          capture_output=True, text=True, env=offline_env(tmp_path),
                          timeout=600)


def test_the_github_workflow_runs_postlint_and_uploads_its_sarif(tmp_path):
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["postlint"]["steps"]
    [check] = [s for s in steps if "postlint check" in s.get("run", "")]
    [upload] = [s for s in steps if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif")]
    [artifact] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert "!cancelled()" in upload["if"]  # uploaded when the check step fails too
    result = run_as_ci(tmp_path, check["run"])
    assert result.returncode == 1, result.stderr  # the risky examples have errors
    repo = tmp_path / "repo"
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=posts/risky/") and lines[-1].startswith("postlint:")
    sarif = json.loads((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif_errors(sarif) == [] and sarif["runs"][0]["results"]
    report = (repo / artifact["with"]["path"]).read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "posts/risky/" in report


def test_the_gitlab_job_runs_postlint_and_reports_junit(tmp_path):
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["postlint"]
    [command] = [line for line in job["script"] if "postlint check" in line]
    result = run_as_ci(tmp_path, command)
    assert result.returncode == 1, result.stderr
    assert job["artifacts"]["when"] == "always"
    repo = tmp_path / "repo"
    xml = (repo / job["artifacts"]["reports"]["junit"]).read_text(encoding="utf-8")
    assert junit_errors(xml) == []
    assert 'classname="posts/risky/contact-me.md"' in xml and "<failure " in xml
    [html] = job["artifacts"]["paths"]
    assert (repo / html).is_file()
