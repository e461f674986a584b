"""Mistral chat completions: a tool-call round trip through the real SDK and the fake server."""

from __future__ import annotations

import json

import pytest

from shared.ai.providers.base import ToolCall
from shared.ai.providers.mistral import MistralChat
from tests.support.fake_llm import FakeLLM, Reply, openai_reply
from tests.unit.ai.providers.cases import (
    CONVERSATION,
    FAST,
    QUOTE_ARGS,
    QUOTE_RESULT,
    QUOTE_TOOL,
    answered,
)


def test_tool_call_round_trip(fake: FakeLLM) -> None:
    fake.script(
        "chat",
        Reply(
            body=openai_reply(
                calls=[("a1B2c3D4e", "get_quote", json.dumps(QUOTE_ARGS))], usage=(90, 20)
            )
        ),
        Reply(body=openai_reply("12 guests in 94103: $660.00.", usage=(130, 10))),
    )
    provider = MistralChat(
        "mistral-test", "mistral-small-latest", server_url=fake.base_url, policy=FAST
    )

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    second = provider.complete(answered(first), [QUOTE_TOOL])

    assert first.tool_calls == (ToolCall("a1B2c3D4e", "get_quote", QUOTE_ARGS),)
    assert (first.usage.input_tokens, first.usage.output_tokens) == (90, 20)
    assert first.usage.cost_usd == pytest.approx((90 * 0.10 + 20 * 0.30) / 1e6)
    assert (second.provider, second.text) == ("mistral", "12 guests in 94103: $660.00.")

    requests = fake.requests_to("chat")
    assert requests[0].headers["authorization"] == "Bearer mistral-test"
    sent = [r.json() for r in requests]
    assert sent[0]["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "get_quote",
                "description": QUOTE_TOOL.description,
                "parameters": QUOTE_TOOL.parameters,
            },
        }
    ]
    call, result = sent[1]["messages"][-2:]
    assert call["tool_calls"][0]["id"] == "a1B2c3D4e"
    assert json.loads(call["tool_calls"][0]["function"]["arguments"]) == QUOTE_ARGS
    assert result == {
        "role": "tool",
        "content": QUOTE_RESULT,
        "tool_call_id": "a1B2c3D4e",
        "name": "get_quote",  # Mistral wants the tool's name with its result
    }


def test_text_in_content_chunks_is_joined(fake: FakeLLM) -> None:
    reply = openai_reply()
    reply["choices"][0]["message"]["content"] = [
        {"type": "text", "text": "Hibachi "},
        {"type": "text", "text": "tonight!"},
    ]
    fake.script("chat", Reply(body=reply))

    completion = MistralChat(
        "mistral-test", "mistral-small-latest", server_url=fake.base_url, policy=FAST
    ).complete(CONVERSATION)

    assert completion.text == "Hibachi tonight!"
