#!/usr/bin/env python3
"""Rebuild ``release-notes.jsonl`` from git snapshots of the source repositories.

    python benchmarks/data/build_release_notes.py MIRRORS [--out FILE]

MIRRORS holds one bare git directory per source, ``<owner>+<name>/repo`` (the layout the
snapshots were fetched in). Only the files named in ``SOURCES`` are read, at the commits
git history gives; nothing is fetched. The filters are described in README.md.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

# organisation, repository, licence stated in the repository, path patterns by kind.
SOURCES = [
    ("TeamNewPipe", "TeamNewPipe/NewPipe", "GPL-3.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("Tusky", "tuskyapp/Tusky", "GPL-3.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("Mastodon", "mastodon/mastodon-android", "GPL-3.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("Element", "element-hq/element-x-android", "AGPL-3.0 (or commercial)",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("F-Droid", "f-droid/fdroidclient", "GPL-3.0",
     {"release-notes": r"^metadata/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^(src/(basic|full)/fastlane/metadata/android/|metadata/)en-US/"
                       r"(full|short)_description\.txt$"}),
    ("Thunderbird", "thunderbird/thunderbird-android", "Apache-2.0",
     {"release-notes": r"(^|/)en-US/changelogs/\d+\.txt$",
      "store-listing": r"(^|/)en-US/(full|short)_description\.txt$"}),
    ("KDE", "KDE/kdeconnect-android", "GPL-2.0-or-later",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("Proton", "ProtonVPN/android-app", "GPL-3.0",
     {"release-notes": r"^metadata/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^metadata/en-US/(full|short)_description\.txt$"}),
    ("Fossify", "FossifyOrg/Gallery", "GPL-3.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("Catima", "CatimaLoyalty/Android", "GPL-3.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/\d+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
    ("DuckDuckGo", "duckduckgo/Android", "Apache-2.0",
     {"release-notes": r"^fastlane/metadata/android/en-US/changelogs/[^/]+\.txt$",
      "store-listing": r"^fastlane/metadata/android/en-US/(full|short)_description\.txt$"}),
]
PER_REPO = 60          # at most this many posts per repository, evenly spread over history
SIMILAR = 0.95         # a post this similar to a kept post of the same repository is dropped
MIN_WORDS = 4
PLACEHOLDER = re.compile(r"\bTODO\b|\blorem ipsum\b", re.IGNORECASE)


def git(repo: Path, *args: str, check: bool = True) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=check, capture_output=True,
                          text=True, encoding="utf-8", errors="replace").stdout


def versions(repo: Path, patterns: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(kind, path, commit, text) for every version of a matching file, oldest first.

    Release notes: the last version of each file (what the store showed for that release).
    Store listings: every version (the listing was rewritten over the years).
    """
    # Some snapshots lack their oldest commits: git stops there, and what it printed is kept.
    log = git(repo, "log", "--diff-filter=AM", "--format=C %H", "--name-only", check=False)
    entries: list[tuple[str, list[str]]] = []
    for line in log.splitlines():
        if line.startswith("C "):
            entries.append((line[2:], []))
        elif line and entries:
            entries[-1][1].append(line)
    entries.reverse()
    seen: list[tuple[str, str, str]] = []
    for commit, paths in entries:
        for path in paths:
            for kind, pattern in patterns.items():
                if re.search(pattern, path):
                    seen.append((kind, path, commit))
    last: dict[str, int] = {}
    for i, (kind, path, _) in enumerate(seen):
        if kind == "release-notes":
            last[path] = i
    out = []
    for i, (kind, path, commit) in enumerate(seen):
        if kind == "release-notes" and last[path] != i:
            continue
        text = git(repo, "show", f"{commit}:{path}")
        out.append((kind, path, commit, text))
    return out


def normal(text: str) -> str:
    return " ".join(text.lower().split())


def spread(items: list, n: int) -> list:
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def build(mirrors: Path) -> list[dict]:
    records: list[dict] = []
    everywhere: set[str] = set()
    for org, repo_name, licence, patterns in SOURCES:
        repo = mirrors / repo_name.replace("/", "+") / "repo"
        head = git(repo, "rev-parse", "HEAD").strip()
        kept: list[dict] = []
        for kind, path, commit, raw in versions(repo, patterns):
            text = raw.strip().replace("\r\n", "\n")
            key = normal(text)
            if len(text.split()) < MIN_WORDS or PLACEHOLDER.search(text) or key in everywhere:
                continue
            if any(difflib.SequenceMatcher(None, key, normal(k["text"])).ratio() >= SIMILAR
                   for k in kept):
                continue
            everywhere.add(key)
            kept.append({"text": text, "kind": kind, "org": org, "repo": repo_name,
                         "path": path, "commit": commit, "snapshot": head,
                         "licence": licence})
        records.extend(spread(kept, PER_REPO))
        print(f"{repo_name}: {len(kept)} kept, {min(len(kept), PER_REPO)} used",
              file=sys.stderr)
    for n, record in enumerate(records, 1):
        record["id"] = f"dev-rn-{n:04d}"
    return [{"id": r["id"], **{k: v for k, v in r.items() if k != "id"}} for r in records]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirrors", type=Path)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent / "release-notes.jsonl")
    args = parser.parse_args()
    records = build(args.mirrors)
    with args.out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} posts written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
