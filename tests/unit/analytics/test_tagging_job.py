"""The nightly tag-conversations job on the embedded platform: which conversations are
lost (quoted, not booked within loss_after_days), the events it publishes (scrubbed
evidence, the reply to an objection, the outcome), and that a second run publishes the
very same event ids."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.ai.providers.base import LLM_TIERS, Completion
from shared.analytics.store import ANALYTICS
from shared.analytics.tagging import job, rules
from shared.analytics.tagging.model import Conversation, Reading
from shared.booking.records import BOOKINGS
from shared.conversation import store as threads
from shared.platform.analytics import ANALYTICS_TOPIC, AnalyticsPayload
from shared.platform.clock import ManualClock
from shared.platform.services import Platform
from tests.support.platform import local_platform

T0 = datetime(2026, 11, 3, 18, tzinfo=UTC)
QUOTE = {
    "tool_calls": [
        {"name": "calculate_party_quote", "result": {"total_cents": 110_000, "market": "la"}}
    ]
}


class RecordingBus:
    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(
        self,
        topic: str,
        payload: Mapping[str, Any],
        attributes: Mapping[str, str] | None = None,
        ordering_key: str | None = None,
    ) -> str:
        assert topic == ANALYTICS_TOPIC
        self.published.append(dict(payload))
        return str(len(self.published))


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(tmp_path) as built:
        built.bus = RecordingBus()
        yield built


def _thread(
    platform: Platform, handle: str, *turns: tuple[str, str], customer: str | None = None
) -> str:
    """A web conversation, one message a minute from T0; an AI turn with "$" priced it."""
    thread_id = ""
    for i, (author, text) in enumerate(turns):
        at = T0 + timedelta(minutes=i)
        if not thread_id:
            thread, _ = threads.receive(
                platform.store,
                channel="web",
                handle=handle,
                customer_id=customer,
                author=author,
                text=text,
                now=at,  # type: ignore[arg-type]
            )
            thread_id = thread.id
        else:
            threads.append(
                platform.store,
                thread_id,
                author=author,
                text=text,
                now=at,  # type: ignore[arg-type]
                trace=QUOTE if author == "ai" and "$" in text else None,
            )
    return thread_id


def _book(
    platform: Platform, booking_id: str, thread_id: str | None, at: datetime, customer: str
) -> None:
    platform.store.set(
        BOOKINGS,
        booking_id,
        {"origin_thread_id": thread_id, "customer_id": customer, "created_at": at},
    )


def _at(platform: Platform, when: datetime) -> None:
    clock = platform.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


def _published(platform: Platform) -> list[dict[str, Any]]:
    bus = platform.bus
    assert isinstance(bus, RecordingBus)
    return bus.published


def _by_kind(rows: list[dict[str, Any]], kind: str, thread: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["kind"] == kind and r["thread_id"] == thread]


@pytest.fixture
def seeded(platform: Platform) -> dict[str, str]:
    lost = _thread(
        platform,
        "lost",
        ("customer", "how much for 20 adults? email me at jo@example.com"),
        ("ai", "That's $1,100 for 20 guests."),
        ("customer", "That's too expensive, call me 213-555-0100"),
        ("ai", "A smaller menu keeps the cost down."),
    )
    booked = _thread(
        platform,
        "booked",
        ("customer", "precio para 15 personas, es un cumpleaños"),
        ("ai", "Son $1,100."),
        ("customer", "perfecto, quiero reservar"),
        customer="cu-1",
    )
    _book(platform, "bk-1", booked, T0 + timedelta(days=1), "cu-1")
    _book(platform, "bk-0", None, T0 - timedelta(days=200), "cu-1")  # booked before: returning
    fresh = _thread(platform, "fresh", ("customer", "do you cook indoors?"), ("ai", "Yes, we can."))
    return {"lost": lost, "booked": booked, "fresh": fresh}


def test_a_quoted_conversation_not_booked_in_time_is_lost_with_scrubbed_evidence(
    platform: Platform, seeded: dict[str, str]
) -> None:
    _at(platform, T0 + timedelta(days=8))
    result = job.run(platform)
    assert (result.conversations, result.lost, result.by_llm) == (3, 1, 0)
    rows = _published(platform)
    [loss] = _by_kind(rows, "loss", seeded["lost"])
    assert loss["tag"] == "price" and loss["amount_cents"] == 110_000 and loss["market"] == "la"
    assert loss["evidence"] == "That's too expensive, call me [PHONE]"
    assert loss["occurred_at"].startswith("2026-11-10T18:01")  # first quote + 7 days
    assert -1 <= loss["sentiment"] < 0 and loss["tagger"] == "rules"
    [objection] = _by_kind(rows, "objection", seeded["lost"])
    assert objection["answer"] == "A smaller menu keeps the cost down."
    assert not _by_kind(rows, "loss", seeded["booked"])

    def tags(thread: str) -> set[tuple[str, str]]:
        return {(r["tag_family"], r["tag"]) for r in _by_kind(rows, "conversation_tag", thread)}

    assert {("outcome", "lost"), ("objections", "price"), ("behaviour", "first_time")} <= tags(
        seeded["lost"]
    )
    assert {
        ("outcome", "booked"),
        ("party_type", "birthday"),
        ("behaviour", "returning"),
        ("intent", "high_intent"),
    } <= tags(seeded["booked"])
    assert ("outcome", "pending") in tags(seeded["fresh"])
    assert ("objections", "requirements") in tags(seeded["fresh"])


def test_before_the_deadline_a_quoted_conversation_is_pending(
    platform: Platform, seeded: dict[str, str]
) -> None:
    _at(platform, T0 + timedelta(days=6))
    assert job.run(platform).lost == 0
    outcomes = _by_kind(_published(platform), "conversation_tag", seeded["lost"])
    assert ("outcome", "pending") in {(r["tag_family"], r["tag"]) for r in outcomes}


def test_running_twice_publishes_the_same_event_ids(
    platform: Platform, seeded: dict[str, str]
) -> None:
    _at(platform, T0 + timedelta(days=8))
    job.run(platform)
    first = [r["event_id"] for r in _published(platform)]
    _published(platform).clear()
    job.run(platform)
    again = [r["event_id"] for r in _published(platform)]
    assert again == first and len(set(first)) == len(first)


def test_a_changed_conversation_is_tagged_anew_and_old_ones_are_left_alone(
    platform: Platform, seeded: dict[str, str]
) -> None:
    _at(platform, T0 + timedelta(days=6))
    job.run(platform)
    before = {r["event_id"] for r in _published(platform)}
    _at(platform, T0 + timedelta(days=8))  # the quoted thread is now lost
    job.run(platform)
    new = [r for r in _published(platform) if r["event_id"] not in before]
    assert {r["thread_id"] for r in new} == {seeded["lost"]}
    _at(platform, T0 + timedelta(days=60))  # every thread is long quiet
    assert job.run(platform).conversations == 0


class ReadingProvider:
    """Answers a valid reading naming the last customer message; or prose, when `broken`."""

    name = "reading"

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken

    def complete(self, messages: Any, tools: Any = (), **_: Any) -> Completion:
        if self.broken:
            return Completion(provider=self.name, model="m", text="I think they left.")
        said = [m for m in json.loads(messages[1].content) if m["from"] == "customer"]
        lost = "give loss" in messages[0].content
        answer = {
            "tags": [{"family": "intent", "tag": "browsing", "confidence": 0.4}],
            "loss": {"reason": "competition", "evidence_id": said[-1]["id"], "confidence": 0.7}
            if lost
            else None,
            "sentiment": 0.1,
        }
        return Completion(provider=self.name, model="m", text=json.dumps(answer))


@pytest.mark.parametrize("broken", [False, True])
def test_a_configured_llm_reads_the_conversations_and_the_rules_stand_in(
    platform: Platform, seeded: dict[str, str], broken: bool
) -> None:
    platform.factories = {**platform.factories, LLM_TIERS.name: lambda _: ReadingProvider(broken)}
    _at(platform, T0 + timedelta(days=8))
    result = job.run(platform)
    assert result.by_llm == (0 if broken else 3) and result.lost == 1
    [loss] = _by_kind(_published(platform), "loss", seeded["lost"])
    assert (loss["tag"], loss["tagger"]) == (
        ("price", "rules") if broken else ("competition", "llm")
    )
    assert loss["evidence"] == "That's too expensive, call me [PHONE]"


def test_a_state_the_sinks_already_hold_is_not_read_again(
    platform: Platform, seeded: dict[str, str]
) -> None:
    _at(platform, T0 + timedelta(days=8))
    job.run(platform)
    store = platform.adapter(ANALYTICS)
    store.insert([AnalyticsPayload.model_validate(r).root for r in _published(platform)])
    asked: list[str] = []

    def reader(conversation: Conversation) -> Reading:
        asked.append(conversation.thread_id)
        return rules.read(conversation)

    again = job.run(platform, read=reader)
    assert (again.conversations, again.unchanged, asked) == (0, 3, [])
    threads.append(
        platform.store,
        seeded["fresh"],
        author="customer",
        text="we're 12",
        now=T0 + timedelta(days=8),
    )
    changed = job.run(platform, read=reader)
    assert (changed.conversations, changed.unchanged, asked) == (1, 2, [seeded["fresh"]])
