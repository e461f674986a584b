"""`make dev`'s demo quarter: every channel and booking state, views and analytics that
agree, prices that are the quote engine's, and a second run that adds nothing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest
from werkzeug.test import Client

from functions._app.demo.activity import MARKER, READERS, seed_demo_activity
from functions._app.demo.plan import QUOTAS
from functions._app.seeding import seed_if_empty
from shared.analytics.store import ANALYTICS
from shared.analytics.turns import QUOTE_TOOL
from shared.booking.models import BookingStatus
from shared.booking.records import BOOKINGS, from_record
from shared.conversation import handoff
from shared.conversation.store import MESSAGES, THREADS, Channel, ChatMessage, ThreadStatus
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.pricing import service as pricing
from shared.pricing.models import QuoteRequest
from tests.support.platform import app_client, bearer, local_platform


@dataclass
class Seeded:
    platform: Platform
    summary: str
    client: Client

    def docs(self, collection: str) -> list[tuple[str, dict[str, Any]]]:
        return [(d.id, d.data) for d in self.platform.store.query(collection)]

    def events(self, sql: str) -> list[dict[str, Any]]:
        return self.platform.adapter(ANALYTICS).query(sql, {})

    def counts(self) -> tuple[int, int, int, int]:
        [row] = self.events("SELECT COUNT(*) AS n FROM analytics_events")
        return (
            len(self.docs(THREADS)),
            len(self.docs(MESSAGES)),
            len(self.docs(BOOKINGS)),
            int(row["n"]),
        )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    path: Path = tmp_path_factory.mktemp("demo")
    with local_platform(path, rate_limit_enabled=False, seed_demo_activity=True) as platform:
        seed_if_empty(platform)
        summary = seed_demo_activity(platform)
        assert summary is not None
        yield Seeded(platform, summary, app_client())


def test_every_channel_has_conversations_and_spanish_is_among_them(seeded: Seeded) -> None:
    channels = Counter(data["channel"] for _, data in seeded.docs(THREADS))
    assert set(channels) == set(get_args(Channel))
    assert sum(channels.values()) == sum(QUOTAS.values())
    texts = [data["text"] for _, data in seeded.docs(MESSAGES) if data["author"] == "customer"]
    assert any("personas" in t for t in texts) and any("people" in t for t in texts)
    answered = [
        call["result"]["results"]
        for _, data in seeded.docs(MESSAGES)
        for call in (data.get("trace") or {}).get("tool_calls", [])
        if call["name"] == "search_knowledge"
    ]
    assert len(answered) == QUOTAS["question"] and all(answered)


def test_every_booking_state_is_there(seeded: Seeded) -> None:
    bookings = [from_record(i, d) for i, d in seeded.docs(BOOKINGS)]
    statuses = Counter(b.status for b in bookings)
    assert set(statuses) == set(BookingStatus)
    assert statuses[BookingStatus.HELD] == QUOTAS["held"]
    assert statuses[BookingStatus.CONFIRMED] == QUOTAS["confirmed"]
    assert statuses[BookingStatus.COMPLETED] == QUOTAS["completed"] + QUOTAS["reviewed"]
    cancelled = [b for b in bookings if b.status is BookingStatus.CANCELLED]
    assert all(b.deposit_paid for b in cancelled)
    refunded = [b for b in cancelled if (b.cancellation or {}).get("refund_cents", 0) > 0]
    assert refunded, "some cancellations were early enough for the policy to refund"
    kinds = {r["kind"]: r["n"] for r in seeded.events(
        "SELECT kind, COUNT(*) AS n FROM analytics_events GROUP BY kind"
    )}  # fmt: skip
    assert kinds["review"] == QUOTAS["reviewed"]
    assert kinds["refund"] == len(refunded)
    assert kinds["rating"] > 0
    assert kinds["cancellation"] == len(cancelled)


def test_funnel_stages_never_grow_and_count_every_conversation(seeded: Seeded) -> None:
    status, body = _get(seeded, {"report": "funnel", "from": "2026-08-01", "to": "2026-11-30"})
    assert status == 200, body
    total = body["total"]
    assert total["inquiry"] == sum(QUOTAS.values())
    for row in [*body["segments"], total]:
        stages = [row[s] for s in ("inquiry", "quote", "hold", "deposit_paid")]
        stages += [row["event_completed"], row["review"]]
        assert stages == sorted(stages, reverse=True), row
    assert total["quote"] == sum(n for o, n in QUOTAS.items() if o != "question")
    assert total["deposit_paid"] == sum(
        QUOTAS[o] for o in ("confirmed", "completed", "reviewed", "cancelled")
    )
    assert total["event_completed"] == QUOTAS["completed"] + QUOTAS["reviewed"]
    assert {r["segment"] for r in body["segments"]} == set(get_args(Channel))


def test_escalation_queue_threads_and_analytics_agree(seeded: Seeded) -> None:
    opened = handoff.open_handoffs(seeded.platform.store)
    assert opened
    threads = dict(seeded.docs(THREADS))
    assert all(threads[h.thread_id]["status"] == ThreadStatus.ESCALATED.value for h in opened)
    handled = [d for _, d in seeded.docs(handoff.HANDOFFS) if d["status"] == "released"]
    assert handled
    [row] = seeded.events("SELECT COUNT(DISTINCT thread_id) AS n FROM analytics_events "
                          "WHERE kind = 'escalation'")  # fmt: skip
    assert row["n"] == len(opened) + len(handled)


def test_every_price_is_the_quote_engines(seeded: Seeded) -> None:
    platform = seeded.platform
    for booking_id, data in seeded.docs(BOOKINGS):
        booking = from_record(booking_id, data)
        again = pricing.price(platform, booking.quote_request(booking.event_date))
        assert (booking.total_cents, booking.deposit_cents) == (
            again.total_cents,
            again.deposit_cents,
        )
    quoted = 0
    for message_id, data in seeded.docs(MESSAGES):
        message = ChatMessage.model_validate(data | {"id": message_id})
        for call in (message.trace or {}).get("tool_calls", []):
            if call["name"] == QUOTE_TOOL:
                again = pricing.price(platform, QuoteRequest.model_validate(call["arguments"]))
                assert call["result"]["total_cents"] == again.total_cents
                assert f"${again.total_cents / 100:,.2f}" in message.text
                quoted += 1
    analytics_quotes = seeded.events(
        "SELECT COUNT(*) AS n FROM analytics_events WHERE kind = 'quote'"
    )[0]["n"]
    assert quoted == analytics_quotes > 0
    holds = seeded.events(
        "SELECT booking_id, amount_cents FROM analytics_events WHERE kind = 'hold'"
    )
    totals = {i: d["total_cents"] for i, d in seeded.docs(BOOKINGS)}
    assert {h["booking_id"]: h["amount_cents"] for h in holds} == totals


def test_the_jobs_that_read_the_quarter_are_queued_once(seeded: Seeded) -> None:
    """Tags, losses, objections and the marketing snapshot have data on the first start,
    not after the first night."""
    queued = [t for _, t in seeded.docs(TASKS) if t["target"] in READERS]
    assert sorted(t["target"] for t in queued) == sorted(READERS)
    assert {t["source"] for t in queued} == {"jobs"}


def test_a_second_run_adds_nothing(seeded: Seeded) -> None:
    before = seeded.counts()
    assert seed_demo_activity(seeded.platform) is None
    assert seeded.counts() == before
    assert seeded.platform.store.get(*MARKER) is not None


def test_off_unless_asked(tmp_path: Path) -> None:
    with local_platform(tmp_path) as platform:  # tests/conftest.py turns it off
        seed_if_empty(platform)
        assert seed_demo_activity(platform) is None
        assert platform.store.query(THREADS) == []


def _get(seeded: Seeded, query: dict[str, str]) -> tuple[int, Any]:
    response = seeded.client.get(
        "/admin-analytics", query_string=query, headers=bearer(seeded.platform, "staff")
    )
    return response.status_code, json.loads(response.get_data())
