"""Per-function request concurrency in the dev runtime, as Cloud Run enforces it per instance.

The runtime is one instance of every function. Each admits at most its manifest
`request_concurrency` requests at once; the others wait in arrival order (Cloud Run
queues them for an instance too). Without the limit, fifty chat turns share one GIL
round-robin and every one of them, the heavy ones most, takes fifty times its own time.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any


class Admission:
    """A FIFO gate with `limit` places: a leaving request hands its place to the oldest
    waiting one, so no newcomer overtakes it."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a function admits at least one request")
        self.limit = limit
        self._inside = 0
        self._waiting: deque[threading.Event] = deque()
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            if self._inside < self.limit and not self._waiting:
                self._inside += 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the place is ours once set: `leave` handed it over

    def leave(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._inside -= 1

    @property
    def inside(self) -> int:
        with self._lock:
            return self._inside

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)


def admitted(gate: Admission, app: Any, environ: dict[str, Any], start_response: Any) -> Any:
    """`app`'s response, computed holding a place. The place is given back when the app
    returns: a client may never read or close a body (a task delivery reads the status
    only), and a place held until then would never come back. Every function here
    answers with a body it has already built, so that return is the end of its work."""
    gate.enter()
    try:
        return app(environ, start_response)
    finally:
        gate.leave()
