"""Gemini through google-genai: Vertex AI in production (project + location, ambient
credentials), the Gemini API with a key elsewhere. Tools are function declarations; calls and
results travel as `function_call` / `function_response` parts."""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
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
    new_call_id,
    parse_arguments,
    reading_reply,
    unexpected_failure,
)
from shared.ai.providers.prices import priced_usage

if TYPE_CHECKING:
    from google import genai
    from google.genai import types

FINISH_REASONS = {"STOP": "stop", "MAX_TOKENS": "length", "SAFETY": "content_filter"}


@dataclass(frozen=True)
class Vertex:
    project: str
    location: str = "global"


def _result(content: str) -> dict[str, Any]:
    """A tool result as the JSON object Gemini wants; plain text goes under "result"."""
    try:
        value = json.loads(content)
    except ValueError:
        value = content
    return value if isinstance(value, dict) else {"result": value}


def gemini_contents(messages: Sequence[Message]) -> tuple[str, list[types.Content]]:
    """The system instruction, and the turns, each tool result answering its call by id."""
    from google.genai import types

    names: dict[str, str] = {}  # call id -> tool name, which a function response must carry

    def parts(m: Message) -> list[types.Part]:
        if m.role == "tool":
            name = m.name or names.get(m.tool_call_id or "", "")
            answer = types.FunctionResponse(
                id=m.tool_call_id, name=name, response=_result(m.content)
            )
            return [types.Part(function_response=answer)]
        names.update((c.id, c.name) for c in m.tool_calls)
        calls = [
            types.Part(
                function_call=types.FunctionCall(id=c.id, name=c.name, args=c.arguments),
                thought_signature=base64.urlsafe_b64decode(c.signature) if c.signature else None,
            )
            for c in m.tool_calls
        ]
        return ([types.Part(text=m.content)] if m.content else []) + calls

    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns = merge_turns(
        ("model" if m.role == "assistant" else "user", parts(m))
        for m in messages
        if m.role != "system"
    )
    return system, [types.Content(role=role, parts=p) for role, p in turns]


def gemini_completion(provider: str, model: str, reply: dict[str, Any]) -> Completion:
    with reading_reply(provider):
        candidates = reply.get("candidates") or []
        if not candidates:
            blocked = (reply.get("prompt_feedback") or {}).get("block_reason", "no reason given")
            raise ProviderError(provider, f"no candidates ({blocked})", retryable=False)
        candidate = candidates[0]
        parts = (candidate.get("content") or {}).get("parts") or []
        calls = tuple(
            ToolCall(
                id=p["function_call"].get("id") or new_call_id(),
                name=p["function_call"]["name"],
                arguments=parse_arguments(provider, p["function_call"].get("args")),
                signature=p.get("thought_signature"),  # base64, as the SDK dumps bytes
            )
            for p in parts
            if "function_call" in p
        )
        usage = reply.get("usage_metadata") or {}
        output_tokens = (usage.get("candidates_token_count") or 0) + (
            usage.get("thoughts_token_count") or 0  # thinking is billed as output
        )
        finish = candidate.get("finish_reason") or "STOP"
        return Completion(
            provider=provider,
            model=model,
            text="".join(p["text"] for p in parts if "text" in p and not p.get("thought")),
            tool_calls=calls,
            usage=priced_usage(
                provider, model, usage.get("prompt_token_count") or 0, output_tokens
            ),
            finish_reason="tool_calls" if calls else FINISH_REASONS.get(finish, finish.lower()),
        )


class GeminiChat:
    """`Provider` over Gemini's generateContent; the SDK does the timeouts and retries.
    Pass `api_key` for the Gemini API or `vertex` for Vertex AI, not both."""

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None = None,
        vertex: Vertex | None = None,
        base_url: str | None = None,
        policy: CallPolicy = DEFAULT_POLICY,
    ) -> None:
        if (api_key is None) == (vertex is None):
            raise ValueError("GeminiChat needs exactly one of api_key and vertex")
        self.name = "vertex" if vertex else "gemini"
        self.model = model
        self._api_key = api_key or ""
        self._vertex = vertex
        self._base_url = base_url
        self._policy = policy

    @functools.cached_property
    def _client(self) -> genai.Client:
        """Built on first use, so the SDK never loads at a function's cold start."""
        from google import genai
        from google.genai import types

        options = types.HttpOptions(
            base_url=self._base_url,
            timeout=int(self._policy.timeout_s * 1000),
            retry_options=types.HttpRetryOptions(
                attempts=self._policy.max_retries + 1,
                initial_delay=self._policy.backoff_s,
                max_delay=8.0,
                jitter=self._policy.backoff_s,
            ),
        )
        if self._vertex:
            return genai.Client(
                vertexai=True,
                project=self._vertex.project,
                location=self._vertex.location,
                http_options=options,
            )
        return genai.Client(api_key=self._api_key, http_options=options)

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        try:
            reply = self._send(messages, tools, temperature, max_tokens)
        except Exception as exc:  # the SDK boundary: no vendor exception gets past it
            raise self._failure(exc) from None
        return gemini_completion(self.name, self.model, reply)

    def _send(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        temperature: float,
        max_tokens: int,
    ) -> dict[str, Any]:
        from google.genai import types

        system, contents = gemini_contents(messages)
        declarations = [
            types.FunctionDeclaration(
                name=t.name, description=t.description, parameters_json_schema=t.parameters
            )
            for t in tools
        ]
        config = types.GenerateContentConfig(
            system_instruction=system or None,
            tools=[types.Tool(function_declarations=declarations)] if declarations else None,
            temperature=temperature,
            max_output_tokens=max_tokens,
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        )
        response = self._client.models.generate_content(
            model=self.model, contents=contents, config=config
        )
        return response.model_dump(mode="json", exclude_none=True)

    def _failure(self, exc: Exception) -> ProviderError:
        import httpx2
        from google.genai import errors

        if isinstance(exc, errors.APIError):
            return http_failure(self.name, exc.code, exc.message or "", secret=self._api_key)
        if isinstance(exc, httpx2.TimeoutException):
            return ProviderError(self.name, f"timed out ({self._policy.timeout_s}s per attempt)")
        if isinstance(exc, httpx2.TransportError):
            return ProviderError(self.name, "connection failed")
        return unexpected_failure(self.name, exc, secret=self._api_key)
