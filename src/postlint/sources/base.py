"""What readers produce, and the decoding every reader shares."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding_errors: str = "strict"  # or "replace"


@dataclass(frozen=True)
class InputPost:
    """One post to check. ``line_offset`` places it inside its file (JSON Lines records)."""

    path: str
    text: str
    line_offset: int = 0
    record: int | None = None  # 1-based record number in a multi-post file


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be checked (exit code 2) or was skipped with a notice."""

    path: str
    message: str
    skipped: bool = False  # a notice (binary file), not a failure

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DecodeProblem(Exception):
    pass


def decode(data: bytes, options: ReadOptions) -> str:
    """Decode a file's bytes: UTF-8 (BOM dropped) or UTF-16/32 with a BOM."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding, options.encoding_errors)
            except UnicodeDecodeError as exc:
                raise DecodeProblem(f"invalid {encoding.upper()} at byte {exc.start}; "
                                    "use --encoding-errors replace to check it anyway") from None
    if b"\x00" in data[:8192]:
        raise DecodeProblem("binary")
    try:
        return data.decode("utf-8", options.encoding_errors)
    except UnicodeDecodeError as exc:
        raise DecodeProblem(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                            f"{exc.start}); save it as UTF-8 or use --encoding-errors replace") \
            from None
