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
from typing import Any

from tests.support.loopback import LoopbackServer, QuietHandler, serving


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
        self._server: LoopbackServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

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

        class _Handler(QuietHandler):
            def do_POST(self) -> None:
                path, _, query = self.path.partition("?")
                recorded = Recorded(
                    path=path,
                    query=query,
                    headers=self.lowered_headers(),
                    body=json.loads(self.read_body() or b"{}"),
                )
                self.send_json(*fake._answer(recorded))

        with serving(_Handler) as self._server:
            yield self
