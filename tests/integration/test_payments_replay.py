"""Stripe's delivery, at its worst: 1,000 webhook events over 150 bookings, a fifth of them
redelivered, all shuffled, must leave exactly the state a clean in-order run leaves."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.booking import records
from shared.booking.holds import create_hold
from shared.booking.models import CreateBookingRequest
from shared.channels.outbound import OUTBOX
from shared.payments import notices, staff
from shared.payments.local import CHECKOUTS
from shared.payments.port import WEBHOOK_SECRET
from shared.platform.services import Platform
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.fake_stripe import (
    charge_refunded,
    dispute_created,
    event,
    intent_event,
    post_event,
    session_completed,
)
from tests.support.platform import local_platform

BOOKINGS = 150
UNIQUE_EVENTS = 800
REDELIVERED = 200
ZIPS = ("90012", "95814", "33131")  # one per seeded market
IGNORED_TYPES = ("payment_intent.created", "charge.succeeded", "checkout.session.expired")


def _slots() -> Iterator[tuple[date, str, str]]:
    """Free (date, zip, start) triples: 3 markets x 2 starts x 3 chefs, chefs' days only."""
    day = date(2026, 12, 1)
    while True:
        if day.weekday() != 0:  # the seeded chefs do not work Mondays
            for zipcode in ZIPS:
                for start in ("11:00", "17:00"):
                    yield from [(day, zipcode, start)] * 3
        day += timedelta(days=1)


def _holds(platform: Platform) -> list[tuple[str, str, int]]:
    """(booking id, payment intent id, deposit) of each hold made."""
    made: list[tuple[str, str, int]] = []
    for day, zipcode, start in _slots():
        if len(made) == BOOKINGS:
            return made
        request = CreateBookingRequest.model_validate(
            {
                "adults": 20,
                "customer_zipcode": zipcode,
                "event_date": day,
                "start_time": start,
                "contact": {"name": "Host", "phone": f"+1 213 555 {len(made):04d}"},
                "address": "100 Main St",
            }
        )
        view = create_hold(platform, request)
        session = platform.store.get(records.BOOKINGS, view.id)["deposit_session_id"]
        intent = platform.store.get(CHECKOUTS, session)["payment_intent_id"]
        made.append((view.id, intent, view.deposit_cents))
    return made


def _history(rng: random.Random, n: int, booking: tuple[str, str, int], t0: int) -> list[Any]:
    """One booking's events in the order Stripe created them."""
    booking_id, intent, deposit = booking
    t = t0 + n * 1000
    events: list[dict[str, Any]] = []

    def add(build: Any, *args: Any) -> None:
        events.append(build(f"evt_{n}_{len(events)}", *args, t + len(events)))

    for _ in range(rng.randint(0, 3)):  # declined cards first
        add(intent_event, "payment_intent.payment_failed", booking_id, intent, deposit)
    if rng.random() < 0.8:
        add(intent_event, "payment_intent.succeeded", booking_id, intent, deposit)
        add(session_completed, booking_id, intent, deposit)
        refunded: list[str] = []
        for part in range(rng.choice((0, 1, 2, 3))):  # running totals, as Stripe reports
            refunded.append(f"re_{n}_{part}")
            add(charge_refunded, intent, deposit * (part + 1) // 3, list(refunded))
        if rng.random() < 0.2:
            add(dispute_created, intent, deposit)
    return events


def _events(rng: random.Random, bookings: list[tuple[str, str, int]], t0: int) -> list[Any]:
    events = [e for n, b in enumerate(bookings) for e in _history(rng, n, b, t0)]
    while len(events) < UNIQUE_EVENTS:  # types this endpoint ignores, as Stripe also sends
        n = len(events)
        events.append(event(f"evt_x_{n}", rng.choice(IGNORED_TYPES), {"id": f"obj_{n}"}, t0 + n))
    assert len(events) == UNIQUE_EVENTS
    return sorted(events, key=lambda e: (e["created"], e["id"]))


@contextmanager
def _copy_of(template: Path, where: Path) -> Iterator[Platform]:
    where.mkdir()
    for file in template.glob("hibachi.db*"):
        shutil.copy(file, where / file.name)
    with local_platform(where, rate_limit_enabled=False) as platform:
        yield platform


def _deliver(client: Any, platform: Platform, events: list[Any]) -> Counter[str]:
    secret = platform.secrets.get(WEBHOOK_SECRET)
    acks: Counter[str] = Counter()
    for evt in events:
        response = post_event(client, evt, secret)
        assert response.status_code == 200, response.get_data()
        ack = json.loads(response.get_data())
        acks["duplicate" if ack["duplicate"] else "handled" if ack["handled"] else "ignored"] += 1
    runner = LocalTaskRunner(platform.store, platform.clock, InProcessDeliverer(client.application))
    while runner.run_due():  # every message queued (hold expiries are not due yet)
        pass
    return acks


def _state(platform: Platform) -> dict[str, Any]:
    store = platform.store

    def docs(collection: str, *fields: str) -> dict[str, Any]:
        return {
            d.id: {f: d.data.get(f) for f in fields} if fields else d.data
            for d in store.query(collection)
        }

    return {
        "bookings": docs(records.BOOKINGS, "status", "deposit_paid", "payment", "cancellation"),
        "outbox": docs(OUTBOX, "channel", "to", "text", "status"),
        "notices": docs(notices.NOTICES, "booking_id", "message", "state"),
        "staff_tasks": docs(staff.STAFF_TASKS),
    }


@pytest.fixture
def template(tmp_path: Path) -> tuple[Path, list[tuple[str, str, int]]]:
    where = tmp_path / "template"
    with local_platform(where) as platform:
        seed_if_empty(platform)
        return where, _holds(platform)


def test_shuffled_redelivered_events_end_in_the_in_order_state(  # type: ignore[no-untyped-def]
    tmp_path, template, _app_client
) -> None:
    where, bookings = template
    rng = random.Random(20261121)
    with _copy_of(where, tmp_path / "in-order") as platform:
        t0 = int(platform.clock.now().timestamp()) - 200_000
        events = _events(rng, bookings, t0)
        in_order = _deliver(_app_client, platform, events)
        expected = _state(platform)
    replay = events + rng.sample(events, REDELIVERED)
    rng.shuffle(replay)
    with _copy_of(where, tmp_path / "replayed") as platform:
        replayed = _deliver(_app_client, platform, replay)
        assert _state(platform) == expected

    assert in_order["duplicate"] == 0 and replayed["handled"] == in_order["handled"]
    assert replayed["duplicate"] + replayed["ignored"] - in_order["ignored"] == REDELIVERED
    # The run did real work: payments confirmed, failures told, refunds and disputes kept.
    statuses = Counter(b["status"] for b in expected["bookings"].values())
    paid = {
        e["data"]["object"]["metadata"]["booking_id"]
        for e in events
        if e["type"] == "checkout.session.completed"
    }
    assert statuses["confirmed"] == len(paid) and statuses["held"] == BOOKINGS - len(paid)
    kinds = Counter(i.split("-")[0] for i in expected["outbox"])
    assert kinds["confirm"] == len(paid) and kinds["payment"] > 0
    assert all(m["status"] == "recorded" for m in expected["outbox"].values())
    assert any((b["payment"] or {}).get("refunded_cents") for b in expected["bookings"].values())
    assert any(t["kind"] == "dispute" for t in expected["staff_tasks"].values())
