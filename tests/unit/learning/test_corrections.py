"""Which staff reply corrects which AI reply."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.conversation.store import ChatMessage
from shared.learning.feedback import corrected

AT = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def _thread(*authors: str) -> list[ChatMessage]:
    return [
        ChatMessage(id=f"th-{i:06d}", thread_id="th", seq=i, author=a, text=f"{a} {i}", at=AT)  # type: ignore[arg-type]
        for i, a in enumerate(authors, 1)
    ]


def test_a_take_over_reply_corrects_the_ai_reply_before_it() -> None:
    found = corrected(_thread("customer", "ai", "staff"))
    assert found is not None and (found[0].seq, found[1].seq) == (2, 3)


def test_the_customer_pushing_back_in_between_still_links_the_ai_reply() -> None:
    found = corrected(_thread("customer", "ai", "customer", "system", "staff"))
    assert found is not None and found[0].seq == 2


def test_a_second_staff_reply_corrects_nothing_more() -> None:
    assert corrected(_thread("customer", "ai", "staff", "customer", "staff")) is None


def test_staff_answering_before_any_ai_reply_correct_nothing() -> None:
    assert corrected(_thread("customer", "staff")) is None
    assert corrected(_thread("customer", "ai", "customer")) is None  # not a staff reply
    assert corrected([]) is None


def test_the_latest_ai_reply_is_the_one_corrected() -> None:
    found = corrected(_thread("customer", "ai", "customer", "ai", "staff"))
    assert found is not None and found[0].seq == 4
