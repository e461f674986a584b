"""The dev runtime's HTTP server: a thread per connection, every thread accounted for.

werkzeug's threaded server makes its request threads daemons and forgets them, so a stop
cannot wait for the requests in flight. Here they are tracked (socketserver joins them in
`server_close`), and a connection that sends nothing times out instead of holding a thread
and a descriptor forever.
"""

from __future__ import annotations

from typing import Any

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

IDLE_TIMEOUT_S = 30.0
# Set by every server process. The store serializes writes on one lock; a thread that has
# it often still waits for the GIL after every SQLite call (each call releases it), up to
# one switch interval each time while chat turns compute. The default 5 ms made writes
# convoy under 50 clients.
SWITCH_INTERVAL_S = 0.0005


class _RequestHandler(WSGIRequestHandler):
    timeout = IDLE_TIMEOUT_S  # a stalled or silent client ends its thread after this long
    # Headers and body leave in separate writes; Nagle would hold the body back until the
    # client acknowledges the headers.
    disable_nagle_algorithm = True


class DevHTTPServer(ThreadedWSGIServer):
    """Stops taking connections on `shutdown()`; `server_close()` waits for in-flight ones."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_port = True  # the dev runtime's server replicas share the port

    def __init__(self, host: str, port: int, app: Any, fd: int | None = None) -> None:
        """`fd`: a socket already bound and listening, handed down by a parent process."""
        super().__init__(host, port, app, handler=_RequestHandler, fd=fd)
