"""A rehearsed turn sees the recorded results, may read, and never writes."""

from __future__ import annotations

from typing import Any

from shared.ai.tools.business import ALL_TOOLS
from shared.ai.tools.registry import ToolContext
from shared.learning.sandbox import NOT_EXECUTED, SAFE_TOOLS, Replay

HOLD = {
    "name": "create_booking_hold",
    "arguments": {"start": "17:00"},
    "result": {"booking_id": "bk_1"},
}


def _ctx(platform: Any) -> ToolContext:
    return ToolContext(platform, None, "th_1", "web")


def test_a_call_the_turn_made_gets_its_recorded_result_once(platform: Any) -> None:
    replay = Replay([HOLD])
    ctx = _ctx(platform)
    assert replay(ctx, "create_booking_hold", {"start": "17:00"}) == {"booking_id": "bk_1"}
    assert replay(ctx, "create_booking_hold", {"start": "17:00"}) == NOT_EXECUTED  # used up
    assert replay.executed == []


def test_a_write_the_turn_did_not_make_is_never_executed(platform: Any) -> None:
    replay = Replay([HOLD])
    for name, arguments in [
        ("create_booking_hold", {"start": "18:00"}),
        ("cancel_booking", {"booking_id": "bk_1"}),
        ("reschedule_booking", {"booking_id": "bk_1"}),
    ]:
        assert replay(_ctx(platform), name, arguments) == NOT_EXECUTED
    assert platform.store.query("bookings") == []


def test_a_read_the_turn_did_not_make_runs_for_real(platform: Any) -> None:
    replay = Replay([])
    result = replay(_ctx(platform), "get_booking_status", {"booking_id": "bk_nope"})
    assert "error" in result and result != NOT_EXECUTED
    assert replay.executed == ["get_booking_status"]


def test_an_escalation_replayed_still_marks_the_turn(platform: Any) -> None:
    recorded = {
        "name": "escalate_to_human",
        "arguments": {"reason": "upset"},
        "result": {"escalated": True},
    }
    ctx = _ctx(platform)
    Replay([recorded])(ctx, "escalate_to_human", {"reason": "upset"})
    assert ctx.state["escalate"]["reason"] == "upset"


def test_only_known_tools_are_safe_and_writes_are_not_among_them() -> None:
    assert set(ALL_TOOLS) >= SAFE_TOOLS
    assert not {"create_booking_hold", "reschedule_booking", "cancel_booking"} & SAFE_TOOLS
