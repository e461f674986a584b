"""LLM drafts are used only when configured and only when they pass the checks a typed
text must pass; otherwise the holiday template is the draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from shared.ai.providers.base import LLM_TIERS, Completion, Message, ProviderError
from shared.marketing import drafting, templates
from shared.platform.errors import ValidationFailed


class Scripted:
    name = "scripted"

    def __init__(self, answer: str | Exception) -> None:
        self.answer = answer
        self.prompts: list[str] = []

    def complete(self, messages: Sequence[Message], tools: Any = (), **_: Any) -> Completion:
        self.prompts.append(messages[-1].content)
        if isinstance(self.answer, Exception):
            raise self.answer
        return Completion(provider="scripted", model="m", text=self.answer)


class Tiers:
    def __init__(self, provider: Scripted | None) -> None:
        self.provider = provider

    def adapter(self, port: Any) -> Scripted | None:
        assert port is LLM_TIERS
        return self.provider


def draft(provider: Scripted | None, channel: str = "sms") -> drafting.Draft:
    return drafting.draft(
        Tiers(provider),  # type: ignore[arg-type]
        holiday="fathers_day",
        channel=channel,  # type: ignore[arg-type]
        brief="grill theme",
    )


def test_without_an_llm_the_template_is_the_draft() -> None:
    assert draft(None) == drafting.Draft(templates.HOLIDAYS_BY_KEY["fathers_day"].text, "template")


def test_a_good_llm_draft_is_kept() -> None:
    llm = Scripted(
        '"Hi {first_name}! Let Dad relax: our chef grills hibachi at home. Reply to book."'
    )
    result = draft(llm)
    assert result.source == "llm" and result.text.startswith("Hi {first_name}! Let Dad")
    assert "Father's Day" in llm.prompts[0] and "grill theme" in llm.prompts[0]


@pytest.mark.parametrize(
    "answer",
    [
        "Hi {first_name}! Dad deserves it 🎉 Reply to book.",  # UCS-2
        "Hi {name}! Book now.",  # unknown placeholder
        "Hi {first_name}! " + "Hibachi for Dad. " * 12,  # more than one segment
        "",
        ProviderError("scripted", "down"),
    ],
)
def test_an_llm_draft_that_fails_a_check_falls_back_to_the_template(answer: Any) -> None:
    assert draft(Scripted(answer)).source == "template"


def test_an_unknown_holiday_is_a_field_error() -> None:
    with pytest.raises(ValidationFailed):
        drafting.draft(Tiers(None), holiday="arbor_day", channel="sms", brief=None)  # type: ignore[arg-type]
