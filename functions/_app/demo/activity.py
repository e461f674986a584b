"""Write the demo quarter (`plan`) through the real services, each at its own moment.

Every story runs on a view of the platform whose clock is set to the moment it tells:
messages go through the conversation store, prices, holds and answers through the agent's
own tools (so every amount is the quote engine's), deposits, completions and
cancellations through the booking lifecycle, escalations through the handoff queue. The
analytics rows are the ones the live path derives (`shared.analytics.turns`,
`shared.booking.analytics`), collected from the view's bus and written in one bulk insert:
history is not replayed to subscribers (no reminders, sends or shadow scoring for the
past). Deposits go through the local checkout whatever the payments setting, so demo data
never calls Stripe.

Runs once per store (a marker document), and only where `seed_demo_activity` is on.
"""

from __future__ import annotations

import functools
import heapq
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from functions._app import jobs
from functions._app.demo import words
from functions._app.demo.plan import BOOKED, PAID, QUOTED, SEED, Story, plan, waiting_for_staff
from shared.ai.inbound import HANDLE_KIND
from shared.ai.tools.business import calculate_party_quote, create_booking_hold, search_knowledge
from shared.ai.tools.registry import Tool, ToolContext
from shared.ai.turn.models import TurnEvent
from shared.analytics import turns
from shared.analytics.store import ANALYTICS
from shared.booking import cancellation, lifecycle
from shared.booking.policy import HOLD_FOR, HOLD_MINUTES
from shared.booking.records import get as get_booking
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.customers import identity
from shared.payments.local import CHECKOUTS, LocalPayments
from shared.payments.messages import usd
from shared.platform import analytics as a
from shared.platform.clock import ManualClock
from shared.platform.services import Platform

MARKER = ("_meta", "demo_activity")
ACTOR = "system:demo-activity"
STAFF = "staff:dana@myhibachi.example"


class _Collected:
    """The view's event bus: keeps the analytics rows published, delivers nothing."""

    def __init__(self) -> None:
        self.rows: list[a.AnalyticsRow] = []

    def publish(
        self,
        topic: str,
        payload: Mapping[str, Any],
        attributes: Mapping[str, str] | None = None,
        ordering_key: str | None = None,
    ) -> str:
        if topic == a.ANALYTICS_TOPIC:
            self.rows.append(a.AnalyticsPayload.model_validate(payload).root)
        return f"demo-{len(self.rows)}"


@dataclass
class _Thread:
    story: Story
    id: str
    customer_id: str | None
    ctx: ToolContext


class _Writer:
    def __init__(self, platform: Platform, rng: random.Random) -> None:
        self.clock = ManualClock(platform.clock.now())
        self.bus = _Collected()
        factories = dict(platform.factories) | {
            "payments": lambda p: LocalPayments(p.store, p.settings.base_url)
        }
        self.view = replace(platform, clock=self.clock, bus=self.bus, factories=factories)
        self.store = platform.store
        self.rng = rng
        self.bookings = 0
        self.queue: list[tuple[datetime, int, Callable[[], object]]] = []
        self.steps = 0

    def later(self, low_s: float, high_s: float) -> datetime:
        return self.clock.advance(timedelta(seconds=self.rng.uniform(low_s, high_s)))

    def say(self, thread: _Thread, text: str) -> threads.ChatMessage:
        story = thread.story
        _, message = threads.receive(
            self.store,
            channel=story.channel,
            handle=story.handle,
            customer_id=thread.customer_id,
            author="customer",
            text=text,
            now=self.clock.now(),
        )
        assert message is not None
        return message

    def answer(
        self,
        thread: _Thread,
        inbound: threads.ChatMessage,
        *,
        agent: str,
        text: str,
        calls: list[dict[str, Any]] | None = None,
        escalation: dict[str, str] | None = None,
    ) -> None:
        """The AI's reply to `inbound`, stored with a trace as a turn stores it, and the
        analytics the turn derives."""
        self.later(2, 25)
        trace = {
            "agent": agent,
            "provider": "offline",
            "tool_calls": calls or [],
            "usage": {"cost_usd": 0.0},
            "cached": False,
            "escalation": escalation,
            "demo": True,
        }
        reply = threads.append(
            self.store,
            thread.id,
            author="ai",
            text=text,
            now=self.clock.now(),
            trace=trace,
            thread_changes={"last_agent": agent},
        )
        assert reply is not None
        turn = TurnEvent(
            thread_id=thread.id,
            channel=thread.story.channel,
            inbound_id=inbound.id,
            inbound_seq=inbound.seq,
            reply_id=reply.id,
            agent=agent,
            intent=agent,
            provider="offline",
            escalated=escalation is not None,
        )
        self.bus.rows.extend(turns.events_of(self.view, turn))
        self.later(20, 180)

    def call(self, thread: _Thread, tool: Tool, arguments: dict[str, Any]) -> dict[str, Any]:
        result = tool.run(thread.ctx, arguments)
        return {"name": tool.name, "arguments": arguments, "result": result}

    # -- one story -----------------------------------------------------------------------

    def tell(self, story: Story, now: datetime) -> None:
        self.clock.set(story.started)
        kind = HANDLE_KIND.get(story.channel)
        customer_id = (
            identity.resolve(self.store, [(kind, story.handle)], now=story.started, name=story.name)
            if kind
            else None
        )
        thread_id = threads.thread_id_for(story.channel, story.handle)
        ctx = ToolContext(self.view, customer_id, thread_id, story.channel)
        thread = _Thread(story, thread_id, customer_id, ctx)
        replies = words.REPLIES[story.language]
        pick = self.rng.choice
        guests = story.adults + story.children
        if story.outcome in QUOTED:
            opener = pick(words.OPENERS[story.language])
            first = self.say(thread, opener.format(guests=guests, occasion=story.occasion_text))
            self.answer(thread, first, agent="lead", text=replies["ask_details"])
            self.quote(thread)
        else:
            question = pick(words.QUESTIONS[story.language])
            planning = "Estamos planeando" if story.language == "es" else "We're planning"
            first = self.say(thread, f"{planning} {story.occasion_text}. {question}")
            call = self.call(
                thread, search_knowledge, {"query": question, "language": story.language}
            )
            found = call["result"].get("results") or [{"text": replies["no_answer"]}]
            self.answer(thread, first, agent="knowledge", text=found[0]["text"], calls=[call])
        booking_id = self.hold(thread) if story.outcome in BOOKED else None
        if story.outcome in ("question", "quote"):
            thanks = self.say(thread, pick(words.THANKS[story.language]))
            self.answer(thread, thanks, agent="care", text=replies["bye"])
        if story.escalated:
            self.escalate(thread, now)
        if story.rating is not None:
            self.bus.rows.append(
                a.Rating(
                    event_id=a.event_id("rating", thread.id),
                    occurred_at=self.later(30, 300),
                    thread_id=thread.id,
                    channel=story.channel,
                    customer_id=customer_id,
                    rating=story.rating,
                )
            )
        if booking_id is not None:
            self.live(thread, booking_id, now)

    def quote(self, thread: _Thread) -> None:
        story = thread.story
        date_text = (
            story.event_date.strftime("%d/%m")
            if story.language == "es"
            else f"{story.event_date:%A, %B} {story.event_date.day}"
        )
        details = self.say(
            thread,
            words.DETAILS[story.language].format(
                date_text=date_text,
                zipcode=story.zipcode,
                city=story.city,
                adults=story.adults,
                children=story.children,
            ),
        )
        call = self.call(
            thread,
            calculate_party_quote,
            {
                "adults": story.adults,
                "children": story.children,
                "customer_zipcode": story.zipcode,
                "event_date": story.event_date.isoformat(),
                "protein_selections": story.proteins,
                "addons": list(story.addons),
            },
        )
        quote = call["result"]
        if "total_cents" not in quote:
            raise RuntimeError(f"demo story {story.index} did not price: {quote}")
        text = words.REPLIES[story.language]["quote"].format(
            guests=quote["guests"],
            date=story.event_date.isoformat(),
            total=usd(quote["total_cents"]),
            deposit=usd(quote["deposit_cents"]),
        )
        self.answer(thread, details, agent="lead", text=text, calls=[call])

    def hold(self, thread: _Thread) -> str:
        story = thread.story
        start = story.start_time.strftime("%H:%M")
        ask = self.say(
            thread,
            words.BOOK_IT[story.language].format(
                time=start, name=story.name, phone=story.phone, address=story.address
            ),
        )
        arguments: dict[str, Any] = {
            "adults": story.adults,
            "children": story.children,
            "customer_zipcode": story.zipcode,
            "event_date": story.event_date.isoformat(),
            "start_time": start,
            "name": story.name,
            "address": story.address,
            "phone": story.phone,
            "email": story.email if story.channel == "email" else None,
            "protein_selections": story.proteins,
            "addons": list(story.addons),
        }
        calls = [self.call(thread, create_booking_hold, arguments)]
        # Taken: the agent offers the next free start and the customer takes it.
        while "booking_id" not in calls[-1]["result"] and len(calls) < 4:
            offered = calls[-1]["result"].get("error", {}).get("next_starts") or []
            if not offered:
                break
            local = datetime.fromisoformat(offered[0]["start"])
            arguments |= {"event_date": local.date().isoformat(), "start_time": f"{local:%H:%M}"}
            calls.append(self.call(thread, create_booking_hold, arguments))
        held = calls[-1]["result"]
        if "booking_id" not in held:
            raise RuntimeError(f"demo story {story.index} could not hold: {held}")
        text = words.REPLIES[story.language]["held"].format(
            date=arguments["event_date"],
            time=arguments["start_time"],
            deposit=usd(held["deposit_cents"]),
            url=held["deposit_url"],
            hold_minutes=HOLD_MINUTES,
        )
        self.answer(thread, ask, agent="lead", text=text, calls=calls)
        self.bookings += 1
        return str(held["booking_id"])

    def escalate(self, thread: _Thread, now: datetime) -> None:
        story = thread.story
        ask = self.say(thread, self.rng.choice(words.ESCALATIONS[story.language]))
        reason = "human_requested"
        handoff.escalate(self.store, thread.id, reason=reason, priority="normal", now=ask.at)
        self.answer(
            thread,
            ask,
            agent="care",
            text=words.REPLIES[story.language]["escalate"],
            escalation={"reason": reason, "priority": "normal"},
        )
        if waiting_for_staff(story, now):
            return
        handoff.take_over(self.store, thread.id, actor=STAFF, now=self.later(300, 3600))
        threads.append(
            self.store,
            thread.id,
            author="staff",
            text=self.rng.choice(words.STAFF_REPLIES),
            now=self.later(60, 600),
            trace={"staff": STAFF},
        )
        handoff.release(self.store, thread.id, actor=STAFF, now=self.later(600, 7200))

    def at(self, when: datetime, step: Callable[[], object]) -> None:
        self.steps += 1  # ties keep the order they were scheduled in
        heapq.heappush(self.queue, (when, self.steps, step))

    def run(self) -> None:
        """Every step in time order, so each sees the calendar as it stood then (a hold
        taken in November still blocks its chef when a December inquiry asks)."""
        while self.queue:
            when, _, step = heapq.heappop(self.queue)
            self.clock.set(when)
            step()

    def live(self, thread: _Thread, booking_id: str, now: datetime) -> None:
        """Schedule what happens to the booking after the conversation, up to `now`."""
        outcome, view = thread.story.outcome, self.view
        booking = get_booking(self.store, booking_id)
        if outcome == "expired":
            expiry = booking.created_at + HOLD_FOR + timedelta(seconds=1)
            self.at(expiry, functools.partial(lifecycle.release_hold, view, booking_id))
        if outcome not in PAID:
            return
        paid_at = booking.created_at + timedelta(minutes=self.rng.uniform(3, 25))
        checkout = self.store.get(CHECKOUTS, str(booking.deposit_session_id)) or {}
        paid = {
            "payment.method": "stripe",
            "payment.deposit_payment_intent_id": checkout.get("payment_intent_id"),
            "payment.deposit_paid_cents": booking.deposit_cents,
            "payment.deposit_event_created": int(paid_at.timestamp()),
        }
        self.at(
            paid_at,
            functools.partial(
                lifecycle.confirm, view, booking_id, actor=ACTOR, reason="demo", changes=paid
            ),
        )
        if outcome == "cancelled":
            latest = min(booking.start - timedelta(hours=2), now - timedelta(minutes=5))
            reason = self.rng.choice(words.CANCEL_REASONS)
            actor = f"customer:{booking.customer_id}"
            when = paid_at + (latest - paid_at) * self.rng.uniform(0.2, 0.9)
            cancel = functools.partial(cancellation.cancel, actor=actor, reason=reason)
            self.at(when, functools.partial(cancel, view, booking_id))
        elif outcome in ("completed", "reviewed"):
            done = booking.end + timedelta(hours=2)
            self.at(done, functools.partial(lifecycle.complete, view, booking_id, actor=ACTOR))
            if outcome == "reviewed":
                review = a.Review(
                    event_id=a.event_id("review", booking_id),
                    occurred_at=done + timedelta(hours=self.rng.uniform(12, 30)),
                    booking_id=booking_id,
                    thread_id=thread.id,
                    channel=thread.story.channel,
                    market=booking.market,
                    customer_id=booking.customer_id,
                    rating=thread.story.rating or self.rng.choice((5, 5, 4)),
                )
                self.bus.rows.append(review)


# Scheduled jobs that turn the quarter into what staff views show (tags, losses and
# objections; the marketing snapshot), queued once it is written.
READERS = ("tag-conversations", "marketing-sync")


def seed_demo_activity(platform: Platform, count: int = 320) -> str | None:
    """Write the quarter ending now unless this store has it or the setting is off; returns
    what was written (None when nothing was)."""
    if not platform.settings.seed_demo_activity or platform.store.get(*MARKER) is not None:
        return None
    now = platform.clock.now()
    stories = plan(now, count)
    writer = _Writer(platform, random.Random(SEED))
    for story in stories:
        writer.at(story.started, functools.partial(writer.tell, story, now))
    writer.run()
    inserted = platform.adapter(ANALYTICS).insert(writer.bus.rows)
    summary = (
        f"demo activity: {len(stories)} conversations, {writer.bookings} bookings, "
        f"{inserted} analytics events"
    )
    platform.store.set(*MARKER, {"seeded_at": now, "summary": summary})
    for job in READERS:  # their nightly runs would leave those views empty until tomorrow
        platform.tasks.enqueue(
            jobs.QUEUE, job, {"requested_by": "system:demo-activity"}, dedup_name=f"{job}-demo"
        )
    return summary
