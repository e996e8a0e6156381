"""A one-line progress display on stderr for batch conversions (only on a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Files done, failures, rate and ETA, redrawn in place; silent when disabled."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.enabled:
            self.stream.write("\r" + self.line() + "\033[K")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        remaining = (self.total - self.done) / rate if rate else 0.0
        minutes, seconds = divmod(int(remaining + 0.5), 60)
        return (
            f"{self.done}/{self.total} files, {self.failed} failed, "
            f"{rate:.1f} files/s, ETA {minutes}:{seconds:02d}"
        )

    def clear(self) -> None:
        """Erase the progress line so that messages print on a clean line."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started
