"""The compiled-pack cache: a cached rule set gives the same findings; any trouble with the
cache folder means compiling as before, never an error."""

from __future__ import annotations

import dataclasses
import os
import pickle

import pytest
from conftest import pack_text, rule_yaml

from postlint import Linter, compiled
from postlint.compiled import CACHE_ENV, FORMAT, SUFFIX

POSTS = [
    "Huge thanks to everyone who came to the launch last night!",
    "I hate Mondays. I hate this job. I hate everything about this week.",
    "Vote them out. The senator is a disgrace #ElectionDay",
    "Call me on 07700 900123 or mail jane.doe@example.com, my password is Winter2024!",
    "Just landed in Paris, staying at the Hilton on rue de Rivoli all week",
    "our hearts are with everyone affected by the floods. Use code STAYSAFE for 20% off",
    "This f*cking update broke everything AGAIN!!! Worst. App. Ever.",
    "",
]


def findings(linter: Linter) -> list:
    return [[dataclasses.asdict(f) for f in found] for found in linter.lint_many(POSTS)]


def entries(folder) -> list:
    return sorted(p.name for p in folder.glob("*" + SUFFIX))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_a_cached_rule_set_gives_the_same_findings(cache, monkeypatch):
    fresh = Linter()
    assert len(entries(cache)) == 1
    cached = Linter()  # read back
    monkeypatch.setenv(CACHE_ENV, "off")
    uncached = Linter()
    assert findings(cached) == findings(fresh) == findings(uncached)
    assert [r.id for r in cached.rules] == [r.id for r in uncached.rules]
    assert cached.ruleset is not fresh.ruleset


def test_the_entry_read_back_is_not_compiled_again(cache, monkeypatch):
    Linter()
    calls = []
    real = compiled.load_packs
    monkeypatch.setattr(compiled, "load_packs", lambda *a: calls.append(a) or real(*a))
    Linter()
    assert calls == []


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    Linter()
    assert not any(tmp_path.rglob("*" + SUFFIX))


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_dir() == tmp_path / "xdg" / "postlint"


def test_an_unusable_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert findings(Linter())[1]  # compiled in memory, linted as usual


@pytest.mark.parametrize("damage", [b"", b"garbage", FORMAT + b"\x80\x05garbage",
                                    FORMAT + pickle.dumps({"not": "a rule set"})])
def test_a_damaged_entry_is_compiled_again(cache, monkeypatch, damage):
    expected = findings(Linter())
    [name] = entries(cache)
    (cache / name).write_bytes(damage)
    assert findings(Linter()) == expected
    assert (cache / name).read_bytes().startswith(FORMAT)  # written again
    assert len((cache / name).read_bytes()) > 1000


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("where", ["entry", "folder"])
def test_an_entry_others_could_write_is_never_unpickled(cache, monkeypatch, where):
    Linter()
    [name] = entries(cache)
    target = cache / name if where == "entry" else cache
    target.chmod(target.stat().st_mode | 0o022)
    unpickled = []
    monkeypatch.setattr(compiled.pickle, "load", lambda *a: unpickled.append(a))
    linter = Linter()
    assert compiled.last_source == "compiled" and unpickled == []
    assert findings(linter) == findings(Linter())


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_of_another_user_is_never_unpickled(cache, monkeypatch):
    Linter()
    monkeypatch.setattr(compiled.os, "getuid", lambda: os.getuid() + 1)
    Linter()
    assert compiled.last_source == "compiled"


def test_an_edited_pack_is_compiled_again(cache, tmp_path):
    pack = tmp_path / "team.yaml"
    rule = rule_yaml("terms", "terms: [blorp]", rule_id="team/word",
                     examples="{flag: ['blorp'], pass: ['x']}")
    pack.write_text(pack_text(rule, "team"), encoding="utf-8")
    assert [f.rule for f in Linter([pack], only_packs=True).lint("a blorp")] == ["team/word"]
    pack.write_text(pack_text(rule.replace("blorp", "zonk"), "team"), encoding="utf-8")
    linter = Linter([pack], only_packs=True)
    assert linter.lint("a blorp") == []
    assert [f.rule for f in linter.lint("a zonk")] == ["team/word"]
    assert len(entries(cache)) == 2


def test_a_broken_pack_is_reported_and_never_cached(cache, tmp_path):
    from postlint import PackError

    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: bad\nrules: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError) as caught:
            Linter([pack], only_packs=True)
        assert "bad.yaml" in str(caught.value)
    assert entries(cache) == []


def test_old_entries_are_pruned(cache, tmp_path):
    for n in range(compiled.KEEP + 3):
        pack = tmp_path / f"p{n}.yaml"
        rule = rule_yaml("terms", f"terms: [word{n}]", rule_id=f"p{n}/word",
                         examples=f"{{flag: ['word{n}'], pass: ['x']}}")
        pack.write_text(pack_text(rule, f"p{n}"), encoding="utf-8")
        Linter([pack], only_packs=True)
    assert len(entries(cache)) == compiled.KEEP


def test_the_key_covers_code_versions_and_options(tmp_path):
    files = compiled.pack_files()
    base = compiled.ruleset_key(files, frozenset(), [])
    assert base == compiled.ruleset_key(files, frozenset(), [])
    assert base != compiled.ruleset_key(files, frozenset({"ner"}), [])
    assert base != compiled.ruleset_key(files, frozenset(), ["Acme"])
    assert compiled.ruleset_key([tmp_path / "missing.yaml"], frozenset(), []) is None
