"""Gemini via google-genai: a tool-call round trip through the real SDK and the fake server."""

from __future__ import annotations

import pytest

from shared.ai.providers.base import ToolCall
from shared.ai.providers.gemini import GeminiChat, Vertex
from tests.support.fake_llm import FakeLLM, Reply, gemini_reply
from tests.unit.ai.providers.cases import (
    CONVERSATION,
    FAST,
    QUOTE_ARGS,
    QUOTE_TOOL,
    answered,
)


def _provider(fake: FakeLLM) -> GeminiChat:
    return GeminiChat("gemini-2.0-flash", api_key="AIza-test", base_url=fake.base_url, policy=FAST)


def test_tool_call_round_trip(fake: FakeLLM) -> None:
    fake.script(
        "gemini",
        Reply(body=gemini_reply(calls=[("fc_1", "get_quote", QUOTE_ARGS)], usage=(150, 25))),
        Reply(body=gemini_reply("12 guests in 94103: $660.00.", usage=(210, 14))),
    )
    provider = _provider(fake)

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    second = provider.complete(answered(first), [QUOTE_TOOL])

    assert first.tool_calls == (ToolCall("fc_1", "get_quote", QUOTE_ARGS),)
    assert first.finish_reason == "tool_calls"
    assert (first.usage.input_tokens, first.usage.output_tokens) == (150, 25)
    assert first.usage.cost_usd == pytest.approx((150 * 0.10 + 25 * 0.40) / 1e6)
    assert (second.provider, second.text) == ("gemini", "12 guests in 94103: $660.00.")
    assert second.finish_reason == "stop"

    requests = fake.requests_to("gemini")
    assert requests[0].path.endswith("/models/gemini-2.0-flash:generateContent")
    assert requests[0].headers["x-goog-api-key"] == "AIza-test"
    sent = [r.json() for r in requests]
    assert sent[0]["systemInstruction"]["parts"] == [{"text": CONVERSATION[0].content}]
    assert sent[0]["contents"] == [{"role": "user", "parts": [{"text": CONVERSATION[1].content}]}]
    (declaration,) = sent[0]["tools"][0]["functionDeclarations"]
    assert declaration["name"] == "get_quote"
    assert declaration["description"] == QUOTE_TOOL.description
    assert declaration["parameters_json_schema"] == QUOTE_TOOL.parameters
    assert sent[0]["generationConfig"] == {"temperature": 0.2, "maxOutputTokens": 600}
    call, result = sent[1]["contents"][-2:]
    assert call == {
        "role": "model",
        "parts": [{"functionCall": {"id": "fc_1", "name": "get_quote", "args": QUOTE_ARGS}}],
    }
    assert result == {
        "role": "user",
        "parts": [
            {
                "functionResponse": {
                    "id": "fc_1",
                    "name": "get_quote",
                    "response": {"total_cents": 66000},
                }
            }
        ],
    }


def test_call_without_id_gets_one(fake: FakeLLM) -> None:
    """Some Gemini models send calls without ids; the result must still link to its call."""
    fake.script("gemini", Reply(body=gemini_reply(calls=[("", "get_quote", QUOTE_ARGS)])))

    (call,) = _provider(fake).complete(CONVERSATION, [QUOTE_TOOL]).tool_calls

    assert call.id.startswith("call_") and call.name == "get_quote"


def test_thinking_counts_as_output_and_stays_out_of_the_text(fake: FakeLLM) -> None:
    reply = gemini_reply("Yes, we cook for 12.", usage=(100, 10))
    reply["candidates"][0]["content"]["parts"].insert(0, {"text": "plan...", "thought": True})
    reply["usageMetadata"]["thoughtsTokenCount"] = 50
    fake.script("gemini", Reply(body=reply))

    completion = _provider(fake).complete(CONVERSATION)

    assert completion.text == "Yes, we cook for 12."
    assert completion.usage.output_tokens == 60


def test_exactly_one_of_api_key_and_vertex() -> None:
    with pytest.raises(ValueError):
        GeminiChat("gemini-2.0-flash")
    with pytest.raises(ValueError):
        GeminiChat("gemini-2.0-flash", api_key="k", vertex=Vertex("p"))
    assert GeminiChat("gemini-2.0-flash", vertex=Vertex("p", "us-central1")).name == "vertex"


def test_thought_signature_goes_back_with_its_call(fake: FakeLLM) -> None:
    """Gemini 3 models reject a function call sent back without its thought signature."""
    reply = gemini_reply(calls=[("fc_1", "get_quote", QUOTE_ARGS)])
    reply["candidates"][0]["content"]["parts"][0]["thoughtSignature"] = "c2lnLTEyMw=="
    fake.script("gemini", Reply(body=reply), Reply(body=gemini_reply("Done.")))
    provider = _provider(fake)

    first = provider.complete(CONVERSATION, [QUOTE_TOOL])
    provider.complete(answered(first), [QUOTE_TOOL])

    assert first.tool_calls[0].signature == "c2lnLTEyMw=="
    call_turn = fake.requests_to("gemini")[1].json()["contents"][1]
    assert call_turn["parts"][0]["thoughtSignature"] == "c2lnLTEyMw=="
