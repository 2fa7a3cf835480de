"""Holding back part of a report until the run ends, in flat memory.

Some formats must open with what only the end of the run knows (JUnit's counts, the HTML
report's summary) or put the most severe findings first (GitHub annotations). Their
reporters write the held part to a spool: memory up to a bound, a temporary file beyond it.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import TextIO

IN_MEMORY = 4 * 1024 * 1024  # characters kept in memory before the spool moves to disk


class Spool:
    """Text written now, copied to a stream later (once)."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by copy_to)
            max_size=IN_MEMORY, mode="w+", encoding="utf-8", errors="surrogatepass",
            newline="")
        self.empty = True

    def write(self, text: str) -> None:
        if text:
            self.empty = False
            self._file.write(text)

    def copy_to(self, stream: TextIO) -> None:
        """Write everything spooled to ``stream`` and release the spool."""
        self._file.seek(0)
        shutil.copyfileobj(self._file, stream)
        self._file.close()
