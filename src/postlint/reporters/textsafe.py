"""Post text made safe for formats that cannot carry every character a post can hold.

Social posts contain control characters, lone surrogates (from undecodable bytes) and
noncharacters. JSON can escape them but strict decoders reject lone surrogates; XML 1.0
forbids most C0 controls outright. Each helper keeps one code point per code point, so
offsets into the text stay valid.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# XML 1.0 (section 2.2) allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-].
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


def without_lone_surrogates(text: str) -> str:
    """Lone surrogates become U+FFFD, so any UTF-8 encoder or strict JSON decoder accepts it."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def _picture(match: re.Match) -> str:
    """A control character's visible stand-in: U+2400's block for C0, U+2421 for DEL."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def visible_controls(text: str) -> str:
    """Control characters other than tab, LF and CR shown as their control pictures (␇)."""
    return without_lone_surrogates(_CONTROL.sub(_picture, text))


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: forbidden characters shown as pictures or U+FFFD."""
    return _XML_FORBIDDEN.sub(lambda m: _picture(m) if m.group() < " " else REPLACEMENT, text)


def json_safe(value):
    """A JSON value with every string freed of lone surrogates (strict decoders reject them)."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value
