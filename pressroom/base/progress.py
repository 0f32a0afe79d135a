"""Progress of a long build, shown on a terminal and silent elsewhere.

On a terminal one status line is redrawn in place (stage, pages done of total); in CI logs,
where redrawn lines turn into noise, nothing is printed until the build's summary.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.1


class Progress:
    """Receives stage and page counts from the pipeline; draws them only on a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._stage = ""
        self._drawn_at = 0.0
        self._width = 0

    def stage(self, name: str) -> None:
        self._stage = name
        self._draw(name, force=True)

    def advance(self, done: int, total: int) -> None:
        self._draw(f"{self._stage} {done}/{total}", force=done == total)

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, text: str, *, force: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        padding = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * padding)
        self.stream.flush()
        self._width = len(text)


SILENT = Progress(enabled=False)
