"""A small, hand-countable set of analytics events the report tests share.

Four conversations and one web-form booking in November 2026, one conversation in
October (outside the period), one fact published twice:
  th-web-1  web   birthday   quote, hold, deposit, completed          (market la)
  th-web-2  web   corporate  quote                                    (market la)
  th-sms-1  sms   birthday   quote, hold, deposit                     (market sd)
  th-sms-2  sms   -          message only
  bk-form   -     -          hold, deposit (no conversation)          (market sd)
  th-old    web   -          October: quote, hold (not in the period)

Every conversation is its own customer; each reply cost 1,500 micro-dollars of model
calls, except on sms, which the offline tier answered. th-web-1's booking carries the
revenue lines of a $1,000 event (before tax): $850 base, $100 upgrades, $50 travel, $100
tax, so its hold total is $1,100.

And what the nightly tagger read of two of them (no stage, so the funnel is unchanged):
  th-web-2  lost on Nov 10 to price (quoted $1,100), not recovered; objected to the
            price; tagged pending, then re-read as lost
  th-sms-1  lost (a short window) 6 minutes after its quote to the travel fee, then
            recovered by its hold the next day; objected to the travel fee
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.platform import analytics as a

NOV = datetime(2026, 11, 3, 18, tzinfo=UTC)
LINES = {
    "guests": 20,
    "base_cents": 85_000,
    "upgrades_cents": 10_000,
    "travel_fee_cents": 5_000,
    "addons_cents": 0,
    "tax_cents": 10_000,
    "total_cents": 110_000,
}
OCT = datetime(2026, 10, 20, 18, tzinfo=UTC)


def _conversation(
    thread: str,
    channel: str,
    at: datetime,
    occasion: str | None,
    stages: tuple[str, ...],
    market: str | None = None,
) -> list[a.AnalyticsRow]:
    rows: list[a.AnalyticsRow] = [
        a.MessageIn(
            event_id=a.event_id("message_in", f"{thread}-1"),
            occurred_at=at,
            thread_id=thread,
            channel=channel,
            customer_id=f"cu-{thread}",
            occasion=occasion,
        ),
        a.MessageOut(
            event_id=a.event_id("message_out", f"{thread}-2"),
            occurred_at=at + timedelta(seconds=2),
            thread_id=thread,
            channel=channel,
            customer_id=f"cu-{thread}",
            agent="lead",
            ai_cost_microusd=0 if channel == "sms" else 1_500,
            llm_used=channel != "sms",
        ),
    ]
    later = at + timedelta(minutes=5)
    booking = f"bk-{thread}"
    common = {"thread_id": thread, "channel": channel}
    if "quote" in stages:
        rows.append(
            a.Quote(
                event_id=a.event_id("quote", thread),
                occurred_at=later,
                market=market,
                amount_cents=110_000,
                **common,
            )
        )
    kinds = {
        "hold": a.Hold,
        "deposit_paid": a.DepositPaid,
        "event_completed": a.EventCompleted,
    }
    for stage in stages:
        if stage in kinds:
            extra: dict[str, object] = {"amount_cents": 110_000} if stage == "hold" else {}
            if stage in ("hold", "event_completed") and "event_completed" in stages:
                extra |= LINES
            rows.append(
                kinds[stage](
                    event_id=a.event_id(stage, booking),  # type: ignore[arg-type]
                    occurred_at=later + timedelta(days=1),
                    booking_id=booking,
                    market=market,
                    **common,
                    **extra,
                )
            )
    return rows


def _tagged(thread: str, at: datetime, tags: dict[str, float]) -> list[a.AnalyticsRow]:
    """One reading of a thread: its tags (`family:tag` -> confidence) as of `at`."""
    return [
        a.ConversationTag(
            event_id=a.event_id("conversation_tag", f"{thread}:{at.isoformat()}:{name}"),
            occurred_at=at,
            thread_id=thread,
            tag_family=name.split(":")[0],
            tag=name.split(":")[1],
            confidence=confidence,
            tagger="rules",
        )
        for name, confidence in tags.items()
    ]


# A follow-up after th-web-2 was lost (the lost report's tests add it: the channel
# report counts every reply).
RECOVERY_ATTEMPT = a.MessageOut(
    event_id=a.event_id("message_out", "th-web-2-9"),
    occurred_at=NOV + timedelta(days=8),
    thread_id="th-web-2",
    channel="web",
    agent="lead",
)


def tagging() -> list[a.AnalyticsRow]:
    web, sms = (
        {"thread_id": "th-web-2", "channel": "web"},
        {"thread_id": "th-sms-1", "channel": "sms"},
    )
    return [
        a.Objection(
            event_id=a.event_id("objection", "th-web-2-3:price"),
            occurred_at=NOV + timedelta(minutes=6),
            tag="price",
            evidence="That's too expensive for us",
            answer="I understand! A smaller menu keeps the cost down.",
            market="la",
            **web,
        ),
        a.Objection(
            event_id=a.event_id("objection", "th-sms-1-3:travel_fee"),
            occurred_at=NOV + timedelta(minutes=6),
            tag="travel_fee",
            evidence="¿Por qué el cargo de viaje?",
            answer=None,
            market="sd",
            **sms,
        ),
        a.Loss(
            event_id=a.event_id("loss", "th-web-2"),
            occurred_at=NOV + timedelta(days=7),
            tag="price",
            evidence="That's too expensive for us",
            sentiment=-0.3,
            amount_cents=110_000,
            market="la",
            tagger="rules",
            **web,
        ),
        a.Loss(
            event_id=a.event_id("loss", "th-sms-1"),
            occurred_at=NOV + timedelta(minutes=11),
            tag="travel_fee",
            evidence="¿Por qué el cargo de viaje?",
            sentiment=-0.5,
            amount_cents=110_000,
            market="sd",
            tagger="rules",
            **sms,
        ),
        *_tagged(
            "th-web-2",
            NOV + timedelta(minutes=6),
            {"outcome:pending": 1.0, "intent:price_shopping": 0.6},
        ),
        *_tagged(
            "th-web-2",
            NOV + timedelta(days=7),
            {"outcome:lost": 1.0, "intent:price_shopping": 0.6, "objections:price": 0.8},
        ),
        *_tagged(
            "th-sms-1",
            NOV + timedelta(days=1, minutes=5),
            {"outcome:booked": 1.0, "intent:high_intent": 0.8, "party_type:birthday": 0.9},
        ),
    ]


def events() -> list[a.AnalyticsRow]:
    full = ("quote", "hold", "deposit_paid", "event_completed")
    rows = [
        *_conversation("th-web-1", "web", NOV, "birthday", full, market="la"),
        *_conversation("th-web-2", "web", NOV, "corporate", ("quote",), market="la"),
        *_conversation("th-sms-1", "sms", NOV, "birthday", full[:3], market="sd"),
        *_conversation("th-sms-2", "sms", NOV + timedelta(days=20), None, ()),
        *_conversation("th-old", "web", OCT, None, full[:2], market="la"),
        a.Hold(
            event_id=a.event_id("hold", "bk-form"),
            occurred_at=NOV,
            booking_id="bk-form",
            market="sd",
            amount_cents=90_000,
        ),
        a.DepositPaid(
            event_id=a.event_id("deposit_paid", "bk-form"),
            occurred_at=NOV,
            booking_id="bk-form",
            market="sd",
        ),
        *tagging(),
    ]
    return rows + rows[:3]  # a redelivery: the same facts again
