"""OpenAI Chat Completions with function tools, plus the chat-format conversions Mistral and
Ollama reuse: their wire formats are OpenAI's with small differences."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shared.ai.providers.base import (
    DEFAULT_POLICY,
    CallPolicy,
    Completion,
    Message,
    ProviderError,
    ToolCall,
    ToolSpec,
    http_failure,
    new_call_id,
    parse_arguments,
    reading_reply,
    unexpected_failure,
)
from shared.ai.providers.prices import priced_usage

if TYPE_CHECKING:
    from openai import OpenAI


def chat_tools(tools: Sequence[ToolSpec]) -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {"name": t.name, "description": t.description, "parameters": t.parameters},
        }
        for t in tools
    ]


def chat_messages(
    messages: Sequence[Message], *, tool_name_key: str = "", arguments_as_text: bool = True
) -> list[dict[str, Any]]:
    """Messages in the chat format. `tool_name_key` names the field a tool result carries its
    tool's name in (Mistral `name`, Ollama `tool_name`; OpenAI takes none); OpenAI and Mistral
    take call arguments as JSON text, Ollama as an object."""
    names: dict[str, str] = {}  # call id -> tool name, for results that do not say it
    wire: list[dict[str, Any]] = []
    for m in messages:
        entry: dict[str, Any] = {"role": m.role, "content": m.content}
        if m.tool_calls:
            names.update((c.id, c.name) for c in m.tool_calls)
            entry["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {
                        "name": c.name,
                        "arguments": json.dumps(c.arguments) if arguments_as_text else c.arguments,
                    },
                }
                for c in m.tool_calls
            ]
        if m.role == "tool":
            entry["tool_call_id"] = m.tool_call_id
            if tool_name_key:
                entry[tool_name_key] = m.name or names.get(m.tool_call_id or "", "")
        wire.append(entry)
    return wire


def chat_reply(provider: str, message: dict[str, Any]) -> tuple[str, tuple[ToolCall, ...]]:
    """Text and tool calls of a chat-format assistant message."""
    content = message.get("content") or ""
    if isinstance(content, list):  # Mistral may answer in typed chunks
        content = "".join(c.get("text") or "" for c in content if c.get("type") == "text")
    calls = tuple(
        ToolCall(
            id=c.get("id") or new_call_id(),
            name=c["function"]["name"],
            arguments=parse_arguments(provider, c["function"].get("arguments")),
        )
        for c in message.get("tool_calls") or ()
    )
    return content, calls


def chat_completion(provider: str, model: str, reply: dict[str, Any]) -> Completion:
    """A Completion from an OpenAI-shaped reply (`choices`, `usage`), as OpenAI and Mistral send."""
    with reading_reply(provider):
        choice = reply["choices"][0]
        text, calls = chat_reply(provider, choice["message"])
        usage = reply.get("usage") or {}
        return Completion(
            provider=provider,
            model=model,
            text=text,
            tool_calls=calls,
            usage=priced_usage(
                provider,
                model,
                usage.get("prompt_tokens") or 0,
                usage.get("completion_tokens") or 0,
            ),
            finish_reason="tool_calls" if calls else choice.get("finish_reason") or "stop",
        )


class OpenAIChat:
    """`Provider` over OpenAI Chat Completions; the SDK does the timeouts and retries."""

    name = "openai"

    def __init__(
        self,
        api_key: str,
        model: str,
        *,
        base_url: str | None = None,
        policy: CallPolicy = DEFAULT_POLICY,
    ) -> None:
        self.model = model
        self._api_key = api_key
        self._base_url = base_url
        self._policy = policy

    @functools.cached_property
    def _client(self) -> OpenAI:
        """Built on first use, so the SDK never loads at a function's cold start."""
        from openai import OpenAI

        return OpenAI(
            api_key=self._api_key,
            base_url=self._base_url,
            timeout=self._policy.timeout_s,
            max_retries=self._policy.max_retries,
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
            "messages": chat_messages(messages),
            "temperature": temperature,
            "max_completion_tokens": max_tokens,
        }
        if tools:
            request["tools"] = chat_tools(tools)
        try:
            reply = self._client.chat.completions.create(**request).model_dump()
        except Exception as exc:  # the SDK boundary: no vendor exception gets past it
            raise self._failure(exc) from None
        return chat_completion(self.name, self.model, reply)

    def _failure(self, exc: Exception) -> ProviderError:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(self.name, f"timed out ({self._policy.timeout_s}s per attempt)")
        if isinstance(exc, openai.APIStatusError):
            return http_failure(self.name, exc.status_code, exc.message, secret=self._api_key)
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(self.name, "connection failed")
        return unexpected_failure(self.name, exc, secret=self._api_key)
