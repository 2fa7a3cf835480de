"""Shared helpers: inline packs, the CLI runner, and a socket guard for offline tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint import Linter
from postlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # Compiled packs are cached (postlint/compiled.py): the tests use a folder of their own,
    # never the user's ~/.cache, and exercise the cached path as users do.
    import os
    import tempfile

    if "POSTLINT_CACHE_DIR" not in os.environ:
        os.environ["POSTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="postlint-test-cache-")


@pytest.fixture(autouse=True)
def _no_bundled_rules(tmp_path_factory, monkeypatch):
    # A developer may have made src/postlint/_compiled/builtin.rules (python -m
    # postlint.bundled); the tests compile and cache as before unless they ask for it
    # (tests/test_bundled.py and the wheel tests in tests/test_packaging.py).
    from postlint import bundled

    missing = tmp_path_factory.getbasetemp() / "no-bundled-rules"
    monkeypatch.setattr(bundled, "bundled_path", lambda: missing)


def pack_text(rules: str, name: str = "t") -> str:
    """A minimal valid pack header around ``rules`` (YAML list items, unindented)."""
    header = f"pack: {name}\nversion: 1\nlanguage: en\ndescription: test pack\nrules:\n"
    return header + textwrap.indent(textwrap.dedent(rules).strip("\n"), "  ") + "\n"


def assert_pack_error(result, path, line: int, fragment: str) -> None:
    """A CLI run stopped by a broken pack: exit 2, the file and line first, the fragment."""
    assert result.exit_code == 2
    message = result.stderr if hasattr(result, "stderr") else result.output
    assert message.startswith(f"postlint: {path}:{line}: "), message
    assert fragment in message
    assert "Traceback" not in result.output


def rule_yaml(kind: str, body: str, rule_id: str = "t/rule", **common) -> str:
    """One rule of ``kind`` with the common fields filled in; ``body`` adds kind fields."""
    fields = {
        "category": "controversy", "tags": "[topic]", "severity": "warning",
        "message": '"found {match}"', "why": "test",
        "examples": "{flag: ['x'], pass: ['y']}",
    }
    fields.update(common)
    lines = [f"- id: {rule_id}", f"  kind: {kind}"]
    lines += [f"  {k}: {v}" for k, v in fields.items()]
    lines += ["  " + line for line in textwrap.dedent(body).strip("\n").splitlines()]
    return "\n".join(lines)


@pytest.fixture
def repo(tmp_path):
    """A repository root (discovery stops at its .git) with a write(path, text) helper."""
    (tmp_path / ".git").mkdir()

    def write(path: str, text: str):
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    write.root = tmp_path
    return write


@pytest.fixture
def make_pack(tmp_path):
    """Write a pack file and return its path."""
    counter = iter(range(1000))

    def make(rules: str, name: str = "t", raw: str | None = None) -> Path:
        path = tmp_path / f"pack{next(counter)}.yaml"
        path.write_text(raw if raw is not None else pack_text(rules, name), encoding="utf-8")
        return path

    return make


@pytest.fixture
def lint_with(make_pack):
    """Lint ``text`` with only the given rules; returns the findings."""

    def lint(rules: str, text: str, **options):
        linter = Linter([make_pack(rules)], only_packs=True, **options)
        return linter.lint(text)

    return lint


@pytest.fixture(scope="session")
def builtin_linter() -> Linter:
    return Linter()


@pytest.fixture
def run_cli():
    def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run
