"""Anthropic Messages: a tool-call round trip through the real SDK and the fake server."""

from __future__ import annotations

import pytest

from shared.ai.providers.anthropic_messages import AnthropicMessages
from shared.ai.providers.base import Message, ToolCall
from tests.support.fake_llm import FakeLLM, Reply, anthropic_reply
from tests.unit.ai.providers.cases import (
    CONVERSATION,
    FAST,
    QUOTE_ARGS,
    QUOTE_RESULT,
    QUOTE_TOOL,
    answered,
)


def _provider(fake: FakeLLM) -> AnthropicMessages:
    return AnthropicMessages("sk-ant-test", "claude-haiku-4-5", base_url=fake.base_url, policy=FAST)


def test_tool_call_round_trip(fake: FakeLLM) -> None:
    fake.script(
        "messages",
        Reply(
            body=anthropic_reply(
                "Let me price that.", calls=[("toolu_1", "get_quote", QUOTE_ARGS)], usage=(200, 40)
            )
        ),
        Reply(body=anthropic_reply("12 guests in 94103: $660.00.", usage=(260, 15))),
    )
    provider = _provider(fake)

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    second = provider.complete(answered(first), [QUOTE_TOOL])

    assert first.text == "Let me price that."
    assert first.tool_calls == (ToolCall("toolu_1", "get_quote", QUOTE_ARGS),)
    assert first.finish_reason == "tool_calls"
    assert (first.usage.input_tokens, first.usage.output_tokens) == (200, 40)
    assert first.usage.cost_usd == pytest.approx((200 * 1.0 + 40 * 5.0) / 1e6)
    assert second.text == "12 guests in 94103: $660.00."
    assert (second.provider, second.finish_reason) == ("anthropic", "stop")

    sent = [r.json() for r in fake.requests_to("messages")]
    assert sent[0]["system"] == CONVERSATION[0].content  # a parameter, not a message
    assert sent[0]["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": CONVERSATION[1].content}]}
    ]
    assert sent[0]["tools"] == [
        {
            "name": "get_quote",
            "description": QUOTE_TOOL.description,
            "input_schema": QUOTE_TOOL.parameters,
        }
    ]
    assert sent[0]["max_tokens"] == 600
    assert sent[1]["messages"][1:] == [
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Let me price that."},
                {"type": "tool_use", "id": "toolu_1", "name": "get_quote", "input": QUOTE_ARGS},
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": QUOTE_RESULT}],
        },
    ]


def test_parallel_tool_results_go_back_in_one_user_turn(fake: FakeLLM) -> None:
    """The API alternates roles: every result answering one assistant turn is one message."""
    fake.script("messages", Reply(body=anthropic_reply("Done.")))
    calls = (ToolCall("toolu_1", "get_quote", QUOTE_ARGS), ToolCall("toolu_2", "menu", {}))

    _provider(fake).complete(
        [
            *CONVERSATION,
            Message("assistant", tool_calls=calls),
            Message("tool", QUOTE_RESULT, tool_call_id="toolu_1"),
            Message("tool", "Chicken, steak, shrimp.", tool_call_id="toolu_2"),
        ]
    )

    turns = fake.requests_to("messages")[0].json()["messages"]
    assert [t["role"] for t in turns] == ["user", "assistant", "user"]
    assert [b["tool_use_id"] for b in turns[2]["content"]] == ["toolu_1", "toolu_2"]
