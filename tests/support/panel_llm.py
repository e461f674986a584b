"""A debate panel on loopback: one server speaking OpenAI's and Anthropic's wire formats,
each model a panelist with its own scripted voice (its proposal, its revised answer after a
critique, its verdict as judge), told apart by the phase the system prompt asks for. A
model listed as failing answers HTTP 500 the SDKs do not retry, so it fails once per call.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from shared.ai.debate import prompts
from tests.support.fake_llm import anthropic_reply, error_body, openai_reply
from tests.support.loopback import LoopbackServer, QuietHandler, serving

NO_RETRY = {"x-should-retry": "false"}
ROUTES = {"/v1/chat/completions": "chat", "/v1/messages": "messages"}


@dataclass(frozen=True)
class Voice:
    proposal: str
    revised: str = ""  # its answer after each critique round (default: the proposal)
    verdict: dict[str, Any] | None = None  # what it says as judge (JSON)
    output_tokens: int = 50  # priced by the adapters, for the cost cap


@dataclass(frozen=True)
class Asked:
    model: str
    phase: str  # propose, critique, judge
    user: str  # the user message: context, question and the answers shown


@dataclass
class PanelLLM:
    voices: dict[str, Voice] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    asked: list[Asked] = field(default_factory=list)
    handler_errors: list[BaseException] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: LoopbackServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def reset(self, voices: dict[str, Voice], failing: frozenset[str] = frozenset()) -> None:
        with self._lock:
            self.voices, self.failing = dict(voices), set(failing)
            self.asked.clear()

    def phases(self, model: str) -> list[str]:
        return [a.phase for a in self.asked if a.model == model]

    def _answer(self, path: str, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        route = ROUTES.get(path, "")
        if route == "messages":
            system, user = body.get("system") or "", body["messages"][-1]["content"]
        else:
            system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
        if isinstance(system, list):
            system = " ".join(part.get("text", "") for part in system)
        if isinstance(user, list):
            user = " ".join(part.get("text", "") for part in user)
        phase = next(
            name
            for name, prompt in (
                ("propose", prompts.PROPOSE),
                ("critique", prompts.CRITIQUE),
                ("judge", prompts.JUDGE),
            )
            if system == prompt
        )
        model = body["model"]
        with self._lock:
            self.asked.append(Asked(model, phase, user))
            voice, fails = self.voices.get(model), model in self.failing
        if fails or voice is None:
            return 500, error_body(route, 500, f"panel_llm: {model} is down"), NO_RETRY
        if phase == "propose":
            text = voice.proposal
        elif phase == "critique":
            text = (
                f"CRITIQUE: the others miss the point.\nANSWER: {voice.revised or voice.proposal}"
            )
        else:
            text = json.dumps(voice.verdict or {"answer": voice.proposal, "confidence": 0.7})
        usage = (200, voice.output_tokens)
        reply = (
            anthropic_reply(text, usage=usage)
            if route == "messages"
            else openai_reply(text, usage=usage)
        )
        return 200, reply, {}

    @contextmanager
    def running(self) -> Iterator[PanelLLM]:
        fake = self

        class _Handler(QuietHandler):
            def do_POST(self) -> None:
                path = self.path.split("?", 1)[0]
                status, body, headers = fake._answer(path, json.loads(self.read_body()))
                self.send_json(status, body, headers)

        with serving(_Handler, errors=self.handler_errors) as self._server:
            yield self
        assert not self.handler_errors, f"panel_llm handler failed: {self.handler_errors!r}"
