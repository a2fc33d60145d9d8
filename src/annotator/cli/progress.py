"""A progress line on stderr when it is a terminal; silent when piped or redirected."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call :meth:`step` once per item and :meth:`close` at the end."""

    def __init__(self, what: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self.what = what
        self.total = total
        self.count = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self._started = time.monotonic()
        self._shown = 0.0

    def step(self, amount: int = 1) -> None:
        self.count += amount
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._shown >= 0.1:
            self._shown = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self._started, 1e-9)
        if self.total:
            width = 30
            filled = int(width * min(self.count / self.total, 1.0))
            bar = "#" * filled + "-" * (width - filled)
            text = f"{self.what} [{bar}] {self.count}/{self.total} ({rate:,.0f}/s)"
        else:
            text = f"{self.what} {self.count:,} ({rate:,.0f}/s)"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
