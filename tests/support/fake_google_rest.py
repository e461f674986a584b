"""A loopback HTTP server that answers Google REST (JSON) calls from routes a test registers.

The real SDK clients are pointed at it with their REST transport (`client_kwargs`), so the
adapters are tested through the SDK's own request building and error mapping, not a mock.
Every request is recorded for assertions. The same server also serves as the push
endpoint of a Pub/Sub emulator subscription.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.support.loopback import LoopbackServer, QuietHandler, serving

Reply = tuple[int, dict[str, Any]]
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # percent-decoded, without the query string
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Handler = Callable[[RecordedRequest, "re.Match[str]"], Reply]


def google_error(code: int, status: str, message: str) -> Reply:
    """Google's JSON error body, which the SDK maps to `google.api_core.exceptions`."""
    return code, {"error": {"code": code, "status": status, "message": message}}


class FakeGoogleRest:
    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._lock = threading.Lock()
        self._server: LoopbackServer | None = None

    def route(self, method: str, path_regex: str, handler: Handler) -> None:
        """Answer `method` requests whose whole path matches `path_regex` with `handler`."""
        self._routes.append((method, re.compile(path_regex), handler))

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments that point a generated `google.cloud` client at this server."""
        from google.auth.credentials import AnonymousCredentials

        return {
            "credentials": AnonymousCredentials(),
            "transport": "rest",
            "client_options": {"api_endpoint": self.endpoint},
        }

    def _dispatch(self, request: RecordedRequest) -> Reply:
        # One request at a time, so handlers keep their fake state without locks of their own.
        with self._lock:
            self.requests.append(request)
            for method, pattern, handler in self._routes:
                match = pattern.fullmatch(request.path)
                if method == request.method and match:
                    return handler(request, match)
        return google_error(404, "NOT_FOUND", f"no fake route for {request.method} {request.path}")

    @contextmanager
    def running(self) -> Iterator[FakeGoogleRest]:
        fake = self

        class _Handler(QuietHandler):
            def _serve(self) -> None:
                request = RecordedRequest(
                    method=self.command,
                    path=unquote(urlsplit(self.path).path),
                    headers=self.lowered_headers(),
                    body=self.read_body(),
                )
                self.send_json(*fake._dispatch(request))

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

        with serving(_Handler) as self._server:
            yield self


def google_cloud_modules_after_import(module: str) -> list[str]:
    """`google.cloud.*` modules loaded by importing `module` in a fresh interpreter (the bare
    namespace package is preloaded by a `.pth` file). Adapters must import their SDK lazily
    so functions that never use it start fast."""
    code = (
        f"import sys, {module}\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('google.cloud.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout
    return out.split()
