"""A preview connection's incoming bytes, read under a deadline for a request's line and headers.

A socket timeout bounds each read, not a request: a client that sends its headers a byte every
few seconds (slowloris) never trips it and holds one of the server's bounded connections for as
long as it likes. Reads through `Incoming` never wait past the deadline the handler sets while
it reads a request's line and headers, however the bytes trickle in.
"""

from __future__ import annotations

import io
import socket
import time
from typing import Any

HEADER_SECONDS = 10.0
"""A request's line and headers must have come whole this long after the server began to wait
for them."""


class Incoming(io.RawIOBase):
    """A connection's incoming bytes; while ``ends`` is set (a request's line and headers are
    being read), no read waits past it. Otherwise a read waits at most ``idle`` seconds."""

    def __init__(self, connection: socket.socket, idle: float) -> None:
        self.connection = connection
        self.idle = idle
        self.ends: float | None = None
        """When the request being read must be in (`time.monotonic`), or None."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wait = self.idle
        if self.ends is not None:
            wait = min(wait, self.ends - time.monotonic())
            if wait <= 0:  # the handler takes a timeout for a dropped request, without an answer
                raise TimeoutError("the request's headers took too long")
        self.connection.settimeout(wait)
        return self.connection.recv_into(buffer)
