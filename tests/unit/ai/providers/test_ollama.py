"""Ollama /api/chat: a tool-call round trip against the fake server."""

from __future__ import annotations

from shared.ai.providers.ollama import OllamaChat
from tests.support.fake_llm import FakeLLM, Reply, ollama_reply
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
        "ollama",
        Reply(body=ollama_reply(calls=[("", "get_quote", QUOTE_ARGS)], usage=(300, 20))),
        Reply(body=ollama_reply("12 guests in 94103: $660.00.", usage=(350, 12))),
    )
    provider = OllamaChat("llama3.1:8b", f"{fake.base_url}/", policy=FAST)

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    second = provider.complete(answered(first), [QUOTE_TOOL])

    (call,) = first.tool_calls
    assert (call.name, call.arguments) == ("get_quote", QUOTE_ARGS)
    assert call.id  # Ollama gives none; the adapter makes one so results can link back
    assert first.finish_reason == "tool_calls"
    assert (first.usage.input_tokens, first.usage.output_tokens, first.usage.cost_usd) == (
        300,
        20,
        0.0,  # a local model costs nothing
    )
    assert (second.provider, second.text) == ("ollama", "12 guests in 94103: $660.00.")

    sent = [r.json() for r in fake.requests_to("ollama")]
    assert sent[0]["model"] == "llama3.1:8b"
    assert sent[0]["stream"] is False
    assert sent[0]["options"] == {"temperature": 0.2, "num_predict": 600}
    assert sent[0]["tools"][0]["function"]["parameters"] == QUOTE_TOOL.parameters
    assistant, result = sent[1]["messages"][-2:]
    assert assistant["tool_calls"][0]["function"] == {"name": "get_quote", "arguments": QUOTE_ARGS}
    assert result["role"] == "tool"
    assert result["content"] == QUOTE_RESULT
    assert result["tool_name"] == "get_quote"
