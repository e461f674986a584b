"""A loopback Graph API for the Meta senders: records every request, answers like Meta.

By default a POST to `/{version}/{phone-number-id}/messages` answers as the WhatsApp Cloud
API does and one to `/{version}/me/messages` as the Send API does; a test may script other
answers (errors, throttling) in order.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Recorded:
    path: str
    query: str
    headers: dict[str, str]  # lower-case names
    body: Any


class FakeGraph:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._scripted: deque[tuple[int, Any]] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, status: int, body: Any) -> None:
        """Answer the next request with this instead of a success."""
        with self._lock:
            self._scripted.append((status, body))

    def _answer(self, recorded: Recorded) -> tuple[int, Any]:
        with self._lock:
            self.requests.append(recorded)
            if self._scripted:
                return self._scripted.popleft()
            n = len(self.requests)
        if recorded.body.get("messaging_product") == "whatsapp":
            to = recorded.body.get("to")
            return 200, {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": f"wamid.fake{n}"}],
            }
        return 200, {"recipient_id": recorded.body["recipient"]["id"], "message_id": f"m_fake{n}"}

    @contextmanager
    def running(self) -> Iterator[FakeGraph]:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                path, _, query = self.path.partition("?")
                recorded = Recorded(
                    path=path,
                    query=query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=json.loads(self.rfile.read(length) or b"{}"),
                )
                status, body = fake._answer(recorded)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests assert on `requests`."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(timeout=5)
