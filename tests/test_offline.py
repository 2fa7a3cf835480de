"""Nothing touches the network: whole commands run with sockets blocked, and textstat never
tries to download NLTK's cmudict."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import ROOT

GUARD = textwrap.dedent("""
    import socket

    def _blocked(*args, **kwargs):
        raise RuntimeError("network access attempted: " + repr(args[:2]))

    socket.socket.connect = _blocked
    socket.socket.connect_ex = _blocked
    socket.create_connection = _blocked
    socket.getaddrinfo = _blocked
""")


def _run(tmp_path, *args, stdin=""):
    (tmp_path / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path), NLTK_DATA=str(tmp_path / "no-nltk-data"))
    return subprocess.run([sys.executable, "-m", "postlint", *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=tmp_path, timeout=300)


def test_every_command_runs_with_network_blocked(tmp_path):
    long_dense = ("Notwithstanding considerable organisational restructuring, the "
                  "interdepartmental infrastructure modernisation initiative necessitates "
                  "comprehensive reconsideration of institutional prioritisation methodologies "
                  "and substantial reallocation of discretionary expenditure everywhere. ") * 2
    result = _run(tmp_path, "check", "-", "--fail-on", "never", stdin=long_dense)
    assert result.returncode == 0, result.stderr
    assert "style/hard-to-read" in result.stdout  # textstat ran, offline
    result = _run(tmp_path, "check", str(ROOT / "examples"))
    assert result.returncode == 1, result.stderr
    for args in (("rules",), ("explain", "controversy/profanity"), ("test-rules",)):
        result = _run(tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)
    assert "network access attempted" not in result.stderr


def test_textstat_never_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("textstat tried to fetch NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    from postlint.kinds.metric import textstat

    ts = textstat()
    assert ts.syllable_count("the cat sat") == 3
    assert ts.syllable_count("readability") >= 4
    assert ts.flesch_reading_ease("The cat sat on the mat. It was happy.") > 80
