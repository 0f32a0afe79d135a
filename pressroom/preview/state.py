"""What open tabs are told of the builds: shared between the thread that rebuilds and the HTTP
threads that stream it to the tabs.

A tab reloads when the build it shows is no longer the newest. A search page waits for more:
its results come from the search index, which is made again behind each rebuild
(`pressroom.preview.reindex`), so it reloads when the index of the newest build is in place,
not when the pages are (it showed what the search found before the edit, and kept showing it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shown:
    """The state a tab is sent."""

    generation: int
    """Counts successful builds; a page reloads when it sees a new one."""
    indexed: int
    """The generation whose search index is in place (or whose index was tried and failed,
    which leaves the one before it): a search page reloads when it sees a new one."""
    errors: tuple[str, ...]
    """The problems of the last build, if it failed; shown over every page."""

    @property
    def indexing(self) -> bool:
        """Whether the search index of the newest build is still being made."""
        return self.indexed < self.generation


class BuildState:
    """The outcome of the latest build and of the latest search index."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._shown = Shown(0, 0, ())
        self.indexing_since = 0.0
        """When (`time.time`) `Shown.indexing` last changed: pages are served with it, so a
        browser's copy of a page older than that is not what the server sends now."""

    @property
    def generation(self) -> int:
        return self.snapshot().generation

    def snapshot(self) -> Shown:
        with self._changed:
            return self._shown

    def with_its_time(self) -> tuple[Shown, float]:
        """The state, and `indexing_since` of that state."""
        with self._changed:
            return self._shown, self.indexing_since

    def succeeded(self, *, indexed: bool) -> None:
        """A build is in place; ``indexed``: with its own search index (or with none to make)."""
        with self._changed:
            generation = self._shown.generation + 1
            self._set(Shown(generation, generation if indexed else self._shown.indexed, ()))

    def index_done(self, generation: int) -> None:
        """The index of build ``generation`` is in place (or was tried): an older one never follows."""
        with self._changed:
            if generation > self._shown.indexed:
                self._set(Shown(self._shown.generation, generation, self._shown.errors))

    def failed(self, errors: list[str]) -> None:
        with self._changed:
            self._set(Shown(self._shown.generation, self._shown.indexed, tuple(errors)))

    def wait(self, seen: Shown, timeout: float) -> Shown:
        """Block until the state differs from ``seen`` or the timeout passes."""
        with self._changed:
            self._changed.wait_for(lambda: self._shown != seen, timeout)
            return self._shown

    def _set(self, shown: Shown) -> None:
        if shown.indexing != self._shown.indexing:
            self.indexing_since = time.time()
        self._shown = shown
        self._changed.notify_all()
