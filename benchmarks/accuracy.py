#!/usr/bin/env python3
"""Accuracy of postlint on labelled data, next to the peer tools a user would otherwise pick.

    python benchmarks/accuracy.py --data PATH [--split val|train] [--tasks T ...]
        [--no-peers] [--limit N] [--json OUT] [--errors N] [--presidio-threshold X]

PATH is the evaluation data folder (``tweeteval/``, ``pii/``, ``marketing/``); it is read,
never copied. Sets kept in this repository (``benchmarks/data/``) are read from there.
postlint runs through its Python API (``Linter().lint_many``); the peers (better-profanity,
alt-profanity-check, VADER, Presidio) run in the same process on the same texts, each only
where it applies, and any that is not installed is reported as such and skipped. Tables go
to stdout (Markdown), progress to stderr. ``--json`` writes the figures under
``benchmarks/results/`` and nowhere else.

Tuning and checking parts
-------------------------

Every development set is split once, by post id, into a *tuning* part (four posts in five:
rules may be tuned on it) and a *checking* part (one in five: never tuned on, only
reported), by ``_common.in_checking_part(set_name, post_id)``. Every figure is reported for
both parts side by side, for postlint and for each peer, and a target is met only when it
is met on both parts. ``--errors`` samples come from the tuning part only, so that reading
them never tunes on the checking part.

How a task reports both parts (and how to add one)
--------------------------------------------------

A task is a subclass of :class:`Task` registered in ``TASK_CLASSES``. It implements:

- ``load(ev)``: the posts as :class:`Sample` objects (``id``, ``text``, ``gold`` and, for a
  set made of several files, ``group``), or a text saying why the task is skipped;
- ``set_name(sample)``: the name the split is keyed on (a constant for most sets);
- ``run_peers(ev, samples)`` (optional): each peer's output, one item per sample;
- ``measure(part)``: for one part, each tool's figures (``Figures``: metric key → value and
  how it is shown), in report order.

The framework lints every post once, splits the posts (and every tool's output) into the
two parts, calls ``measure`` on each, and prints one table: a row per metric, a column per
tool and part, the target and whether both parts meet it. It adds the share of posts with
more than three findings (of any severity) to every task. ``details(ev, parts)`` may print
more tables (use :func:`side_by_side` for per-part columns), and ``error_samples(ev, part)``
prints tuning-part samples for ``--errors``. Targets are keyed ``(task, metric)`` in
``TARGETS``.

Counting rules (a post is *flagged* when it has a finding at severity warning or error):

- offensive, hate (TweetEval): only findings tagged profanity, insult, identity-attack or
  threat count; P/R/F1 of the positive class and macro-F1 over both classes.
- sentiment (TweetEval, validation only): findings of category ``negativity``; the
  positive class is label 0 (negative).
- stance (TweetEval, five targets): the dataset's ``#SemST`` tag is removed first; share
  of all posts with a ``controversy`` finding.
- pii_synth, pii_ibm: ``oversharing`` findings, every span of a finding (its own and its
  related ones); recall per labelled item (any overlap), precision per span (overlaps an
  item of a label the record scores), and for pii_ibm post-level precision.
- brand_benign, marketing, release_notes, brand_posts: every finding at warning or above is
  a false alarm.
- backlash (``benchmarks/data/backlash``, real posts that caused backlash): share with a
  warning+ finding of the category each one should be flagged for (and of any category);
  a peer counts for the category it checks (profanity checkers: controversy, VADER:
  negativity, Presidio: oversharing).
- pii_numbers (``benchmarks/data/pii-numbers``, synthetic phone, ID, bank and card
  numbers of many countries): ``oversharing`` findings, every span; recall per label and
  country, precision per span, and the share of near-miss posts (no personal number)
  with such a finding.

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
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers as peerlib  # noqa: E402  (sets the tldextract variable before any import of it)
from _common import in_checking_part  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DATA_DIR = BENCH_DIR / "data"

FLAG_SEVERITIES = frozenset({"warning", "error"})
HARM_TAGS = frozenset({"profanity", "insult", "identity-attack", "threat"})
STANCE_TARGETS = ("abortion", "atheism", "climate", "feminist", "hillary")
STANCE_LABELS = {0: "none", 1: "against", 2: "favor"}
SEMST = re.compile(r"#SemST\b", re.IGNORECASE)
PARTS = ("tuning", "checking")
MANY_FINDINGS = 3  # "too many findings for one post": more than this many

# PII labels in report order: the targeted ones first, then those shown for information.
PII_LABEL_ORDER = ("EMAIL", "PHONE", "CREDIT_CARD", "ID", "DATE_OF_BIRTH",
                   "LOCATION", "PERSON", "URL")
PRESIDIO_ALL = "Presidio"
PRESIDIO_STRUCT = "Presidio (no names/places)"
BENIGN_PEERS = ("better-profanity", "alt-profanity-check", "VADER", PRESIDIO_ALL)


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
        """PASS or MISS; "n/a" when the part has nothing to measure (no labelled item)."""
        if value is None:
            return "n/a"
        v = round(value * 100, 1) / 100 if self.pct else round(value, 3)
        ok = v >= self.value - 1e-12 if self.op == ">=" else v <= self.value + 1e-12
        return "PASS" if ok else "MISS"


# Issue 8's targets for the development data (both parts must meet them).
TARGETS = {
    ("offensive", "precision"): Target(">=", 0.75),
    ("offensive", "macro_f1"): Target(">=", 0.76),
    ("hate", "macro_f1"): Target(">=", 0.62),
    ("sentiment", "f1"): Target(">=", 0.62),
    ("stance", "flagged_share"): Target(">=", 0.75, pct=True),
    ("brand_benign", "flagged_share"): Target("<=", 0.02, pct=True),
    ("marketing", "flagged_share"): Target("<=", 0.02, pct=True),
    ("release_notes", "flagged_share"): Target("<=", 0.02, pct=True),
    ("brand_posts", "flagged_share"): Target("<=", 0.03, pct=True),
    ("pii_synth", "recall:EMAIL"): Target(">=", 0.95),
    ("pii_synth", "recall:PHONE"): Target(">=", 0.85),
    ("pii_synth", "recall:CREDIT_CARD"): Target(">=", 0.95),
    ("pii_synth", "recall:ID"): Target(">=", 0.60),
    ("pii_synth", "precision"): Target(">=", 0.90),
    ("pii_ibm", "recall:all"): Target(">=", 1.0),
    ("pii_ibm", "post_precision"): Target(">=", 0.5),
    ("backlash", "right_share"): Target(">=", 0.70, pct=True),
    ("pii_numbers", "recall:PHONE"): Target(">=", 0.95),
    ("pii_numbers", "recall:ID"): Target(">=", 0.95),
    ("pii_numbers", "precision"): Target(">=", 0.95),
    ("pii_numbers", "countries_at_95"): Target(">=", 8),
}


def combined_status(statuses: dict[str, str]) -> str:
    """Both parts' verdicts as one: PASS only when every part that can be measured passes."""
    measured = {p: s for p, s in statuses.items() if s != "n/a"}
    missed = [p for p, s in measured.items() if s != "PASS"]
    if not measured:
        return "n/a"
    if missed:
        return "MISS" if len(missed) == len(statuses) else f"MISS ({', '.join(missed)})"
    unmeasured = [p for p in statuses if p not in measured]
    return "PASS" + (f" ({', '.join(unmeasured)}: nothing to measure)" if unmeasured else "")


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
    spans: tuple[tuple[int, int], ...]  # every span: the finding's own, then related ones

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
            out.append([Hit(f.rule, f.category, tuple(f.tags or ()), f.severity, f.start, f.end,
                            tuple((s.start, s.end) for s in f.spans))
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


@dataclass(frozen=True)
class Sample:
    """One post of a development set: its id (the split's key), text and gold label."""

    id: str
    text: str
    gold: Any = None
    group: str = ""  # the file it came from, for sets made of several (stance targets)
    record: dict | None = field(default=None, compare=False, repr=False)


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


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One figure of one tool on one part: its label, its value and how it is printed."""

    label: str
    value: float | None
    shown: str


Figures = dict  # metric key -> Figure, in report order


def share_figure(label: str, k: int, n: int) -> Figure:
    return Figure(label, ratio(k, n), fmt_share(k, n))


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


def classification_figures(scores: dict, positive: str) -> Figures:
    other = f"not {positive}"
    out = {key: Figure(label, scores[key], fmt(scores[key])) for key, label in (
        ("precision", f"precision ({positive})"),
        ("recall", f"recall ({positive})"),
        ("f1", f"F1 ({positive})"),
        ("f1_other", f"F1 ({other})"),
        ("macro_f1", "macro-F1"),
    )}
    out["flagged"] = share_figure("posts flagged", scores["flagged"], scores["n"])
    return out


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class Detection:
    """A span a tool reports as personal data: a postlint finding's span or a Presidio entity."""

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


# --------------------------------------------------------------------------- tasks


@dataclass
class Part:
    """One part (tuning or checking) of a task's set: its posts and every tool's output."""

    name: str
    samples: list[Sample]
    hits: list[list[Hit]]
    peers: dict[str, list]  # peer name -> one output per sample
    figures: dict[str, Figures] = field(default_factory=dict)  # tool -> figures

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.samples]


class Task(ABC):
    """One development set and how postlint (and the peers) are scored on it."""

    name: ClassVar[str]
    peers: ClassVar[tuple[str, ...]] = ()
    title: str = ""  # the report's heading, set by ``load``

    @abstractmethod
    def load(self, ev: Evaluation) -> list[Sample] | str:
        """The set's posts, or why the task is skipped."""

    @abstractmethod
    def set_name(self, sample: Sample) -> str:
        """The set name the tuning/checking split is keyed on."""

    @abstractmethod
    def measure(self, part: Part) -> dict[str, Figures]:
        """Each tool's figures on one part, postlint first."""

    def run_peers(self, ev: Evaluation, samples: Sequence[Sample]) -> dict[str, list]:
        """Each applicable peer's verdict per post (``Peer.verdicts``)."""
        texts = [s.text for s in samples]
        return {p.name: ev.timed(self.name, p.name, lambda p=p: p.verdicts(texts, self.name))
                for p in ev.peer_list(self.peers)}

    def details(self, ev: Evaluation, parts: dict[str, Part]) -> None:
        """More tables after the main one (optional)."""
        return None

    def error_samples(self, ev: Evaluation, part: Part) -> None:
        """Samples of postlint's errors on the tuning part, for ``--errors`` (optional)."""
        return None


def side_by_side(parts: dict[str, Part],
                 count: Callable[[Part], Counter]) -> list[list[object]]:
    """Rows ``[key, tuning, checking]`` of per-part counts, as shares of each part's posts."""
    counts = {name: count(part) for name, part in parts.items()}
    keys = sorted(set().union(*counts.values()),
                  key=lambda k: (-sum(c[k] for c in counts.values()), str(k)))
    return [[k] + [fmt_share(counts[p][k], len(parts[p].samples)) for p in PARTS]
            for k in keys]


class ClassificationTask(Task):
    """A binary TweetEval task: a post is predicted positive when a counted finding flags it."""

    folder: ClassVar[str]
    positive: ClassVar[str]

    def load(self, ev):
        loaded = read_tweeteval(ev.data / "tweeteval" / self.folder, ev.split, ev.limit)
        self.title = f"{self.name}: tweeteval/{self.folder}, {ev.split}"
        if loaded is None:
            return f"no {ev.split} split in the data"
        texts, labels = loaded
        return [Sample(f"{ev.split}:{i}", t, self.is_positive(lab))
                for i, (t, lab) in enumerate(zip(texts, labels, strict=True))]

    def set_name(self, sample):
        return f"tweeteval/{self.folder}"

    @staticmethod
    @abstractmethod
    def counts(hit: Hit) -> bool:
        """Whether a (warning+) finding counts as a positive prediction."""

    @staticmethod
    def is_positive(label: int) -> bool:
        return label == 1

    def predicted(self, part: Part) -> list[bool]:
        return [any(h.flags and self.counts(h) for h in hs) for hs in part.hits]

    def measure(self, part):
        gold = [s.gold for s in part.samples]
        out = {"postlint": classification_figures(binary_scores(self.predicted(part), gold),
                                                  self.positive)}
        for name, verdicts in part.peers.items():
            out[name] = classification_figures(binary_scores(verdicts, gold), self.positive)
        return out

    def details(self, ev, parts):
        if not ev.errors:
            return
        part = parts["tuning"]
        flagged: Counter = Counter()
        right: Counter = Counter()
        for s, hs in zip(part.samples, part.hits, strict=True):
            for rule in {h.rule for h in hs if h.flags and self.counts(h)}:
                flagged[rule] += 1
                right[rule] += s.gold
        ev.out("Counted findings by rule, tuning part:")
        ev.out()
        rows = [[rule, n, right[rule], fmt(ratio(right[rule], n))]
                for rule, n in sorted(flagged.items(), key=lambda kv: (-kv[1], kv[0]))]
        ev.out(md_table(["rule", "posts flagged", "true positives", "precision"], rows)
               if rows else "No rule flagged a post.")
        ev.out()

    def error_samples(self, ev, part):
        pred = self.predicted(part)
        gold = [s.gold for s in part.samples]
        fps = [i for i, (p, g) in enumerate(zip(pred, gold, strict=True)) if p and not g]
        fns = [i for i, (p, g) in enumerate(zip(pred, gold, strict=True)) if g and not p]
        for label, indices, seed, counted_only in (("false positives", fps, "fp", True),
                                                   ("false negatives", fns, "fn", False)):
            ev.out(f"postlint {label} on {self.name}, tuning part ({len(indices)}; sample):")
            for i in sample(indices, ev.errors, f"{self.name}-{seed}"):
                s, hs = part.samples[i], part.hits[i]
                shown = [h for h in hs if h.flags and self.counts(h)] if counted_only else hs
                ev.out(f"- [{s.id}] {one_line(s.text)}\n  → {show_hits(s.text, shown)}")
            ev.out()


class OffensiveTask(ClassificationTask):
    name = "offensive"
    folder = "offensive"
    positive = "offensive"
    peers = ("better-profanity", "alt-profanity-check")

    @staticmethod
    def counts(hit):
        return bool(HARM_TAGS.intersection(hit.tags))


class HateTask(OffensiveTask):
    name = "hate"
    folder = "hate"
    positive = "hate"


class SentimentTask(ClassificationTask):
    name = "sentiment"
    folder = "sentiment"
    positive = "negative"
    peers = ("VADER",)

    @staticmethod
    def counts(hit):
        return hit.category == "negativity"

    @staticmethod
    def is_positive(label):
        return label == 0


class StanceTask(Task):
    """Share of stance posts (five targets, one file each) with a ``controversy`` finding."""

    name = "stance"

    def load(self, ev):
        self.title = f"stance: tweeteval/stance/*, {ev.split} (#SemST removed)"
        samples = []
        for target in STANCE_TARGETS:
            loaded = read_tweeteval(ev.data / "tweeteval" / "stance" / target, ev.split, ev.limit)
            if loaded is None:
                continue
            for i, (raw, label) in enumerate(zip(*loaded, strict=True)):
                samples.append(Sample(f"{ev.split}:{i}", " ".join(SEMST.sub(" ", raw).split()),
                                      STANCE_LABELS[label], target))
        return samples or f"no {ev.split} split in the data"

    def set_name(self, sample):
        return f"tweeteval/stance/{sample.group}"

    @staticmethod
    def flagged(hits: Sequence[Hit]) -> bool:
        return any(h.flags and h.category == "controversy" for h in hits)

    def measure(self, part):
        flags = [self.flagged(hs) for hs in part.hits]
        figures = {"flagged_share": share_figure("all targets", sum(flags), len(flags))}
        for key, label, pick in (
                [(f"target:{t}", t, lambda s, t=t: s.group == t) for t in STANCE_TARGETS]
                + [(f"label:{lab}", f"labelled {lab}", lambda s, lab=lab: s.gold == lab)
                   for lab in ("against", "favor", "none")]):
            chosen = [f for s, f in zip(part.samples, flags, strict=True) if pick(s)]
            figures[key] = share_figure(label, sum(chosen), len(chosen))
        return {"postlint": figures}

    def error_samples(self, ev, part):
        misses = [i for i, hs in enumerate(part.hits) if not self.flagged(hs)]
        ev.out(f"postlint misses on stance, tuning part ({len(misses)} posts without a "
               "controversy finding; sample, with any findings):")
        for i in sample(misses, ev.errors, "stance-fn"):
            s = part.samples[i]
            ev.out(f"- [{s.group} {s.id}] {one_line(s.text)}\n"
                   f"  → {show_hits(s.text, part.hits[i])}")
        ev.out()


class PiiTask(Task):
    """Labelled personal data (``pii/*.jsonl``): recall per item, precision per span."""

    file: ClassVar[str]
    peers = (PRESIDIO_ALL,)

    def load(self, ev):
        path = ev.data / "pii" / self.file
        self.title = f"{self.name}: pii/{self.file}"
        if not path.is_file():
            return "file not found"
        return [Sample(r["id"], r["text"], record=r) for r in read_jsonl(path, ev.limit)]

    def set_name(self, sample):
        return f"pii/{Path(self.file).stem}"

    def run_peers(self, ev, samples):
        texts = [s.text for s in samples]
        return {p.name: ev.timed(self.name, p.name, lambda p=p: p.entities(texts, self.name))
                for p in ev.peer_list(self.peers)}

    @staticmethod
    def postlint_detections(hits: Sequence[Hit]) -> list[Detection]:
        return [Detection(s, e, h.rule) for h in hits if h.flags and h.category == "oversharing"
                for s, e in h.spans]

    def scores(self, part: Part) -> dict[str, dict]:
        records = [s.record for s in part.samples]
        out = {"postlint": pii_scores(records, [self.postlint_detections(hs)
                                                for hs in part.hits])}
        for ents in part.peers.values():
            for name, labels in ((PRESIDIO_ALL, peerlib.PERSONAL_LABELS),
                                 (PRESIDIO_STRUCT, peerlib.STRUCTURED_LABELS)):
                out[name] = pii_scores(records, [[Detection(e.start, e.end, e.entity_type)
                                                  for e in es if e.label in labels]
                                                 for es in ents])
        return out

    def measure(self, part):
        scores = self.scores(part)
        part.figures["_scores"] = scores  # kept for ``details`` and ``error_samples``
        labels = [lab for lab in PII_LABEL_ORDER
                  if any(lab in s["items"] for s in scores.values())]
        out = {}
        for tool, s in scores.items():
            figures: Figures = {}
            for lab in labels:
                item = s["items"].get(lab, {"n": 0, "found": 0, "recall": None})
                figures[f"recall:{lab}"] = Figure(f"recall {lab}", item["recall"],
                                                  fmt_recall(item["found"], item["n"]))
            figures["recall:all"] = Figure("recall, all scored items", s["recall_all"],
                                           fmt_recall(s["n_found"], s["n_items"]))
            figures["detections"] = Figure("detections (spans / entities)", s["detections"],
                                           str(s["detections"]))
            figures["precision"] = Figure("precision (detections on a scored item)",
                                          s["precision"], fmt(s["precision"]))
            figures["precision_scored"] = Figure("precision, unscored spans left out",
                                                 s["precision_scored"], fmt(s["precision_scored"]))
            figures["post_precision"] = Figure(
                "post precision (flagged posts with an item)", s["post_precision"],
                fmt_recall(s["posts_flagged_with_item"], s["posts_flagged"]))
            figures["flagged"] = share_figure("posts flagged", s["posts_flagged"], s["posts"])
            out[tool] = figures
        return out

    def details(self, ev, parts):
        rows = []
        scores = {p: parts[p].figures["_scores"] for p in PARTS}
        tools = list(scores["tuning"])
        keys = sorted(set().union(*(s["postlint"]["items_by_source_label"]
                                    for s in scores.values())))
        for key in keys:
            row = [key]
            for tool in tools:
                for p in PARTS:
                    item = scores[p][tool]["items_by_source_label"].get(key)
                    row.append(fmt_recall(item["found"], item["n"]) if item else "no items")
            rows.append(row)
        if rows:
            ev.out(md_table(["recall by label/source_label"]
                            + [f"{t}: {p}" for t in tools for p in PARTS], rows))
            ev.out()
        kinds = sorted(set().union(*(s["postlint"]["by_kind"] for s in scores.values())))
        rows = []
        for kind in kinds:
            row = [kind]
            for p in PARTS:
                v = scores[p]["postlint"]["by_kind"].get(kind, {"detections": 0, "on_item": 0})
                row += [v["detections"], fmt(ratio(v["on_item"], v["detections"]))]
            rows.append(row)
        if rows:
            ev.out(md_table(["postlint rule", "spans: tuning", "precision: tuning",
                             "spans: checking", "precision: checking"], rows))
            ev.out()

    def error_samples(self, ev, part):
        post = part.figures["_scores"]["postlint"]
        missed, wrong = post["_missed"], post["_wrong"]
        ev.out(f"postlint misses on {self.name}, tuning part ({len(missed)} items; sample):")
        for j in sample(range(len(missed)), ev.errors, f"{self.name}-fn"):
            i, span = missed[j]
            s = part.samples[i]
            ev.out(f"- {s.id} {span['label']}/{span['source_label']} "
                   f"{s.text[span['start']:span['end']]!r} in: {one_line(s.text)}\n"
                   f"  → {show_hits(s.text, part.hits[i])}")
        ev.out()
        ev.out(f"postlint spans on no scored item in {self.name}, tuning part ({len(wrong)}; "
               "sample):")
        for j in sample(range(len(wrong)), ev.errors, f"{self.name}-fp"):
            i, det = wrong[j]
            s = part.samples[i]
            ev.out(f"- {s.id} {det.kind} {s.text[det.start:det.end]!r} in: {one_line(s.text)}")
        ev.out()


class PiiSynthTask(PiiTask):
    name = "pii_synth"
    file = "presidio_synth_v2.jsonl"


class PiiIbmTask(PiiTask):
    name = "pii_ibm"
    file = "ibm_cdp_customer.jsonl"


class BenignTask(Task):
    """Published posts with no known backlash: every warning+ finding is a false alarm."""

    peers = BENIGN_PEERS
    label: ClassVar[str]  # the set's name in the report and in the split

    @abstractmethod
    def path(self, ev: Evaluation) -> Path:
        """The set's JSON Lines file."""

    def load(self, ev):
        path = self.path(ev)
        self.title = (f"{self.name}: {self.label} (every finding at warning or above counts "
                      "as a false alarm)")
        if not path.is_file():
            return f"{path} not found"
        return [Sample(str(r.get("id", i + 1)), r["text"], record=r)
                for i, r in enumerate(read_jsonl(path, ev.limit))]

    def set_name(self, sample):
        return self.label

    def run_peers(self, ev, samples):
        texts = [s.text for s in samples]
        out = {}
        for peer in ev.peer_list(self.peers):
            if isinstance(peer, peerlib.Presidio):
                out[peer.name] = ev.timed(self.name, peer.name,
                                          lambda p=peer: p.entities(texts, self.name))
            else:
                out[peer.name] = ev.timed(self.name, peer.name,
                                          lambda p=peer: p.verdicts(texts, self.name))
        return out

    def measure(self, part):
        n = len(part.samples)
        flagged = sum(any(h.flags for h in hs) for hs in part.hits)
        out = {"postlint": {"flagged_share": share_figure("posts flagged", flagged, n)}}
        for name, values in part.peers.items():
            if name == PRESIDIO_ALL:
                for shown, labels in ((PRESIDIO_ALL, peerlib.PERSONAL_LABELS),
                                      (PRESIDIO_STRUCT, peerlib.STRUCTURED_LABELS)):
                    k = sum(any(e.label in labels for e in es) for es in values)
                    out[shown] = {"flagged_share": share_figure("posts flagged", k, n)}
            else:
                out[name] = {"flagged_share": share_figure("posts flagged", sum(values), n)}
        return out

    def details(self, ev, parts):
        def by_rule(part: Part) -> Counter:
            return Counter(rule for hs in part.hits for rule in {h.rule for h in hs if h.flags})

        rows = side_by_side(parts, by_rule)
        if rows:
            ev.out(md_table(["postlint rule (warning+)", "tuning", "checking"], rows))
        else:
            ev.out("postlint: no finding at warning or above.")
        ev.out()

        def by_entity(part: Part) -> Counter:
            return Counter(t for es in part.peers.get(PRESIDIO_ALL, ())
                           for t in {e.entity_type for e in es
                                     if e.label in peerlib.PERSONAL_LABELS})

        rows = side_by_side(parts, by_entity)
        if rows:
            ev.out(md_table(["Presidio entity type", "tuning", "checking"], rows))
            ev.out()

    def error_samples(self, ev, part):
        fps = [i for i, hs in enumerate(part.hits) if any(h.flags for h in hs)]
        ev.out(f"postlint false alarms on {self.name}, tuning part ({len(fps)}; sample):")
        for i in sample(fps, ev.errors, f"{self.name}-fp"):
            s = part.samples[i]
            shown = [h for h in part.hits[i] if h.flags]
            ev.out(f"- {s.id} {one_line(s.text)}\n  → {show_hits(s.text, shown)}")
        ev.out()


class BrandBenignTask(BenignTask):
    name = "brand_benign"
    label = "pii/ibm_cdp_brand_benign"

    def path(self, ev):
        return ev.data / "pii" / "ibm_cdp_brand_benign.jsonl"


class MarketingTask(BenignTask):
    name = "marketing"
    label = "marketing/posts"

    def path(self, ev):
        return ev.data / "marketing" / "posts.jsonl"


class ReleaseNotesTask(BenignTask):
    name = "release_notes"
    label = "benchmarks/data/release-notes"

    def path(self, ev):
        return DATA_DIR / "release-notes.jsonl"


class BrandPostsTask(BenignTask):
    """Published posts of organisations, gathered after the rules were written."""

    name = "brand_posts"
    label = "benchmarks/data/brand-posts"

    def path(self, ev):
        return DATA_DIR / "brand-posts" / "posts.jsonl"


class BacklashTask(Task):
    """Real posts that caused backlash: flagged by a finding of the category they needed."""

    name = "backlash"
    peers = BENIGN_PEERS
    set_label = "benchmarks/data/backlash"
    # The category a peer's verdict stands for, so that it is counted like postlint's.
    PEER_CATEGORY: ClassVar[dict[str, str]] = {
        "better-profanity": "controversy", "alt-profanity-check": "controversy",
        "VADER": "negativity", PRESIDIO_ALL: "oversharing", PRESIDIO_STRUCT: "oversharing"}

    def load(self, ev):
        path = DATA_DIR / "backlash" / "posts.jsonl"
        self.title = f"backlash: {self.set_label} (real posts that caused public backlash)"
        if not path.is_file():
            return f"{path} not found"
        return [Sample(r["id"], r["text"], r["category"], r["family"], r)
                for r in read_jsonl(path, ev.limit)]

    def set_name(self, sample):
        return self.set_label

    def run_peers(self, ev, samples):
        return BenignTask.run_peers(self, ev, samples)  # verdicts, and Presidio's entities

    def peer_flags(self, part: Part) -> dict[str, list[bool]]:
        out = {}
        for name, values in part.peers.items():
            if name == PRESIDIO_ALL:
                for shown, labels in ((PRESIDIO_ALL, peerlib.PERSONAL_LABELS),
                                      (PRESIDIO_STRUCT, peerlib.STRUCTURED_LABELS)):
                    out[shown] = [any(e.label in labels for e in es) for es in values]
            else:
                out[name] = list(values)
        return out

    @staticmethod
    def right(sample: Sample, hits: Sequence[Hit]) -> bool:
        return any(h.flags and h.category == sample.gold for h in hits)

    def measure(self, part):
        n = len(part.samples)
        right = [self.right(s, hs) for s, hs in zip(part.samples, part.hits, strict=True)]
        figures = {
            "right_share": share_figure("flagged by a finding of the right category",
                                        sum(right), n),
            "any_share": share_figure("flagged by any finding",
                                      sum(any(h.flags for h in hs) for hs in part.hits), n)}
        for cat in ("controversy", "oversharing", "negativity"):
            chosen = [ok for s, ok in zip(part.samples, right, strict=True) if s.gold == cat]
            figures[f"category:{cat}"] = share_figure(f"  of those needing {cat}",
                                                      sum(chosen), len(chosen))
        out = {"postlint": figures}
        for name, flags in self.peer_flags(part).items():
            cat = self.PEER_CATEGORY[name]
            mine = [s.gold == cat for s in part.samples]
            out[name] = {
                "right_share": share_figure("", sum(f and m for f, m in zip(flags, mine,
                                                                            strict=True)), n),
                "any_share": share_figure("", sum(flags), n),
                f"category:{cat}": share_figure("", sum(f and m for f, m in zip(
                    flags, mine, strict=True)), sum(mine))}
        return out

    def details(self, ev, parts):
        def by_family(part: Part) -> Counter:
            return Counter(s.group for s, hs in zip(part.samples, part.hits, strict=True)
                           if self.right(s, hs))

        def of_family(part: Part) -> Counter:
            return Counter(s.group for s in part.samples)

        found = {p: by_family(parts[p]) for p in PARTS}
        total = {p: of_family(parts[p]) for p in PARTS}
        families = sorted(set(total["tuning"]) | set(total["checking"]))
        rows = [[fam, *(fmt_recall(found[p][fam], total[p][fam]) for p in PARTS)]
                for fam in families]
        ev.out(md_table(["family (right category)", "tuning", "checking"], rows))
        ev.out()

    def error_samples(self, ev, part):
        misses = [i for i, (s, hs) in enumerate(zip(part.samples, part.hits, strict=True))
                  if not self.right(s, hs)]
        ev.out(f"postlint misses on backlash, tuning part ({len(misses)}: no finding of the "
               "right category):")
        for i in misses:
            s = part.samples[i]
            ev.out(f"- {s.id} [{s.group}, needs {s.gold}] {one_line(s.text)}\n"
                   f"  → {show_hits(s.text, part.hits[i])}")
        ev.out()


def pii_number_scores(records: Sequence[dict], detections: Sequence[Sequence[Detection]]) -> dict:
    """Recall per label and country; precision per span; near misses with a detection."""
    found: Counter = Counter()
    items: Counter = Counter()
    n_det = tp_det = near = near_flagged = 0
    missed: list[tuple[int, dict]] = []
    wrong: list[tuple[int, Detection]] = []
    for i, (rec, dets) in enumerate(zip(records, detections, strict=True)):
        for s in rec["spans"]:
            hit = any(overlaps(s["start"], s["end"], d.start, d.end) for d in dets)
            for key in (s["label"], f"{s['label']}/{s['country']}"):
                items[key] += 1
                found[key] += hit
            if not hit:
                missed.append((i, s))
        for d in dets:
            n_det += 1
            ok = any(overlaps(s["start"], s["end"], d.start, d.end) for s in rec["spans"])
            tp_det += ok
            if not ok:
                wrong.append((i, d))
        if rec.get("near_miss"):
            near += 1
            near_flagged += bool(dets)
    by_country: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, n in items.items():
        label, _, country = key.partition("/")
        if country and country != "--" and label in ("PHONE", "ID"):  # cards have no country
            by_country[country][0] += n
            by_country[country][1] += found[key]
    per_country = {c: ratio(v[1], v[0]) for c, v in sorted(by_country.items())}
    return {"items": {k: {"n": items[k], "found": found[k], "recall": ratio(found[k], items[k])}
                      for k in sorted(items)},
            "detections": n_det, "detections_on_item": tp_det,
            "precision": ratio(tp_det, n_det),
            "near_misses": near, "near_misses_flagged": near_flagged,
            "per_country": per_country,
            "countries_at_95": sum(1 for v in per_country.values()
                                   if v is not None and round(v, 3) >= 0.95),
            "countries": len(per_country),
            "_missed": missed, "_wrong": wrong}


class PiiNumbersTask(Task):
    """Synthetic phone, ID, bank and card numbers of many countries, with near misses."""

    name = "pii_numbers"
    peers = (PRESIDIO_ALL,)
    set_label = "benchmarks/data/pii-numbers"

    def load(self, ev):
        path = DATA_DIR / "pii-numbers" / "posts.jsonl"
        self.title = f"pii_numbers: {self.set_label} (synthetic, many countries' formats)"
        if not path.is_file():
            return f"{path} not found"
        return [Sample(r["id"], r["text"], record=r) for r in read_jsonl(path, ev.limit)]

    def set_name(self, sample):
        return self.set_label

    def run_peers(self, ev, samples):
        return PiiTask.run_peers(self, ev, samples)

    def scores(self, part: Part) -> dict[str, dict]:
        records = [s.record for s in part.samples]
        out = {"postlint": pii_number_scores(
            records, [PiiTask.postlint_detections(hs) for hs in part.hits])}
        for ents in part.peers.values():
            out[PRESIDIO_STRUCT] = pii_number_scores(
                records, [[Detection(e.start, e.end, e.entity_type) for e in es
                           if e.label in peerlib.STRUCTURED_LABELS] for es in ents])
        return out

    def measure(self, part):
        scores = self.scores(part)
        part.figures["_scores"] = scores
        out = {}
        for tool, s in scores.items():
            figures: Figures = {}
            for label in ("PHONE", "ID", "CREDIT_CARD"):
                item = s["items"].get(label, {"n": 0, "found": 0, "recall": None})
                figures[f"recall:{label}"] = Figure(f"recall {label}", item["recall"],
                                                    fmt_recall(item["found"], item["n"]))
            figures["precision"] = Figure(
                "precision (spans on a number)", s["precision"],
                fmt_recall(s["detections_on_item"], s["detections"]))
            figures["countries_at_95"] = Figure(
                "countries with phone and ID recall ≥ 0.95", s["countries_at_95"],
                f"{s['countries_at_95']} of {s['countries']}")
            figures["near_misses"] = share_figure("near misses (no personal number) flagged",
                                                  s["near_misses_flagged"], s["near_misses"])
            out[tool] = figures
        return out

    def details(self, ev, parts):
        scores = {p: parts[p].figures["_scores"] for p in PARTS}
        tools = list(scores["tuning"])
        keys = sorted(k for p in PARTS for k in scores[p]["postlint"]["items"] if "/" in k)
        rows = []
        for key in dict.fromkeys(keys):
            row = [key]
            for tool in tools:
                for p in PARTS:
                    item = scores[p][tool]["items"].get(key)
                    row.append(fmt_recall(item["found"], item["n"]) if item else "no items")
            rows.append(row)
        ev.out(md_table(["recall by label/country"] + [f"{t}: {p}" for t in tools for p in PARTS],
                        rows))
        ev.out()

    def error_samples(self, ev, part):
        post = part.figures["_scores"]["postlint"]
        missed, wrong = post["_missed"], post["_wrong"]
        ev.out(f"postlint misses on pii_numbers, tuning part ({len(missed)}; sample):")
        for j in sample(range(len(missed)), ev.errors, "pii-numbers-fn"):
            i, span = missed[j]
            s = part.samples[i]
            ev.out(f"- {s.id} {span['label']}/{span['country']}/{span['format']} "
                   f"{one_line(s.text)}\n  → {show_hits(s.text, part.hits[i])}")
        ev.out()
        ev.out(f"postlint spans on no number, tuning part ({len(wrong)}; sample):")
        for j in sample(range(len(wrong)), ev.errors, "pii-numbers-fp"):
            i, det = wrong[j]
            s = part.samples[i]
            ev.out(f"- {s.id} {det.kind} {s.text[det.start:det.end]!r} in: {one_line(s.text)}")
        ev.out()


# The tasks, in report order. Add a task by writing a ``Task`` subclass and listing it here.
TASK_CLASSES: tuple[type[Task], ...] = (
    OffensiveTask, HateTask, SentimentTask, StanceTask,
    PiiSynthTask, PiiIbmTask, PiiNumbersTask, BrandBenignTask, MarketingTask,
    ReleaseNotesTask, BrandPostsTask, BacklashTask,
)
TASKS = tuple(c.name for c in TASK_CLASSES)
GROUPS = {
    "all": TASKS,
    "tweeteval": ("offensive", "hate", "sentiment", "stance"),
    "pii": ("pii_synth", "pii_ibm", "pii_numbers"),
    "benign": ("brand_benign", "marketing", "release_notes", "brand_posts"),
    "families": ("backlash", "pii_numbers"),
}


# --------------------------------------------------------------------------- the run


class Evaluation:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.data: Path = args.data
        self.split: str = args.split
        self.limit: int | None = args.limit
        self.errors: int = args.errors
        self.runner = PostlintRunner()
        self.tasks = [c() for c in TASK_CLASSES if c.name in args.task_list]
        self.peers: dict[str, peerlib.Peer] = {}
        if not args.no_peers:
            wanted = {name for task in self.tasks for name in task.peers}
            self.peers = {name: peer for name, peer in
                          peerlib.all_peers(args.presidio_threshold).items() if name in wanted}
        self.results: dict = {"tasks": {}, "summary": [], "seconds": {}}
        self.summary: list[dict] = []
        self.many: dict[str, Counter] = {p: Counter() for p in PARTS}  # posts, many findings

    # -- helpers for tasks

    def out(self, text: str = "") -> None:
        print(text, flush=True)

    def peer_list(self, names: Iterable[str]) -> list[peerlib.Peer]:
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

    def timed(self, task: str, tool: str, fn: Callable[[], Any]):
        t0 = time.monotonic()
        value = fn()
        self.results["seconds"].setdefault(task, {})[tool] = round(time.monotonic() - t0, 2)
        return value

    # -- the run

    def run(self) -> dict:
        self.header()
        for task in self.tasks:
            self.out()
            self.results["tasks"][task.name] = self.run_task(task)
        self.footer()
        return self.results

    def run_task(self, task: Task) -> dict:
        loaded = task.load(self)
        if isinstance(loaded, str):
            self.out(f"## {task.title}\n\nskipped: {loaded}.")
            return {"skipped": loaded}
        samples = loaded
        hits = self.timed(task.name, "postlint",
                          lambda: self.runner.lint([s.text for s in samples], task.name))
        peer_out = task.run_peers(self, samples)
        index = {p: [] for p in PARTS}
        for i, s in enumerate(samples):
            index["checking" if in_checking_part(task.set_name(s), s.id) else "tuning"].append(i)
        parts = {p: Part(p, [samples[i] for i in ix], [hits[i] for i in ix],
                         {name: [out[i] for i in ix] for name, out in peer_out.items()})
                 for p, ix in index.items()}
        for part in parts.values():
            part.figures.update(task.measure(part))
            many = sum(len(hs) > MANY_FINDINGS for hs in part.hits)
            part.figures["postlint"]["many_findings"] = share_figure(
                f"posts with more than {MANY_FINDINGS} findings", many, len(part.hits))
            self.many[part.name]["posts"] += len(part.hits)
            self.many[part.name]["many"] += many
        n = {p: len(parts[p].samples) for p in PARTS}
        self.out(f"## {task.title} ({len(samples)} posts: {n['tuning']} tuning, "
                 f"{n['checking']} checking)")
        self.out()
        self.main_table(task, parts)
        self.out()
        task.details(self, parts)
        if self.errors:
            task.error_samples(self, parts["tuning"])
        return {"n": n, "figures": {
            p: {tool: {k: f.value for k, f in figs.items()}
                for tool, figs in parts[p].figures.items() if not tool.startswith("_")}
            for p in PARTS}}

    def main_table(self, task: Task, parts: dict[str, Part]) -> None:
        tools = [t for t in parts["tuning"].figures if not t.startswith("_")]
        keys = list(dict.fromkeys(k for p in PARTS for k in parts[p].figures["postlint"]))
        headers = ["metric", "target", "postlint: tuning", "checking", "status"]
        for tool in tools[1:]:
            headers += [f"{tool}: tuning", "checking"]
        rows = []
        for key in keys:
            figs = {p: parts[p].figures["postlint"].get(key) for p in PARTS}
            label = next(f.label for f in figs.values() if f is not None)
            target = TARGETS.get((task.name, key))
            status = ""
            if target is not None:
                statuses = {p: target.status(figs[p].value if figs[p] else None) for p in PARTS}
                status = combined_status(statuses)
                self.summary.append({
                    "task": task.name, "metric": label, "key": key, "target": target.text(),
                    "status": status,
                    **{p: {"value": figs[p].value if figs[p] else None,
                           "shown": figs[p].shown if figs[p] else "n/a",
                           "status": statuses[p]} for p in PARTS}})
            row = [label, target.text() if target else "",
                   *(figs[p].shown if figs[p] else "—" for p in PARTS), status]
            for tool in tools[1:]:
                for p in PARTS:
                    f = parts[p].figures.get(tool, {}).get(key)
                    row.append(f.shown if f else "")
            rows.append(row)
        self.out(md_table(headers, rows))

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
                 f"VADER: negative when compound ≤ {peerlib.VADER_NEGATIVE}. Each set is split "
                 "by post id into a tuning part (4 in 5) and a checking part (1 in 5); a "
                 "target is met when both parts meet it.")

    def footer(self) -> None:
        self.results["summary"] = self.summary
        self.results["seconds"]["postlint_load"] = round(self.runner.seconds.get("load", 0.0), 2)
        self.results["many_findings"] = {p: dict(c) for p, c in self.many.items()}
        self.out()
        self.out(f"## Posts with more than {MANY_FINDINGS} findings (any severity), every set "
                 "run")
        self.out()
        self.out(md_table(["part", "posts", "with more than 3 findings"],
                          [[p, self.many[p]["posts"],
                            fmt_share(self.many[p]["many"], self.many[p]["posts"])]
                           for p in PARTS]))
        self.out()
        self.out("## Targets (postlint), tuning and checking parts")
        self.out()
        if not self.summary:
            self.out("No target was checked.")
            return
        rows = [[s["task"], s["metric"], s["target"], s["tuning"]["shown"],
                 s["checking"]["shown"], s["status"]] for s in self.summary]
        self.out(md_table(["task", "metric", "target", "tuning", "checking", "status"], rows,
                          left=2))
        met = sum(s["status"].startswith("PASS") for s in self.summary)
        self.out()
        self.out(f"{met} of {len(self.summary)} targets met on both parts"
                 + (" (targets are for the validation split)" if self.split != "val" else "")
                 + ".")


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
                        help="print N sample false positives / negatives per task (tuning "
                             "part only), and per-rule counts, for postlint")
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
    results = Evaluation(args).run()
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
