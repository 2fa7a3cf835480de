"""Rebuild ``posts.jsonl`` (published brand posts, false-alarm set) from a git snapshot.

Usage: ``python benchmarks/data/brand-posts/build.py MIRROR`` where MIRROR is a git
directory of the source repository named in README.md. Reads one file at one commit;
keeps the account's own posts (no retweets, no replies) of at least four words, and
takes 200 of them evenly spread over the archive's time order.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

REPO = "chenw-3/WeRateDogs-analysis"
COMMIT = "4088cc1843230a0a40ffbd6b954e247510f6e394"
PATH = "twitter-archive-enhanced.csv"
ORG = "WeRateDogs (@dog_rates)"
LICENCE = "none stated"
KEEP = 200
OUT = Path(__file__).with_name("posts.jsonl")


def main(mirror: str) -> None:
    raw = subprocess.run(["git", "--git-dir", mirror, "show", f"{COMMIT}:{PATH}"],
                         check=True, capture_output=True).stdout
    # The archive has a few bytes that are not UTF-8; they are replaced, not guessed.
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"))))
    own = [r for r in rows
           if not r["retweeted_status_id"] and not r["in_reply_to_status_id"]
           and len(r["text"].split()) >= 4 and "\ufffd" not in r["text"]]
    own.sort(key=lambda r: r["timestamp"])
    step = len(own) / KEEP
    chosen = [own[int(i * step)] for i in range(KEEP)]
    with OUT.open("w", encoding="utf-8") as fh:
        for n, r in enumerate(chosen, 1):
            fh.write(json.dumps({
                "id": f"dev-bp-{n:04d}", "text": r["text"].strip(), "org": ORG,
                "posted": r["timestamp"], "tweet_id": r["tweet_id"], "repo": REPO,
                "path": PATH, "commit": COMMIT, "licence": LICENCE},
                ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows, {len(own)} own posts, {KEEP} kept -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
