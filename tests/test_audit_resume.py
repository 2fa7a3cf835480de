"""A real ``postlint audit`` process killed mid-run continues with --resume: no post lost,
none repeated; its findings and summary are those of a run that was never stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TEMPLATES = [
    "Loving the new release, great work team #{n}",
    "Call me on 07700 9{n:05d} if you need anything",
    "This is a fucking disaster, order {n} never came",
    "Off to Lisbon for two weeks from tomorrow, house empty! {n}",
    "Mail me at person{n}@example.com about the offer",
    "Thanks everyone for coming to meetup {n}",
    "I hate my boss so much, day {n} of this nonsense",
    "Our Q{q} numbers are confidential until the earnings call",
]
POSTS = 5000


def make_export(path: Path, count: int = POSTS) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            text = TEMPLATES[n % len(TEMPLATES)].format(n=n, q=n % 4 + 1)
            handle.write(json.dumps({"id": f"post-{n}", "account": f"acct{n % 3}",
                                     "date": f"2024-{n % 12 + 1:02d}-01", "text": text}) + "\n")
    return path


def audit(*args: str) -> list[str]:
    return [sys.executable, "-m", "postlint", "audit", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(audit(*args), capture_output=True, text=True, timeout=600)


def kill_mid_run(args: list[str], state: Path, sig: int, at_least: int = 300) -> dict:
    """Start a run, wait until it has committed some posts, send ``sig``; the state then."""
    process = subprocess.Popen(audit(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("the run ended before it could be stopped: "
                            + process.stderr.read().decode()[-500:])
            try:
                position = json.loads(state.read_text())["position"]
            except (FileNotFoundError, ValueError, KeyError):
                position = 0
            if position >= at_least:
                break
            time.sleep(0.02)
        process.send_signal(sig)
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    saved = json.loads(state.read_text())
    assert not saved["complete"] and 0 < saved["position"] < POSTS, saved["position"]
    return {"returncode": process.returncode, "position": saved["position"],
            "stderr": process.stderr.read().decode()}


def post_ids(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["post_id"] for r in rows))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference")
    export = make_export(folder / "posts.jsonl")
    out, summary = folder / "findings.jsonl", folder / "summary.json"
    result = run(str(export), "-o", str(out), "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    return export, out.read_bytes(), json.loads(summary.read_text())


def test_sigkill_then_resume_jsonl(tmp_path, reference):
    export, expected, expected_summary = reference
    out, summary = tmp_path / "findings.jsonl", tmp_path / "summary.json"
    args = [str(export), "-o", str(out), "--checkpoint-seconds", "0.1"]
    stopped = kill_mid_run(args, Path(str(out) + ".audit-state.json"), signal.SIGKILL)
    assert stopped["returncode"] == -signal.SIGKILL
    partial = out.read_bytes()
    assert len(partial) > 0 and len(partial) < len(expected)
    result = run(*args, "--resume", "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    assert f"resumed after {stopped['position']:,} records" in result.stdout
    assert out.read_bytes() == expected  # nothing lost, nothing twice, same order
    assert json.loads(summary.read_text()) == expected_summary
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    ids = post_ids(rows)
    assert len(ids) == len(set(ids))  # each post's rows are together, once


def test_sigterm_commits_and_resume_parquet_with_jobs(tmp_path, reference):
    import pyarrow.parquet as pq

    export, expected, expected_summary = reference
    out, summary = tmp_path / "findings.parquet", tmp_path / "summary.json"
    args = [str(export), "-o", str(out), "--checkpoint-seconds", "0.1", "--jobs", "2"]
    stopped = kill_mid_run(args, Path(str(out) + ".audit-state.json"), signal.SIGTERM)
    assert stopped["returncode"] == 130
    assert "run the same command with --resume to continue" in stopped["stderr"]
    # A part file a killed run may leave half-written is removed on resume.
    (out / "part-999999.parquet.tmp").write_bytes(b"half")
    result = run(*args, "--resume", "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    assert not (out / "part-999999.parquet.tmp").exists()
    rows = pq.read_table(out).to_pylist()
    assert rows == [json.loads(line) for line in expected.decode().splitlines()]
    assert json.loads(summary.read_text()) == expected_summary


def test_a_resumed_run_can_be_killed_again(tmp_path, reference):
    export, expected, _ = reference
    out = tmp_path / "findings.jsonl"
    args = [str(export), "-o", str(out), "--checkpoint-seconds", "0.05"]
    state = Path(str(out) + ".audit-state.json")
    first = kill_mid_run(args, state, signal.SIGKILL, at_least=200)
    second = kill_mid_run([*args, "--resume"], state, signal.SIGKILL,
                          at_least=first["position"] + 200)
    assert second["position"] > first["position"]
    assert run(*args, "--resume").returncode == 0
    assert out.read_bytes() == expected
    assert os.path.exists(state) and json.loads(state.read_text())["complete"]
