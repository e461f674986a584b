"""How a thread's messages become an example's turns and its score's signals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.conversation.store import ChatMessage
from shared.learning.training.collect import CONTEXT_MESSAGES, _turns, signals

T0 = datetime(2027, 1, 1, tzinfo=UTC)


def _message(seq: int, author: str, text: str, trace: dict[str, Any] | None = None) -> ChatMessage:
    return ChatMessage(
        id=f"th-{seq:06d}",
        thread_id="th",
        seq=seq,
        author=author,  # type: ignore[arg-type]
        text=text,
        at=T0 + timedelta(minutes=seq),
        trace=trace,
    )


def test_customer_turns_are_user_staff_and_ai_are_assistant_and_runs_are_joined() -> None:
    earlier = [
        _message(1, "ai", "Hi! How can I help?"),  # before the customer spoke: dropped
        _message(2, "customer", "price for 20?"),
        _message(3, "customer", "in 90012"),
        _message(4, "system", "thread escalated"),
        _message(5, "staff", "Let me check."),
        _message(6, "ai", "It is $1,100."),
        _message(7, "customer", "great"),
    ]
    turns = _turns(earlier, "Shall I hold it?")
    assert [(t.role, t.text) for t in turns] == [
        ("user", "price for 20?\nin 90012"),
        ("assistant", "Let me check.\nIt is $1,100."),
        ("user", "great"),
        ("assistant", "Shall I hold it?"),
    ]


def test_a_reply_with_no_customer_turn_before_it_teaches_nothing() -> None:
    assert _turns([], "Hi!") == []
    assert _turns([_message(1, "customer", "hi"), _message(2, "ai", "Hello")], "Anything?") == []


def test_only_the_last_messages_are_kept_as_context() -> None:
    earlier = [_message(i, "customer" if i % 2 else "ai", f"m{i}") for i in range(1, 30)]
    turns = _turns(earlier, "reply")
    kept = [m.text for m in earlier[-CONTEXT_MESSAGES:]]
    assert kept[0] == f"m{30 - CONTEXT_MESSAGES}"
    # The oldest kept message is the AI's (even seq): a conversation starts with the user.
    assert [t.text for t in turns] == [*kept[1:], "reply"]


def test_signals_come_from_the_trace_the_later_bookings_the_rating_and_the_correction() -> None:
    hold = {"name": "create_booking_hold", "result": {"booking_id": "bk_1"}}
    reply = _message(4, "ai", "held", {"tool_calls": [hold], "blocked": [{"code": "x"}]})
    assert signals(reply, [], None, corrected=False).held
    assert signals(reply, [], None, corrected=False).validator_blocked
    plain = _message(4, "ai", "ok", {"escalation": {"reason": "asked"}})
    earlier_booking = {"created_at": T0, "deposit_paid": True, "status": "confirmed"}
    later_paid = {"created_at": T0 + timedelta(hours=1), "deposit_paid": True}
    assert not signals(plain, [earlier_booking], None, corrected=False).held  # not after it
    found = signals(plain, [later_paid], {"helpful": False}, corrected=True)
    assert found.held and found.paid and found.escalated
    assert found.helpful is False and found.corrected and not found.validator_blocked
