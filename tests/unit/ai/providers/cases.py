"""The adapters under test, each pointed at the fake server, and a conversation to send them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from shared.ai.providers.anthropic_messages import AnthropicMessages
from shared.ai.providers.base import CallPolicy, Completion, Message, Provider, ToolSpec
from shared.ai.providers.gemini import GeminiChat
from shared.ai.providers.mistral import MistralChat
from shared.ai.providers.ollama import OllamaChat
from shared.ai.providers.openai_chat import OpenAIChat
from tests.support import fake_llm

# Tiny timeouts and backoff keep failure tests fast; two retries as in production.
FAST = CallPolicy(timeout_s=0.5, max_retries=2, backoff_s=0.01)

QUOTE_TOOL = ToolSpec(
    name="get_quote",
    description="Price a hibachi party from the price book.",
    parameters={
        "type": "object",
        "properties": {"guests": {"type": "integer"}, "zip": {"type": "string"}},
        "required": ["guests", "zip"],
    },
)
CONVERSATION = (
    Message("system", "You are MyHibachi's booking assistant."),
    Message("user", "How much for 12 guests in 94103?"),
)
QUOTE_ARGS = {"guests": 12, "zip": "94103"}
QUOTE_RESULT = '{"total_cents": 66000}'


def answered(first: Completion) -> list[Message]:
    """The conversation after the model's tool call and the tool's result."""
    (call,) = first.tool_calls
    return [
        *CONVERSATION,
        Message("assistant", first.text, tool_calls=first.tool_calls),
        Message("tool", QUOTE_RESULT, tool_call_id=call.id, name=call.name),
    ]


class Scripted:
    """An in-process provider that answers or raises as told, and counts its calls."""

    def __init__(self, name: str, error: Exception | None = None) -> None:
        self.name = name
        self.error = error
        self.calls = 0

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        self.calls += 1
        if self.error:
            raise self.error
        return Completion(provider=self.name, model="scripted", text=f"{self.name} here")


@dataclass(frozen=True)
class Case:
    """One adapter: how to build it against the fake, and its wire format's replies."""

    name: str
    route: str
    model: str
    key: str | None  # the API key it sends (None: keyless local model)
    make: Callable[[str, CallPolicy], Provider]  # (fake base URL, policy) -> adapter
    reply: Callable[..., dict[str, Any]]

    def ok(self, text: str = "Happy to help!") -> fake_llm.Reply:
        return fake_llm.Reply(body=self.reply(text))

    def error(self, status: int, message: str = "try later") -> fake_llm.Reply:
        body = fake_llm.error_body(self.route, status, message)
        return fake_llm.Reply(status, body, fake_llm.RETRY_SOON)


CASES = [
    Case(
        "openai",
        "chat",
        "gpt-4o-mini",
        "sk-test-openai-0123456789",
        lambda url, policy: OpenAIChat(
            "sk-test-openai-0123456789", "gpt-4o-mini", base_url=f"{url}/v1", policy=policy
        ),
        fake_llm.openai_reply,
    ),
    Case(
        "anthropic",
        "messages",
        "claude-haiku-4-5",
        "sk-ant-test-0123456789",
        lambda url, policy: AnthropicMessages(
            "sk-ant-test-0123456789", "claude-haiku-4-5", base_url=url, policy=policy
        ),
        fake_llm.anthropic_reply,
    ),
    Case(
        "mistral",
        "chat",
        "mistral-small-latest",
        "mistral-test-0123456789",
        lambda url, policy: MistralChat(
            "mistral-test-0123456789", "mistral-small-latest", server_url=url, policy=policy
        ),
        fake_llm.openai_reply,
    ),
    Case(
        "gemini",
        "gemini",
        "gemini-2.0-flash",
        "AIza-test-0123456789",
        lambda url, policy: GeminiChat(
            "gemini-2.0-flash", api_key="AIza-test-0123456789", base_url=url, policy=policy
        ),
        fake_llm.gemini_reply,
    ),
    Case(
        "ollama",
        "ollama",
        "llama3.1",
        None,
        lambda url, policy: OllamaChat("llama3.1", url, policy=policy),
        fake_llm.ollama_reply,
    ),
]
CASE_IDS = [c.name for c in CASES]
