"""A scripted LLM that only understands: an OpenAI-compatible loopback server answering the
engine's `emit_commands` requests with the commands scripted for the current message.

The conversation suite runs every case a second time with this fake as the cascade's LLM
(CONTRACTS.md §3), to prove the LLM path drives the same flows as the offline one. It is
deliberately not the offline provider: it knows nothing but its script. Before each
customer message the harness calls `expect(text, commands)`; a request offering the
`emit_commands` tool is answered with one `emit_commands` call holding those commands.
Every other request (free-form phrasing, routing, the old tool loop) gets HTTP 503, so the
cascade falls back to its next provider, exactly as when a vendor is down.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.support.fake_llm import error_body, openai_reply
from tests.support.loopback import LoopbackServer, QuietHandler, serving

TOOL = "emit_commands"
CHAT_PATH = "/v1/chat/completions"
# A 503 the SDK does not retry (OpenAI's SDKs honour `x-should-retry`): the cascade moves on
# at once instead of asking again for what is never scripted.
REFUSED = {"x-should-retry": "false"}


@dataclass
class Asked:
    """One `emit_commands` request: the message it was for and what the fake answered."""

    user_text: str
    expected_text: str | None
    commands: list[dict[str, Any]] | None  # None: nothing scripted, answered 503


@dataclass
class CommandLLM:
    asked: list[Asked] = field(default_factory=list)
    other_requests: int = 0
    handler_errors: list[BaseException] = field(default_factory=list)
    _text: str | None = None
    _commands: list[dict[str, Any]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: LoopbackServer | None = None

    @property
    def base_url(self) -> str:
        """What the OpenAI SDK takes as `base_url`."""
        assert self._server is not None, "server not started"
        return self._server.url + "/v1"

    def expect(self, text: str, commands: Sequence[dict[str, Any]] | None) -> None:
        """The customer message about to be sent, and the commands to answer it with."""
        with self._lock:
            self._text = text
            self._commands = list(commands) if commands is not None else None

    def reset(self) -> None:
        with self._lock:
            self.asked.clear()
            self.other_requests = 0
            self._text = self._commands = None

    def _answer(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        names = {t.get("function", {}).get("name") for t in body.get("tools") or []}
        with self._lock:
            if path != CHAT_PATH or TOOL not in names:
                self.other_requests += 1
                return 503, error_body("chat", 503, "command_llm: only emit_commands is scripted")
            user = _last_user_text(body.get("messages") or [])
            self.asked.append(Asked(user, self._text, self._commands))
            if self._commands is None or self._text is None or self._text not in user:
                return 503, error_body("chat", 503, "command_llm: no commands for this message")
            arguments = json.dumps({"commands": self._commands})
        return 200, openai_reply(calls=[("call_1", TOOL, arguments)])

    @contextmanager
    def running(self) -> Iterator[CommandLLM]:
        fake = self

        class _Handler(QuietHandler):
            def do_POST(self) -> None:
                status, body = fake._answer(
                    self.path.split("?", 1)[0], json.loads(self.read_body())
                )
                self.send_json(status, body, REFUSED if status != 200 else None)

        with serving(_Handler, errors=self.handler_errors) as self._server:
            yield self
        assert not self.handler_errors, f"command_llm handler failed: {self.handler_errors!r}"


def _last_user_text(messages: list[dict[str, Any]]) -> str:
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):  # content parts
                return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            return str(content or "")
    return ""
