"""Offline understanding reads a message against the dialogue state; LLM commands are
cross-checked against it."""

from __future__ import annotations

from datetime import date

import pytest

from shared.ai import commands as c
from shared.ai import routing
from shared.ai.understanding.llm import cross_check
from shared.ai.understanding.offline import understand
from shared.conversation.state import BookingRef, DialogueState
from shared.pricing.price_book import default_price_book

TODAY = date(2026, 11, 21)


def _read(text: str, state: DialogueState, agent: str = "lead") -> list[c.Command]:
    found = routing.extraction(text, TODAY, default_price_book())
    return understand(text, found, state, agent=agent, today=TODAY)


def _slots(commands: list[c.Command]) -> dict[str, object]:
    return {x.slot: x.value for x in commands if isinstance(x, c.SetSlot | c.CorrectSlot)}


def _quoted_for(adults: int) -> DialogueState:
    state = DialogueState()
    for slot, value in (("adults", adults), ("event_date", "2026-12-05"), ("zipcode", "95814")):
        state.put(slot, value, source="offline", message_id="m1")
    state.asked = "offer_availability"
    return state


def test_a_bare_number_answers_the_question_asked() -> None:
    asked = DialogueState(asked="adults")
    assert _slots(_read("20", asked)) == {"adults": 20}
    assert any(isinstance(x, c.CorrectSlot) for x in _read("make that 15", _quoted_for(12)))
    assert _slots(_read("actually make that 15", _quoted_for(12)))["adults"] == 15


@pytest.mark.parametrize(
    ("text", "make_up"),
    [
        ("we'd be 12 people: 9 adults and 3 kids", (9, 3, None)),
        ("12 people, 9 adults and my 3 kids who are 13, 7 and 2", (10, 1, 1)),
    ],
)
def test_a_total_with_its_make_up_sets_the_make_up(
    text: str, make_up: tuple[int | None, ...]
) -> None:
    slots = _slots(_read(text, DialogueState()))
    assert tuple(slots.get(k) for k in ("adults", "children", "toddlers")) == make_up


def test_a_status_question_after_a_hold_never_starts_a_booking() -> None:
    state = _quoted_for(12)
    state.booking = BookingRef(id="bk_0123456789ab", status="held")
    for text in ("Is my booking confirmed now?", "did it go through?", "book it"):
        flows = [x.flow for x in _read(text, state) if isinstance(x, c.StartFlow)]
        assert "book" not in flows and flows in ([], ["booking_status"]), (text, flows)


def test_a_new_day_after_a_hold_is_a_reschedule() -> None:
    state = _quoted_for(12)
    state.booking = BookingRef(
        id="bk_0123456789ab", status="held", event_date=date(2026, 12, 5), start_time="18:00"
    )
    commands = _read("can we move our party a week later? same time", state)
    assert c.StartFlow(flow="reschedule") in commands
    assert _slots(commands)["event_date"] == "2026-12-12"


def test_small_talk_is_never_a_complaint() -> None:
    for text in ("hello again", "hi there", "thanks!"):
        commands = _read(text, DialogueState(), agent="care")
        assert [type(x) for x in commands] == [c.SmallTalk], (text, commands)


def test_a_menu_comparison_is_a_question_not_an_order() -> None:
    commands = _read("which is better, filet or NY strip?", DialogueState(), agent="menu")
    assert "proteins" not in _slots(commands) and any(isinstance(x, c.Knowledge) for x in commands)


def test_a_count_the_llm_reads_differently_becomes_a_question() -> None:
    offline = [c.SetSlot(slot="adults", value=12), c.SetSlot(slot="zipcode", value="95814")]
    llm = [c.SetSlot(slot="adults", value=21), c.SetSlot(slot="zipcode", value="95814")]
    checked = cross_check(llm, offline, "en")
    assert c.SetSlot(slot="zipcode", value="95814") in checked
    [question] = [x for x in checked if isinstance(x, c.Clarify)]
    assert question.slot == "adults" and question.options == ["21 adults", "12 adults"]
    # What offline extraction could not read at all is taken from the LLM.
    assert cross_check([c.SetSlot(slot="adults", value=9)], [], "en") == [
        c.SetSlot(slot="adults", value=9)
    ]


def test_shares_of_the_party_become_portions_once_its_size_is_known() -> None:
    fresh = DialogueState()
    rest = "quote for 8 adults, 4 of them want salmon, the rest chicken and shrimp"
    assert _slots(_read(rest, fresh))["proteins"] == {"salmon": 4, "chicken": 4, "shrimp": 4}
    state = _quoted_for(10)
    assert _slots(_read("filet for 4, everyone else lobster", state))["proteins"] == {
        "filet_mignon": 4,
        "lobster_tail": 6,
    }
    assert _slots(_read("half salmon half chicken", state))["proteins"] == {
        "salmon": 5,
        "chicken": 5,
    }
    assert _slots(_read("lobster for half of us, chicken for the others", state))["proteins"] == {
        "lobster_tail": 5,
        "chicken": 5,
    }


def test_half_of_a_party_of_unknown_or_odd_size_is_asked() -> None:
    for text, state in (
        ("half salmon half chicken", DialogueState()),
        ("half of us want lobster", _quoted_for(9)),
    ):
        commands = _read(text, state)
        assert c.Clarify(slot="proteins") in commands, text
        assert "proteins" not in _slots(commands) or None in _slots(commands)["proteins"].values()


def test_the_rest_of_a_party_of_unknown_size_is_left_to_the_quote() -> None:
    commands = _read("salmon for 4, the rest chicken", DialogueState())
    assert _slots(commands)["proteins"] == {"salmon": 4, "chicken": None}
    assert not any(isinstance(x, c.Clarify) for x in commands)
