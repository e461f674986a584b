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
    ]
    return rows + rows[:3]  # a redelivery: the same facts again
