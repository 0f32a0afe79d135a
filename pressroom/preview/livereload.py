"""Live reload: what the preview adds to the pages it serves, and the stream that tells open tabs of the builds.

Owns the addresses under ``/__pressroom/`` (the event stream, the reload script and the shared
worker), the script's tag added to every HTML page as it is served (never to the built files, so
a site built by ``serve`` is the site ``build`` makes), and what an event stream says: a
``state`` event whenever the state of the builds changes (a new build, its search index in
place, the problems of a failed one), a comment line when nothing happened for a while, and its
end after a lifetime, after which the browser reconnects by itself. Who may open a stream, and
how many may be open at once, is `pressroom.preview.http`'s.
"""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from pressroom.preview.state import BuildState, Shown

EVENTS_PATH = "/__pressroom/events"
SCRIPT_PATH = "/__pressroom/reload.js"
WORKER_PATH = "/__pressroom/reload-worker.js"
"""The shared worker that holds one live-reload stream for all the tabs of a browser."""
SCRIPTS = {
    SCRIPT_PATH: (Path(__file__).parent / "reload.js").read_bytes(),
    WORKER_PATH: (Path(__file__).parent / "reload-worker.js").read_bytes(),
}
EVENT_STREAM = "text/event-stream; charset=utf-8"
KEEPALIVE_SECONDS = 10.0
"""A comment line on the event stream this often, so a vanished tab is noticed."""
STREAM_SECONDS = 300.0
"""An event stream ends after this long; the browser reconnects by itself (``retry``)."""


def inject(page: bytes, *, indexing: bool = False) -> bytes:
    """``page`` with the reload script; ``indexing``: served while the newest build's index is made, which
    the script says at once (heard from its stream a moment later, search.js had said search was unavailable)."""
    snippet = f'<script src="{SCRIPT_PATH}"{" data-indexing" if indexing else ""} defer></script>'.encode()
    marker = page.rfind(b"</body>")
    return page[:marker] + snippet + page[marker:] if marker >= 0 else page + snippet


def send_states(
    out: BinaryIO,
    connection: socket.socket,
    state: BuildState,
    run: str,
    *,
    seconds: float,
    stopping: Callable[[], bool],
) -> None:
    """The body of an event stream on ``connection``: the state now, then each change of it,
    until ``seconds`` have passed, the server is ``stopping`` or the client has gone; each
    event names the server's ``run``."""
    out.write(b"retry: 1000\n\n")
    ends = time.monotonic() + seconds
    quiet_since = time.monotonic()
    seen: Shown | None = None
    while not stopping() and time.monotonic() < ends and not _closed_by_peer(connection):
        # Short waits: a closed (or reloaded) tab frees its place at once, not at the next keep-alive.
        current = state.snapshot() if seen is None else state.wait(seen, 0.1)
        if current == seen:
            if time.monotonic() - quiet_since < KEEPALIVE_SECONDS:
                continue
            out.write(b": keep-alive\n\n")
            quiet_since = time.monotonic()
        else:
            shown = {"generation": current.generation, "indexed": current.indexed, "errors": current.errors}
            payload = json.dumps({"run": run, **shown}, ensure_ascii=False)
            out.write(f"event: state\ndata: {payload}\n\n".encode())
            seen = current
        out.flush()


def _closed_by_peer(connection: socket.socket) -> bool:
    """Whether the client has closed its end (it sends nothing on an event stream)."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True
