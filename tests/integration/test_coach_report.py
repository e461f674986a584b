"""The daily AI coach report over a seeded day: its numbers match the seed, the standing
scenarios run in the sandbox, a broken behaviour shows as a regression, and a repeat run
stores one report and sends one message per channel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.ai.turn.work import Turn
from shared.booking.records import BOOKINGS
from shared.channels.outbound import OUTBOX
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.learning import feedback
from shared.learning.coach import daily
from shared.learning.coach.report import COACH_REPORTS
from shared.learning.coach.scenarios import SCENARIOS
from shared.learning.healing.records import PROPOSALS
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.conftest import Api
from tests.support.platform import local_platform

DAY = date(2026, 11, 20)  # "yesterday" for the test clock (2026-11-21 04:00 in Los Angeles)
MIDNIGHT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # its start in Los Angeles
OWNER_EMAIL, OWNER_PHONE = "owner@example.com", "+19165550100"
QUOTE = [{"name": "calculate_party_quote", "arguments": {}, "result": {"total_cents": 1}}]


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return MIDNIGHT + timedelta(hours=hour, minutes=minute, seconds=second)


@pytest.fixture
def platform(tmp_path) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    with local_platform(
        tmp_path,
        rate_limit_enabled=False,
        owner_report_email=OWNER_EMAIL,
        owner_report_phone=OWNER_PHONE,
    ) as p:
        seed_if_empty(p)
        yield p


def trace(provider: str = "offline", cost: float = 0.0, quoted: bool = False) -> dict[str, Any]:
    return {
        "provider": provider,
        "usage": {"input_tokens": 0, "output_tokens": 0, "cost_usd": cost},
        "tool_calls": QUOTE if quoted else [],
        "agent": "lead",
    }


def thread(p: Platform, channel: str, handle: str, messages: list[tuple[Any, ...]]) -> list[Any]:
    """Open a thread and append (author, time, text, trace) messages; the stored ones."""
    opened = threads.open_thread(
        p.store, channel=channel, handle=handle, customer_id=None, now=messages[0][1]
    )  # type: ignore[arg-type]
    stored = []
    for author, when, text, *rest in messages:
        stored.append(
            threads.append(
                p.store,
                opened.id,
                author=author,
                text=text,
                now=when,
                trace=rest[0] if rest else None,
            )
        )
    return stored


def booking(p: Platform, doc_id: str, created: datetime, total: int, **more: Any) -> None:
    p.store.set(
        BOOKINGS,
        doc_id,
        {"status": "held", "created_at": created, "total_cents": total, "deposit_cents": 10_000}
        | more,
    )


def rate(p: Platform, reply: Any, helpful: bool, when: datetime) -> None:
    data = p.store.get(threads.MESSAGES, reply.id)
    assert data is not None
    owner = threads.get_thread(p.store, reply.thread_id)
    feedback.record_rating(p.store, p.bus, owner, reply.id, data, helpful, None, now=when)


def seed_day(p: Platform) -> None:
    # sms: quoted, then "too expensive": lost on price. One LLM turn, $0.0012.
    thread(
        p,
        "sms",
        "+19165550101",
        [
            ("customer", at(10), "How much for 10 adults on Dec 12 in 95661?"),
            ("ai", at(10, 0, 30), "Your total is $550.", trace("openai", 0.0012, quoted=True)),
            ("customer", at(10, 5), "hmm, that's too expensive"),
            ("ai", at(10, 6), "I understand.", trace()),
        ],
    )
    # web: quoted, then silence: lost, no reply. Rated helpful.
    b = thread(
        p,
        "web",
        "sess-b",
        [
            ("customer", at(11), "price for 12 adults?"),
            ("ai", at(11, 2), "Your total is $660.", trace(quoted=True)),
        ],
    )
    rate(p, b[1], True, at(11, 3))
    # web: quoted and booked (held, deposit paid the same day). Rated unhelpful.
    c = thread(
        p,
        "web",
        "sess-c",
        [
            ("customer", at(12), "quote for 15 adults"),
            ("ai", at(12, 0, 10), "Your total is $907.50.", trace(quoted=True)),
            ("customer", at(12, 1), "the travel fee is high but ok, book it"),
            ("ai", at(12, 1, 20), "Held!", trace()),
        ],
    )
    rate(p, c[3], False, at(12, 2))
    booking(
        p,
        "bk_c",
        at(12, 5),
        90_750,
        status="confirmed",
        origin_thread_id=c[0].thread_id,
        origin_channel="web",
        payment={
            "deposit_paid_cents": 10_000,
            "deposit_event_created": int(at(12, 30).timestamp()),
        },
    )
    # whatsapp: a complaint, escalated, then staff answer.
    d = thread(
        p,
        "whatsapp",
        "15551230000",
        [
            ("customer", at(13), "The food was cold. I want a refund."),
            ("ai", at(13, 0, 5), "A manager will reply here.", trace()),
            ("staff", at(13, 20), "So sorry - refund on its way."),
        ],
    )
    handoff.escalate(
        p.store,
        d[0].thread_id,
        reason="complaint: The food was cold.",
        priority="high",
        now=at(13, 0, 5),
    )
    booking(p, "bk_direct", at(14), 55_000)  # the booking form: no conversation
    # Outside the day: none of this counts.
    e = thread(
        p,
        "web",
        "sess-e",
        [
            ("customer", MIDNIGHT - timedelta(minutes=5), "too expensive!"),
            ("ai", MIDNIGHT - timedelta(minutes=4), "Sorry.", trace("openai", 9.0, quoted=True)),
        ],
    )
    rate(p, e[1], True, MIDNIGHT - timedelta(minutes=1))
    booking(p, "bk_late", at(24, 1), 60_000, origin_channel="sms")
    # Self-healing proposals: one made that day, one the day before.
    p.store.set(PROPOSALS, "hp_1", {"at": at(3), "status": "proposed", "title": "x"})
    p.store.set(PROPOSALS, "hp_0", {"at": at(-3), "status": "applied", "title": "y"})


def run_tasks(api: Api) -> None:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    while runner.run_due():
        pass


def test_the_report_for_a_seeded_day_matches_the_seed(api: Api) -> None:
    seed_day(api.platform)
    status, run = api.admin("POST", "/coach-report", {})
    assert status == 200, run
    assert run["date"] == DAY.isoformat() and run["created"] is True
    assert run["delivery"]["queued"] == ["email", "sms"]

    status, view = api.admin("GET", "/admin-coach", role="staff")
    assert status == 200, view
    report = view["report"]
    m = report["metrics"]
    channels = {c["channel"]: c for c in m["channels"]}
    assert channels == {
        "direct": {"channel": "direct", "conversations": 0, "customer_messages": 0, "holds": 1,
                   "deposits": 0, "deposit_cents": 0, "revenue_cents": 0},
        "sms": {"channel": "sms", "conversations": 1, "customer_messages": 2, "holds": 0,
                "deposits": 0, "deposit_cents": 0, "revenue_cents": 0},
        "web": {"channel": "web", "conversations": 2, "customer_messages": 3, "holds": 1,
                "deposits": 1, "deposit_cents": 10_000, "revenue_cents": 90_750},
        "whatsapp": {"channel": "whatsapp", "conversations": 1, "customer_messages": 1,
                     "holds": 0, "deposits": 0, "deposit_cents": 0, "revenue_cents": 0},
    }  # fmt: skip
    assert (m["totals"]["conversations"], m["totals"]["holds"], m["totals"]["deposits"]) == (
        4,
        2,
        1,
    )
    assert m["escalations"] == {"total": 1, "by_reason": {"complaint": 1}}
    # Waits: 30 s and 60 s (sms), 120 s, 10 s and 20 s (web), 5 s (whatsapp).
    assert m["response_times"] == {
        "answered": 6,
        "unanswered": 0,
        "median_seconds": 20.0,
        "p90_seconds": 120.0,
        "max_seconds": 120.0,
    }
    assert m["ai"] == {
        "turns": 6,
        "llm_free_turns": 5,
        "llm_free_share": 0.8333,
        "cost_usd": 0.0012,
        "cost_by_provider": {"openai": 0.0012, "offline": 0.0},
    }
    assert m["ratings"] == {"helpful": 1, "unhelpful": 1, "helpful_share": 0.5}
    assert m["objections"] == {
        "top": [{"name": "price", "count": 1}, {"name": "travel_fee", "count": 1}],
        "lost": [{"name": "no_reply", "count": 1}, {"name": "price", "count": 1}],
        "quoted_threads": 3,
        "quoted_not_booked": 2,
    }
    assert report["healing"] == [{"id": "hp_1", "status": "proposed", "summary": "x"}]
    assert isinstance(report["gates"], list)
    scenarios = report["scenarios"]
    assert scenarios["total"] == len(SCENARIOS) == 10
    assert scenarios["passed"] == 10 and scenarios["regressions"] == [], scenarios["results"]
    assert "Conversations 4, holds 2, deposits 1 ($100.00), revenue $907.50" in view["text"]

    run_tasks(api)
    sent = {d.id: d.data for d in api.platform.store.query(OUTBOX)}
    assert set(sent) == {f"coach-{DAY}-email", f"coach-{DAY}-sms"}
    assert sent[f"coach-{DAY}-email"]["to"] == OWNER_EMAIL
    assert sent[f"coach-{DAY}-sms"]["to"] == OWNER_PHONE


def test_running_twice_stores_one_report_and_sends_one_message(api: Api) -> None:
    first = api.admin("POST", "/coach-report", {})[1]
    second = api.admin("POST", "/coach-report", {})[1]
    assert (first["created"], second["created"]) == (True, False)
    assert second["delivery"] == first["delivery"]
    assert [d.id for d in api.platform.store.query(COACH_REPORTS)] == [DAY.isoformat()]
    sends = [d for d in api.platform.store.query(TASKS) if d.data.get("target") == "send-outbound"]
    assert len(sends) == 2
    run_tasks(api)
    assert len(api.platform.store.query(OUTBOX)) == 2


def test_a_broken_behaviour_shows_as_a_regression(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = daily.run(api.platform, day=DAY - timedelta(days=1))
    assert before.pass_rate == 1.0 and before.regressions == []
    monkeypatch.setattr(Turn, "escalation", property(lambda self: None))  # never escalates
    broken = daily.run(api.platform, day=DAY)
    assert broken.pass_rate == 0.8
    assert broken.regressions == [
        s.behaviour for s in SCENARIOS if s.id in ("complaint-escalates", "asks-for-a-human")
    ]
    text = api.admin("GET", "/admin-coach", {"date": DAY.isoformat()})[1]["text"]
    assert f"Regressed since {DAY - timedelta(days=1)}: hands a complaint to staff" in text
    assert "FAIL asks-for-a-human: not escalated" in text


def test_scenarios_touch_no_customer_data(api: Api) -> None:
    store = api.platform.store
    counts = {c: len(store.query(c)) for c in (threads.THREADS, threads.MESSAGES, BOOKINGS)}
    daily.run(api.platform)
    assert {c: len(store.query(c)) for c in counts} == counts
    assert all(d.id.startswith("coach-") for d in store.query(OUTBOX))


def test_without_an_owner_contact_the_report_is_only_stored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with local_platform(tmp_path, rate_limit_enabled=False) as p:
        seed_if_empty(p)
        run = daily.run(p)
        assert run.created and run.delivery is not None and run.delivery.queued == []
        assert "stored only" in run.delivery.note
        assert p.store.get(COACH_REPORTS, DAY.isoformat()) is not None
        assert [d for d in p.store.query(TASKS) if d.data.get("target") == "send-outbound"] == []


def test_admin_coach_reads_a_day_or_says_there_is_none(api: Api) -> None:
    assert api.admin("GET", "/admin-coach", role="staff")[0] == 404
    daily.run(api.platform)
    assert api.admin("GET", "/admin-coach", {"date": "2026-01-01"})[0] == 404
    status, view = api.admin("GET", "/admin-coach", {"date": DAY.isoformat()})
    assert status == 200 and view["report"]["date"] == DAY.isoformat()
    status, problem = api.admin("GET", "/admin-coach", {"date": "yesterday"})
    assert status == 422 and "date" in str(problem)
    assert api.call("GET", "/admin-coach")[0] == 401
