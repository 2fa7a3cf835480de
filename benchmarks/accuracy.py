#!/usr/bin/env python3
"""Accuracy of postlint on labelled data, next to the peer tools a user would otherwise pick.

    python benchmarks/accuracy.py --data PATH [--split val|train] [--tasks T ...]
        [--no-peers] [--limit N] [--json OUT] [--errors N] [--presidio-threshold X]

PATH is the evaluation data folder (``tweeteval/``, ``pii/``, ``marketing/``); it is read,
never copied. postlint runs through its Python API (``Linter().lint_many``); the peers
(better-profanity, alt-profanity-check, VADER, Presidio) run in the same process on the
same texts, each only where it applies, and any that is not installed is reported as
such and skipped. Tables go to stdout (Markdown), progress to stderr. ``--json`` writes
the figures under ``benchmarks/results/`` and nowhere else.

Counting rules (a post is *flagged* when it has a finding at severity warning or error):

- offensive, hate (TweetEval): only findings tagged profanity, insult, identity-attack or
  threat count; P/R/F1 of the positive class and macro-F1 over both classes.
- sentiment (TweetEval, validation only): findings of category ``negativity``; the
  positive class is label 0 (negative).
- stance (TweetEval, five targets): the dataset's ``#SemST`` tag is removed first; share
  of all posts with a ``controversy`` finding.
- pii_synth, pii_ibm: ``oversharing`` findings; recall per labelled item (any overlap),
  precision per finding (overlaps an item of a label the record scores), and for
  pii_ibm post-level precision.
- brand_benign, marketing: every finding at warning or above is a false alarm.

Deterministic: no randomness except the ``--errors`` samples, which use a fixed seed.
Targets are checked on values rounded as printed (3 decimals, or 0.1 percentage point).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers as peerlib  # noqa: E402  (sets the tldextract variable before any import of it)

RESULTS_DIR = Path(__file__).resolve().parent / "results"

FLAG_SEVERITIES = frozenset({"warning", "error"})
HARM_TAGS = frozenset({"profanity", "insult", "identity-attack", "threat"})
STANCE_TARGETS = ("abortion", "atheism", "climate", "feminist", "hillary")
STANCE_LABELS = {0: "none", 1: "against", 2: "favor"}
SEMST = re.compile(r"#SemST\b", re.IGNORECASE)

TASKS = ("offensive", "hate", "sentiment", "stance",
         "pii_synth", "pii_ibm", "brand_benign", "marketing")
GROUPS = {
    "all": TASKS,
    "tweeteval": ("offensive", "hate", "sentiment", "stance"),
    "pii": ("pii_synth", "pii_ibm"),
    "benign": ("brand_benign", "marketing"),
}
# PII labels in report order: the targeted ones first, then those shown for information.
PII_LABEL_ORDER = ("EMAIL", "PHONE", "CREDIT_CARD", "ID", "DATE_OF_BIRTH",
                   "LOCATION", "PERSON", "URL")

PRESIDIO_ALL = "Presidio"
PRESIDIO_STRUCT = "Presidio (no names/places)"
# The peers each task runs (only those a user would pick for that job).
PEERS_FOR = {
    "offensive": ("better-profanity", "alt-profanity-check"),
    "hate": ("better-profanity", "alt-profanity-check"),
    "sentiment": ("VADER",),
    "stance": (),
    "pii_synth": (PRESIDIO_ALL,),
    "pii_ibm": (PRESIDIO_ALL,),
    "brand_benign": ("better-profanity", "alt-profanity-check", "VADER", PRESIDIO_ALL),
    "marketing": ("better-profanity", "alt-profanity-check", "VADER", PRESIDIO_ALL),
}


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A reference target: ``op`` is ">=" or "<="; ``pct`` prints and rounds as a percentage."""

    op: str
    value: float
    pct: bool = False

    def text(self) -> str:
        sign = "≥" if self.op == ">=" else "≤"
        shown = f"{self.value * 100:g}%" if self.pct else f"{self.value:g}"
        return f"{sign} {shown}"

    def status(self, value: float | None) -> str:
        if value is None:
            return "MISS"
        v = round(value * 100, 1) / 100 if self.pct else round(value, 3)
        ok = v >= self.value - 1e-12 if self.op == ">=" else v <= self.value + 1e-12
        return "PASS" if ok else "MISS"


TARGETS = {
    ("offensive", "precision"): Target(">=", 0.75),
    ("offensive", "macro_f1"): Target(">=", 0.76),
    ("hate", "macro_f1"): Target(">=", 0.62),
    ("sentiment", "f1"): Target(">=", 0.62),
    ("stance", "flagged_share"): Target(">=", 0.75, pct=True),
    ("brand_benign", "flagged_share"): Target("<=", 0.03, pct=True),
    ("marketing", "flagged_share"): Target("<=", 0.03, pct=True),
    ("pii_synth", "recall:EMAIL"): Target(">=", 0.95),
    ("pii_synth", "recall:PHONE"): Target(">=", 0.85),
    ("pii_synth", "recall:CREDIT_CARD"): Target(">=", 0.95),
    ("pii_synth", "recall:ID"): Target(">=", 0.60),
    ("pii_synth", "precision"): Target(">=", 0.90),
    ("pii_ibm", "recall:all"): Target(">=", 1.0),
    ("pii_ibm", "post_precision"): Target(">=", 0.5),
}


# --------------------------------------------------------------------------- formatting


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def fmt_share(k: int, n: int) -> str:
    return "n/a" if not n else f"{100 * k / n:.1f}% ({k}/{n})"


def fmt_recall(k: int, n: int) -> str:
    return "no items" if not n else f"{k / n:.3f} ({k}/{n})"


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]], left: int = 1) -> str:
    """A Markdown pipe table, padded so that it also reads well as plain text.

    The first ``left`` columns are left-aligned (text), the others right-aligned (figures).
    """
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [c.ljust(w) if i < left else c.rjust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "| " + " | ".join(parts) + " |"

    sep = "| " + " | ".join("-" * w if i < left else "-" * (w - 1) + ":"
                            for i, w in enumerate(widths)) + " |"
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])


def one_line(text: str, limit: int = 240) -> str:
    flat = text.replace("\r", " ").replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------- postlint


@dataclass(frozen=True)
class Hit:
    """The part of a postlint ``Finding`` this benchmark uses."""

    rule: str
    category: str
    tags: tuple[str, ...]
    severity: str
    start: int
    end: int

    @property
    def flags(self) -> bool:
        return self.severity in FLAG_SEVERITIES


class PostlintRunner:
    """One ``Linter`` (built-in packs, default pipeline), used for every task."""

    def __init__(self) -> None:
        self._linter = None
        self.seconds: dict[str, float] = {}

    @staticmethod
    def version() -> str:
        try:
            return importlib.metadata.version("postlint")
        except importlib.metadata.PackageNotFoundError:
            import postlint

            return str(getattr(postlint, "__version__", "unknown"))

    def linter(self):
        if self._linter is None:
            from postlint import Linter

            t0 = time.monotonic()
            self._linter = Linter()
            self.seconds["load"] = time.monotonic() - t0
        return self._linter

    def lint(self, texts: Sequence[str], what: str) -> list[list[Hit]]:
        linter = self.linter()
        progress = peerlib.Progress(f"postlint {what}", len(texts))
        out: list[list[Hit]] = []
        for findings in linter.lint_many(texts):
            out.append([Hit(f.rule, f.category, tuple(f.tags or ()), f.severity, f.start, f.end)
                        for f in findings])
            progress.step()
        self.seconds[what] = progress.close()
        if len(out) != len(texts):
            raise RuntimeError(f"lint_many gave {len(out)} results for {len(texts)} texts")
        return out


def show_hits(text: str, hits: Sequence[Hit]) -> str:
    if not hits:
        return "no findings"
    return "; ".join(f"{h.rule} [{h.severity}] {text[h.start:h.end]!r}" for h in hits)


# --------------------------------------------------------------------------- data


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_tweeteval(folder: Path, split: str,
                   limit: int | None) -> tuple[list[str], list[int]] | None:
    text_file, label_file = folder / f"{split}_text.txt", folder / f"{split}_labels.txt"
    if not (text_file.exists() and label_file.exists()):
        return None
    texts, labels = read_lines(text_file), [int(x) for x in read_lines(label_file)]
    if len(texts) != len(labels):
        raise SystemExit(f"{text_file}: {len(texts)} texts but {len(labels)} labels")
    return texts[:limit], labels[:limit]


def read_jsonl(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit]


def sample(indices: Sequence[int], n: int, seed: str) -> list[int]:
    """A deterministic sample of at most ``n`` indices, in data order."""
    if len(indices) <= n:
        return list(indices)
    return sorted(random.Random(seed).sample(list(indices), n))


# --------------------------------------------------------------------------- metrics


def binary_scores(pred: Sequence[bool], gold: Sequence[bool]) -> dict:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    tn = len(gold) - tp - fp - fn

    def f1(p: float | None, r: float | None) -> float | None:
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    precision_neg, recall_neg = ratio(tn, tn + fn), ratio(tn, tn + fp)
    f1_pos, f1_neg = f1(precision, recall), f1(precision_neg, recall_neg)
    macro = None if f1_pos is None or f1_neg is None else (f1_pos + f1_neg) / 2
    return {"n": len(gold), "positives": tp + fn, "flagged": tp + fp,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": precision, "recall": recall, "f1": f1_pos,
            "f1_other": f1_neg, "macro_f1": macro}


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class Detection:
    """A span a tool reports as personal data: a postlint finding or a Presidio entity."""

    start: int
    end: int
    kind: str  # postlint rule id or Presidio entity type


def pii_scores(records: Sequence[dict], detections: Sequence[Sequence[Detection]]) -> dict:
    items: Counter = Counter()
    found: Counter = Counter()
    src_items: Counter = Counter()
    src_found: Counter = Counter()
    n_det = tp_det = unscored_det = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    posts_flagged = posts_flagged_with_item = 0
    posts_with_item = 0
    missed: list[tuple[int, dict]] = []
    wrong: list[tuple[int, Detection]] = []
    for i, (rec, dets) in enumerate(zip(records, detections, strict=True)):
        scored = set(rec["scored_labels"]) - {"OTHER"}
        spans = rec["spans"]
        scored_spans = [s for s in spans if s["label"] in scored]
        other_spans = [s for s in spans if s["label"] not in scored]
        for s in scored_spans:
            hit = any(overlaps(s["start"], s["end"], d.start, d.end) for d in dets)
            key = (s["label"], s["source_label"])
            items[s["label"]] += 1
            src_items[key] += 1
            if hit:
                found[s["label"]] += 1
                src_found[key] += 1
            else:
                missed.append((i, s))
        for d in dets:
            n_det += 1
            by_kind[d.kind][0] += 1
            if any(overlaps(s["start"], s["end"], d.start, d.end) for s in scored_spans):
                tp_det += 1
                by_kind[d.kind][1] += 1
            else:
                wrong.append((i, d))
                if any(overlaps(s["start"], s["end"], d.start, d.end) for s in other_spans):
                    unscored_det += 1
        posts_with_item += bool(scored_spans)
        if dets:
            posts_flagged += 1
            posts_flagged_with_item += bool(scored_spans)
    n_items, n_found = sum(items.values()), sum(found.values())
    return {
        "items": {k: {"n": items[k], "found": found[k], "recall": ratio(found[k], items[k])}
                  for k in sorted(items)},
        "items_by_source_label": {
            f"{lab}/{src}": {"n": n, "found": src_found[(lab, src)],
                             "recall": ratio(src_found[(lab, src)], n)}
            for (lab, src), n in sorted(src_items.items())},
        "recall_all": ratio(n_found, n_items), "n_items": n_items, "n_found": n_found,
        "detections": n_det, "detections_on_item": tp_det,
        "detections_on_unscored_only": unscored_det,
        "precision": ratio(tp_det, n_det),
        # The README's reading: a detection that only overlaps an unscored span (a date,
        # an organisation, a user name) is "unscored", neither right nor wrong.
        "precision_scored": ratio(tp_det, n_det - unscored_det),
        "by_kind": {k: {"detections": v[0], "on_item": v[1]} for k, v in sorted(by_kind.items())},
        "posts": len(records), "posts_with_item": posts_with_item,
        "posts_flagged": posts_flagged, "posts_flagged_with_item": posts_flagged_with_item,
        "post_precision": ratio(posts_flagged_with_item, posts_flagged),
        "_missed": missed, "_wrong": wrong,
    }


def public(d: dict) -> dict:
    """The figures of a score dict without the private sample lists."""
    return {k: v for k, v in d.items() if not k.startswith("_")}


# --------------------------------------------------------------------------- the run


class Evaluation:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.data: Path = args.data
        self.split: str = args.split
        self.limit: int | None = args.limit
        self.errors: int = args.errors
        self.runner = PostlintRunner()
        self.peers: dict[str, peerlib.Peer] = {}
        if not args.no_peers:
            wanted = {name for task in args.task_list for name in PEERS_FOR[task]}
            self.peers = {name: peer for name, peer in
                          peerlib.all_peers(args.presidio_threshold).items() if name in wanted}
        self.results: dict = {"tasks": {}, "summary": [], "seconds": {}}
        self.summary: list[dict] = []

    # -- output helpers

    def out(self, text: str = "") -> None:
        print(text, flush=True)

    def target_row(self, task: str, metric: str, label: str, value: float | None,
                   shown: str, summary: str | None = None) -> list[str]:
        """A table row ``[label, target, shown, status]``; a target is also summarised."""
        target = TARGETS.get((task, metric))
        if target is None:
            return [label, "", shown, ""]
        status = target.status(value)
        self.summary.append({"task": task, "metric": summary or label, "key": metric,
                             "target": target.text(), "value": value, "shown": shown,
                             "status": status})
        return [label, target.text(), shown, status]

    def peer_list(self, names: Sequence[str]) -> list[peerlib.Peer]:
        """The peers that apply and can run; a note for each that cannot."""
        ready = []
        for name in names:
            peer = self.peers.get(name)
            if peer is None:
                continue
            if peer.available():
                ready.append(peer)
            else:
                self.out(f"_{name}: {peer.error}; skipped._")
                self.out()
        return ready

    def timed(self, task: str, tool: str, fn: Callable[[], object]):
        t0 = time.monotonic()
        value = fn()
        self.results["seconds"].setdefault(task, {})[tool] = round(time.monotonic() - t0, 2)
        return value

    def lint(self, task: str, texts: Sequence[str]) -> list[list[Hit]]:
        return self.timed(task, "postlint", lambda: self.runner.lint(texts, task))

    # -- tasks

    def run(self, tasks: Sequence[str]) -> dict:
        self.header()
        handlers = {
            "offensive": lambda: self.task_harm("offensive", "offensive"),
            "hate": lambda: self.task_harm("hate", "hate"),
            "sentiment": self.task_sentiment,
            "stance": self.task_stance,
            "pii_synth": lambda: self.task_pii("pii_synth", "presidio_synth_v2.jsonl"),
            "pii_ibm": lambda: self.task_pii("pii_ibm", "ibm_cdp_customer.jsonl"),
            "brand_benign": lambda: self.task_benign(
                "brand_benign", self.data / "pii" / "ibm_cdp_brand_benign.jsonl"),
            "marketing": lambda: self.task_benign(
                "marketing", self.data / "marketing" / "posts.jsonl"),
        }
        for task in tasks:
            self.out()
            self.results["tasks"][task] = handlers[task]()
        self.footer()
        return self.results

    def header(self) -> None:
        peers = {}
        for name, peer in self.peers.items():
            peers[name] = peer.status()
            if isinstance(peer, peerlib.Presidio) and peer.model:
                peers[name] += f" (spaCy model {peer.model} {peer.model_version})"
        meta = {
            "command": "python benchmarks/accuracy.py " + " ".join(sys.argv[1:]),
            "data": str(self.data), "split": self.split, "limit": self.limit,
            "postlint": self.runner.version(),
            "peers": peers if self.peers else "not run (--no-peers)",
            "presidio_threshold": self.args.presidio_threshold,
            "vader_negative": peerlib.VADER_NEGATIVE,
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        }
        self.results["meta"] = meta
        self.out(f"# postlint accuracy: split `{self.split}`"
                 + (f", first {self.limit} posts per file" if self.limit else ""))
        self.out()
        self.out(f"postlint {meta['postlint']}; Python {meta['python']}; {meta['machine']}")
        if self.peers:
            for name, status in peers.items():
                self.out(f"- {name}: {status}")
        else:
            self.out("- peers: not run (--no-peers)")
        self.out("A post is flagged by postlint when it has a finding at warning or error. "
                 f"Presidio: entities with score ≥ {self.args.presidio_threshold}; "
                 f"VADER: negative when compound ≤ {peerlib.VADER_NEGATIVE}.")

    def footer(self) -> None:
        self.results["summary"] = self.summary
        self.results["seconds"]["postlint_load"] = round(self.runner.seconds.get("load", 0.0), 2)
        self.out()
        self.out("## Targets (postlint)")
        self.out()
        if not self.summary:
            self.out("No target was checked.")
            return
        rows = [[s["task"], s["metric"], s["target"], s["shown"], s["status"]]
                for s in self.summary]
        self.out(md_table(["task", "metric", "target", "postlint", "status"], rows, left=2))
        met = sum(s["status"] == "PASS" for s in self.summary)
        self.out()
        self.out(f"{met} of {len(self.summary)} targets met"
                 + (" (targets are for the validation split)" if self.split != "val" else "")
                 + ".")

    def task_harm(self, task: str, folder: str) -> dict:
        loaded = read_tweeteval(self.data / "tweeteval" / folder, self.split, self.limit)
        title = f"## {task}: tweeteval/{folder}, {self.split}"
        if loaded is None:
            self.out(f"{title}\n\nskipped: no {self.split} split in the data.")
            return {"skipped": f"no {self.split} split"}
        texts, labels = loaded
        gold = [lab == 1 for lab in labels]
        hits = self.lint(task, texts)
        counted = [[h for h in hs if h.flags and HARM_TAGS.intersection(h.tags)] for hs in hits]
        pred = [bool(c) for c in counted]
        tools = {"postlint": binary_scores(pred, gold)}
        self.out(f"{title} ({len(texts)} posts, {sum(gold)} {task})")
        self.out()
        for peer in self.peer_list(["better-profanity", "alt-profanity-check"]):
            verdicts = self.timed(task, peer.name, lambda p=peer: p.verdicts(texts, task))
            tools[peer.name] = binary_scores(verdicts, gold)
        self.classification_table(task, task, tools)
        self.rule_table(texts, counted, gold)
        self.error_samples(task, texts, hits, counted, pred, gold)
        return {"n": len(texts), "tools": tools}

    def task_sentiment(self) -> dict:
        task = "sentiment"
        loaded = read_tweeteval(self.data / "tweeteval" / "sentiment", self.split, self.limit)
        title = f"## sentiment: tweeteval/sentiment, {self.split}"
        if loaded is None:
            self.out(f"{title}\n\nskipped: no {self.split} split in the data "
                     "(TweetEval sentiment has only its validation split here).")
            return {"skipped": f"no {self.split} split"}
        texts, labels = loaded
        gold = [lab == 0 for lab in labels]
        hits = self.lint(task, texts)
        counted = [[h for h in hs if h.flags and h.category == "negativity"] for hs in hits]
        pred = [bool(c) for c in counted]
        tools = {"postlint": binary_scores(pred, gold)}
        self.out(f"{title} ({len(texts)} posts, {sum(gold)} negative)")
        self.out()
        for peer in self.peer_list(["VADER"]):
            verdicts = self.timed(task, peer.name, lambda p=peer: p.verdicts(texts, task))
            tools[peer.name] = binary_scores(verdicts, gold)
        self.classification_table(task, "negative", tools)
        self.rule_table(texts, counted, gold)
        self.error_samples(task, texts, hits, counted, pred, gold)
        return {"n": len(texts), "tools": tools}

    def classification_table(self, task: str, positive: str, tools: dict[str, dict]) -> None:
        other = "not " + positive if positive != "negative" else "not negative"
        metrics = [
            ("precision", f"precision ({positive})"),
            ("recall", f"recall ({positive})"),
            ("f1", f"F1 ({positive})"),
            ("f1_other", f"F1 ({other})"),
            ("macro_f1", "macro-F1"),
        ]
        names = list(tools)
        rows = []
        for key, label in metrics:
            value = tools["postlint"][key]
            row = self.target_row(task, key, label, value, fmt(value))
            rows.append(row + [fmt(tools[n][key]) for n in names[1:]])
        rows.append(["posts flagged", "", fmt_share(tools["postlint"]["flagged"],
                                                    tools["postlint"]["n"]), ""]
                    + [fmt_share(tools[n]["flagged"], tools[n]["n"]) for n in names[1:]])
        self.out(md_table(["metric", "target", "postlint", "status"] + names[1:], rows))

    def rule_table(self, texts: Sequence[str], counted: Sequence[Sequence[Hit]],
                   gold: Sequence[bool]) -> None:
        """Per rule: posts it flagged and how many of them are truly positive (for tuning)."""
        if not self.errors:
            return
        flagged: Counter = Counter()
        right: Counter = Counter()
        for hs, g in zip(counted, gold, strict=True):
            for rule in {h.rule for h in hs}:
                flagged[rule] += 1
                right[rule] += g
        self.out()
        if not flagged:
            self.out("No rule flagged a post.")
            return
        rows = [[rule, n, right[rule], fmt(ratio(right[rule], n))]
                for rule, n in sorted(flagged.items(), key=lambda kv: (-kv[1], kv[0]))]
        self.out(md_table(["rule (counted findings)", "posts flagged", "true positives",
                           "precision"], rows))

    def error_samples(self, task: str, texts: Sequence[str], hits: Sequence[Sequence[Hit]],
                      counted: Sequence[Sequence[Hit]], pred: Sequence[bool],
                      gold: Sequence[bool]) -> None:
        if not self.errors:
            return
        fps = [i for i, (p, g) in enumerate(zip(pred, gold, strict=True)) if p and not g]
        fns = [i for i, (p, g) in enumerate(zip(pred, gold, strict=True)) if g and not p]
        self.out()
        self.out(f"postlint false positives on {task} ({len(fps)}; sample):"
                 if fps else f"postlint false positives on {task}: none.")
        for i in sample(fps, self.errors, f"{task}-fp"):
            self.out(f"- [{i + 1}] {one_line(texts[i])}\n  → {show_hits(texts[i], counted[i])}")
        self.out()
        self.out(f"postlint false negatives on {task} ({len(fns)}; sample, with any findings):")
        for i in sample(fns, self.errors, f"{task}-fn"):
            self.out(f"- [{i + 1}] {one_line(texts[i])}\n  → {show_hits(texts[i], hits[i])}")

    def task_stance(self) -> dict:
        task = "stance"
        self.out(f"## stance: tweeteval/stance/*, {self.split} (#SemST removed)")
        self.out()
        rows, per_target = [], {}
        total = total_flagged = 0
        label_n: Counter = Counter()
        label_flagged: Counter = Counter()
        misses: list[tuple[str, str, list[Hit]]] = []
        for target in STANCE_TARGETS:
            loaded = read_tweeteval(self.data / "tweeteval" / "stance" / target,
                                    self.split, self.limit)
            if loaded is None:
                rows.append([target, "missing", "", "", "", "", ""])
                continue
            raw, labels = loaded
            texts = [" ".join(SEMST.sub(" ", t).split()) for t in raw]
            hits = self.timed(task, f"postlint:{target}",
                              lambda texts=texts, target=target:
                              self.runner.lint(texts, f"stance/{target}"))
            flagged = [any(h.flags and h.category == "controversy" for h in hs) for hs in hits]
            t_label_n: Counter = Counter(labels)
            t_label_f: Counter = Counter(lab for lab, f in zip(labels, flagged, strict=True) if f)
            label_n.update(t_label_n)
            label_flagged.update(t_label_f)
            k, n = sum(flagged), len(texts)
            total, total_flagged = total + n, total_flagged + k
            per_target[target] = {
                "n": n, "flagged": k, "flagged_share": ratio(k, n),
                "by_label": {STANCE_LABELS[lab]: {"n": t_label_n[lab], "flagged": t_label_f[lab]}
                             for lab in sorted(t_label_n)}}
            rows.append([target, fmt_share(k, n)]
                        + [fmt_share(t_label_f[lab], t_label_n[lab]) for lab in (1, 2, 0)]
                        + ["", ""])
            misses.extend((target, t, hs)
                          for t, hs, f in zip(texts, hits, flagged, strict=True) if not f)
        share = ratio(total_flagged, total)
        overall = self.target_row(task, "flagged_share", "all targets", share,
                                  fmt_share(total_flagged, total),
                                  summary="posts with a controversy finding")
        rows.append([overall[0], overall[2]]
                    + [fmt_share(label_flagged[lab], label_n[lab]) for lab in (1, 2, 0)]
                    + [overall[1], overall[3]])
        self.out(md_table(["target", "flagged (controversy)", "against", "favor", "none",
                           "target", "status"], rows))
        if self.errors:
            self.out()
            self.out(f"postlint misses on stance ({len(misses)} posts without a controversy "
                     "finding; sample, with any findings):")
            for i in sample(range(len(misses)), self.errors, "stance-fn"):
                target, text, hs = misses[i]
                self.out(f"- [{target}] {one_line(text)}\n  → {show_hits(text, hs)}")
        return {"n": total, "flagged": total_flagged, "flagged_share": share,
                "by_label": {STANCE_LABELS[lab]: {"n": label_n[lab], "flagged": label_flagged[lab]}
                             for lab in sorted(label_n)},
                "targets": per_target}

    def task_pii(self, task: str, filename: str) -> dict:
        path = self.data / "pii" / filename
        if not path.is_file():
            self.out(f"## {task}: pii/{filename}\n\nskipped: file not found.")
            return {"skipped": "file not found"}
        records = read_jsonl(path, self.limit)
        texts = [r["text"] for r in records]
        self.out(f"## {task}: pii/{filename} ({len(records)} posts)")
        self.out()
        hits = self.lint(task, texts)
        post_dets = [[Detection(h.start, h.end, h.rule) for h in hs
                      if h.flags and h.category == "oversharing"] for hs in hits]
        tools = {"postlint": pii_scores(records, post_dets)}
        for peer in self.peer_list([PRESIDIO_ALL]):
            ents = self.timed(task, peer.name, lambda p=peer: p.entities(texts, task))
            for name, labels in ((PRESIDIO_ALL, peerlib.PERSONAL_LABELS),
                                 (PRESIDIO_STRUCT, peerlib.STRUCTURED_LABELS)):
                dets = [[Detection(e.start, e.end, e.entity_type) for e in es
                         if e.label in labels] for es in ents]
                tools[name] = pii_scores(records, dets)
        names = list(tools)
        post = tools["postlint"]

        # Recall per common label.
        labels = [lab for lab in PII_LABEL_ORDER if lab in post["items"]]
        labels += sorted(set(post["items"]) - set(labels))
        rows = []
        for lab in labels:
            item = post["items"][lab]
            row = self.target_row(task, f"recall:{lab}", lab, item["recall"],
                                  fmt_recall(item["found"], item["n"]), summary=f"recall {lab}")
            rows.append(row + [fmt_recall(tools[n]["items"][lab]["found"], item["n"])
                               for n in names[1:]])
        row = self.target_row(task, "recall:all", "all scored items", post["recall_all"],
                              fmt_recall(post["n_found"], post["n_items"]),
                              summary="recall, all scored items")
        rows.append(row + [fmt_recall(tools[n]["n_found"], post["n_items"]) for n in names[1:]])
        self.out(md_table(["recall by label", "target", "postlint", "status"] + names[1:], rows))

        # Recall per source label.
        self.out()
        rows = []
        for key, item in post["items_by_source_label"].items():
            rows.append([key, item["n"], fmt(item["recall"])]
                        + [fmt(tools[n]["items_by_source_label"][key]["recall"])
                           for n in names[1:]])
        self.out(md_table(["recall by label/source_label", "items", "postlint"] + names[1:],
                          rows))

        # Precision.
        self.out()
        rows = []
        rows.append(["detections (warning+ findings / entities)", "",
                     str(post["detections"]), ""]
                    + [str(tools[n]["detections"]) for n in names[1:]])
        row = self.target_row(task, "precision", "precision (detections on a scored item)",
                              post["precision"], fmt(post["precision"]),
                              summary="finding precision")
        rows.append(row + [fmt(tools[n]["precision"]) for n in names[1:]])
        rows.append(["detections on unscored spans only", "",
                     str(post["detections_on_unscored_only"]), ""]
                    + [str(tools[n]["detections_on_unscored_only"]) for n in names[1:]])
        rows.append(["precision, those left out", "", fmt(post["precision_scored"]), ""]
                    + [fmt(tools[n]["precision_scored"]) for n in names[1:]])
        rows.append(["posts flagged", "", fmt_share(post["posts_flagged"], post["posts"]), ""]
                    + [fmt_share(tools[n]["posts_flagged"], tools[n]["posts"])
                       for n in names[1:]])
        if (task, "post_precision") in TARGETS:
            row = self.target_row(task, "post_precision",
                                  "post precision (flagged posts with an item)",
                                  post["post_precision"],
                                  fmt_recall(post["posts_flagged_with_item"],
                                             post["posts_flagged"]),
                                  summary="post precision")
            rows.append(row + [fmt_recall(tools[n]["posts_flagged_with_item"],
                                          tools[n]["posts_flagged"]) for n in names[1:]])
        self.out(md_table(["precision", "target", "postlint", "status"] + names[1:], rows))

        # postlint per rule.
        if post["by_kind"]:
            self.out()
            rows = [[rule, v["detections"], v["on_item"], fmt(ratio(v["on_item"], v["detections"]))]
                    for rule, v in sorted(post["by_kind"].items(),
                                          key=lambda kv: (-kv[1]["detections"], kv[0]))]
            self.out(md_table(["postlint rule", "findings", "on a scored item", "precision"],
                              rows))
        if self.errors:
            self.out()
            missed = post["_missed"]
            self.out(f"postlint misses on {task} ({len(missed)} items; sample):"
                     if missed else f"postlint misses on {task}: none.")
            for j in sample(range(len(missed)), self.errors, f"{task}-fn"):
                i, span = missed[j]
                text = texts[i]
                self.out(f"- {records[i]['id']} {span['label']}/{span['source_label']} "
                         f"{text[span['start']:span['end']]!r} in: {one_line(text)}\n"
                         f"  → {show_hits(text, hits[i])}")
            wrong = post["_wrong"]
            self.out()
            self.out(f"postlint findings on no scored item in {task} ({len(wrong)}; sample):"
                     if wrong else f"postlint findings on no scored item in {task}: none.")
            for j in sample(range(len(wrong)), self.errors, f"{task}-fp"):
                i, det = wrong[j]
                text = texts[i]
                self.out(f"- {records[i]['id']} {det.kind} {text[det.start:det.end]!r} "
                         f"in: {one_line(text)}")
        return {"n": len(records), "tools": {n: public(v) for n, v in tools.items()}}

    def task_benign(self, task: str, path: Path) -> dict:
        if not path.is_file():
            self.out(f"## {task}: {path}\n\nskipped: file not found.")
            return {"skipped": "file not found"}
        records = read_jsonl(path, self.limit)
        texts = [r["text"] for r in records]
        n = len(texts)
        rel = path.relative_to(self.data) if path.is_relative_to(self.data) else path
        self.out(f"## {task}: {rel} ({n} posts; every finding at warning or above "
                 "counts as a false alarm)")
        self.out()
        hits = self.lint(task, texts)
        counted = [[h for h in hs if h.flags] for hs in hits]
        flagged = [bool(c) for c in counted]
        tools: dict[str, dict] = {"postlint": {"n": n, "flagged": sum(flagged),
                                               "flagged_share": ratio(sum(flagged), n)}}
        by_rule: Counter = Counter()
        rule_category: dict[str, str] = {}
        for hs in counted:
            for h in hs:
                rule_category[h.rule] = h.category
            by_rule.update({h.rule for h in hs})
        by_category = Counter(cat for hs in counted for cat in {h.category for h in hs})
        tools["postlint"]["by_rule"] = dict(sorted(by_rule.items()))
        tools["postlint"]["by_category"] = dict(sorted(by_category.items()))
        presidio_types: Counter = Counter()
        for peer in self.peer_list(["better-profanity", "alt-profanity-check", "VADER",
                                    PRESIDIO_ALL]):
            if isinstance(peer, peerlib.Presidio):
                ents = self.timed(task, peer.name, lambda p=peer: p.entities(texts, task))
                for name, labels in ((PRESIDIO_ALL, peerlib.PERSONAL_LABELS),
                                     (PRESIDIO_STRUCT, peerlib.STRUCTURED_LABELS)):
                    k = sum(any(e.label in labels for e in es) for es in ents)
                    tools[name] = {"n": n, "flagged": k, "flagged_share": ratio(k, n)}
                for es in ents:
                    presidio_types.update({e.entity_type for e in es
                                           if e.label in peerlib.PERSONAL_LABELS})
                tools[PRESIDIO_ALL]["by_entity_type"] = dict(sorted(presidio_types.items()))
            else:
                verdicts = self.timed(task, peer.name, lambda p=peer: p.verdicts(texts, task))
                k = sum(verdicts)
                tools[peer.name] = {"n": n, "flagged": k, "flagged_share": ratio(k, n)}
        rows = []
        for name, v in tools.items():
            shown = fmt_share(v["flagged"], n)
            if name == "postlint":
                row = self.target_row(task, "flagged_share", "postlint", v["flagged_share"],
                                      shown, summary="posts flagged (false alarms)")
                rows.append([name, shown, row[1], row[3]])
            else:
                rows.append([name, shown, "", ""])
        self.out(md_table(["tool", "posts flagged", "target", "status"], rows))
        self.out()
        if by_rule:
            rows = [[rule, rule_category[rule], fmt_share(k, n)]
                    for rule, k in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
            self.out(md_table(["postlint rule (warning+)", "category", "posts"], rows, left=2))
        else:
            self.out("postlint: no finding at warning or above.")
        if presidio_types:
            self.out()
            rows = [[t, peerlib.PRESIDIO_LABELS.get(t, "OTHER"), fmt_share(k, n)]
                    for t, k in sorted(presidio_types.items(), key=lambda kv: (-kv[1], kv[0]))]
            self.out(md_table(["Presidio entity type", "label", "posts"], rows, left=2))
        if self.errors:
            fps = [i for i, f in enumerate(flagged) if f]
            self.out()
            self.out(f"postlint false alarms on {task} ({len(fps)}; sample):"
                     if fps else f"postlint false alarms on {task}: none.")
            for i in sample(fps, self.errors, f"{task}-fp"):
                self.out(f"- {records[i].get('id', i + 1)} {one_line(texts[i])}\n"
                         f"  → {show_hits(texts[i], counted[i])}")
        return {"n": n, "tools": tools}


# --------------------------------------------------------------------------- CLI


def parse_tasks(values: Sequence[str] | None) -> list[str]:
    if not values:
        return list(TASKS)
    chosen: list[str] = []
    for value in values:
        for name in filter(None, (v.strip() for v in value.split(","))):
            if name in GROUPS:
                chosen.extend(GROUPS[name])
            elif name in TASKS:
                chosen.append(name)
            else:
                raise argparse.ArgumentTypeError(
                    f"unknown task {name!r}; choose from {', '.join(TASKS + tuple(GROUPS))}")
    return [t for t in TASKS if t in set(chosen)]


def json_path(value: str) -> Path:
    """Where ``--json`` writes: a bare name goes in benchmarks/results/; any other path must
    already point inside it."""
    path = Path(value)
    if not path.is_absolute() and len(path.parts) == 1:
        path = RESULTS_DIR / path
    path = path.resolve()
    if not path.is_relative_to(RESULTS_DIR):
        raise argparse.ArgumentTypeError(f"must write inside {RESULTS_DIR}, not {path}")
    return path


def positive_int(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Accuracy of postlint (and peer tools) on the evaluation data.")
    parser.add_argument("--data", type=Path, required=True,
                        help="evaluation data folder (holds tweeteval/, pii/, marketing/)")
    parser.add_argument("--split", choices=("val", "train"), default="val",
                        help="TweetEval split (default val); the other sets have one split")
    parser.add_argument("--tasks", nargs="+", metavar="TASK",
                        help=f"tasks or groups, space- or comma-separated: {', '.join(TASKS)}; "
                             f"groups: {', '.join(GROUPS)} (default all)")
    parser.add_argument("--no-peers", action="store_true", help="run postlint only")
    parser.add_argument("--limit", type=positive_int, default=None,
                        help="only the first N posts of each data file (quick runs)")
    parser.add_argument("--json", type=json_path, metavar="OUT", default=None,
                        help="also write the figures as JSON to benchmarks/results/OUT")
    parser.add_argument("--errors", type=positive_int, default=0, metavar="N",
                        help="print N sample false positives / negatives per task, and "
                             "per-rule counts, for postlint")
    parser.add_argument("--presidio-threshold", type=float, default=peerlib.PRESIDIO_THRESHOLD,
                        help="minimum Presidio entity score (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        args.task_list = parse_tasks(args.tasks)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    args.data = args.data.resolve()
    if not (args.data / "tweeteval").is_dir() and not (args.data / "pii").is_dir():
        parser.error(f"{args.data} holds neither tweeteval/ nor pii/")
    try:
        import postlint  # noqa: F401
    except ImportError as exc:
        parser.exit(2, f"postlint is not importable ({exc}); run `pip install -e .` first\n")

    t0 = time.monotonic()
    results = Evaluation(args).run(args.task_list)
    results["seconds"]["total"] = round(time.monotonic() - t0, 1)
    sys.stderr.write(f"total {results['seconds']['total']}s\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        sys.stderr.write(f"figures written to {args.json}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
