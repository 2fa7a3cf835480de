"""The audit's progress bar on standard error: share done, posts, rate and time left.

``[########------------]  41%  412,000/1,000,000 posts  2,310/s  4:14 left``. The rate
counts only this run's posts (a resumed run starts its count where the stopped one ended).
"""

from __future__ import annotations

import time
from typing import TextIO

WIDTH = 20


class ProgressBar:
    def __init__(self, stream: TextIO, total: int | None, done: int = 0,
                 interval: float = 0.5):
        self.stream = stream
        self.total = total
        self.done = done
        self.start_done = done
        self.started = time.monotonic()
        self.last = 0.0
        self.interval = interval
        self.width = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = (self.done - self.start_done) / elapsed
        if self.total:
            total = max(self.total, self.done)
            share = self.done / total if total else 1.0
            filled = round(WIDTH * share)
            left = (total - self.done) / rate if rate > 0 else None
            return (f"[{'#' * filled}{'-' * (WIDTH - filled)}] {100 * share:3.0f}%  "
                    f"{self.done:,}/{total:,} posts  {rate:,.0f}/s  "
                    f"{_clock(left) if left is not None else '?'} left")
        return f"{self.done:,} posts  {rate:,.0f}/s  {_clock(elapsed)} so far"

    def draw(self, now: float | None = None) -> None:
        text = self.line(time.monotonic() if now is None else now)
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.stream.flush()

    def close(self) -> None:
        if self.last:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else \
        f"{rest // 60}:{rest % 60:02d}"
