"""A loopback RingCentral: JWT token endpoint, SMS API and call recordings, on 127.0.0.1.

The official SDK is pointed at it (`ringcentral_server_url`), so logging in, sending and
downloading go through the SDK's own request building over a real socket. Every request is
recorded; tests script SMS failures and which recordings exist (or are not ready yet).
Also here: `sending_platform`, the embedded platform in production sending mode, and
`drain`, which runs the local task runner until no task is left, moving the manual clock
over each backoff instead of sleeping.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from functions._app import container
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from shared.platform.docstore import Filter, Order
from shared.platform.env_secrets import EnvSecrets
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.loopback import LoopbackServer, QuietHandler, serving

CLIENT_ID, CLIENT_SECRET, JWT = "rc-client-id", "rc-client-secret", "rc-jwt-assertion"
VERIFICATION_TOKEN = "rc-verification-token"
BUSINESS_NUMBER = "+18005550100"
SECRETS = {
    "RINGCENTRAL_CLIENT_ID": CLIENT_ID,
    "RINGCENTRAL_CLIENT_SECRET": CLIENT_SECRET,
    "RINGCENTRAL_JWT": JWT,
    "RINGCENTRAL_VERIFICATION_TOKEN": VERIFICATION_TOKEN,
    "JWT_SIGNING_KEY": "test-signing-key-for-channel-tests",
}
SMS_PATH = "/restapi/v1.0/account/~/extension/~/sms"

Answer = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str  # percent-decoded, without the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Route = Callable[[Recorded, "re.Match[str]"], Answer]


def json_answer(status: int, body: Any) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


class LoopbackFake:
    """An HTTP server on 127.0.0.1 answering the routes a subclass lists; records requests."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._server: LoopbackServer | None = None

    def routes(self) -> list[tuple[str, str, Route]]:
        """(method, whole-path regex, handler), tried in order."""
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def requests_to(self, method: str, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    def _dispatch(self, request: Recorded) -> Answer:
        with self._lock:  # one request at a time: handlers keep fake state without locks
            self.requests.append(request)
            for method, pattern, handler in self.routes():
                match = re.fullmatch(pattern, request.path)
                if method == request.method and match:
                    return handler(request, match)
        return json_answer(404, {"errorCode": "CMN-102", "message": f"no route {request.path}"})

    @contextmanager
    def running(self) -> Iterator[Any]:
        fake = self

        class _Handler(QuietHandler):
            def _serve(self) -> None:
                url = urlsplit(self.path)
                request = Recorded(
                    method=self.command,
                    path=unquote(url.path),
                    query=parse_qs(url.query),
                    headers=self.lowered_headers(),
                    body=self.read_body(),
                )
                status, headers, data = fake._dispatch(request)
                self.send_body(status, data, headers)

            do_GET = do_POST = _serve

        with serving(_Handler) as self._server:
            yield self


class FakeRingCentral(LoopbackFake):
    def __init__(self) -> None:
        super().__init__()
        # Statuses for the next SMS requests (None: accept that one), then this for every one.
        self.sms_failures: deque[int | None] = deque()
        self.fail_every_sms_with: int | None = None
        self._recordings: dict[str, tuple[bytes, str]] = {}
        self._not_ready: dict[str, int] = {}
        self._tokens: set[str] = set()
        self.texts: list[dict[str, Any]] = []  # the SMS requests RingCentral accepted

    def add_recording(
        self, recording_id: str, audio: bytes, content_type: str = "audio/mpeg", not_ready: int = 0
    ) -> None:
        """Serve a recording, answering 404 to its first `not_ready` metadata requests."""
        self._recordings[recording_id] = (audio, content_type)
        self._not_ready[recording_id] = not_ready

    def routes(self) -> list[tuple[str, str, Route]]:
        return [
            ("POST", r"/restapi/oauth/token", self._token),
            ("POST", re.escape(SMS_PATH), self._sms),
            ("GET", r"/restapi/v1\.0/account/~/recording/([^/]+)", self._recording),
            ("GET", r"/restapi/v1\.0/account/~/recording/([^/]+)/content", self._content),
        ]

    def _token(self, request: Recorded, _: re.Match[str]) -> Answer:
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        form = parse_qs(request.body.decode())
        if (
            request.headers.get("authorization") != f"Basic {basic}"
            or form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
            or form.get("assertion") != [JWT]
        ):
            return json_answer(400, {"error": "invalid_grant"})
        token = f"rc-access-{len(self._tokens) + 1}"
        self._tokens.add(token)
        return json_answer(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": 3600,
                "refresh_token": f"{token}-refresh",
                "refresh_token_expires_in": 604800,
                "scope": "SMS ReadCallRecording",
                "owner_id": "101",
            },
        )

    def _authorised(self, request: Recorded) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and token in self._tokens

    def _sms(self, request: Recorded, _: re.Match[str]) -> Answer:
        if not self._authorised(request):
            return json_answer(401, {"errorCode": "AGW-401", "message": "Authorization required"})
        status = self.sms_failures.popleft() if self.sms_failures else self.fail_every_sms_with
        if status is not None:
            return json_answer(status, {"errorCode": "CMN-500", "message": "scripted failure"})
        body = request.json()
        self.texts.append(body)
        return json_answer(
            200,
            {
                "id": str(9000 + len(self.texts)),
                "type": "SMS",
                "direction": "Outbound",
                "messageStatus": "Queued",
                "from": body["from"],
                "to": body["to"],
                "subject": body["text"],
            },
        )

    def _recording(self, request: Recorded, match: re.Match[str]) -> Answer:
        recording_id = match.group(1)
        if not self._authorised(request):
            return json_answer(401, {"errorCode": "AGW-401", "message": "Authorization required"})
        if recording_id not in self._recordings or self._not_ready.get(recording_id, 0) > 0:
            self._not_ready[recording_id] = self._not_ready.get(recording_id, 1) - 1
            return json_answer(404, {"errorCode": "CMN-102", "message": "Resource not found"})
        return json_answer(
            200,
            {
                "id": recording_id,
                "contentUri": f"{self.base_url}/restapi/v1.0/account/~/recording/"
                f"{recording_id}/content",
                "contentType": self._recordings[recording_id][1],
                "duration": 42,
            },
        )

    def _content(self, request: Recorded, match: re.Match[str]) -> Answer:
        if not self._authorised(request) or match.group(1) not in self._recordings:
            return json_answer(404, {"errorCode": "CMN-102", "message": "Resource not found"})
        audio, content_type = self._recordings[match.group(1)]
        return 200, {"Content-Type": content_type}, audio


@contextmanager
def sending_platform(tmp_path: Path, rc: FakeRingCentral, **overrides: Any) -> Iterator[Platform]:
    """The embedded platform set up to really send texts, through the SDK, to `rc`.

    `outbound.deliver` sends only when the settings say production (`env="prod"`), so this
    platform says so; it is still the embedded one (SQLite, local tasks and events).
    """
    config = Settings(
        env="prod",
        data_dir=tmp_path,
        rate_limit_enabled=False,
        ringcentral_server_url=rc.base_url,
        sms_from_number=BUSINESS_NUMBER,
        analytics_engine="duckdb",  # the embedded sink, as `make dev` has
        **overrides,
    )
    platform = container.build_local(config, ManualClock())
    platform.secrets = EnvSecrets(environ=SECRETS)
    container.install(platform)
    try:
        yield platform
    finally:
        container.install(None)
        platform.close()


def drain(runner: LocalTaskRunner, platform: Platform, max_rounds: int = 100) -> None:
    """Run due tasks until none is pending, jumping the manual clock to each next attempt."""
    clock = platform.clock
    assert isinstance(clock, ManualClock)
    for _ in range(max_rounds):
        if runner.run_due():
            continue
        pending = platform.store.query(
            TASKS, [Filter.eq("state", "pending")], order_by=[Order("next_attempt_at")], limit=1
        )
        if not pending:
            return
        due: datetime = pending[0].data["next_attempt_at"]
        clock.set(max(due, clock.now()))
    raise AssertionError(f"tasks still pending after {max_rounds} rounds")
