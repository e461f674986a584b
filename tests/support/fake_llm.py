"""A loopback HTTP server speaking the LLM vendors' wire formats, with scripted replies.

The OpenAI, Anthropic and Mistral SDKs send through httpx2, which respx and pytest-httpx do
not intercept, so the adapters are tested over a real socket: each SDK builds, sends, retries
and parses exactly as it would against the vendor. A test scripts the replies for a route in
order and reads back every request. A reply may be held back to force a client timeout; the
hold ends when the server stops, so no test waits it out.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.support.loopback import JSON_CONTENT, LoopbackServer, QuietHandler, serving

# Route name -> path pattern. OpenAI and Mistral share the chat completions path.
ROUTES = {
    "chat": re.compile(r"/v1/chat/completions"),
    "messages": re.compile(r"/v1/messages"),
    "gemini": re.compile(r"/v1(beta)?/models/[^/:]+:generateContent"),
    "ollama": re.compile(r"/api/chat"),
}


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = None  # serialised as JSON, unless a str (sent as is)
    headers: Mapping[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # hold the answer back this long (to make a client time out)


@dataclass(frozen=True)
class Recorded:
    route: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.handler_errors: list[BaseException] = []
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: LoopbackServer | None = None

    def script(self, route: str, *replies: Reply) -> None:
        """Answer the next requests on `route` with `replies`, in order."""
        assert route in ROUTES, route
        with self._lock:
            self._scripts[route].extend(replies)

    def requests_to(self, route: str) -> list[Recorded]:
        return [r for r in self.requests if r.route == route]

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def _answer(self, path: str, headers: dict[str, str], body: bytes) -> Reply:
        route = next((name for name, p in ROUTES.items() if p.fullmatch(path)), "")
        with self._lock:
            self.requests.append(Recorded(route, path, headers, body))
            script = self._scripts.get(route)
            if script:
                return script.popleft()
        return Reply(418, {"error": {"message": f"fake_llm: no scripted reply for {path}"}})

    @contextmanager
    def running(self) -> Iterator[FakeLLM]:
        fake = self

        class _Handler(QuietHandler):
            def do_POST(self) -> None:
                path = self.path.split("?", 1)[0]
                reply = fake._answer(path, self.lowered_headers(), self.read_body())
                if reply.delay_s and fake._stopping.wait(reply.delay_s):
                    return  # the server is stopping; the client gave up long ago
                body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                self.send_body(reply.status, body.encode(), {**JSON_CONTENT, **reply.headers})

        with serving(_Handler, errors=self.handler_errors) as self._server:
            try:
                yield self
            finally:
                self._stopping.set()  # a held reply ends when the server stops
        assert not self.handler_errors, f"fake_llm handler failed: {self.handler_errors!r}"


# Replies in each vendor's wire format. `calls` are (id, name, arguments) triples.

Call = tuple[str, str, Any]
RETRY_SOON = {"retry-after-ms": "1", "retry-after": "0"}  # keeps SDK backoff in tests short


def openai_reply(
    text: str | None = None, calls: Sequence[Call] = (), usage: tuple[int, int] = (10, 5)
) -> dict[str, Any]:
    """An OpenAI chat completion (Mistral's has the same shape); arguments sent as given."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if calls:
        message["tool_calls"] = [
            {"id": i, "type": "function", "function": {"name": n, "arguments": a}}
            for i, n, a in calls
        ]
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-test",
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if calls else "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": usage[0],
            "completion_tokens": usage[1],
            "total_tokens": sum(usage),
        },
    }


def anthropic_reply(
    text: str | None = None, calls: Sequence[Call] = (), usage: tuple[int, int] = (10, 5)
) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    content += [{"type": "tool_use", "id": i, "name": n, "input": a} for i, n, a in calls]
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-test",
        "content": content,
        "stop_reason": "tool_use" if calls else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": usage[0], "output_tokens": usage[1]},
    }


def gemini_reply(
    text: str | None = None, calls: Sequence[Call] = (), usage: tuple[int, int] = (10, 5)
) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [{"text": text}] if text else []
    parts += [{"functionCall": {"id": i, "name": n, "args": a}} for i, n, a in calls]
    return {
        "candidates": [
            {"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": 0}
        ],
        "usageMetadata": {
            "promptTokenCount": usage[0],
            "candidatesTokenCount": usage[1],
            "totalTokenCount": sum(usage),
        },
        "modelVersion": "gemini-test",
    }


def ollama_reply(
    text: str = "", calls: Sequence[Call] = (), usage: tuple[int, int] = (10, 5)
) -> dict[str, Any]:
    """Ollama's /api/chat answer; it gives tool calls no ids."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if calls:
        message["tool_calls"] = [{"function": {"name": n, "arguments": a}} for _, n, a in calls]
    return {
        "model": "llama-test",
        "created_at": "2025-01-01T00:00:00Z",
        "message": message,
        "done": True,
        "done_reason": "stop",
        "prompt_eval_count": usage[0],
        "eval_count": usage[1],
    }


def error_body(route: str, status: int, message: str) -> dict[str, Any]:
    """The error body each vendor sends with an HTTP error status."""
    if route == "messages":
        return {"type": "error", "error": {"type": "api_error", "message": message}}
    if route == "gemini":
        return {"error": {"code": status, "message": message, "status": "UNAVAILABLE"}}
    if route == "ollama":
        return {"error": message}
    return {"error": {"message": message, "type": "server_error", "code": None}}
