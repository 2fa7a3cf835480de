"""The one text model every rule kind matches on.

A post is checked through a *normalised view*: Unicode NFKC, accents and zero-width
characters removed inside words, look-alike letters folded to Latin, spaced-out letters
(``f u c k``) joined. The view keeps an offset map back to the original, so every finding
points at the characters the author typed. Offsets are code points (Python indices).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Invisible characters people put inside words to slip past filters.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f")
ZWJ = "\u200d"

# Latin look-alikes from the Cyrillic and Greek alphabets (Unicode confusables, English subset).
CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "ρ": "p", "υ": "u", "ϲ": "c",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin-like symbols and small capitals
    "ı": "i", "ɡ": "g", "ℓ": "l", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g",
    "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
    "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
}

# Three or more single letters separated by one space, dot, dash, underscore or star.
_SPACED_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[ .\-_*][^\W\d_]){2,}(?![^\W\d_])")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The normalised form of one non-ASCII character ('' drops it)."""
    if ch in CONFUSABLES:
        return CONFUSABLES[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"  # a lone surrogate: spaCy cannot take it, and it is no word
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not kept:
        # A lone combining mark; keep it for non-Latin scripts' sake only if nothing else.
        return "" if unicodedata.category(ch) == "Mn" else ch
    kept = unicodedata.normalize("NFC", kept)
    return "".join(CONFUSABLES.get(c, c) for c in kept)


@dataclass(frozen=True)
class TextView:
    """The original text, its normalised view, and the map between them."""

    original: str
    text: str
    # For each character of ``text``: the original [start, end) it came from.
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised view to a span of the original text."""
        if not self.text:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(original: str) -> TextView:
    """Build the normalised view of ``original`` with its offset map."""
    if original.isascii() and not _SPACED_LETTERS.search(original):
        n = len(original)
        return TextView(original, original, tuple(range(n)), tuple(range(1, n + 1)))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_wordy = False
    for i, ch in enumerate(original):
        if ch.isascii():
            chars.append(ch)
            starts.append(i)
            ends.append(i + 1)
            prev_wordy = ch.isalnum()
            continue
        if ch in ZERO_WIDTH:
            # Inside a word it is an evasion; between emoji a ZWJ joins one sequence.
            if prev_wordy or ch != ZWJ:
                if ends:
                    ends[-1] = i + 1  # absorbed by the character before it
                continue
        if unicodedata.combining(ch) and chars and prev_wordy:
            ends[-1] = i + 1  # an accent on the letter before: part of that letter
            continue
        folded = _fold_char(ch) if not ("\U0001f000" <= ch <= "\U0001faff") else ch
        for c in folded:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
        if folded:
            prev_wordy = folded[-1].isalnum()
    text = "".join(chars)
    if _SPACED_LETTERS.search(text):
        text, starts, ends = _join_spaced_letters(text, starts, ends)
    return TextView(original, text, tuple(starts), tuple(ends))


def _join_spaced_letters(text: str, starts: list[int], ends: list[int]):
    """``f u c k`` -> ``fuck``: drop the separators, keep the letters' original offsets."""
    drop: set[int] = set()
    for m in _SPACED_LETTERS.finditer(text):
        drop.update(range(m.start() + 1, m.end(), 2))
    keep = [i for i in range(len(text)) if i not in drop]
    return ("".join(text[i] for i in keep), [starts[i] for i in keep], [ends[i] for i in keep])


class LineIndex:
    """1-based line and column of a code-point offset; CRLF, LF and lone CR end lines."""

    def __init__(self, text: str):
        self.line_starts = [0]
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                self.line_starts.append(i + 1)
            elif ch == "\n":
                self.line_starts.append(i + 1)
            i += 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both 1-based."""
        import bisect

        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end (without its line break) of a 1-based line."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end
