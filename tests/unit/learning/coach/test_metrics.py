"""The coach report's day numbers, each checked against hand-made records."""

from datetime import UTC, datetime, timedelta

from shared.learning.coach import metrics
from shared.learning.coach.metrics import (
    BookingRecord,
    Day,
    HandoffRecord,
    MessageRecord,
    RatingRecord,
    Window,
)

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # midnight in Los Angeles
WINDOW = Window(START, START + timedelta(days=1))
BEFORE = START - timedelta(minutes=5)
AFTER = WINDOW.end + timedelta(minutes=5)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def msg(thread: str, author: str, minute: float, text: str = "", **kw: object) -> MessageRecord:
    return MessageRecord(thread, author, at(minute), text, **kw)  # type: ignore[arg-type]


def day(**kw: object) -> Day:
    base: dict[str, object] = {"window": WINDOW, "channels": {}, "messages": [], "bookings": []}
    return Day(**(base | kw))  # type: ignore[arg-type]


def test_window_is_half_open() -> None:
    assert START in WINDOW and WINDOW.end not in WINDOW and None not in WINDOW
    assert BEFORE not in WINDOW


def test_channels_count_conversations_messages_holds_deposits_and_revenue() -> None:
    d = day(
        channels={"a": "sms", "b": "sms", "c": "web"},
        messages=[
            msg("a", "customer", 1),
            msg("a", "customer", 2),
            msg("a", "ai", 3),
            msg("b", "customer", 4),
            msg("c", "ai", 5),  # no customer message: not a conversation that day
            MessageRecord("c", "customer", BEFORE),
        ],
        bookings=[
            BookingRecord("k1", "sms", "a", at(10), 60_000, 10_000, at(20)),
            BookingRecord("k2", "web", "c", at(11), 80_000),  # held, not paid
            BookingRecord("k3", "direct", None, BEFORE, 55_000, 10_000, at(30)),  # paid today
            BookingRecord("k4", "sms", "b", at(12), 70_000, 10_000, AFTER),  # paid tomorrow
        ],
    )
    rows = {r.channel: r for r in metrics.channels(d)}
    assert list(rows) == ["direct", "sms", "web"]
    assert rows["sms"].model_dump() == {
        "channel": "sms",
        "conversations": 2,
        "customer_messages": 3,
        "holds": 2,
        "deposits": 1,
        "deposit_cents": 10_000,
        "revenue_cents": 60_000,
    }
    assert (rows["web"].conversations, rows["web"].holds, rows["web"].deposits) == (0, 1, 0)
    assert (rows["direct"].holds, rows["direct"].deposits) == (0, 1)
    assert rows["direct"].revenue_cents == 55_000
    total = metrics.totals(list(rows.values()))
    assert (total.channel, total.holds, total.deposits, total.conversations) == ("all", 3, 2, 2)
    assert (total.deposit_cents, total.revenue_cents) == (20_000, 115_000)


def test_escalations_by_kind_of_reason_in_the_day() -> None:
    d = day(
        handoffs=[
            HandoffRecord("a", "complaint: the food was cold", at(1)),
            HandoffRecord("b", "complaint: late", at(2)),
            HandoffRecord("c", "human_requested", at(3)),
            HandoffRecord("d", "", at(4)),
            HandoffRecord("e", "human_requested", AFTER),
        ]
    )
    assert metrics.escalations(d).model_dump() == {
        "total": 4,
        "by_reason": {"complaint": 2, "human_requested": 1, "unspecified": 1},
    }


def test_response_time_runs_from_the_first_waiting_customer_message() -> None:
    d = day(
        messages=[
            msg("a", "customer", 0),
            msg("a", "customer", 1),  # still waiting since minute 0
            msg("a", "ai", 2),  # 120 s
            msg("a", "system", 3),
            msg("a", "customer", 10),
            msg("a", "staff", 10.5),  # 30 s
            msg("b", "customer", 20),
            msg("b", "ai", 30),  # 600 s
            msg("c", "customer", 40),  # never answered
            msg("d", "ai", 50),  # nobody was waiting
        ]
    )
    rt = metrics.response_times(d)
    assert (rt.answered, rt.unanswered) == (3, 1)
    assert (rt.median_seconds, rt.p90_seconds, rt.max_seconds) == (120.0, 600.0, 600.0)


def test_response_times_with_no_replies_are_none() -> None:
    rt = metrics.response_times(day(messages=[msg("a", "customer", 0)]))
    assert (rt.answered, rt.unanswered, rt.median_seconds) == (0, 1, None)


def test_ai_cost_and_llm_free_share() -> None:
    d = day(
        messages=[
            msg("a", "ai", 1, provider="offline"),
            msg("a", "ai", 2, provider="openai", cost_usd=0.0021),
            msg("a", "ai", 3, provider="openai", cost_usd=0.0009),
            msg("a", "ai", 4, provider=None),  # a cached answer
            msg("a", "customer", 5, provider="openai", cost_usd=9.0),  # not a turn
            MessageRecord("a", "ai", AFTER, provider="openai", cost_usd=9.0),
        ]
    )
    ai = metrics.ai_usage(d)
    assert (ai.turns, ai.llm_free_turns, ai.llm_free_share) == (4, 2, 0.5)
    assert ai.cost_usd == 0.003
    assert ai.cost_by_provider == {"offline": 0.0, "openai": 0.003, "cache": 0.0}
    assert metrics.ai_usage(day()).llm_free_share == 0.0


def test_ratings_in_the_day() -> None:
    d = day(
        ratings=[
            RatingRecord(True, at(1)),
            RatingRecord(True, at(2)),
            RatingRecord(False, at(3)),
            RatingRecord(False, AFTER),
        ]
    )
    assert metrics.ratings(d).model_dump() == {
        "helpful": 2,
        "unhelpful": 1,
        "helpful_share": 0.6667,
    }
    assert metrics.ratings(day()).helpful_share is None


def test_objections_and_why_quoted_threads_did_not_book() -> None:
    quote = (metrics.QUOTE_TOOL,)
    d = day(
        messages=[
            msg("a", "customer", 0, "how much for 10?"),
            msg("a", "ai", 1, tools=quote),
            msg("a", "customer", 2, "too expensive"),
            msg("a", "ai", 3),
            msg("b", "customer", 4, "price for 8?"),
            msg("b", "ai", 5, tools=quote),  # then silence
            msg("c", "customer", 6, "quote for 12"),
            msg("c", "ai", 7, tools=quote),
            msg("c", "customer", 8, "the travel fee is high but ok, book it"),
            msg("d", "customer", 9, "es muy caro"),  # never quoted
        ],
        booked_threads=frozenset({"c"}),
    )
    found = metrics.objection_counts(d)
    assert [(c.name, c.count) for c in found.top] == [("price", 2), ("travel_fee", 1)]
    assert [(c.name, c.count) for c in found.lost] == [("no_reply", 1), ("price", 1)]
    assert (found.quoted_threads, found.quoted_not_booked) == (3, 2)


def test_compute_puts_it_together() -> None:
    d = day(channels={"a": "web"}, messages=[msg("a", "customer", 0), msg("a", "ai", 1)])
    out = metrics.compute(d)
    assert out.totals.conversations == 1 and out.response_times.answered == 1
    assert out.ai.turns == 1 and [r.channel for r in out.channels] == ["web"]
