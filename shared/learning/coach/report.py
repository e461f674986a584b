"""The coach report for one local day: the stored records read into `metrics.Day`, the
gates' progress, the day's self-healing proposals, and the scenarios' results compared
with the previous report's."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, Field

from shared.booking.records import BOOKINGS
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.conversation.hours import ZONE
from shared.learning import feedback
from shared.learning import report as readiness
from shared.learning.coach import metrics
from shared.learning.coach.metrics import (
    BookingRecord,
    Day,
    DayMetrics,
    HandoffRecord,
    MessageRecord,
    RatingRecord,
    Window,
)
from shared.learning.coach.results import ScenarioResult
from shared.learning.healing.records import PROPOSALS
from shared.learning.policy import policy_of
from shared.platform.docstore import Direction, DocumentStore, Filter, Op, Order

COACH_REPORTS = "coach_reports"
# Read only, by name: the self-healing job owns (writes and purges) this collection;
# absent, the report shows no proposals.
PASS_BAR = 0.9  # below this share of scenarios passing, the report names what regressed


LocalDate = date  # a model field is named `date`


class GateProgress(BaseModel):
    group: str
    intent: str
    samples: int
    agreement: float
    bound: float
    needs: float
    ready: bool
    status: str
    missing: str | None


class HealingItem(BaseModel):
    id: str
    status: str | None
    summary: str | None


class ScenarioSummary(BaseModel):
    passed: int
    total: int
    pass_rate: float
    results: list[ScenarioResult]
    compared_with: str | None = Field(description="Date of the report compared against")
    regressions: list[str] = Field(
        description="Below the bar: behaviours failing now that passed last time (or are new)"
    )


class Delivery(BaseModel):
    queued: list[str] = Field(description="Channels the report was queued on for the owner")
    note: str


class CoachReport(BaseModel):
    date: LocalDate
    timezone: str
    generated_at: datetime
    metrics: DayMetrics
    gates: list[GateProgress]
    healing: list[HealingItem]
    scenarios: ScenarioSummary
    delivery: Delivery | None = None


def window_of(day: date) -> Window:
    """The local day in the business's zone (23 or 25 hours on a DST change), in UTC."""
    start = datetime.combine(day, time(), ZONE)
    end = datetime.combine(day + timedelta(days=1), time(), ZONE)
    return Window(start.astimezone(UTC), end.astimezone(UTC))


def _in(store: DocumentStore, collection: str, field: str, lo: Any, hi: Any) -> list[Any]:
    return store.query(collection, [Filter(field, Op.GE, lo), Filter(field, Op.LT, hi)])


def _message(data: dict[str, Any]) -> MessageRecord:
    trace = data.get("trace") or {}
    return MessageRecord(
        thread_id=data["thread_id"],
        author=data["author"],
        at=data["at"],
        text=data.get("text") or "",
        provider=trace.get("provider"),
        cost_usd=float((trace.get("usage") or {}).get("cost_usd") or 0.0),
        tools=tuple(c["name"] for c in trace.get("tool_calls") or []),
    )


def _booking(doc_id: str, data: dict[str, Any]) -> BookingRecord:
    payment = data.get("payment") or {}
    paid = payment.get("deposit_event_created")
    return BookingRecord(
        id=doc_id,
        channel=data.get("origin_channel") or metrics.NO_THREAD,
        thread_id=data.get("origin_thread_id"),
        created_at=data["created_at"],
        total_cents=int(data["total_cents"]),
        deposit_paid_cents=int(payment.get("deposit_paid_cents") or 0),
        deposit_paid_at=datetime.fromtimestamp(paid, UTC) if paid is not None else None,
    )


def load_day(store: DocumentStore, window: Window) -> Day:
    """The records of `window` (messages, bookings held or paid, handoffs, ratings)."""
    messages = [
        _message(d.data) for d in _in(store, threads.MESSAGES, "at", window.start, window.end)
    ]
    channels: dict[str, str] = {}
    for thread_id in {m.thread_id for m in messages}:
        data = store.get(threads.THREADS, thread_id)
        channels[thread_id] = data["channel"] if data else "unknown"
    held = _in(store, BOOKINGS, "created_at", window.start, window.end)
    paid = _in(
        store,
        BOOKINGS,
        "payment.deposit_event_created",
        int(window.start.timestamp()),
        int(window.end.timestamp()),
    )
    bookings = {d.id: _booking(d.id, d.data) for d in [*held, *paid]}
    quoted = {m.thread_id for m in messages if metrics.QUOTE_TOOL in m.tools}
    booked = frozenset(
        t for t in quoted if store.query(BOOKINGS, [Filter.eq("origin_thread_id", t)], limit=1)
    )
    handoffs = [
        HandoffRecord(d.data["thread_id"], d.data.get("reason") or "", d.data["created_at"])
        for d in _in(store, handoff.HANDOFFS, "created_at", window.start, window.end)
    ]
    ratings = [
        RatingRecord(bool(d.data["helpful"]), d.data["at"])
        for d in _in(store, feedback.RATINGS, "at", window.start, window.end)
    ]
    return Day(window, channels, messages, list(bookings.values()), handoffs, ratings, booked)


def gates(store: DocumentStore) -> list[GateProgress]:
    rows = readiness.build(store, policy_of(store)).rows
    return [
        GateProgress(
            group=r.group,
            intent=r.intent,
            samples=r.samples,
            agreement=r.agreement,
            bound=r.bound,
            needs=r.threshold.accuracy,
            ready=r.ready,
            status=r.gate.status,
            missing=r.missing,
        )
        for r in rows
    ]


def healing(store: DocumentStore, window: Window) -> list[HealingItem]:
    """The self-healing proposals made within the day."""
    docs = store.query(
        PROPOSALS, [Filter("at", Op.GE, window.start), Filter("at", Op.LT, window.end)]
    )
    return [
        HealingItem(id=d.id, status=str(d.data.get("status")), summary=d.data.get("title"))
        for d in docs
    ]


def previous(store: DocumentStore, day: date) -> CoachReport | None:
    """The latest stored report before `day`."""
    docs = store.query(
        COACH_REPORTS,
        [Filter("date", Op.LT, day.isoformat())],
        order_by=[Order("date", Direction.DESC)],
        limit=1,
    )
    return CoachReport.model_validate(docs[0].data) if docs else None


def summarise(results: list[ScenarioResult], before: CoachReport | None) -> ScenarioSummary:
    passed = sum(r.passed for r in results)
    rate = round(passed / len(results), 4) if results else 1.0
    earlier = {r.id: r.passed for r in before.scenarios.results} if before else {}
    regressions = (
        [r.behaviour for r in results if not r.passed and earlier.get(r.id, True)]
        if rate < PASS_BAR
        else []
    )
    return ScenarioSummary(
        passed=passed,
        total=len(results),
        pass_rate=rate,
        results=results,
        compared_with=before.date.isoformat() if before else None,
        regressions=regressions,
    )


def build(
    store: DocumentStore, day: date, results: list[ScenarioResult], *, now: datetime
) -> CoachReport:
    window = window_of(day)
    return CoachReport(
        date=day,
        timezone=ZONE.key,
        generated_at=now,
        metrics=metrics.compute(load_day(store, window)),
        gates=gates(store),
        healing=healing(store, window),
        scenarios=summarise(results, previous(store, day)),
    )
