"""Baselines: findings a team has accepted, recorded so that only new ones are reported.

The file is text, one accepted span per line, sorted, with no personal data in clear::

    # postlint baseline v1: path, rule and hash of each accepted finding; docs/configuration.md
    drafts/launch.md	controversy/profanity	5f0c1e0d8a9b2c3d4e5f
    drafts/launch.md	oversharing/phone-number	p2:9b1d...

An entry is keyed by content, not position: the path (relative to the baseline's folder),
the rule and a hash of the rule, the matched text (case and spacing folded) and the two words
either side *within the match's paragraph*, so edits elsewhere in the file, new paragraphs
next to it and moved paragraphs keep their entries. Spans of ``sensitive`` rules
(personal data, secrets) are stored as a slow salted hash of that key (PBKDF2), so
that the file cannot be searched for a guessed phone number cheaply. One entry per line and
a stable order let two branches add entries without conflicts (``merge=union`` in
``.gitattributes`` makes git keep both sides' lines).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..config.globs import relative_to
from ..config.schema import ConfigError
from ..finding import Finding, Span

HEADER = "# postlint baseline v1"
HEADER_TEXT = (f"{HEADER}: path, rule and hash of each accepted finding, one per line; "
               "see docs/configuration.md#baseline\n"
               "# Regenerate with `postlint baseline`; in .gitattributes, "
               "'<this file> merge=union' lets branches add entries without conflicts.\n")
SENSITIVE_PREFIX = "p2:"
PBKDF2_ROUNDS = 20_000
MAX_BASELINE_BYTES = 64 * 1024 * 1024
_RULE = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
_HASH = re.compile(r"^(?:p2:)?[0-9a-f]{16,64}$")
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")  # a blank line (also with CRLF)
CONTEXT_CHARS = 160  # how far to look for the two words either side
STDIN = "<stdin>"


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    digest: str

    def line(self) -> str:
        return f"{_escape(self.path)}\t{self.rule}\t{self.digest}"


@lru_cache(maxsize=4096)
def span_digest(path: str, rule: str, key: str, sensitive: bool) -> str:
    """What the baseline stores for a span: its content key, or a slow hash of it."""
    if not sensitive:
        return key
    salt = f"postlint-baseline\x1f{path}\x1f{rule}".encode("utf-8", "surrogatepass")
    slow = hashlib.pbkdf2_hmac("sha256", key.encode(), salt, PBKDF2_ROUNDS)
    return SENSITIVE_PREFIX + slow.hex()[:32]


def content_key(rule: str, text: str, span: Span) -> str:
    """What identifies a span across edits: its rule, its matched text (case and spacing
    folded) and up to two words either side in the same paragraph, hashed.

    The paragraph bounds it so that a paragraph added before or after the match's own, or
    the paragraphs around it moving, keeps the key; the engine's fingerprint reads
    neighbours across paragraphs.
    """
    before = _PARAGRAPH_BREAK.split(text[max(0, span.start - CONTEXT_CHARS):span.start])[-1]
    after = _PARAGRAPH_BREAK.split(text[span.end:span.end + CONTEXT_CHARS])[0]
    key = "\x1f".join((rule, " ".join(span.match.casefold().split()),
                        " ".join(_WORD.findall(before.casefold())[-2:]),
                        " ".join(_WORD.findall(after.casefold())[:2])))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def baseline_path(post_path: str, baseline_file: str) -> str:
    """The path an entry records: relative to the baseline's folder, with ``/``."""
    if post_path == STDIN:
        return STDIN
    return relative_to(post_path, os.path.dirname(os.path.abspath(baseline_file)))


def entries_for(post_path: str, text: str, finding: Finding, baseline_file: str
                ) -> list[Entry]:
    """The entries that accept every span of ``finding`` in a post whose text is ``text``."""
    path = baseline_path(post_path, baseline_file)
    return [Entry(path, finding.rule, span_digest(path, finding.rule,
                                                  content_key(finding.rule, text, s),
                                                  finding.sensitive))
            for s in finding.spans]


class Baseline:
    """A loaded baseline: which spans are accepted."""

    def __init__(self, file: str, entries: Iterable[Entry]):
        self.file = file
        self.entries = frozenset(entries)

    def accepts(self, post_path: str, text: str, finding: Finding, span: Span) -> bool:
        path = baseline_path(post_path, self.file)
        digest = span_digest(path, finding.rule, content_key(finding.rule, text, span),
                             finding.sensitive)
        return Entry(path, finding.rule, digest) in self.entries


def load_baseline(file: str, display: str | None = None) -> Baseline:
    """Read a baseline file; a broken one is a configuration error naming file and line."""
    display = display or file
    try:
        size = os.stat(file).st_size
        if size > MAX_BASELINE_BYTES:
            raise ConfigError(display, None, f"baseline is {size} bytes; the limit is "
                              f"{MAX_BASELINE_BYTES}")
        with open(file, encoding="utf-8", errors="surrogateescape", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise ConfigError(display, None, "baseline file does not exist; create it with "
                          f"`postlint baseline -o {display}`") from None
    except OSError as exc:
        raise ConfigError(display, None, f"cannot read baseline: {exc.strerror or exc}") \
            from None
    entries = []
    seen_header = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            seen_header = seen_header or line.startswith(HEADER)
            continue
        if not seen_header:
            raise ConfigError(display, number, f"not a postlint baseline (it does not start "
                              f"with '{HEADER}'); write one with `postlint baseline`")
        fields = line.split("\t")
        if len(fields) != 3 or not _RULE.match(fields[1]) or not _HASH.match(fields[2]):
            raise ConfigError(display, number, "not a baseline entry: expected a path, a rule "
                              "id and a hash separated by tabs")
        entries.append(Entry(_unescape(fields[0]), fields[1], fields[2]))
    if not seen_header:
        raise ConfigError(display, None, f"not a postlint baseline (no '{HEADER}' line)")
    return Baseline(file, entries)


def write_baseline(file: str, entries: Iterable[Entry]) -> int:
    """Write the entries sorted, one per line, atomically; return how many were written."""
    lines = sorted({e.line() for e in entries})
    folder = os.path.dirname(os.path.abspath(file))
    fd, temp = tempfile.mkstemp(prefix=".postlint-baseline-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape",
                       newline="\n") as handle:
            handle.write(HEADER_TEXT)
            handle.writelines(line + "\n" for line in lines)
        if os.path.exists(file):
            os.chmod(temp, os.stat(file).st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, file)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return len(lines)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _escape(path: str) -> str:
    return (path.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A")
            .replace("\r", "%0D"))


def _unescape(path: str) -> str:
    return re.sub(r"%(25|09|0A|0D)", lambda m: {"25": "%", "09": "\t", "0A": "\n",
                                                 "0D": "\r"}[m.group(1)], path)
