"""The HTTP server under the loopback fakes: 127.0.0.1, a port the OS picks, served from a
daemon thread for the length of a `with` block.

Only the plumbing is shared here: the server's lifecycle (`serving`), its URL, and a quiet
request handler with body, header and reply helpers. Each fake keeps its own routes, its
own request record (their shapes differ) and its own answers.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType
from typing import Any

JSON_CONTENT: Mapping[str, str] = MappingProxyType({"Content-Type": "application/json"})


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler still running never holds the test process up

    def __init__(
        self, handler: type[BaseHTTPRequestHandler], errors: list[BaseException] | None
    ) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.errors = errors

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.errors is None:
            super().handle_error(request, client_address)  # the traceback, on stderr
            return
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError):
            self.errors.append(error)  # a client hanging up is expected


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler], *, errors: list[BaseException] | None = None
) -> Iterator[LoopbackServer]:
    """Serve `handler` on 127.0.0.1 until the block ends, then stop and close the server.

    With `errors`, an exception a handler raises is appended there, for the fake to assert
    on, instead of printed; a client hanging up (`ConnectionError`) is not counted.
    """
    server = LoopbackServer(handler, errors)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and has helpers to read a request and answer it."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean; tests assert on what the fake recorded instead."""

    def lowered_headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers.items()}

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def send_body(self, status: int, data: bytes, headers: Mapping[str, str]) -> None:
        """Answer `status` with `data`, these headers and its Content-Length."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        """Answer `status` with `body` as JSON, plus any extra `headers`."""
        self.send_body(status, json.dumps(body).encode(), {**JSON_CONTENT, **(headers or {})})
