"""The history an LLM sees holds only what the customer was actually sent: an AI reply
held for review is left out while it waits, when rejected and when staff sent an edit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from shared.ai.turn.answer import _history
from shared.conversation.store import ChatMessage

AT = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)


def _message(seq: int, author: str, text: str, trace: dict[str, Any] | None = None) -> ChatMessage:
    return ChatMessage.model_validate(
        {"id": f"t-{seq:06d}", "thread_id": "t", "seq": seq, "author": author, "text": text}
        | {"at": AT, "trace": trace}
    )


@pytest.mark.parametrize(
    ("review", "reached"),
    [
        (None, True),
        ({"status": "approved"}, True),
        ({"status": "pending"}, False),
        ({"status": "rejected"}, False),
        ({"status": "edited"}, False),
    ],
)
def test_a_reply_reached_the_customer_unless_review_held_it_back(
    review: dict[str, str] | None, reached: bool
) -> None:
    trace = {"agent": "lead"} | ({"review": review} if review else {})
    assert _message(2, "ai", "Hi!", trace).reached_customer is reached


def test_held_drafts_are_left_out_of_the_llm_history() -> None:
    past = [
        _message(1, "customer", "how much for 20?"),
        _message(2, "ai", "That's $1,100.", {"review": {"status": "rejected"}}),
        _message(3, "staff", "For 20 guests it comes to $1,000 with the promo."),
        _message(4, "customer", "great, and on the 5th?"),
        _message(5, "ai", "The 5th is open.", {"review": {"status": "pending"}}),
        _message(6, "ai", "Sent as written.", {"review": {"status": "approved"}}),
    ]
    assert [(m.role, m.content) for m in _history(past)] == [
        ("user", "how much for 20?"),
        ("assistant", "For 20 guests it comes to $1,000 with the promo."),
        ("user", "great, and on the 5th?"),
        ("assistant", "Sent as written."),
    ]
