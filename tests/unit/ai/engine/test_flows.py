"""The dialogue stack over scripted tool results: the hold only after a summary and a yes,
side questions answered with the pending question asked again, corrections re-summarised,
a refused time answered with a plain no and the nearest free starts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shared.ai import commands as c
from shared.ai.flows import runner
from shared.ai.flows.context import FlowContext
from shared.conversation.state import DialogueState
from shared.platform.services import Platform
from shared.pricing.price_book import default_price_book
from tests.support.platform import local_platform

QUOTE = {
    "total_cents": 66_000,
    "deposit_cents": 10_000,
    "guests": 12,
    "event_date": "2026-12-05",
    "minimum_applied": False,
    "party_minimum_cents": 55_000,
    "surcharge_cents": 0,
    "travel_cents": 0,
    "lines": [],
}
FREE = {"event_date": "2026-12-05", "start_times": ["17:00", "18:00"], "requested_free": True}
HELD = {
    "booking_id": "bk_01testbooking00",
    "status": "held",
    "start": "2026-12-05T18:00:00-08:00",
    "total_cents": 66_000,
    "deposit_cents": 10_000,
    "deposit_url": "http://pay.example/cs_1",
    "manage_token": "tok",
}
KB = {"results": [{"text": "Grill: Yes, the chef brings the grill.", "score": 0.9}]}


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(tmp_path) as p:
        yield p


class Tools:
    def __init__(self, **results: dict[str, Any]) -> None:
        self.results = {
            "calculate_party_quote": QUOTE,
            "check_availability": FREE,
            "create_booking_hold": HELD,
            "search_knowledge": KB,
        } | results
        self.calls: list[str] = []

    def __call__(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(name)
        return self.results[name]


def _turn(platform: Platform, state: DialogueState, tools: Tools, *commands: c.Command) -> str:
    ctx = FlowContext(
        platform=platform,
        state=state,
        text="",
        today=date(2026, 11, 21),
        call=tools,
        book=default_price_book(),
        source="offline",
        message_id="m",
    )
    runner.run(ctx, list(commands))
    return ctx.reply


def _ready_to_book() -> list[c.Command]:
    values = {
        "adults": 12,
        "event_date": "2026-12-05",
        "zipcode": "95814",
        "start_time": "18:00",
        "name": "Sam Chen",
        "phone": "916-555-0123",
        "address": "900 N Street, Sacramento",
    }
    return [c.SetSlot(slot=k, value=v) for k, v in values.items()]  # type: ignore[arg-type]


def test_the_hold_comes_only_after_the_summary_and_a_yes(platform: Platform) -> None:
    state, tools = DialogueState(), Tools()
    summary = _turn(platform, state, tools, *_ready_to_book(), c.StartFlow(flow="book"))
    assert "$660" in summary and summary.endswith("?") and "create_booking_hold" not in tools.calls
    held = _turn(platform, state, tools, c.Confirm())
    assert tools.calls.count("create_booking_hold") == 1 and "bk_01testbooking00" in held
    assert state.booking is not None and state.booking.manage_link
    again = _turn(platform, state, tools, c.Confirm())  # a second yes holds nothing more
    assert tools.calls.count("create_booking_hold") == 1 and again


def test_a_side_question_is_answered_and_the_summary_asked_again(platform: Platform) -> None:
    state, tools = DialogueState(), Tools()
    _turn(platform, state, tools, *_ready_to_book(), c.StartFlow(flow="book"))
    reply = _turn(platform, state, tools, c.Knowledge(query="do you bring the grill?"))
    assert "brings the grill" in reply and reply.endswith("?") and state.asked == "confirm_hold"
    assert "create_booking_hold" not in tools.calls


def test_a_correction_at_the_summary_is_summarised_again(platform: Platform) -> None:
    state, tools = DialogueState(), Tools()
    _turn(platform, state, tools, *_ready_to_book(), c.StartFlow(flow="book"))
    reply = _turn(platform, state, tools, c.CorrectSlot(slot="adults", value=15), c.Confirm())
    assert "create_booking_hold" not in tools.calls  # the yes was to the old party
    assert "15 guests" in reply and state.get("adults") == 15


def test_a_booked_time_is_refused_with_the_nearest_starts(platform: Platform) -> None:
    taken = FREE | {
        "requested_free": False,
        "requested_start": "18:00",
        "reason": "no_chef_free",
        "start_times": ["14:00"],
        "nearest_starts": [{"event_date": "2026-12-05", "local_time": "14:00"}],
    }
    state, tools = DialogueState(), Tools(check_availability=taken)
    reply = _turn(platform, state, tools, *_ready_to_book(), c.StartFlow(flow="book"))
    assert "6 pm" in reply and "already booked" in reply and "2 pm" in reply
    assert "To hold" not in reply and "create_booking_hold" not in tools.calls
    assert not state.has("start_time") and state.asked == "pick_time"


def test_a_knowledge_answer_drops_its_chunk_title_even_one_with_a_colon() -> None:
    from shared.ai.flows.service_info import _kb_text

    title = "Hours: the days and times our chefs cook"
    hit = {"title": title, "text": f"{title}: Our chefs cook Tuesday to Sunday", "score": 0.9}
    assert _kb_text({"results": [hit]}) == "Our chefs cook Tuesday to Sunday."
    assert _kb_text({"results": [hit | {"score": 0.1}]}) is None
