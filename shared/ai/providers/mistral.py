"""Mistral chat completions with tools. The wire format is OpenAI's, so the conversions are
shared with `openai_chat`; the SDK retries by elapsed time, not count, so retries are ours."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shared.ai.providers.base import (
    DEFAULT_POLICY,
    CallPolicy,
    Completion,
    Message,
    ProviderError,
    ToolSpec,
    http_failure,
    unexpected_failure,
    with_retries,
)
from shared.ai.providers.openai_chat import chat_completion, chat_messages, chat_tools

if TYPE_CHECKING:
    from mistralai.client import Mistral


class MistralChat:
    """`Provider` over Mistral's chat completions."""

    name = "mistral"

    def __init__(
        self,
        api_key: str,
        model: str,
        *,
        server_url: str | None = None,
        policy: CallPolicy = DEFAULT_POLICY,
    ) -> None:
        self.model = model
        self._api_key = api_key
        self._server_url = server_url
        self._policy = policy

    @functools.cached_property
    def _client(self) -> Mistral:
        """Built on first use, so the SDK never loads at a function's cold start. Its debug
        logger is silenced for good: it would print request headers, API key included."""
        from mistralai.client import Mistral
        from mistralai.client.utils.logger import NoOpLogger

        return Mistral(
            api_key=self._api_key,
            server_url=self._server_url,
            timeout_ms=int(self._policy.timeout_s * 1000),
            debug_logger=NoOpLogger(),
        )

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": chat_messages(messages, tool_name_key="name"),
            "temperature": temperature,
            "max_tokens": max_tokens,
        }
        if tools:
            request["tools"] = chat_tools(tools)
        reply = with_retries(self._policy, lambda: self._send(request))
        return chat_completion(self.name, self.model, reply)

    def _send(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            return self._client.chat.complete(**request).model_dump()
        except Exception as exc:  # the SDK boundary: no vendor exception gets past it
            raise self._failure(exc) from None

    def _failure(self, exc: Exception) -> ProviderError:
        import httpx2
        from mistralai.client.errors import MistralError, ResponseValidationError

        if isinstance(exc, ResponseValidationError):  # a 2xx the SDK could not read
            return ProviderError(self.name, "malformed reply", retryable=False)
        if isinstance(exc, MistralError):
            return http_failure(self.name, exc.status_code, exc.body, secret=self._api_key)
        if isinstance(exc, httpx2.TimeoutException):
            return ProviderError(self.name, f"timed out ({self._policy.timeout_s}s per attempt)")
        if isinstance(exc, httpx2.TransportError):
            return ProviderError(self.name, "connection failed")
        return unexpected_failure(self.name, exc, secret=self._api_key)
