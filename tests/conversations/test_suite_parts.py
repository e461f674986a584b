"""The suite's own parts: relative dates, money reading, language, and the command LLM."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.ai.providers.base import Message, ProviderError, ToolSpec
from shared.ai.providers.openai_chat import OpenAIChat
from tests.conversations.harness import amounts, looks_spanish, says
from tests.conversations.spec import render, resolve_date
from tests.support.command_llm import TOOL, CommandLLM

SATURDAY = date(2030, 6, 1)
WEDNESDAY = SATURDAY - timedelta(days=3)


@pytest.mark.parametrize(
    ("today", "spec", "expected"),
    [
        (SATURDAY, "+3w sat", date(2030, 6, 22)),  # "saturday three weeks from now"
        (WEDNESDAY, "+3w sat", date(2030, 6, 22)),
        (SATURDAY, "sat! +1w", date(2030, 6, 15)),  # "the Saturday after next"
        (WEDNESDAY, "sat! +1w", date(2030, 6, 8)),
        (SATURDAY, "+3w", date(2030, 6, 22)),  # "in 3 weeks"
        (SATURDAY, "nextmonth:12", date(2030, 7, 12)),
        (date(2030, 12, 20), "nextmonth:12", date(2031, 1, 12)),
        (SATURDAY, "+1w mon +1d", date(2030, 6, 11)),
        (SATURDAY, "sun +2w", date(2030, 6, 16)),  # "two weeks from this Sunday"
    ],
)
def test_relative_dates(today: date, spec: str, expected: date) -> None:
    assert resolve_date(spec, today) == expected


def test_placeholders_render_for_the_run_day() -> None:
    book = {"deposit": {"cents": 10000}}
    text = render(
        "{weekday:+3w sat} {date:+3w sat}, {fecha:+3w sat}: {money:deposit.cents}", SATURDAY, book
    )
    assert text == "Saturday June 22, 22 de junio: $100"


def test_amounts_are_read_in_cents() -> None:
    text = "Total $1,100 (or $1.100), deposit $100.00, filet +$5; 15 guests, 6:30pm, 95814"
    assert amounts(text) == [110_000, 110_000, 10_000, 500]


def test_words_are_matched_from_their_start() -> None:
    assert says("fried rice and two proteins", "rice")
    assert not says("the price is right", "rice")
    assert says("we start at 11:00", "11") and not says("zip 95211", "11")


def test_spanish_is_told_from_english() -> None:
    assert looks_spanish("Para 12 invitados el sábado 5 de diciembre el total es $660.")
    assert not looks_spanish("For 12 guests on Saturday, December 5 your total is $660.")


def test_command_llm_answers_emit_commands_and_refuses_the_rest() -> None:
    tool = ToolSpec(TOOL, "Commands for the latest message", {"type": "object"})
    commands = [{"type": "set_slot", "slot": "adults", "value": 15}]
    with CommandLLM().running() as fake:
        llm = OpenAIChat("test", "gpt-command-fake", base_url=fake.base_url)
        fake.expect("make that 15", commands)
        done = llm.complete([Message("user", "actually make that 15")], tools=[tool])
        assert [(c.name, c.arguments) for c in done.tool_calls] == [(TOOL, {"commands": commands})]
        with pytest.raises(ProviderError):  # free-form phrasing: not scripted, the cascade moves on
            llm.complete([Message("user", "actually make that 15")])
        fake.expect("a message never sent", commands)  # commands only for their own message
        with pytest.raises(ProviderError):
            llm.complete([Message("user", "actually make that 15")], tools=[tool])
    assert [a.expected_text for a in fake.asked] == ["make that 15", "a message never sent"]
    assert fake.other_requests == 1  # a refusal is not retried: the cascade moves on at once
