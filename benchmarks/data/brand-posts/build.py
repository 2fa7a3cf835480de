"""Rebuild ``posts.jsonl`` (published posts of organisations, a false-alarm set).

Usage: ``python benchmarks/data/brand-posts/build.py WERATEDOGS_MIRROR NOAA_MIRROR
TESLA_MIRROR YUM_MIRROR UNI_MIRROR SEAMLESS_MIRROR NETBALL_MIRROR BRISTOL_MIRROR
[RRU_MIRROR ROPENSCI_MIRROR ADC_MIRROR [CTA_MIRROR]]`` where
each MIRROR is a git directory of the source repository named in README.md. Reads the
named files of each at a pinned commit; keeps the accounts' own posts (no retweets, no
replies) of at least four words, and takes them evenly spread over each archive's time
order. Ids are fixed: the WeRateDogs posts are ``dev-bp-0001``-``0200``, the NOAA posts
``0201``-``0350``, the Tesla posts ``0351``-``0450``, the Yum! Brands posts
``0451``-``0550``, the Australian universities' posts ``0551``-``0650``, the Seamless Bay
Area posts ``0651``-``0700``, the Super Netball clubs' posts ``0701``-``0748``, the Bristol
Museum & Art Gallery posts ``0749``-``0798``, the R for the Rest of Us posts
``0799``-``0848``, the rOpenSci posts ``0849``-``0898`` and the Arctic Data Center posts
``0899``-``0948``, and the Chicago Transit Authority posts ``0949``-``0998``. The last four
mirrors are optional (the first three of them all or none, then the CTA's): without them the
first 798 lines are written as before, without the CTA's the first 948.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import json
import re
import struct
import subprocess
import sys
import zlib
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
# A non-profit's own monthly Twitter Analytics exports (its posts and replies; no retweets).
SEAMLESS = {"repo": "Graham-MacIsaac/Seamless-Twitter-Project",
            "commit": "19c492d818bbf9a89f028356a16595bd8c7bc37f",
            "licence": "none stated"}
SEAMLESS_DIR = "tweets/"
SEAMLESS_POSTS = 50
# The eight Super Netball clubs' accounts over the 2021 signing period (snscrape output).
NETBALL = {"repo": "aaronsfox/netball-numbers-challenge",
           "commit": "0e591939d9e586682914be9197aecf324a64b9f7",
           "path": "datasets/vol3/somethingAboutRiddlesAndFruit_teamTweets.csv",
           "licence": "none stated"}
NETBALL_CLUBS = (("AdelaideTBirds", "Adelaide Thunderbirds"),
                 ("collingwoodsn", "Collingwood Magpies Netball"),
                 ("GIANTS_Netball", "GIANTS Netball"),
                 ("MelbourneVixens", "Melbourne Vixens"),
                 ("NSWSwifts", "NSW Swifts"),
                 ("FirebirdsQld", "Queensland Firebirds"),
                 ("sc_lightning", "Sunshine Coast Lightning"),
                 ("WestCoastFever", "West Coast Fever"))
NETBALL_PER_CLUB = 6
# A city museum's posts of 2015-2019 as scraped from the web page (Selenium). The scraper
# cut some @mentions and all emojis out of the text (listing them in the columns
# "Mentions" and "Emojis"); posts with anything so cut are not taken, so that every text
# taken is whole.
BRISTOL = {"repo": "celiason/museum-visitor-model",
           "commit": "6e6d91eada60f7fefddea04d0ff735073f6c948d",
           "path": "data/interim/bristol_tweets_2015_2019.csv", "licence": "none stated"}
BRISTOL_POSTS = 50
# An R training company's account (@rfortherest): its own Twitter archive file (tweet.js),
# committed to the repository of its tweet-scheduling package.
RRU = {"repo": "rfortherestofus/rrutweets",
       "commit": "e49cb20fa9e3d8b8509db267600bd0f3de5b75df",
       "path": "inst/tweet.js", "licence": "MIT (the repository's; posts not covered)"}
RRU_POSTS = 50
# A non-profit's own monthly Twitter Analytics exports (its posts and replies; no retweets).
ROPENSCI = {"repo": "ropensci-org/ropensci-tweets",
            "commit": "dee1719ddb8c49bf15b3217de319655d6192671e",
            "licence": "none stated"}
ROPENSCI_FILES = ("", "tweet_activity_metrics_rOpenSci_")  # folder, file-name prefix
ROPENSCI_POSTS = 50
# A research data repository's own monthly Twitter Analytics exports, kept by its outreach
# staff (posts and replies; no retweets).
ADC = {"repo": "NCEAS/arctic-data-outreach",
       "commit": "158faf4b5ad1165fac43a4a31f11809f85ec7d82",
       "licence": "Apache-2.0 (the repository's; posts not covered)"}
ADC_FILES = ("twitter-analytics-ADC/Monthly/", "twitter-metrics-")
ADC_POSTS = 50
# A city transit agency's own timeline (@cta, the Chicago Transit Authority), as read with
# rtweet's get_timeline for a project on train delays and kept only in the knitr cache of
# its R Markdown file (an R lazy-load database: the chunk's data frame, serialized).
CTA = {"repo": "klieralex787/cta",
       "commit": "30fb44045d2c01eb103b33fd444e72136cb7e14c",
       "path": "CTA_Analysis_cache/html/pull_in_tweets_cf65b2cbe63f448d43bb279a45d9575c.rdb",
       "licence": "none stated"}
CTA_POSTS = 50


def read_csv(mirror: str, source: dict) -> list[dict]:
    raw = subprocess.run(["git", "--git-dir", mirror, "show",
                          f"{source['commit']}:{source['path']}"],
                         check=True, capture_output=True).stdout
    # A few bytes are not UTF-8; they are replaced, and posts that have one are dropped.
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"))))


def spread(items: list, n: int) -> list:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# The sources added from dev-bp-0799 on take no post more than this similar (difflib ratio
# in either order, lower-cased, white space collapsed) to a post earlier in the file.
MAX_SIMILARITY = 0.55


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def too_similar(text: str, earlier: list[str]) -> bool:
    """Whether text is more than MAX_SIMILARITY similar to a text of earlier, in either
    order (difflib's ratio is not symmetric)."""
    for other in earlier:
        for a, b in ((text, other), (other, text)):
            matcher = difflib.SequenceMatcher(None, a, b)
            if (matcher.real_quick_ratio() > MAX_SIMILARITY
                    and matcher.quick_ratio() > MAX_SIMILARITY
                    and matcher.ratio() > MAX_SIMILARITY):
                return True
    return False


def spread_distinct(items: list, n: int, text_of, earlier: list[str]) -> list:
    """Like spread, but a pick more than MAX_SIMILARITY similar to a post in earlier (or to
    an earlier pick) gives way to the next item in order that is not; picks join earlier."""
    step = len(items) / n
    used: set[int] = set()
    picks = []
    for i in range(n):
        j = int(i * step)
        while j in used or too_similar(normalised(text_of(items[j])), earlier):
            j += 1  # an IndexError here means the pool ran out (it does not: see README)
        used.add(j)
        picks.append(items[j])
        earlier.append(normalised(text_of(items[j])))
    return picks


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


def git_csv(mirror: str, commit: str, path: str) -> list[dict]:
    """Rows of a CSV file at a commit (a leading byte-order mark is dropped)."""
    raw = subprocess.run(["git", "--git-dir", mirror, "show", f"{commit}:{path}"],
                         check=True, capture_output=True).stdout
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def seamless_own_posts(mirror: str, seen: set[str]) -> list[dict]:
    """Seamless Bay Area's own posts from its monthly exports (see analytics_own_posts)."""
    names = subprocess.run(["git", "--git-dir", mirror, "ls-tree", "--name-only",
                            SEAMLESS["commit"], SEAMLESS_DIR],
                           check=True, capture_output=True, text=True).stdout.split()
    return analytics_own_posts(mirror, SEAMLESS["commit"],
                               [n for n in names if n.endswith(".csv")], seen)


def netball_own_posts(rows: list[dict], account: str, seen: set[str]) -> list[dict]:
    """A club's own posts, oldest first, each text once: a post whose conversation is not
    its own (``conversationId`` differs from ``id``) is a reply and is not taken."""
    own = []
    for r in sorted(rows, key=lambda r: int(r["id"])):
        text = r["content"].strip()
        if (r["username"] == account and r["conversationId"] == r["id"]
                and not text.startswith(("RT ", "@")) and usable(text)
                and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def bristol_own_posts(rows: list[dict], seen: set[str]) -> list[dict]:
    """The museum's own posts that the scraper kept whole, oldest first, each text once.
    The file has no retweet or reply fields: retweets and replies are told by their text
    (``RT `` or ``@`` first); a reply's leading mention was cut by the scraper, so replies
    also fall under the rule that posts with a cut mention are not taken."""
    own = []
    for r in sorted(rows, key=lambda r: (r["Timestamp"], r["Tweet ID"])):
        text = r["Content"].strip()
        if (r["Handle"] == "@bristolmuseum" and r["Mentions"] == "[]"
                and r["Emojis"] == "[]" and not text.startswith(("RT ", "@"))
                and usable(text) and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def rru_own_posts(mirror: str, seen: set[str]) -> list[dict]:
    """R for the Rest of Us's own posts from its Twitter archive (``tweet.js``), oldest
    first, each text once: retweets (``RT `` first) and replies (an ``in_reply_to_status_id``,
    or ``@`` first) are not taken."""
    raw = subprocess.run(["git", "--git-dir", mirror, "show",
                          f"{RRU['commit']}:{RRU['path']}"],
                         check=True, capture_output=True).stdout
    text = raw.decode("utf-8", errors="replace")
    tweets = [item["tweet"] for item in json.loads(text[text.index("["):])]
    own = []
    for t in sorted(tweets, key=lambda t: int(t["id_str"])):
        body = t["full_text"].strip()
        if (not t.get("in_reply_to_status_id_str") and not t.get("in_reply_to_status_id")
                and not body.startswith(("RT ", "@")) and usable(body)
                and body.lower() not in seen):
            seen.add(body.lower())
            own.append(t)
    return own


def analytics_own_posts(mirror: str, commit: str, names: list[str],
                        seen: set[str]) -> list[dict]:
    """An account's own posts from its monthly Twitter Analytics exports (which hold no
    retweets), oldest first, each text once (months can overlap at their edges); replies
    are told by their text (``@`` first)."""
    rows = []
    for name in sorted(names):
        for r in git_csv(mirror, commit, name):
            r["_path"] = name
            rows.append(r)
    own = []
    for r in sorted(rows, key=lambda r: int(r["Tweet id"])):
        text = r["Tweet text"].strip()
        if (not text.startswith(("RT ", "@")) and usable(text)
                and text.lower() not in seen):
            seen.add(text.lower())
            own.append(r)
    return own


def csv_names(mirror: str, commit: str, folder: str, prefix: str) -> list[str]:
    """The paths of the CSV files in a folder of a commit whose names start with prefix."""
    names = subprocess.run(["git", "--git-dir", mirror, "ls-tree", "--name-only", commit,
                            *([folder] if folder else [])], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    return [n for n in names
            if n.removeprefix(folder).startswith(prefix) and n.endswith(".csv")]


class RUnserializer:
    """Just enough of R's XDR serialization format (version 2 or 3) to read a data frame
    of plain vectors: lists, character, logical, integer and double vectors, pairlists
    of attributes and symbols. Anything else raises ValueError."""

    NULLISH = (254, 242, 241, 251, 253, 252, 247)  # NULL, environments, missing arg ...

    def __init__(self, data: bytes):
        if data[:2] != b"X\n":
            raise ValueError("not R XDR serialization")
        self.data, self.pos, self.refs = data, 2, []
        version = self._int()
        self._int(), self._int()
        if version == 3:
            self.pos += self._int()  # native encoding name

    def _int(self) -> int:
        value = int.from_bytes(self.data[self.pos:self.pos + 4], "big", signed=True)
        self.pos += 4
        return value

    def _length(self) -> int:
        n = self._int()
        return (self._int() << 32) + self._int() if n == -1 else n

    def read_frame(self) -> dict:
        """The serialized object as a data frame: {column name: values}."""
        columns = self.read()
        names = dict(self.last_attributes)["names"]
        return dict(zip(names, columns, strict=True))

    def read(self):
        flags = self._int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind in self.NULLISH:
            return None
        if kind == 255:  # reference to an earlier symbol
            index = flags >> 8 or self._int()
            return self.refs[index - 1]
        if kind == 1:  # symbol: its name
            name = self.read()
            self.refs.append(name)
            return name
        if kind in (2, 239):  # pairlist (attributes): [(tag, value), ...]
            if has_attr:
                self.read()
            tag = self.read() if has_tag else None
            head, rest = self.read(), self.read()
            return [(tag, head)] + (rest or [])
        if kind == 9:  # one string; levels bit 2 is latin-1, otherwise UTF-8 or ASCII
            n = self._int()
            if n == -1:
                return None
            raw = self.data[self.pos:self.pos + n]
            self.pos += n
            latin1 = (flags >> 12) & 4
            return raw.decode("latin-1") if latin1 else raw.decode("utf-8", errors="replace")
        if kind in (10, 13):  # logical, integer (NA is -2**31)
            n = self._length()
            value = [int.from_bytes(self.data[self.pos + 4 * i:self.pos + 4 * i + 4], "big",
                                    signed=True) for i in range(n)]
            self.pos += 4 * n
        elif kind == 14:  # double
            n = self._length()
            value = list(struct.unpack_from(f">{n}d", self.data, self.pos))
            self.pos += 8 * n
        elif kind in (16, 19):  # character vector, list
            value = [self.read() for _ in range(self._length())]
        else:
            raise ValueError(f"R object of type {kind} not handled")
        if has_attr:
            self.last_attributes = self.read()  # read last: the outermost object's
        return value


def cta_own_posts(mirror: str, seen: set[str]) -> list[dict]:
    """The CTA's own posts from the cached data frame, oldest first (by status id), each
    text once: retweets (``is_retweet``), replies (a ``reply_to_status_id``) and posts with
    ``RT `` or ``@`` first are not taken (a quoted post, an own post with a link, is)."""
    raw = subprocess.run(["git", "--git-dir", mirror, "show",
                          f"{CTA['commit']}:{CTA['path']}"],
                         check=True, capture_output=True).stdout
    # A lazy-load database entry: 4 bytes of uncompressed length, then a zlib stream.
    columns = RUnserializer(zlib.decompress(raw[4:])).read_frame()
    rows = [dict(zip(("status_id", "created_at", "text", "reply_to", "is_retweet"), values,
                     strict=True))
            for values in zip(columns["status_id"], columns["created_at"], columns["text"],
                              columns["reply_to_status_id"], columns["is_retweet"],
                              strict=True)]
    own = []
    for r in sorted(rows, key=lambda r: int(r["status_id"])):
        text = r["text"].strip()
        if (r["is_retweet"] == 0 and r["reply_to"] is None
                and not text.startswith(("RT ", "@")) and usable(text)
                and text.lower() not in seen):
            seen.add(text.lower())
            r["posted"] = datetime.datetime.fromtimestamp(
                r["created_at"], datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000")
            own.append(r)
    return own


def main(dogs_mirror: str, noaa_mirror: str, tesla_mirror: str, yum_mirror: str,
         uni_mirror: str, seamless_mirror: str, netball_mirror: str,
         bristol_mirror: str, rru_mirror: str | None = None,
         ropensci_mirror: str | None = None, adc_mirror: str | None = None,
         cta_mirror: str | None = None) -> None:
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
    for r in spread(seamless_own_posts(seamless_mirror, seen), SEAMLESS_POSTS):
        records.append({"text": r["Tweet text"].strip(),
                        "org": "Seamless Bay Area (@seamlessbayarea)", "posted": r["time"],
                        "tweet_id": r["Tweet id"], "repo": SEAMLESS["repo"],
                        "commit": SEAMLESS["commit"], "path": r["_path"],
                        "licence": SEAMLESS["licence"]})
    rows = git_csv(netball_mirror, NETBALL["commit"], NETBALL["path"])
    for account, name in NETBALL_CLUBS:
        for r in spread(netball_own_posts(rows, account, seen), NETBALL_PER_CLUB):
            records.append({"text": r["content"].strip(), "org": f"{name} (@{account})",
                            "posted": r["date"], "tweet_id": r["id"], **NETBALL})
    rows = git_csv(bristol_mirror, BRISTOL["commit"], BRISTOL["path"])
    for r in spread(bristol_own_posts(rows, seen), BRISTOL_POSTS):
        records.append({"text": r["Content"].strip(),
                        "org": "Bristol Museum & Art Gallery (@bristolmuseum)",
                        "posted": r["Timestamp"],
                        "tweet_id": r["Tweet ID"].removeprefix("tweet_id:"), **BRISTOL})
    earlier = [normalised(rec["text"]) for rec in records]
    if rru_mirror:
        for t in spread_distinct(rru_own_posts(rru_mirror, seen), RRU_POSTS,
                                 lambda t: t["full_text"].strip(), earlier):
            records.append({"text": t["full_text"].strip(),
                            "org": "R for the Rest of Us (@rfortherest)",
                            "posted": t["created_at"], "tweet_id": t["id_str"], **RRU})
    for mirror, source, files, n, org in (
            (ropensci_mirror, ROPENSCI, ROPENSCI_FILES, ROPENSCI_POSTS,
             "rOpenSci (@rOpenSci)"),
            (adc_mirror, ADC, ADC_FILES, ADC_POSTS, "Arctic Data Center (@arcticdatactr)")):
        if not mirror:
            continue
        names = csv_names(mirror, source["commit"], *files)
        for r in spread_distinct(analytics_own_posts(mirror, source["commit"], names, seen),
                                 n, lambda r: r["Tweet text"].strip(), earlier):
            records.append({"text": r["Tweet text"].strip(), "org": org,
                            "posted": r["time"], "tweet_id": r["Tweet id"],
                            "repo": source["repo"], "commit": source["commit"],
                            "path": r["_path"], "licence": source["licence"]})
    if cta_mirror:
        for r in spread_distinct(cta_own_posts(cta_mirror, seen), CTA_POSTS,
                                 lambda r: r["text"].strip(), earlier):
            records.append({"text": r["text"].strip(),
                            "org": "Chicago Transit Authority (@cta)",
                            "posted": r["posted"], "tweet_id": r["status_id"], **CTA})
    with OUT.open("w", encoding="utf-8") as fh:
        for n, rec in enumerate(records, 1):
            fh.write(json.dumps({"id": f"dev-bp-{n:04d}", **rec}, ensure_ascii=False) + "\n")
    print(f"{len(records)} posts -> {OUT}")


if __name__ == "__main__":
    if len(sys.argv) not in (9, 12, 13):
        sys.exit(__doc__)
    main(*sys.argv[1:])
