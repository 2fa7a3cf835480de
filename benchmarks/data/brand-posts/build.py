"""Rebuild ``posts.jsonl`` (published posts of organisations, a false-alarm set).

Usage: ``python benchmarks/data/brand-posts/build.py WERATEDOGS_MIRROR NOAA_MIRROR
TESLA_MIRROR YUM_MIRROR UNI_MIRROR`` where each MIRROR is a git directory of the source
repository named in README.md. Reads one file of each at a pinned commit; keeps the
accounts' own posts (no retweets, no replies) of at least four words, and takes them evenly
spread over each archive's time order. Ids are fixed: the WeRateDogs posts are
``dev-bp-0001``-``0200``, the NOAA posts ``0201``-``0350``, the Tesla posts
``0351``-``0450``, the Yum! Brands posts ``0451``-``0550``, the Australian universities'
posts ``0551``-``0650``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).with_name("posts.jsonl")
WERATEDOGS = {"repo": "chenw-3/WeRateDogs-analysis",
              "commit": "4088cc1843230a0a40ffbd6b954e247510f6e394",
              "path": "twitter-archive-enhanced.csv", "licence": "none stated"}
NOAA = {"repo": "aaronmams/noaa-social-media",
        "commit": "5d8d0a63c0202762951882785346d872edaf3249",
        "path": "data/tweets.csv",
        "licence": "none stated (posts of US federal agencies: public domain in the US)"}
TESLA = {"repo": "afr-github/Seminarioll-v2.0",
         "commit": "01a0bd9aca5d1399e191dc5109ba3fea5cdf8c18",
         "path": "TSLATwitterTimeline/TSLATwitterTimelineSearchData.csv",
         "licence": "none stated"}
TESLA_POSTS = 100
YUM = {"repo": "EconText/Cheap-Talk",
       "commit": "a85a7d82000033a86453832eb9aba2a1474b6336",
       "path": "data/yum_tweets_10_years.csv", "licence": "none stated"}
YUM_POSTS = 100
# The Fortune 100 companies' posts of May-July 2020 are kept back for independent
# measurement; Yum! Brands is not among those companies, but its posts of those months
# are left out all the same, so that no copy of that corpus can slip in.
YUM_SKIPPED_MONTHS = ("2020-05", "2020-06", "2020-07")
UNI = {"repo": "R-ou-Python/aus-uni-twitter-sentiment",
       "commit": "a8bdc47f32bb68a5104120001b1328d360a4df89",
       "path": "data/raw-data.csv", "licence": "none stated"}
# The four universities' accounts of the file with the most usable own posts (44 to 48
# each), 25 each. @cdarwin (49) is left out: it is not Charles Darwin University but an
# account posting lines of Charles Darwin's Beagle diary, collected by mistake.
UNI_ACCOUNTS = (("FedUniAustralia", "Federation University Australia"),
                ("ACUmedia", "Australian Catholic University"),
                ("TorrensUni", "Torrens University Australia"),
                ("CurtinUni", "Curtin University"))
UNI_PER_ACCOUNT = 25
NOAA_ACCOUNTS = ("NOAA", "NOAAFisheries", "NOAAFish_WCRO", "NOAAHabitat", "NOAAResearch")
NOAA_PER_ACCOUNT = 30


def read_csv(mirror: str, source: dict) -> list[dict]:
    raw = subprocess.run(["git", "--git-dir", mirror, "show",
                          f"{source['commit']}:{source['path']}"],
                         check=True, capture_output=True).stdout
    # A few bytes are not UTF-8; they are replaced, and posts that have one are dropped.
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"))))


def spread(items: list, n: int) -> list:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def usable(text: str) -> bool:
    return len(text.split()) >= 4 and "\ufffd" not in text


def own_posts(rows: list[dict], account: str, seen: set[str]) -> list[dict]:
    """An account's own posts (no retweets, no replies), oldest first, each text once."""
    own = []
    for r in sorted(rows, key=lambda r: r["created_at"]):
        text = r["text"].strip()
        if (r["screen_name"] == account and r["is_retweet"] == "FALSE"
                and not r.get("reply_to_status_id")
                and not text.startswith(("RT ", "@")) and usable(text)
                and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def yum_own_posts(rows: list[dict], seen: set[str]) -> list[dict]:
    """Yum! Brands' own posts (no retweets, quotes or replies), oldest first, each text once."""
    own = []
    for r in sorted(rows, key=lambda r: r["created_at"]):
        text = r["text"].strip()
        if (r["username"] == "yumbrands" and r["is_retweeted_tweet"] == "False"
                and r["is_quoted_tweet"] == "False"
                and not r["created_at"].startswith(YUM_SKIPPED_MONTHS)
                and not text.startswith(("RT ", "@")) and usable(text)
                and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def uni_own_posts(rows: list[dict], account: str, seen: set[str]) -> list[dict]:
    """A university's own posts, oldest first, each text once. The file has no retweet or
    reply fields: retweets and replies are told by their text (``RT `` or ``@`` first)."""
    own = []
    for r in sorted(rows, key=lambda r: r["created_at"]):
        text = r["text"].strip()
        if (r["screen_name"] == account and not text.startswith(("RT ", "@"))
                and usable(text) and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def main(dogs_mirror: str, noaa_mirror: str, tesla_mirror: str, yum_mirror: str,
         uni_mirror: str) -> None:
    records = []
    rows = read_csv(dogs_mirror, WERATEDOGS)
    own = sorted((r for r in rows if not r["retweeted_status_id"]
                  and not r["in_reply_to_status_id"] and usable(r["text"])),
                 key=lambda r: r["timestamp"])
    for r in spread(own, 200):
        records.append({"text": r["text"].strip(), "org": "WeRateDogs (@dog_rates)",
                        "posted": r["timestamp"], "tweet_id": r["tweet_id"], **WERATEDOGS})
    rows = read_csv(noaa_mirror, NOAA)
    seen = {rec["text"].lower() for rec in records}
    for account in NOAA_ACCOUNTS:
        for r in spread(own_posts(rows, account, seen), NOAA_PER_ACCOUNT):
            records.append({"text": r["text"].strip(), "org": f"NOAA (@{account})",
                            "posted": r["created_at"], "tweet_id": "", **NOAA})
    rows = read_csv(tesla_mirror, TESLA)
    for r in spread(own_posts(rows, "Tesla", seen), TESLA_POSTS):
        records.append({"text": r["text"].strip(), "org": "Tesla (@Tesla)",
                        "posted": r["created_at"], "tweet_id": r["status_id"], **TESLA})
    rows = read_csv(yum_mirror, YUM)
    for r in spread(yum_own_posts(rows, seen), YUM_POSTS):
        records.append({"text": r["text"].strip(), "org": "Yum! Brands (@yumbrands)",
                        "posted": r["created_at"], "tweet_id": r["tweet_id"], **YUM})
    rows = read_csv(uni_mirror, UNI)
    for account, name in UNI_ACCOUNTS:
        for r in spread(uni_own_posts(rows, account, seen), UNI_PER_ACCOUNT):
            records.append({"text": r["text"].strip(), "org": f"{name} (@{account})",
                            "posted": r["created_at"], "tweet_id": "", **UNI})
    with OUT.open("w", encoding="utf-8") as fh:
        for n, rec in enumerate(records, 1):
            fh.write(json.dumps({"id": f"dev-bp-{n:04d}", **rec}, ensure_ascii=False) + "\n")
    print(f"{len(records)} posts -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
