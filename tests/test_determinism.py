"""Same bytes every time: across runs, hash seeds and --jobs. And no trace: no network, no
writes to the checked files, nothing new in the working folder or the home folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_offline import GUARD

POSTS = [
    "what the f*ck, call me on 07700 900123 or me@example.com",
    "I hate this stupid job, my boss is an idiot!!!",
    "Vote them out. #ElectionDay",
    "we're away until the 14th, the house is empty",
    "lovely sunny day \U0001f60a",
    "my password is hunter2 and my card 4111 1111 1111 1111",
    "shit s h i t sh1t f\u200buck",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Examples, a JSON Lines file long enough to be split across workers, odd encodings."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "examples", root / "examples")
    lines = [json.dumps({"text": f"{POSTS[i % len(POSTS)]} #{i}"}) for i in range(1500)]
    (root / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "utf16.md").write_bytes("\ufeffa\r\nwhat the f*ck".encode("utf-16-le"))
    (root / "cr.md").write_bytes(b"a\rb\rwhat the f*ck\r")
    (root / "bad.md").write_bytes(b"caf\xe9")
    (root / "bin.txt").write_bytes(b"\x00\x01")
    return root


def _env(tmp_path: Path, **extra) -> dict:
    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(guard), HOME=str(home),
               NLTK_DATA=str(tmp_path / "no-nltk-data"), NO_COLOR="1")
    env.update(extra)
    return env


def _start(args, env, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "postlint", *map(str, args)], env=env,
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)


def _finish(process: subprocess.Popen) -> tuple[int, bytes, bytes]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def test_output_is_byte_identical_across_runs_seeds_and_jobs(corpus, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    runs = {}
    for fmt, variants in (("json", (("0", 1), ("1", 1), ("4242", 1), ("99", 2))),
                          ("text", (("0", 1), ("1", 2), ("4242", 2)))):
        for seed, jobs in variants:
            args = ["check", corpus, corpus / "many.jsonl", "--format", fmt, "--jobs", jobs, "--progress", "never"]
            runs[fmt, seed, jobs] = _start(args, _env(tmp_path, PYTHONHASHSEED=seed), work)
    results = {key: _finish(p) for key, p in runs.items()}
    for fmt in ("json", "text"):
        mine = {key: value for key, value in results.items() if key[0] == fmt}
        codes = {code for code, _, _ in mine.values()}
        assert codes == {2}, {key: err[-500:] for key, (_, _, err) in mine.items()}
        outputs = {out for _, out, _ in mine.values()}
        assert len(outputs) == 1, f"{fmt} output differs between runs"
        errors = {err for _, _, err in mine.values()}
        assert errors == {b""}
    doc = json.loads(results["json", "0", 1][1])
    assert doc["summary"]["posts"] > 1500 and doc["summary"]["findings"] > 1000
    assert {p["path"].rsplit("/", 1)[-1] for p in doc["problems"]} == {"bad.md", "bin.txt"}


def _snapshot(folder: Path) -> dict:
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        state[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns,
                                                content)
    return state


def test_every_command_offline_and_without_writes(corpus, tmp_path):
    work = tmp_path / "cwd"
    work.mkdir()
    env = _env(tmp_path)
    home = Path(env["HOME"])
    before = _snapshot(corpus)
    commands = [
        (("check", corpus), 2),
        (("check", corpus, "--format", "json", "--jobs", "2"), 2),
        (("check", corpus / "examples" / "clean"), 0),
        (("check", corpus / "examples", "--show-matches", "--platform", "x"), 1),
        (("rules",), 0),
        (("rules", "--tags"), 0),
        (("explain", "controversy/profanity"), 0),
        (("test-rules",), None),  # the pack helpers' examples may be mid-change
        (("--help",), 0),
        (("check", "--help"), 0),
        (("--version",), 0),
    ]
    processes = [(args, code, _start(args, env, work)) for args, code in commands]
    for args, code, process in processes:
        returncode, out, err = _finish(process)
        assert b"network access attempted" not in err, args
        assert b"Traceback" not in err, (args, err[-1000:])
        if code is not None:
            assert returncode == code, (args, err[-1000:])
        else:
            assert returncode in (0, 1), (args, err[-1000:])
    # the network guard really is in force
    probe = subprocess.run([sys.executable, "-c", "import socket; "
                            "socket.create_connection(('127.0.0.1', 9))"], env=env, cwd=work,
                           capture_output=True, text=True, timeout=60)
    assert "network access attempted" in probe.stderr
    assert _snapshot(corpus) == before, "checking changed the checked files"
    assert list(work.iterdir()) == [], "a command wrote into the working folder"
    assert list(home.iterdir()) == [], "a command wrote into the home folder"
