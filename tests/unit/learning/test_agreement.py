"""Agreement is judged per component, on what matters rather than on wording."""

from __future__ import annotations

import pytest

from shared.learning.agreement import Side, dates_in, judge

QUOTE = {"name": "calculate_party_quote", "arguments": {"adults": 20, "event_date": "2026-12-05"}}
REPLY = "For 20 guests on Saturday, December 5 your total is $1,100. Want to check times?"


def _near(a: str, b: str) -> float:
    return 0.95


def _far(a: str, b: str) -> float:
    return 0.40


def _side(**overrides: object) -> Side:
    base: dict[str, object] = {"tool_calls": [QUOTE], "reply": REPLY, "asked": "offer_availability"}
    return Side.model_validate(base | overrides)


def test_the_same_turn_agrees_on_every_component() -> None:
    verdict = judge(_side(), _side(), _far, 0.85)
    assert verdict.agree and verdict.similarity == 1.0 and verdict.failed() == []


def test_a_tool_argument_that_differs_is_a_tools_disagreement() -> None:
    other = {"name": QUOTE["name"], "arguments": {"adults": 30, "event_date": "2026-12-05"}}
    verdict = judge(_side(), _side(tool_calls=[other]), _near, 0.85)
    assert verdict.failed() == ["tools"]


def test_tool_calls_compare_as_a_set_of_calls_in_any_order() -> None:
    travel = {"name": "calculate_travel_fee", "arguments": {"customer_zipcode": "90012"}}
    verdict = judge(
        _side(tool_calls=[QUOTE, travel]), _side(tool_calls=[travel, QUOTE]), _near, 0.85
    )
    assert verdict.tools


def test_another_flow_step_escalation_or_block_is_named() -> None:
    assert judge(_side(), _side(asked="guests"), _near, 0.85).failed() == ["flow"]
    assert judge(_side(), _side(escalation="validator_blocked"), _near, 0.85).failed() == [
        "escalation"
    ]
    # Both escalate for different reasons: the same decision.
    assert judge(
        _side(escalation="legal_threat"), _side(escalation="safety"), _near, 0.85
    ).escalation
    assert judge(_side(), _side(blocked=["ungrounded_price"]), _near, 0.85).failed() == [
        "validator"
    ]


def test_a_paraphrase_with_the_same_facts_is_equivalent() -> None:
    said = "Your total for 20 guests on Saturday, December 5 is $1,100 - shall I check times?"
    verdict = judge(_side(), _side(reply=said), _near, 0.85)
    assert verdict.reply and verdict.amounts and verdict.dates


@pytest.mark.parametrize(
    ("said", "amounts", "dates"),
    [
        ("For 20 guests on Saturday, December 5 your total is $1,150.", False, True),
        ("For 20 guests on Saturday, December 6 your total is $1,100.", True, False),
        ("For 20 guests on Saturday, December 5 at 5 pm your total is $1,100.", True, False),
    ],
)
def test_a_similar_reply_with_other_amounts_or_dates_is_not_equivalent(
    said: str, amounts: bool, dates: bool
) -> None:
    verdict = judge(_side(), _side(reply=said), _near, 0.85)
    assert not verdict.reply
    assert (verdict.amounts, verdict.dates) == (amounts, dates)


@pytest.mark.parametrize(
    "said",
    [
        "For 20 guests on Saturday, 12/5 your total is $1,100.",
        "For 20 guests on Saturday, Dec. 5th your total is $1,100.",
        "Para 20 personas el sábado 5 de diciembre el total es $1,100.",
    ],
)
def test_the_same_date_written_another_way_is_the_same_date(said: str) -> None:
    verdict = judge(_side(), _side(reply=said), _near, 0.85)
    assert verdict.dates and verdict.amounts and verdict.reply


def test_a_dissimilar_reply_is_not_equivalent_even_with_the_same_facts() -> None:
    verdict = judge(_side(), _side(reply="December 5, $1,100."), _far, 0.85)
    assert not verdict.reply and verdict.amounts and verdict.dates and verdict.similarity == 0.4


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Saturday, December 5 at 5:30 pm", ["12-05", "17:30"]),
        ("dec. 5th at 6PM", ["12-05", "18:00"]),
        ("on 2026-12-05 or 12/6 at 12 pm", ["12-05", "12-06", "12:00"]),
        ("el 5 de diciembre a las 18:00", ["12-05", "18:00"]),
        ("June 14 at 11 a.m.", ["06-14", "11:00"]),
        ("for 20 guests, $1,100", []),
    ],
)
def test_dates_and_times_a_reply_states(text: str, found: list[str]) -> None:
    assert sorted(dates_in(text).elements()) == sorted(found)
