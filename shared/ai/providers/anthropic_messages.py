"""Anthropic Messages API: system prompt as the `system` parameter, tool calls and results as
`tool_use` / `tool_result` content blocks. The API takes no sampling temperature any more
(the SDK has no such parameter), so `temperature` is accepted and not sent."""

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
    ToolCall,
    ToolSpec,
    http_failure,
    merge_turns,
    parse_arguments,
    reading_reply,
    unexpected_failure,
)
from shared.ai.providers.prices import priced_usage

if TYPE_CHECKING:
    from anthropic import Anthropic

FINISH_REASONS = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length"}


def _blocks(m: Message) -> list[dict[str, Any]]:
    if m.role == "tool":
        return [{"type": "tool_result", "tool_use_id": m.tool_call_id, "content": m.content}]
    blocks: list[dict[str, Any]] = [{"type": "text", "text": m.content}] if m.content else []
    blocks += [
        {"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in m.tool_calls
    ]
    return blocks


def anthropic_request(messages: Sequence[Message]) -> tuple[str, list[dict[str, Any]]]:
    """The system prompt, and the turns with tool results sent back as the user's blocks."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns = merge_turns(
        ("assistant" if m.role == "assistant" else "user", _blocks(m))
        for m in messages
        if m.role != "system"
    )
    return system, [{"role": role, "content": blocks} for role, blocks in turns]


def anthropic_completion(provider: str, model: str, reply: dict[str, Any]) -> Completion:
    with reading_reply(provider):
        blocks = reply["content"]
        calls = tuple(
            ToolCall(b["id"], b["name"], parse_arguments(provider, b["input"]))
            for b in blocks
            if b["type"] == "tool_use"
        )
        usage = reply["usage"]
        stop = reply.get("stop_reason") or "end_turn"
        return Completion(
            provider=provider,
            model=model,
            text="".join(b["text"] for b in blocks if b["type"] == "text"),
            tool_calls=calls,
            usage=priced_usage(provider, model, usage["input_tokens"], usage["output_tokens"]),
            finish_reason="tool_calls" if calls else FINISH_REASONS.get(stop, stop),
        )


class AnthropicMessages:
    """`Provider` over the Anthropic Messages API; the SDK does the timeouts and retries."""

    name = "anthropic"

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
    def _client(self) -> Anthropic:
        """Built on first use, so the SDK never loads at a function's cold start."""
        from anthropic import Anthropic

        return Anthropic(
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
        system, turns = anthropic_request(messages)
        request: dict[str, Any] = {
            "model": self.model,
            "messages": turns,
            "max_tokens": max_tokens,
        }
        if system:
            request["system"] = system
        if tools:
            request["tools"] = [
                {"name": t.name, "description": t.description, "input_schema": t.parameters}
                for t in tools
            ]
        try:
            # Unexpected shapes are the parser's to reject, not pydantic's to warn about.
            reply = self._client.messages.create(**request).model_dump(warnings=False)
        except Exception as exc:  # the SDK boundary: no vendor exception gets past it
            raise self._failure(exc) from None
        return anthropic_completion(self.name, self.model, reply)

    def _failure(self, exc: Exception) -> ProviderError:
        import anthropic

        if isinstance(exc, anthropic.APITimeoutError):
            return ProviderError(self.name, f"timed out ({self._policy.timeout_s}s per attempt)")
        if isinstance(exc, anthropic.APIStatusError):
            return http_failure(self.name, exc.status_code, exc.message, secret=self._api_key)
        if isinstance(exc, anthropic.APIConnectionError):
            return ProviderError(self.name, "connection failed")
        return unexpected_failure(self.name, exc, secret=self._api_key)
