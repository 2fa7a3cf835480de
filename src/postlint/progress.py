"""A progress line on standard error for long runs on a terminal: posts done, rate, time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Shows nothing for the first ``delay`` seconds, then refreshes a few times a second."""

    def __init__(self, total: int | None, stream: TextIO = sys.stderr, delay: float = 2.0):
        self.total = total
        self.stream = stream
        self.delay = delay
        self.started = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.shown = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.started < self.delay or now - self.last < 0.25:
            return
        self.last = now
        self.shown = True
        rate = self.done / max(now - self.started, 1e-9)
        line = f"{self.done:,} posts, {rate:,.0f}/s"
        if self.total:
            left = max(self.total - self.done, 0) / max(rate, 1e-9)
            line = f"{self.done:,}/{self.total:,} posts, {rate:,.0f}/s, {_clock(left)} left"
        self.stream.write("\r" + line.ljust(60))
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def should_show(choice: str, stream: TextIO = sys.stderr) -> bool:
    """``auto`` shows progress only on a terminal, never in pipes or CI logs."""
    import os

    if choice in ("always", "never"):
        return choice == "always"
    return stream.isatty() and not os.environ.get("CI")
