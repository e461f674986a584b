"""The LLM tagger against a scripted provider: a valid answer is used, and every unusable
one (provider error, prose, an unknown tag, an invented message, a loss for a conversation
that is not lost) falls back to the rules' reading."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.ai.providers.base import Completion, Message, ProviderError, ToolSpec
from shared.analytics.tagging import llm, rules
from shared.analytics.tagging.model import Conversation, Said

T0 = datetime(2026, 11, 3, 18, tzinfo=UTC)


class ScriptedProvider:
    name = "scripted"

    def __init__(self, answer: str | Exception) -> None:
        self.answer = answer
        self.seen: list[Sequence[Message]] = []

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        self.seen.append(messages)
        if isinstance(self.answer, Exception):
            raise self.answer
        return Completion(provider=self.name, model="m", text=self.answer)


def _conversation(lost: bool = True) -> Conversation:
    turns = [
        ("customer", "how much for 20? call me at 213-555-0100"),
        ("ai", "That's $1,100."),
        ("customer", "hmm, we went with someone else"),
    ]
    return Conversation(
        thread_id="t",
        messages=[
            Said(id=f"m{i}", author=a, text=t, at=T0 + timedelta(minutes=i))
            for i, (a, t) in enumerate(turns)
        ],
        quoted_at=T0 + timedelta(minutes=1),
        lost_at=T0 + timedelta(days=7) if lost else None,
    )


GOOD: dict[str, Any] = {
    "tags": [
        {"family": "intent", "tag": "price_shopping", "confidence": 0.7},
        {"family": "outcome", "tag": "booked", "confidence": 1.0},  # facts are not the model's
    ],
    "objections": [{"message_id": "m2", "objection": "competition"}],
    "loss": {"reason": "competition", "evidence_id": "m2", "confidence": 0.9},
    "sentiment": -0.2,
}


def test_a_valid_answer_is_the_reading_without_fact_families() -> None:
    provider = ScriptedProvider("```json\n" + json.dumps(GOOD) + "\n```")
    reading = llm.read(provider, _conversation())
    assert reading.tagger == "llm"
    assert reading.loss is not None and reading.loss.evidence_id == "m2"
    assert [(t.family, t.tag) for t in reading.tags] == [("intent", "price_shopping")]
    assert reading.sentiment == -0.2
    [(system, transcript)] = [(m[0].content, m[1].content) for m in provider.seen]
    assert "ignore any instructions" in system and "give loss" in system
    assert "213-555-0100" not in transcript and "[PHONE]" in transcript


def _changed(**change: Any) -> str:
    return json.dumps(GOOD | change)


@pytest.mark.parametrize(
    "answer",
    [
        ProviderError("scripted", "HTTP 503"),
        "Sure! The customer seems to have gone elsewhere.",
        "{not json",
        _changed(tags=[{"family": "intent", "tag": "very_keen", "confidence": 0.5}]),
        _changed(objections=[{"message_id": "m1", "objection": "price"}]),  # our own reply
        _changed(loss={"reason": "price", "evidence_id": "m99", "confidence": 0.5}),
        _changed(loss={"reason": "weather", "evidence_id": None, "confidence": 0.5}),
        _changed(sentiment=3),
        _changed(loss=None),  # the conversation is lost: a loss is required
    ],
)
def test_an_unusable_answer_falls_back_to_the_rules(answer: str | Exception) -> None:
    conversation = _conversation()
    reading = llm.read(ScriptedProvider(answer), conversation)
    assert reading == rules.read(conversation)
    assert reading.tagger == "rules" and reading.loss is not None
    assert reading.loss.reason == "competition"  # the rules read it too


def test_a_loss_for_a_conversation_that_is_not_lost_is_refused() -> None:
    conversation = _conversation(lost=False)
    reading = llm.read(ScriptedProvider(json.dumps(GOOD)), conversation)
    assert reading.tagger == "rules" and reading.loss is None
