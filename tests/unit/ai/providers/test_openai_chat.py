"""OpenAI Chat Completions: a tool-call round trip through the real SDK and the fake server."""

from __future__ import annotations

import json

import pytest

from shared.ai.providers.base import ToolCall
from shared.ai.providers.openai_chat import OpenAIChat
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
                calls=[("call_1", "get_quote", json.dumps(QUOTE_ARGS))], usage=(120, 30)
            )
        ),
        Reply(body=openai_reply("12 guests in 94103: $660.00.", usage=(180, 12))),
    )
    provider = OpenAIChat("sk-test", "gpt-4o-mini", base_url=f"{fake.base_url}/v1", policy=FAST)

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    second = provider.complete(answered(first), [QUOTE_TOOL])

    assert first.tool_calls == (ToolCall("call_1", "get_quote", QUOTE_ARGS),)
    assert first.finish_reason == "tool_calls"
    assert (first.usage.input_tokens, first.usage.output_tokens) == (120, 30)
    assert first.usage.cost_usd == pytest.approx((120 * 0.15 + 30 * 0.60) / 1e6)
    assert (second.provider, second.model) == ("openai", "gpt-4o-mini")
    assert second.text == "12 guests in 94103: $660.00."
    assert second.tool_calls == () and second.finish_reason == "stop"
    assert second.usage.cost_usd == pytest.approx((180 * 0.15 + 12 * 0.60) / 1e6)

    sent = [r.json() for r in fake.requests_to("chat")]
    assert fake.requests[0].headers["authorization"] == "Bearer sk-test"
    assert sent[0]["model"] == "gpt-4o-mini"
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
    assert sent[0]["messages"] == [
        {"role": "system", "content": CONVERSATION[0].content},
        {"role": "user", "content": CONVERSATION[1].content},
    ]
    call, result = sent[1]["messages"][-2:]
    assert call["role"] == "assistant"
    assert call["tool_calls"][0]["id"] == "call_1"
    assert json.loads(call["tool_calls"][0]["function"]["arguments"]) == QUOTE_ARGS
    assert result == {"role": "tool", "content": QUOTE_RESULT, "tool_call_id": "call_1"}


def test_no_tools_sends_no_tools_field(fake: FakeLLM) -> None:
    """OpenAI rejects an empty `tools` list, so a turn without tools must omit the field."""
    fake.script("chat", Reply(body=openai_reply("Hi!")))

    OpenAIChat("sk-test", "gpt-4o-mini", base_url=f"{fake.base_url}/v1", policy=FAST).complete(
        CONVERSATION, temperature=0.0, max_tokens=50
    )

    (request,) = fake.requests_to("chat")
    assert "tools" not in request.json()
    assert request.json()["temperature"] == 0.0
    assert request.json()["max_completion_tokens"] == 50
