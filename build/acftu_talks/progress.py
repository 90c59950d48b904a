"""Progress of a long build on stderr: documents and paragraphs done, rate,
time left. Silent for short builds and when stderr is not a terminal (logs,
CI, pipes), so it never mixes into captured output."""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

DELAY = 2.0  # seconds before the first line: short builds stay quiet
INTERVAL = 0.5  # seconds between redraws


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def format_line(documents: int, total: int | None, paragraphs: int, elapsed: float) -> str:
    """One status line, e.g. ``documents 120/400 (30%), paragraphs 3,600,
    1,200 paragraphs/s, about 7 s left``."""
    done = f"documents {documents:,}"
    if total:
        done += f"/{total:,} ({100 * documents // total}%)"
    parts = [done, f"paragraphs {paragraphs:,}"]
    if elapsed > 0:
        parts.append(f"{paragraphs / elapsed:,.0f} paragraphs/s")
    if total and documents and documents < total:
        parts.append(f"about {_duration(elapsed / documents * (total - documents))} left")
    return ", ".join(parts)


class Progress:
    """Redraws one line on ``stream`` as documents are done."""

    def __init__(self, stream: TextIO | None = None, total: int | None = None,
                 clock: Callable[[], float] = time.monotonic, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.clock = total, clock
        self.documents = self.paragraphs = 0
        self._started = clock()
        self._drawn = 0.0  # time of the last redraw; 0 = nothing shown yet
        self._width = 0

    def update(self, paragraphs: int) -> None:
        """Count one more document with ``paragraphs`` paragraphs."""
        self.documents += 1
        self.paragraphs += paragraphs
        if not self.enabled:
            return
        now = self.clock()
        if now - self._started >= DELAY and now - self._drawn >= INTERVAL:
            self._draw(now)

    def _draw(self, now: float) -> None:
        line = format_line(self.documents, self.total, self.paragraphs, now - self._started)
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)
        self._drawn = now

    def close(self) -> None:
        """Clear the line, if one was drawn."""
        if self._drawn:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._drawn = 0.0
