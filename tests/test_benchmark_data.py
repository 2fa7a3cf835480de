"""The data sets kept in benchmarks/data: well formed, and the synthetic one reproducible."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

DATA = ROOT / "benchmarks" / "data"


def test_pii_numbers_set_is_what_its_script_builds():
    build = DATA / "pii-numbers" / "build.py"
    subprocess.run([sys.executable, str(build), "--check"], check=True, capture_output=True)


def test_pii_numbers_spans_point_at_the_numbers():
    for line in (DATA / "pii-numbers" / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for span in rec["spans"]:
            value = rec["text"][span["start"]:span["end"]]
            assert value and value == value.strip() and any(ch.isdigit() for ch in value)
        assert rec["near_miss"] == (not rec["spans"])


def test_backlash_set_has_sources_and_categories():
    records = [json.loads(line) for line in
               (DATA / "backlash" / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 40
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert r["text"].strip() and r["source"].startswith("http")
        assert r["category"] in ("controversy", "oversharing", "negativity")
        assert r["organisation"] and 2000 < r["year"] < 2100 and r["family"]
