"""The one text model every rule kind matches on.

A post is checked through a *normalised view*: Unicode NFKC, accents and zero-width
characters removed inside words, look-alike letters folded to Latin, spaced-out letters
(``f u c k``) joined. The view keeps an offset map back to the original, so every finding
points at the characters the author typed. Offsets are code points (Python indices).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

# Invisible characters people put inside words to slip past filters: zero-width spaces and
# joiners, soft hyphens, bidi marks and overrides, and control characters (NUL and friends;
# tab, line breaks and other white space are kept).
ZERO_WIDTH = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    + "".join(map(chr, range(0x00, 0x09))) + "".join(map(chr, range(0x0e, 0x20))) + "\x7f"
    + "".join(map(chr, range(0x80, 0x85))) + "".join(map(chr, range(0x86, 0xa0)))
)
ZWJ = "\u200d"
# Kept after symbols and emoji (they shape emoji sequences), dropped after a letter or digit.
_EMOJI_JOINERS = frozenset(ZWJ + "".join(map(chr, range(0xFE00, 0xFE10)))
                           + "".join(map(chr, range(0xE0000, 0xE0080))))
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What the character rules of ``normalize`` apply to: everything but printable ASCII, tab and
# line breaks (those always map to themselves).
_SPECIAL = re.compile(r"[^\x09-\x0d\x20-\x7e]")

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

# Three or more single letters, each pair separated the same way: a dot, dash, underscore or
# star (with or without a space either side), or one or two spaces. The first is not the end
# of a contraction ("Payback's a b****" is not "sab****").
_SPACED_LETTERS = re.compile(r"(?<![^\W\d_])(?<!['’])[^\W\d_](?P<sep> ?[.\-_*] ?| {1,2})[^\W\d_]"
                             r"(?:(?P=sep)[^\W\d_])+(?![^\W\d_])")
_SEPARATORS = frozenset(" .-_*")
# A necessary condition for _SPACED_LETTERS, found much faster (it starts with a plain
# character set, which the regex engine scans for in C): the second spaced letter sits
# between two separator characters, and the third follows one and no letter follows it.
_SPACED_HINT = re.compile(r"[ .\-_*][^\W\d_](?: ?[.\-_*] ?| {1,2})[^\W\d_](?![^\W\d_])")


def has_spaced_letters(text: str) -> bool:
    """Whether ``text`` has letters spaced out to slip past filters (``f u c k``)."""
    return _SPACED_HINT.search(text) is not None and _SPACED_LETTERS.search(text) is not None
# Enclosed Latin capitals that do not decompose: negative circled and negative squared.
_ENCLOSED = {chr(base + i): chr(ord("A") + i) for base in (0x1F150, 0x1F170) for i in range(26)}


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


class TextView:
    """The original text, its normalised view, and the map between them.

    ``starts[i]``/``ends[i]``: the original [start, end) that character ``i`` of ``text``
    came from. Most posts are plain ASCII and their view is the text itself; such an
    *identity* view keeps no map (``starts`` and ``ends`` are made only when asked for).
    """

    __slots__ = ("original", "text", "_starts", "_ends")

    def __init__(self, original: str, text: str, starts: Sequence[int] | None = None,
                 ends: Sequence[int] | None = None):
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends

    @classmethod
    def identity(cls, text: str) -> TextView:
        """The view of a text that normalisation leaves as it is."""
        return cls(text, text)

    @property
    def starts(self) -> Sequence[int]:
        if self._starts is None:
            return tuple(range(len(self.text)))
        return self._starts

    @property
    def ends(self) -> Sequence[int]:
        if self._ends is None:
            return tuple(range(1, len(self.text) + 1))
        return self._ends

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TextView):
            return NotImplemented
        return (self.original, self.text, tuple(self.starts), tuple(self.ends)) == \
            (other.original, other.text, tuple(other.starts), tuple(other.ends))

    def __repr__(self) -> str:
        return f"TextView(original={self.original!r}, text={self.text!r})"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised view to a span of the original text."""
        if not self.text:
            return 0, 0
        if self._starts is None:  # identity
            if end <= start:
                pos = start if start < len(self.text) else len(self.original)
                return pos, pos
            return start, end
        if end <= start:
            pos = self._starts[start] if start < len(self._starts) else len(self.original)
            return pos, pos
        return self._starts[start], self._ends[end - 1]


def normalize(original: str) -> TextView:
    """Build the normalised view of ``original`` with its offset map."""
    if original.isascii() and not _ASCII_CONTROLS.search(original) \
            and not has_spaced_letters(original):
        return TextView(original, original)
    # Characters outside _SPECIAL (printable ASCII, tab and line breaks) map to themselves:
    # runs of them are copied whole; only the others go through the character rules.
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_wordy = False
    pos = 0
    for m in _SPECIAL.finditer(original):
        i = m.start()
        if i > pos:
            pieces.append(original[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
            prev_wordy = original[i - 1].isalnum()
        pos = i + 1
        ch = original[i]
        # Invisible: inside a word it is an evasion and goes; after an emoji a ZWJ, a
        # variation selector or a tag character is part of the emoji sequence and stays.
        if (ch in ZERO_WIDTH or ch in _EMOJI_JOINERS) and (
                prev_wordy or ch not in _EMOJI_JOINERS):
            if ends:
                ends[-1] = i + 1  # absorbed by the character before it
            continue
        # (Every ASCII character in _SPECIAL is a control character, gone by now.)
        if unicodedata.combining(ch) and ends and prev_wordy:
            ends[-1] = i + 1  # an accent on the letter before: part of that letter
            continue
        elif ch in _ENCLOSED:
            folded = _ENCLOSED[ch]
        elif "\U0001f000" <= ch <= "\U0001faff":
            folded = ch
        else:
            folded = _fold_char(ch)
        if folded:
            pieces.append(folded)
            starts.extend([i] * len(folded))
            ends.extend([i + 1] * len(folded))
            prev_wordy = folded[-1].isalnum()
    if pos < len(original):
        pieces.append(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
    text = "".join(pieces)
    if has_spaced_letters(text):
        text, starts, ends = _join_spaced_letters(text, starts, ends)
    return TextView(original, text, tuple(starts), tuple(ends))


def _join_spaced_letters(text: str, starts: list[int], ends: list[int]):
    """``f u c k`` -> ``fuck``: drop the separators, keep the letters' original offsets."""
    drop: set[int] = set()
    for m in _SPACED_LETTERS.finditer(text):
        drop.update(i for i in range(m.start(), m.end()) if text[i] in _SEPARATORS)
    keep = [i for i in range(len(text)) if i not in drop]
    return ("".join(text[i] for i in keep), [starts[i] for i in keep], [ends[i] for i in keep])


_LINE_END = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where lines start: after each "\\r\\n", lone "\\r" and lone "\\n" (the ends of
    the leftmost matches of ``\\r\\n?|\\n``, found in C; most posts have no line break)."""
    if "\n" not in text and "\r" not in text:
        return [0]
    return [0, *[m.end() for m in _LINE_END.finditer(text)]]


class LineIndex:
    """1-based line and column of a code-point offset; CRLF, LF and lone CR end lines."""

    def __init__(self, text: str):
        self.line_starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both 1-based."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end (without its line break) of a 1-based line."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end
