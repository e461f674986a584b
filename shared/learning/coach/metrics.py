"""One day's numbers from plain records: pure functions, no store, so every figure in the
coach report can be checked against hand-made data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field

from shared.analytics.tagging.phrases import objections_in
from shared.learning.coach import objections

QUOTE_TOOL = "calculate_party_quote"
NO_THREAD = "direct"  # bookings made outside a conversation (the booking form)
LLM_FREE = frozenset({None, "offline"})  # no model ran: the offline engine or a cache hit


@dataclass(frozen=True)
class Window:
    """[start, end) in UTC: one local day."""

    start: datetime
    end: datetime

    def __contains__(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.end


@dataclass(frozen=True)
class MessageRecord:
    thread_id: str
    author: str  # customer, ai, staff, system
    at: datetime
    text: str = ""
    provider: str | None = None  # of an AI reply (trace.provider)
    cost_usd: float = 0.0
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookingRecord:
    id: str
    channel: str  # the conversation's channel, or `direct`
    thread_id: str | None
    created_at: datetime
    total_cents: int
    deposit_paid_cents: int = 0
    deposit_paid_at: datetime | None = None


@dataclass(frozen=True)
class HandoffRecord:
    thread_id: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class RatingRecord:
    helpful: bool
    at: datetime


@dataclass(frozen=True)
class Day:
    """Everything the day's numbers are computed from."""

    window: Window
    channels: dict[str, str]  # thread id -> channel, for every thread a message names
    messages: Sequence[MessageRecord]
    bookings: Sequence[BookingRecord]
    handoffs: Sequence[HandoffRecord] = ()
    ratings: Sequence[RatingRecord] = ()
    booked_threads: frozenset[str] = field(default_factory=frozenset)  # ever, any day


class ChannelDay(BaseModel):
    channel: str
    conversations: int = Field(default=0, description="Threads with a customer message that day")
    customer_messages: int = 0
    holds: int = Field(default=0, description="Bookings created (held) that day")
    deposits: int = Field(default=0, description="Deposits paid that day")
    deposit_cents: int = 0
    revenue_cents: int = Field(
        default=0, description="Totals of the bookings whose deposit was paid"
    )


class Escalations(BaseModel):
    total: int
    by_reason: dict[str, int]


class ResponseTimes(BaseModel):
    answered: int = Field(description="Customer messages that got a reply")
    unanswered: int
    median_seconds: float | None
    p90_seconds: float | None
    max_seconds: float | None


class AIUsage(BaseModel):
    turns: int
    llm_free_turns: int
    llm_free_share: float
    cost_usd: float
    cost_by_provider: dict[str, float]


class Ratings(BaseModel):
    helpful: int
    unhelpful: int
    helpful_share: float | None


class Count(BaseModel):
    name: str
    count: int


class Objections(BaseModel):
    top: list[Count] = Field(description="Objections in customer messages, most first")
    lost: list[Count] = Field(description="Why quoted threads did not book")
    quoted_threads: int
    quoted_not_booked: int


class DayMetrics(BaseModel):
    channels: list[ChannelDay]
    totals: ChannelDay
    escalations: Escalations
    response_times: ResponseTimes
    ai: AIUsage
    ratings: Ratings
    objections: Objections


def _by_thread(messages: Sequence[MessageRecord]) -> dict[str, list[MessageRecord]]:
    threads: dict[str, list[MessageRecord]] = {}
    for m in sorted(messages, key=lambda m: m.at):
        threads.setdefault(m.thread_id, []).append(m)
    return threads


def channels(day: Day) -> list[ChannelDay]:
    rows: dict[str, ChannelDay] = {}

    def row(channel: str) -> ChannelDay:
        return rows.setdefault(channel, ChannelDay(channel=channel))

    talking: dict[str, set[str]] = {}
    for m in day.messages:
        if m.author == "customer" and m.at in day.window:
            channel = day.channels.get(m.thread_id, "unknown")
            row(channel).customer_messages += 1
            talking.setdefault(channel, set()).add(m.thread_id)
    for channel, ids in talking.items():
        row(channel).conversations = len(ids)
    for b in day.bookings:
        if b.created_at in day.window:
            row(b.channel).holds += 1
        if b.deposit_paid_at in day.window:
            paid = row(b.channel)
            paid.deposits += 1
            paid.deposit_cents += b.deposit_paid_cents
            paid.revenue_cents += b.total_cents
    return [rows[k] for k in sorted(rows)]


def totals(rows: Sequence[ChannelDay]) -> ChannelDay:
    summed = ChannelDay(channel="all")
    for r in rows:
        for name in ("conversations", "customer_messages", "holds", "deposits"):
            setattr(summed, name, getattr(summed, name) + getattr(r, name))
        summed.deposit_cents += r.deposit_cents
        summed.revenue_cents += r.revenue_cents
    return summed


def reason_of(reason: str) -> str:
    """The kind of an escalation: `complaint: <the message>` counts as `complaint`."""
    return reason.split(":", 1)[0].strip() or "unspecified"


def escalations(day: Day) -> Escalations:
    reasons = [reason_of(h.reason) for h in day.handoffs if h.at in day.window]
    return Escalations(total=len(reasons), by_reason=objections.count([[r] for r in reasons]))


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank quantile (an observed value, never an interpolation)."""
    rank = max(1, -(-len(sorted_values) * q // 1))  # ceil(n * q)
    return sorted_values[int(rank) - 1]


def response_times(day: Day) -> ResponseTimes:
    """From a customer message (the first of a run of them) to the next AI or staff reply."""
    waits: list[float] = []
    unanswered = 0
    for thread in _by_thread(day.messages).values():
        waiting_since: datetime | None = None
        for m in thread:
            if m.author == "customer":
                if waiting_since is None and m.at in day.window:
                    waiting_since = m.at
            elif m.author in ("ai", "staff") and waiting_since is not None:
                waits.append((m.at - waiting_since).total_seconds())
                waiting_since = None
        unanswered += waiting_since is not None
    waits.sort()
    return ResponseTimes(
        answered=len(waits),
        unanswered=unanswered,
        median_seconds=_quantile(waits, 0.5) if waits else None,
        p90_seconds=_quantile(waits, 0.9) if waits else None,
        max_seconds=waits[-1] if waits else None,
    )


def ai_usage(day: Day) -> AIUsage:
    turns = [m for m in day.messages if m.author == "ai" and m.at in day.window]
    free = sum(m.provider in LLM_FREE for m in turns)
    by_provider: dict[str, float] = {}
    for m in turns:
        name = m.provider or "cache"
        by_provider[name] = round(by_provider.get(name, 0.0) + m.cost_usd, 6)
    return AIUsage(
        turns=len(turns),
        llm_free_turns=free,
        llm_free_share=round(free / len(turns), 4) if turns else 0.0,
        cost_usd=round(sum(m.cost_usd for m in turns), 6),
        cost_by_provider=by_provider,
    )


def ratings(day: Day) -> Ratings:
    rated = [r for r in day.ratings if r.at in day.window]
    helpful = sum(r.helpful for r in rated)
    return Ratings(
        helpful=helpful,
        unhelpful=len(rated) - helpful,
        helpful_share=round(helpful / len(rated), 4) if rated else None,
    )


def _counts(totals: dict[str, int]) -> list[Count]:
    return [Count(name=k, count=n) for k, n in objections.top(totals)]


def objection_counts(day: Day) -> Objections:
    """Objections across the day's customer messages; for each thread quoted that day and
    never booked, why (see `objections.lost_reasons`)."""
    in_day = [m for m in day.messages if m.at in day.window]
    said = [objections_in(m.text) for m in in_day if m.author == "customer"]
    quoted = {m.thread_id for m in in_day if m.author == "ai" and QUOTE_TOOL in m.tools}
    lost = sorted(quoted - day.booked_threads)
    threads = _by_thread(in_day)
    why = [
        objections.lost_reasons(
            [m.text for m in threads[t] if m.author == "customer"],
            ended_on_us=threads[t][-1].author in ("ai", "staff"),
        )
        for t in lost
    ]
    return Objections(
        top=_counts(objections.count(said)),
        lost=_counts(objections.count(why)),
        quoted_threads=len(quoted),
        quoted_not_booked=len(lost),
    )


def compute(day: Day) -> DayMetrics:
    rows = channels(day)
    return DayMetrics(
        channels=rows,
        totals=totals(rows),
        escalations=escalations(day),
        response_times=response_times(day),
        ai=ai_usage(day),
        ratings=ratings(day),
        objections=objection_counts(day),
    )
