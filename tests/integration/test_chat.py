"""The chat turn through the real `chat` function, offline provider only (no API keys)."""

from __future__ import annotations

from typing import Any

import pytest

from shared.booking.records import BOOKINGS
from shared.conversation import store as threads

PUBLIC_FIELDS = {
    "thread_id",
    "reply",
    "agent",
    "escalated",
    "quick_replies",
    "manage_link",
    "duplicate",
    "reply_id",
}


class Conversation:
    def __init__(self, api: Any, session: str = "visitor-1") -> None:
        self.api = api
        self.session = session
        self.thread_id: str | None = None

    def say(self, text: str) -> dict[str, Any]:
        body = {"text": text, "thread_id": self.thread_id, "session_id": self.session}
        status, reply = self.api.call("POST", "/chat", body)
        assert status == 200, reply
        assert set(reply) <= PUBLIC_FIELDS, reply  # nothing internal reaches the widget
        self.thread_id = reply["thread_id"]
        return reply

    def trace(self) -> dict[str, Any]:
        """The last AI turn's trace, as staff see it (admin-conversations)."""
        status, read = self.api.admin("GET", "/admin-conversations", {"thread_id": self.thread_id})
        assert status == 200, read
        trace: dict[str, Any] = [m for m in read["messages"] if m["author"] == "ai"][-1]["trace"]
        return trace


def tools(trace: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in trace["tool_calls"]}


def test_how_much_for_twenty_people(api) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api)
    first = chat.say("How much for 20 people?")
    assert first["agent"] == "lead" and chat.trace()["provider"] == "offline"
    assert "date" in first["reply"] and "zip" in first["reply"] and "$" not in first["reply"]
    quoted = chat.say("Dec 5th, zip 90012")
    trace = chat.trace()
    quote = tools(trace)["calculate_party_quote"]
    assert quote["arguments"]["adults"] == 20 and quote["arguments"]["event_date"] == "2026-12-05"
    assert quote["result"]["total_cents"] == 110_000
    assert "$1,100" in quoted["reply"] and trace["usage"]["cost_usd"] == 0


def test_five_people_explains_the_minimum(api) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api)
    chat.say("How much for 20 people on Dec 5 in 90012?")
    reply = chat.say("I only have 5 people")
    assert tools(chat.trace())["calculate_party_quote"]["result"]["minimum_applied"] is True
    assert "$550" in reply["reply"] and "minimum" in reply["reply"]


def test_question_to_quote_to_availability_to_hold(api, platform) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api)
    chat.say("hi! how much is a hibachi party for 20 adults?")
    chat.say("saturday dec 5, we're in 90012")
    times = chat.say("yes please")
    assert "18:00" in tools(chat.trace())["check_availability"]["result"]["start_times"]
    assert "11 am to 8:30 pm" in times["reply"] and "8:30 pm" in times["quick_replies"]
    ask = chat.say("6pm works")
    assert ask["agent"] == "operations" and "address" in ask["reply"]
    summary = chat.say("I'm Jo Host, 213-555-0100, 100 Main St, Los Angeles")
    # A summary of what was understood, with the total, and a question: nothing held yet.
    assert "$1,100" in summary["reply"] and "Jo Host" in summary["reply"]
    assert summary["reply"].endswith("?") and "create_booking_hold" not in tools(chat.trace())
    assert platform.store.query(BOOKINGS, []) == []
    held = chat.say("yes")
    hold = tools(chat.trace())["create_booking_hold"]["result"]
    assert "held" in held["reply"] and hold["status"] == "held"
    assert held["manage_link"] and hold["booking_id"] in held["manage_link"]
    booking = platform.store.get(BOOKINGS, hold["booking_id"])
    assert booking["quote"]["total_cents"] == 110_000 and booking["total_cents"] == 110_000
    assert booking["contact"]["phone"] == "+12135550100"
    transcript = threads.history(platform.store, chat.thread_id, limit=50)
    assert [m.author for m in transcript] == ["customer", "ai"] * 6
    assert transcript[-1].trace["tool_calls"][-1]["name"] == "create_booking_hold"
    status = chat.say("Is my booking confirmed now?")
    assert hold["booking_id"] in status["reply"] and "deposit" in status["reply"]
    assert len(platform.store.query(BOOKINGS, [])) == 1  # a status question holds nothing


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("my daughter broke out in hives after your chef cooked last night", "safety_incident"),
        ("I'm calling my lawyer and filing a chargeback", "legal_threat"),
        ("can I talk to a real person please", "human_requested"),
        ("we need a quote for 80 guests for a company party", "custom_event"),
    ],
)
def test_must_escalate_cases_escalate(api, platform, text, reason) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api, session=f"esc-{reason}")
    reply = chat.say(text)
    assert reply["escalated"] is True
    thread = threads.get_thread(platform.store, reply["thread_id"])
    assert thread.status == "escalated" and thread.escalation_reason == reason
    later = chat.say("hello? anyone there?")
    # The AI does not answer for staff, but the customer is never met with silence.
    assert (
        later["escalated"] is True and "team" in later["reply"] and "reply here" in later["reply"]
    )


def test_outside_service_area_escalates(api) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api, session="far")
    reply = chat.say("price for 20 adults on Dec 5 in 59101?")
    result = tools(chat.trace())["calculate_party_quote"]["result"]
    assert result["error"]["code"] == "outside_service_area"
    assert reply["escalated"] is True


def test_three_clarifications_escalate(api) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api, session="confused")
    replies = [chat.say(text) for text in ("hmm", "umm", "what", "idk")]
    assert [r["escalated"] for r in replies][:2] == [False, False]
    assert any(r["escalated"] for r in replies)


def test_staff_take_over_reply_and_release(api, platform) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(api, session="staffed")
    chat.say("can I speak to a manager")
    status, listing = api.admin("GET", "/admin-conversations", {}, role="staff")
    assert status == 200 and listing["threads"][0]["id"] == chat.thread_id
    status, transcript = api.admin(
        "POST",
        "/admin-conversations",
        {"action": "reply", "thread_id": chat.thread_id, "text": "Hi, this is Sam from MyHibachi."},
        role="staff",
    )
    assert status == 200 and transcript["thread"]["status"] == "staff"
    assert transcript["messages"][-1]["author"] == "staff"
    acknowledged = chat.say("thanks Sam")
    assert acknowledged["escalated"] is True and "team" in acknowledged["reply"]
    status, seen = api.call(
        "GET",
        "/chat-history",
        {"thread_id": chat.thread_id, "session_id": "staffed", "after_seq": 2},
    )
    assert status == 200 and [m["author"] for m in seen["messages"]] == ["staff", "customer"]
    assert seen["messages"][0]["text"] == "Hi, this is Sam from MyHibachi."
    stranger = api.call(
        "GET", "/chat-history", {"thread_id": chat.thread_id, "session_id": "someone-else"}
    )
    assert stranger[0] == 404
    api.admin("POST", "/admin-conversations", {"action": "release", "thread_id": chat.thread_id})
    back = chat.say("what's included in the party?")
    assert back["reply"] and back["escalated"] is False
    trace = chat.trace()
    assert trace["agent"] == "knowledge" and "route" in trace and "commands" in trace


def _cached(api: Any, session: str, text: str) -> tuple[str, bool]:
    chat = Conversation(api, session=session)
    reply = chat.say(text)["reply"]
    return reply, chat.trace()["cached"]


def test_faq_answers_are_cached_but_prices_never(api) -> None:  # type: ignore[no-untyped-def]
    first, first_cached = _cached(api, "faq-1", "do you cook indoors?")
    again, again_cached = _cached(api, "faq-2", "do you cook indoors?")
    assert first_cached is False and again_cached is True and again == first
    _, price_1 = _cached(api, "p-1", "how much for 20 adults dec 5 90012")
    _, price_2 = _cached(api, "p-2", "how much for 20 adults dec 5 90012")
    assert price_1 is False and price_2 is False


def test_kb_edit_invalidates_the_cache(api) -> None:  # type: ignore[no-untyped-def]
    Conversation(api, session="k-1").say("do you cook indoors?")
    status, doc = api.admin(
        "POST",
        "/admin-knowledge",
        {
            "id": "host-provides",
            "title": "What the host provides",
            "body": "We now cook indoors too, on an induction teppan, with the host's permission.",
        },
        role="manager",
    )
    assert status == 201 and doc["version"] == 2
    reply, cached = _cached(api, "k-2", "do you cook indoors?")
    assert cached is False and "induction" in reply


def test_memory_is_read_into_later_turns(api, platform) -> None:  # type: ignore[no-untyped-def]
    from shared.customers import memory

    body = {
        "text": "quote for 12 adults, filet for everyone, on Dec 5 in 90012",
        "session_id": "mem",
        "contact": {"name": "Ana", "email": "ana@example.com"},
    }
    status, reply = api.call("POST", "/chat", body)
    assert status == 200
    customer_id = threads.get_thread(platform.store, reply["thread_id"]).customer_id
    remembered = memory.read(platform.store, customer_id)
    assert remembered.usual_party_size == 12 and remembered.zipcode == "90012"
    assert "filet_mignon" in remembered.proteins


def test_bad_chat_input_is_422(api) -> None:  # type: ignore[no-untyped-def]
    status, problem = api.call("POST", "/chat", {"text": ""})
    assert status == 422 and problem["errors"][0]["field"] == "text"


def test_an_alias_the_owner_publishes_is_understood_without_a_deploy(api, platform) -> None:  # type: ignore[no-untyped-def]
    from shared.pricing import store as price_books
    from shared.pricing.models import PriceBook
    from shared.pricing.price_book import default_price_book

    data = default_price_book().model_dump(mode="json")
    data["version"] = "2026-12-aliases"
    data["proteins"]["lobster_tail"]["aliases"].append("surf")
    price_books.publish(
        platform.store, PriceBook.model_validate(data), actor="owner", now=platform.clock.now()
    )
    reply = Conversation(api, session="alias").say("how much is the surf extra?")
    assert "Lobster" in reply["reply"] and "$15" in reply["reply"]


def test_an_unsure_route_keeps_the_threads_agent(api) -> None:  # type: ignore[no-untyped-def]
    from shared.ai.config import store as ai_configs
    from shared.ai.config.model import default_config

    questions = ("what's included in the party?", "¿qué incluye la fiesta?")
    for n, text in enumerate(questions):
        sure = Conversation(api, session=f"sure-{n}")
        assert sure.say(text)["agent"] == "knowledge"
        assert sure.trace()["route"]["unsure"] is False
    unsure = default_config().model_copy(
        update={"version": "nothing-is-sure", "router_threshold": 1.0}
    )
    ai_configs.publish(api.platform.store, unsure, actor="owner", now=api.platform.clock.now())
    for n, text in enumerate(questions):
        chat = Conversation(api, session=f"unsure-{n}")
        assert chat.say(text)["agent"] == "lead"  # a new thread's front desk
        assert chat.trace()["route"]["unsure"] is True
