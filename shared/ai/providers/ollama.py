"""A local model behind an Ollama-compatible `/api/chat` endpoint (shadow mode). The format is
OpenAI's chat format with arguments as objects and no call ids; plain urllib is enough."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from shared.ai.providers.base import (
    DEFAULT_POLICY,
    CallPolicy,
    Completion,
    Message,
    ProviderError,
    ToolSpec,
    http_failure,
    reading_reply,
    with_retries,
)
from shared.ai.providers.openai_chat import chat_messages, chat_reply, chat_tools
from shared.ai.providers.prices import priced_usage


class OllamaChat:
    """`Provider` over Ollama's chat API, non-streaming."""

    name = "ollama"

    def __init__(self, model: str, base_url: str, *, policy: CallPolicy = DEFAULT_POLICY) -> None:
        self.model = model
        self._url = base_url.rstrip("/") + "/api/chat"
        self._policy = policy

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": chat_messages(messages, tool_name_key="tool_name", arguments_as_text=False),
            "stream": False,
            "options": {"temperature": temperature, "num_predict": max_tokens},
        }
        if tools:
            body["tools"] = chat_tools(tools)
        reply = with_retries(self._policy, lambda: self._post(json.dumps(body).encode()))
        with reading_reply(self.name):
            text, calls = chat_reply(self.name, reply["message"])
            return Completion(
                provider=self.name,
                model=self.model,
                text=text,
                tool_calls=calls,
                usage=priced_usage(
                    self.name,
                    self.model,
                    reply.get("prompt_eval_count") or 0,
                    reply.get("eval_count") or 0,
                ),
                finish_reason="tool_calls" if calls else reply.get("done_reason") or "stop",
            )

    def _post(self, data: bytes) -> dict[str, Any]:
        request = urllib.request.Request(
            self._url, data=data, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self._policy.timeout_s) as response:
                reply = json.load(response)
        except urllib.error.HTTPError as exc:
            raise http_failure(self.name, exc.code, exc.read().decode(errors="replace")) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if isinstance(getattr(exc, "reason", exc), TimeoutError):  # read or connect
                message = f"timed out ({self._policy.timeout_s}s per attempt)"
                raise ProviderError(self.name, message) from None
            raise ProviderError(self.name, "connection failed") from None
        except ValueError:
            raise ProviderError(self.name, "reply is not JSON", retryable=False) from None
        if not isinstance(reply, dict):
            raise ProviderError(self.name, "reply is not a JSON object", retryable=False)
        return reply
