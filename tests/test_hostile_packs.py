"""Hostile rule packs: catastrophic patterns run fast, and bombs, huge lists, deep nesting,
odd keys, wrong types and code-executing tags each get a clear PackError, quickly, within a
memory limit, and with no side effect."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import pack_text, rule_yaml

from postlint import PackError
from postlint.packs.schema import load_pack

TIMEOUT = 20
MEMORY = 1 << 30  # address space for a pack-loading subprocess: 1 GiB


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def postlint(*args, cwd, stdin=None, limit_memory=False):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "postlint", *map(str, args)], input=stdin,
                            capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT,
                            preexec_fn=_limited if limit_memory else None)
    return result, time.monotonic() - started


EVIL_REGEX = rule_yaml("regex", "pattern: '(a+)+$'", rule_id="t/evil", severity="error",
                       examples="{flag: ['aaaa'], pass: ['" + "a" * 40 + "!']}")


@pytest.fixture
def evil_pack(make_pack):
    return make_pack(EVIL_REGEX)


def test_catastrophic_regex_self_test_is_fast(evil_pack, tmp_path):
    result, took = postlint("test-rules", evil_pack, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 examples of 1 rules: 0 failed" in result.stdout
    assert took < TIMEOUT


def test_catastrophic_regex_over_a_thousand_posts_is_fast(evil_pack, tmp_path):
    posts = tmp_path / "posts.jsonl"
    lines = [json.dumps({"text": "a" * 40 + "!" if i % 100 else "a" * 40}) for i in range(1000)]
    lines.append(json.dumps({"text": "a" * 200_000 + "!"}))
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, took = postlint("check", posts, "--only-packs", "--pack", evil_pack,
                            "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # errors found, nothing else wrong
    doc = json.loads(result.stdout)
    assert doc["summary"]["posts"] == 1001 and doc["summary"]["findings"] == 10
    assert {f["rule"] for f in doc["findings"]} == {"t/evil"}
    assert [f["record"] for f in doc["findings"]] == list(range(1, 1000, 100))
    assert took < TIMEOUT


@pytest.mark.parametrize(("body", "fragment"), [
    ("patterns:\n  - [{TEXT: {REGEX: '^(a+)+b$'}}]", "REGEX is not allowed in token patterns"),
    ("patterns:\n  - [{LOWER: {REGEX: 'x'}}, {LOWER: y}]", "REGEX is not allowed"),
    ("patterns:\n  - [{_: {thing: {REGEX: 'x'}}}]", "REGEX is not allowed"),
    ("patterns:\n  - [{IS_ALPHA: true, OP: '+'}]", "OP '+' is unbounded"),
    ("patterns:\n  - [{LOWER: a}, {OP: '*'}]", "OP '*' is unbounded"),
    ("patterns:\n  - [{LOWER: a, OP: '{2,}'}]", "OP '{2,}' is unbounded"),
    ("patterns:\n  - [{LOWER: a, OP: '{100000000}'}]", "repeats more than 50 times"),
    ("patterns:\n  - [{LOWER: a, OP: '{1,100000000}'}]", "repeats more than 50 times"),
])
def test_token_patterns_that_could_hang_are_refused(make_pack, body, fragment):
    started = time.monotonic()
    with pytest.raises(PackError, match="field 'patterns'") as caught:
        load_pack(make_pack(rule_yaml("pattern", body)))
    assert fragment in str(caught.value)
    assert time.monotonic() - started < 5


def test_bounded_token_patterns_still_load(make_pack):
    load_pack(make_pack(rule_yaml("pattern", "patterns:\n  - [{LOWER: a, OP: '{1,5}'}, {LOWER: b, OP: '?'}]")))


def test_hanging_token_pattern_is_refused_by_the_cli(make_pack, tmp_path):
    pack = make_pack(rule_yaml("pattern", "patterns:\n  - [{TEXT: {REGEX: '^(a+)+b$'}}]"))
    result, _ = postlint("check", "-", "--only-packs", "--pack", pack, cwd=tmp_path,
                         stdin="a" * 40)
    assert result.returncode == 2
    assert result.stderr.startswith(f"postlint: {pack}:")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def _terms(n: int) -> str:
    return "terms:\n" + "".join(f"  - word{i}\n" for i in range(n))


def _header(rules: str) -> str:
    return pack_text(rules)


BILLION_LAUGHS = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)

# (name, pack text, a fragment the error must contain)
HOSTILE = [
    ("100k terms", _header(rule_yaml("terms", _terms(100_000))),
     "field 'terms': list has more than 20000 items; the limit is 20000"),
    ("20k+1 examples", _header(rule_yaml("terms", "terms: [x]", examples="{pass: [" + "y, " * 20_001 + "y]}")),
     "list has more than 20000 items"),
    ("too many nodes", _header("\n".join(rule_yaml("terms", _terms(15_000), rule_id=f"t/r{i}")
                                         for i in range(8))),
     "pack has more than 100000 YAML nodes"),
    ("deep flow nesting", "[" * 100_000 + "]" * 100_000, "nested more than 32 levels deep"),
    ("deep block nesting", "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n",
     "nested more than 32 levels deep"),
    ("unclosed nesting", "{a: " * 50_000, "nested more than 32 levels deep"),
    ("billion laughs", BILLION_LAUGHS, "anchors and aliases are not allowed"),
    ("merge key", "base: &b {x: 1}\nrules:\n  <<: *b\n", "anchors and aliases are not allowed"),
    ("int key", "pack: t\n1: x\n", "keys must be text, found int 1"),
    ("null key", "pack: t\n~: x\n", "keys must be text, found NoneType None"),
    ("bool key", "pack: t\nyes: x\n", "keys must be text, found bool True"),
    ("list key", "pack: t\n? [a, b]\n: x\n", "keys must be text"),
    ("mapping key", "pack: t\n? {a: b}\n: x\n", "keys must be text"),
    ("float key", "pack: t\n1.5: x\n", "keys must be text, found float 1.5"),
    ("date key", "pack: t\n2001-01-01: x\n", "keys must be text, found date"),
    ("duplicate key", "pack: t\npack: u\n", "duplicate key 'pack'"),
    ("two documents", "pack: t\n---\npack: u\n", "one YAML document"),
    ("top-level list", "- a\n- b\n", "must be a mapping, found a list"),
    ("top-level text", "just text\n", "must be a mapping, found text"),
    ("empty", "", "must be a mapping, found nothing"),
    ("only a comment", "# nothing\n", "must be a mapping, found nothing"),
    ("python apply", "pack: !!python/object/apply:os.system ['touch PWNED']\n",
     "tags are not allowed in rule packs (found '!!python/object/apply:os.system')"),
    ("python name", "pack: !!python/name:os.system\n", "tags are not allowed"),
    ("python new", "pack: !!python/object/new:os.system [touch PWNED]\n", "tags are not allowed"),
    ("long python tag", "pack: !<tag:yaml.org,2002:python/object/apply:os.system> [touch PWNED]\n",
     "tags are not allowed"),
    ("local tag", "pack: !shell 'touch PWNED'\n", "tags are not allowed"),
    ("binary tag", "pack: !!binary aGVsbG8=\n", "tags are not allowed"),
    ("bad int tag", "pack: !!int ''\n", "invalid YAML: cannot read '' as int"),
    ("bad timestamp tag", "pack: !!timestamp nope\n", "tags are not allowed in rule packs (found '!!timestamp')"),
    ("set tag", "pack: !!set {a, b}\n", "tags are not allowed"),
    ("huge string", pack_text(rule_yaml("terms", "terms: [x]")).replace("test pack", "x" * 20_000),
     "field 'description': is longer than 10000 characters"),
    ("huge term", pack_text(rule_yaml("terms", "terms: [" + "x" * 600_000 + "]")), "is longer than"),
    ("rules is a mapping", "pack: t\nversion: 1\nlanguage: en\ndescription: d\nrules: {a: 1}\n",
     "field 'rules': must be a non-empty list of rules"),
    ("rule is a number", "pack: t\nversion: 1\nlanguage: en\ndescription: d\nrules: [42]\n",
     "must be a mapping, found number 42"),
    ("version is a list", pack_text(rule_yaml("terms", "terms: [x]")).replace("version: 1", "version: [1]"),
     "field 'version': must be a number or text"),
    ("terms is a number", pack_text(rule_yaml("terms", "terms: 42")), "field 'terms': must be a list of text, found number 42"),
    ("terms item is a mapping", pack_text(rule_yaml("terms", "terms: [{a: b}]")), "item 1: must be non-empty text, found a mapping"),
    ("severity is a list", pack_text(rule_yaml("terms", "terms: [x]", severity="[error]")), "field 'severity': must be non-empty text, found a list"),
    ("sensitive is text", pack_text(rule_yaml("terms", "terms: [x]", sensitive="'yes'")), "field 'sensitive': must be true or false"),
    ("within is huge", pack_text(rule_yaml("near", "target: {terms: [a]}\nwith: {terms: [b]}\nwithin: 1000000000000000000000")), "field 'within': must be at most 100"),
    ("within is a float", pack_text(rule_yaml("near", "target: {terms: [a]}\nwith: {terms: [b]}\nwithin: .nan")), "field 'within': must be a whole number"),
    ("group is a list", pack_text(rule_yaml("regex", "pattern: 'a'\ngroup: [1]")), "field 'group': must be a group number or name"),
    ("regex too big for RE2", pack_text(rule_yaml("regex", "pattern: '((a{1000}){1000}){1000}'")), "invalid RE2 pattern"),
    ("backreference", pack_text(rule_yaml("regex", r"pattern: '(a)\1'")), "invalid RE2 pattern"),
    ("message format attack", pack_text(rule_yaml("terms", "terms: [x]", message="'{match.__class__}'")), "unknown placeholder"),
    ("message index attack", pack_text(rule_yaml("terms", "terms: [x]", message="'{match[0]}'")), "unknown placeholder"),
    ("NUL in pack", "pack: t\x00\n", "invalid YAML: unacceptable character #x0000"),
]


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    """Load every hostile pack in one memory-limited, timed subprocess; collect the errors."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = []
    for i, (_, text, _) in enumerate(HOSTILE):
        path = folder / f"hostile{i}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    script = textwrap.dedent("""
        import json, sys, time
        from postlint import PackError
        from postlint.packs.schema import load_pack
        out = []
        for path in sys.argv[1:]:
            started = time.monotonic()
            try:
                load_pack(path)
                outcome = "loaded"
            except PackError as exc:
                outcome = "PackError: " + str(exc)
            except BaseException as exc:
                outcome = "CRASH " + type(exc).__name__ + ": " + str(exc)[:300]
            out.append([outcome, time.monotonic() - started])
        print(json.dumps(out))
    """)
    result = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True,
                            text=True, cwd=folder, timeout=120, preexec_fn=_limited)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (folder / "PWNED").exists()
    return dict(zip(paths, json.loads(result.stdout), strict=True)), paths


@pytest.mark.parametrize("index", range(len(HOSTILE)), ids=[h[0] for h in HOSTILE])
def test_hostile_pack_gets_a_clear_error_quickly(hostile_results, index):
    results, paths = hostile_results
    name, _, fragment = HOSTILE[index]
    outcome, took = results[paths[index]]
    assert outcome.startswith(f"PackError: {paths[index]}"), outcome
    assert fragment in outcome, outcome
    assert "\n" not in outcome
    assert took < 10, f"{name} took {took:.1f}s"


def test_packs_never_execute_code(make_pack, tmp_path):
    marker = tmp_path / "PWNED"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system",
                "!<tag:yaml.org,2002:python/object/apply:subprocess.check_call>"):
        pack = make_pack("", raw=f"pack: {tag} [['touch', '{marker}']]\n")
        result, _ = postlint("test-rules", pack, cwd=tmp_path)
        assert result.returncode == 2
        assert "tags are not allowed" in result.stderr and "Traceback" not in result.stderr
        assert not marker.exists()
    assert not os.path.exists(os.path.join(os.getcwd(), "PWNED"))


def test_billion_laughs_through_every_command(make_pack, tmp_path):
    pack = make_pack("", raw=BILLION_LAUGHS)
    for args in (("check", "-", "--pack", pack), ("rules", "--pack", pack),
                 ("explain", "t/x", "--pack", pack), ("test-rules", pack)):
        result, took = postlint(*args, cwd=tmp_path, stdin="hello", limit_memory=True)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == f"postlint: {pack}:1: YAML anchors and aliases are not allowed in rule packs\n"
        assert took < TIMEOUT


def test_oversized_pack_is_refused_before_reading(make_pack, tmp_path):
    pack = tmp_path / "huge.yaml"
    with open(pack, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing is written
    with pytest.raises(PackError, match=r"huge.yaml: pack is 209715200 bytes; the limit is 5242880"):
        load_pack(pack)


def test_pack_that_is_not_utf8(make_pack, tmp_path):
    pack = tmp_path / "latin1.yaml"
    pack.write_bytes(b"pack: t\ndescription: caf\xe9\n")
    with pytest.raises(PackError, match=r"latin1.yaml:2: not UTF-8 \(invalid byte at offset 24\)"):
        load_pack(pack)


def test_missing_and_folder_packs(tmp_path):
    with pytest.raises(PackError, match="cannot read pack: No such file or directory"):
        load_pack(tmp_path / "nope.yaml")
    with pytest.raises(PackError, match="cannot read pack"):
        load_pack(tmp_path)
