"""The bundled rule set (postlint/bundled.py), in process: used only for the built-in packs
with the default options and a matching key, it gives the findings of a fresh compile, and
a missing, stale or damaged file means compiling as before. tests/test_packaging.py checks
the real wheel."""

from __future__ import annotations

import shutil

import pytest
from test_compiled_cache import POSTS, findings

from postlint import Linter, bundled, compiled
from postlint.compiled import CACHE_ENV
from postlint.packs import builtin_pack_dir


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A bundled file made from the built-in packs, and a cache folder that stays empty."""
    path = tmp_path / "pkg" / "_compiled" / "builtin.rules"
    bundled.write(builtin_pack_dir(), path)
    monkeypatch.setattr(bundled, "bundled_path", lambda: path)
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv(CACHE_ENV, str(cache))
    return path


def no_compile(monkeypatch) -> list:
    calls: list = []
    real = compiled.load_packs
    monkeypatch.setattr(compiled, "load_packs", lambda *a: calls.append(a) or real(*a))
    return calls


def test_the_bundled_rule_set_is_used_without_compiling_or_writing(shipped, monkeypatch):
    calls = no_compile(monkeypatch)
    linter = Linter()
    assert compiled.last_source == "bundled"
    assert calls == []
    assert not any((shipped.parent.parent.parent / "cache").iterdir())
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setattr(bundled, "bundled_path", lambda: shipped.with_name("none"))
    fresh = Linter()
    assert compiled.last_source == "compiled"
    assert findings(linter) == findings(fresh)
    # paths too: they point at this install's packs, not the build's
    assert [(r.id, r.path, r.line, r.pack) for r in linter.rules] == \
        [(r.id, r.path, r.line, r.pack) for r in fresh.rules]
    assert [p.path for p in linter.ruleset.packs] == [p.path for p in fresh.ruleset.packs]


@pytest.mark.parametrize("option", ["packs", "only_packs", "allow"])
def test_other_packs_or_options_do_not_use_it(shipped, tmp_path, option):
    from conftest import pack_text, rule_yaml

    extra = tmp_path / "extra.yaml"
    extra.write_text(pack_text(rule_yaml("terms", "terms: [zebra]")), encoding="utf-8")
    first = str(sorted(builtin_pack_dir().glob("*.yaml"))[0])
    options = {"packs": {"packs": [str(extra)]},
               "only_packs": {"packs": [first], "only_packs": True},
               "allow": {"allow": ["Acme"]}}[option]
    Linter(**options)
    assert compiled.last_source == "compiled"


def test_a_changed_pack_ignores_it(shipped, tmp_path, monkeypatch):
    copy = tmp_path / "rules"
    shutil.copytree(builtin_pack_dir(), copy)
    first = sorted(copy.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr("postlint.packs.builtin_pack_dir", lambda: copy)
    Linter()
    assert compiled.last_source == "compiled"


def test_another_spacy_or_code_version_ignores_it(shipped, monkeypatch):
    monkeypatch.setattr(compiled.spacy, "__version__", "0.0.0")
    Linter()
    assert compiled.last_source == "compiled"


@pytest.mark.parametrize("damage", [
    b"", b"garbage", bundled.FORMAT, bundled.FORMAT + b"0" * 64 + b"\n",
])
def test_a_damaged_or_foreign_file_falls_back(shipped, damage):
    shipped.write_bytes(damage)
    assert findings(Linter())[1]
    assert compiled.last_source == "compiled"


def test_a_truncated_file_with_the_right_key_falls_back(shipped):
    data = shipped.read_bytes()
    shipped.write_bytes(data[: len(data) // 2])
    assert findings(Linter())[1]
    assert compiled.last_source == "compiled"


def test_the_key_names_packs_by_file_name_not_path(tmp_path):
    copy = tmp_path / "elsewhere"
    shutil.copytree(builtin_pack_dir(), copy)
    here = sorted(builtin_pack_dir().glob("*.yaml"))
    there = sorted(copy.glob("*.yaml"))
    key = compiled.ruleset_key
    assert key(here, frozenset(), [], by_name=True) == key(there, frozenset(), [], by_name=True)
    assert key(here, frozenset(), []) != key(there, frozenset(), [])


def test_posts_are_unchanged(shipped):
    assert len(findings(Linter())) == len(POSTS)
