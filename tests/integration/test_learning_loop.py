"""The learning loop end to end on the embedded defaults, with a scripted teacher LLM on
loopback: turns -> shadow pairs -> gate math -> approval -> the student live for that
channel only -> the gate closing by itself when agreement degrades."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.ai import routing
from shared.ai.chat import channel_message
from shared.ai.config import store as ai_configs
from shared.ai.config.gates import LearningPolicy
from shared.ai.config.model import default_config
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.learning.gatekeeping import MONITOR
from shared.learning.records import GATES, PAIRS, Pair
from shared.platform.events.envelope import push_body
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.conftest import Api
from tests.support.command_llm import CommandLLM
from tests.support.platform import bearer, local_platform

# The web row made small enough to reach in a test; every other row keeps the business's.
POLICY = {
    "thresholds": {
        "web": {"accuracy": 0.55, "confidence": 0.0, "samples": 6, "sign_off": "director"}
    },
    "reverse_sample": 1.0,
    "window": 10,
    "min_window": 3,
}
DAY = date(2027, 3, 6)  # a Saturday ahead of the test clock


def ask() -> str:
    return f"how much for 20 adults on {DAY:%B} {DAY.day} in 90012?"


def script(adults: int = 20) -> list[dict[str, Any]]:
    """What the teacher emits: the party the message states, or (to disagree) another."""
    return [
        {"type": "start_flow", "flow": "quote"},
        {"type": "set_slot", "slot": "adults", "value": adults},
        {"type": "set_slot", "slot": "event_date", "value": DAY.isoformat()},
        {"type": "set_slot", "slot": "zipcode", "value": "90012"},
    ]


@pytest.fixture(scope="module")
def teacher() -> Iterator[CommandLLM]:
    with CommandLLM().running() as fake:
        yield fake


@pytest.fixture
def platform(tmp_path, teacher: CommandLLM) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    env = {"OPENAI_BASE_URL": teacher.base_url, "OPENAI_API_KEY": "test"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    router = routing._router()
    unsure_before = router.llm_fallback  # the cascade wires its LLM into the shared router
    teacher.reset()
    try:
        with local_platform(
            tmp_path,
            rate_limit_enabled=False,
            llm_cascade="openai:gpt-4o-mini",
            openai_base_url=teacher.base_url,
        ) as p:
            seed_if_empty(p)
            small = default_config().model_copy(
                update={"version": "small-web-gate", "learning": LearningPolicy(**POLICY)}
            )
            ai_configs.publish(p.store, small, actor="test", now=p.clock.now())
            yield p
    finally:
        router.llm_fallback = unsure_before
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_tasks(api: Api) -> int:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    total = 0
    while ran := runner.run_due():
        total += ran
    return total


def web_turn(api: Api, teacher: CommandLLM, session: str, *, adults: int = 20) -> dict[str, Any]:
    """One web chat turn, then its event work (the shadow scoring) run to the end."""
    text = ask()
    teacher.expect(text, script(adults))
    status, body = api.call("POST", "/chat", {"text": text, "session_id": session})
    assert status == 200, body
    run_tasks(api)
    return body  # type: ignore[no-any-return]


def pairs(platform: Platform) -> list[Pair]:
    return [Pair.model_validate(d.data | {"id": d.id}) for d in platform.store.query(PAIRS)]


def trace_of(platform: Platform, reply_id: str) -> dict[str, Any]:
    stored = platform.store.get(threads.MESSAGES, reply_id)
    assert stored is not None
    return stored["trace"]  # type: ignore[no-any-return]


def row(api: Api, group: str = "web", intent: str = "lead") -> dict[str, Any]:
    status, report = api.admin("GET", "/admin-learning", role="staff")
    assert status == 200
    [found] = [r for r in report["rows"] if (r["group"], r["intent"]) == (group, intent)]
    return found  # type: ignore[no-any-return]


def test_a_turn_becomes_one_pair_with_each_component_and_the_customer_sees_nothing(
    api: Api, teacher: CommandLLM
) -> None:
    body = web_turn(api, teacher, "s-1")
    [pair] = pairs(api.platform)
    assert pair.mode == "shadow" and (pair.channel, pair.group, pair.intent) == (
        "web",
        "web",
        "lead",
    )
    assert pair.teacher.provider and pair.teacher.provider.startswith("openai")
    assert pair.student.provider == "offline"
    assert pair.teacher.reply == body["reply"]
    assert [c["name"] for c in pair.teacher.tool_calls] == ["calculate_party_quote"]
    assert pair.student.tool_calls == pair.teacher.tool_calls
    assert pair.agree and pair.components.failed() == []
    # The turn event carried the AI configuration version the turn ran under to the pair.
    trace = trace_of(api.platform, body["reply_id"])
    assert pair.config_version == trace["config_version"] == "small-web-gate"
    assert pair.teacher.cost_usd > 0 and pair.student.cost_usd == 0  # the teacher is priced
    # Shadow scoring stored no message and queued nothing for the customer.
    history = threads.history(api.platform.store, body["thread_id"])
    assert [m.author for m in history] == ["customer", "ai"]
    assert {d.data["target"] for d in api.platform.store.query(TASKS)} == {
        "shadow-turn",
        "debate-trigger",  # the other conversation-turns subscriber: no debate for a quote
        "derive-turn-analytics",  # and the third, whose events go to the analytics sink
        "record-analytics-event",
    }
    assert api.platform.store.query(OUTBOX) == []


def test_a_redelivered_turn_event_is_scored_once(api: Api, teacher: CommandLLM) -> None:
    teacher.expect(ask(), script(20))
    api.call("POST", "/chat", {"text": ask(), "session_id": "s-2"})
    [delivery] = [
        d.data for d in api.platform.store.query(TASKS) if d.data["target"] == "shadow-turn"
    ]
    for _ in range(3):  # Pub/Sub delivers at least once
        response = api.client.post(
            "/shadow-turn", json=delivery["body"], headers=bearer(api.platform, "owner")
        )
        assert response.status_code == 200
    assert len(pairs(api.platform)) == 1
    assert row(api)["samples"] == 1


def test_a_teacher_that_reads_the_party_differently_disagrees_on_tools(
    api: Api, teacher: CommandLLM
) -> None:
    web_turn(api, teacher, "s-3", adults=30)
    [pair] = pairs(api.platform)
    assert not pair.agree and not pair.components.tools
    assert row(api)["disagreements"]["tools"] == 1


def test_the_loop_from_shadow_to_live_to_an_automatic_close(api: Api, teacher: CommandLLM) -> None:
    for i in range(3):
        web_turn(api, teacher, f"a-{i}")
    small = row(api)
    # Three agreements out of three: a bound of 0.44, so the gate may not open yet.
    assert small["samples"] == 3 and small["agreement"] == 1.0 and not small["ready"]
    assert small["bound"] == pytest.approx(0.4385, abs=1e-3)
    refused = api.admin(
        "POST",
        "/admin-learning",
        {"action": "open", "channel": "web", "intent": "lead"},
        role="admin",
    )
    assert refused[0] == 409 and refused[1]["code"] == "not_ready"

    for i in range(3, 6):
        web_turn(api, teacher, f"a-{i}")
    ready = row(api)
    assert ready["samples"] == 6 and ready["ready"] and ready["bound"] >= 0.55
    assert ready["projected_monthly_saving_usd"] > 0
    _, report = api.admin("GET", "/admin-learning", role="staff")
    assert "web" in report["table"] and "lead" in report["table"]

    opening = {"action": "open", "channel": "web", "intent": "lead", "note": "shadowed well"}
    manager = api.admin("POST", "/admin-learning", opening, role="manager")
    assert manager[0] == 403 and manager[1]["code"] == "sign_off_required"  # web: a director
    status, gate = api.admin("POST", "/admin-learning", opening, role="admin")
    assert status == 200 and gate["status"] == "open" and gate["opened_by"] == "tester"
    again = api.admin("POST", "/admin-learning", opening, role="owner")
    assert again[0] == 409 and again[1]["code"] == "gate_open"
    _, audit = api.admin("GET", "/admin-audit-log", {"entity": "learning_gate"})
    assert [e["action"] for e in audit["entries"]] == ["learning.gate.open"]

    # Live: the student answers web x lead; the teacher is not asked until it scores.
    teacher.reset()
    teacher.expect(ask(), script(20))
    status, live = api.call("POST", "/chat", {"text": ask(), "session_id": "live-1"})
    assert status == 200 and "$" in live["reply"]
    assert teacher.asked == []
    assert trace_of(api.platform, live["reply_id"])["answered_by"] == "student"
    rated = {"thread_id": live["thread_id"], "session_id": "live-1", "helpful": True}
    assert api.call("POST", "/rate-reply", rated | {"reply_id": live["reply_id"]})[0] == 200
    assert row(api)["ratings"]["helpful"] == {"teacher": 0, "student": 1}
    run_tasks(api)  # reverse shadow: the teacher scores the student's turn
    assert len(teacher.asked) == 1
    reverse = [p for p in pairs(api.platform) if p.mode == "reverse"]
    assert len(reverse) == 1 and reverse[0].agree and reverse[0].student.provider == "offline"

    # Other channels keep the teacher.
    teacher.reset()
    teacher.expect(ask(), script(20))
    sms = channel_message(
        api.platform,
        {
            "channel": "sms",
            "sender": "+12135550199",
            "text": ask(),
            "provider_message_id": "rc-9",
        },
    )
    assert trace_of(api.platform, sms.reply_id or "")["answered_by"] == "teacher"
    assert len(teacher.asked) == 1

    # The teacher starts reading parties differently: reverse pairs disagree, the rolling
    # bound falls below 0.55 and the monitor closes the gate.
    for i in range(2):
        web_turn(api, teacher, f"drift-{i}", adults=30)
    closed = api.platform.store.get(GATES, "web--lead")
    assert closed is not None and closed["status"] == "closed"
    assert closed["closed_by"] == MONITOR and "agreement bound" in closed["closed_reason"]
    _, audit = api.admin("GET", "/admin-audit-log", {"entity": "learning_gate"})
    newest = audit["entries"][0]
    assert (newest["action"], newest["actor"]) == ("learning.gate.close", MONITOR)
    _, report = api.admin("GET", "/admin-learning", role="staff")
    assert any("web x lead" in n["text"] for n in report["notices"])

    # Closed: the teacher answers web again.
    teacher.reset()
    teacher.expect(ask(), script(20))
    _, after = api.call("POST", "/chat", {"text": ask(), "session_id": "after"})
    assert trace_of(api.platform, after["reply_id"])["answered_by"] == "teacher"
    assert len(teacher.asked) == 1


def test_staff_close_a_gate_and_a_staff_role_may_only_look(api: Api, teacher: CommandLLM) -> None:
    for i in range(6):
        web_turn(api, teacher, f"c-{i}")
    opening = {"action": "open", "channel": "web", "intent": "lead"}
    assert api.admin("POST", "/admin-learning", opening, role="owner")[0] == 200
    closing = {"action": "close", "channel": "web", "intent": "lead", "note": "menu change"}
    assert api.admin("POST", "/admin-learning", closing, role="staff")[0] == 403
    status, gate = api.admin("POST", "/admin-learning", closing, role="manager")
    assert status == 200 and gate["status"] == "closed" and gate["closed_reason"] == "menu change"
    assert api.admin("POST", "/admin-learning", closing, role="manager")[0] == 409
    assert api.admin("POST", "/admin-learning", opening, role="chef")[0] == 403


def test_a_malformed_turn_event_is_refused_for_pub_sub_to_dead_letter(api: Api) -> None:
    body = push_body(
        message_id="m-bad",
        payload={"thread_id": "th_x"},  # no reply, no channel
        attributes={},
        subscription="projects/p/subscriptions/conversation-turns--shadow-turn",
        publish_time=api.platform.clock.now(),
    )
    response = api.client.post("/shadow-turn", json=body, headers=bearer(api.platform, "owner"))
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert {"message.data.reply_id", "message.data.channel"} <= fields
    assert pairs(api.platform) == []


def test_a_hold_the_teacher_made_is_replayed_in_shadow_never_made_again(
    api: Api, teacher: CommandLLM
) -> None:
    when = f"{DAY:%B} {DAY.day}"
    steps: list[tuple[str, list[dict[str, Any]]]] = [
        (
            f"How much for 12 adults on {when}? We're in Roseville, 95661",
            [
                {"type": "start_flow", "flow": "quote"},
                {"type": "set_slot", "slot": "adults", "value": 12},
                {"type": "set_slot", "slot": "event_date", "value": DAY.isoformat()},
                {"type": "set_slot", "slot": "zipcode", "value": "95661"},
            ],
        ),
        (
            "Great, let's book it for 6pm",
            [
                {"type": "start_flow", "flow": "book"},
                {"type": "set_slot", "slot": "start_time", "value": "18:00"},
            ],
        ),
        (
            "Name is Marcus Bell, phone 916-555-0142, email marcus.bell@example.com, "
            "Address is 1420 Eureka Rd, Roseville CA 95661",
            [
                {"type": "set_slot", "slot": "name", "value": "Marcus Bell"},
                {"type": "set_slot", "slot": "phone", "value": "916-555-0142"},
                {"type": "set_slot", "slot": "email", "value": "marcus.bell@example.com"},
                {
                    "type": "set_slot",
                    "slot": "address",
                    "value": "1420 Eureka Rd, Roseville CA 95661",
                },
            ],
        ),
        ("yes please hold it", [{"type": "confirm"}]),
    ]
    thread_id = None
    for text, commands in steps:
        teacher.expect(text, commands)
        status, body = api.call(
            "POST", "/chat", {"text": text, "thread_id": thread_id, "session_id": "hold-1"}
        )
        assert status == 200, body
        thread_id = body["thread_id"]
        run_tasks(api)
    assert len(api.platform.store.query("bookings")) == 1  # the teacher's hold, only it
    [hold_pair] = [
        p
        for p in pairs(api.platform)
        if any(c["name"] == "create_booking_hold" for c in p.teacher.tool_calls)
    ]
    assert hold_pair.student.tool_calls == hold_pair.teacher.tool_calls
    assert hold_pair.agree
    # The rehearsal got the recorded hold back, so its reply is the very same reply.
    assert hold_pair.student.reply == hold_pair.teacher.reply
    assert len(pairs(api.platform)) == len(steps)
