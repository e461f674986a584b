"""Texts really sent (through the SDK, to a local RingCentral): retries, dead letters, STOP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from functions.manifest import QUEUES_BY_NAME
from shared.channels.outbound import OUTBOX
from shared.channels.sms import compliance
from shared.conversation import store as threads
from shared.platform import deadletters
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.test_sms_webhook import CUSTOMER, VERIFIED, post, sms
from tests.support.fake_ringcentral import SMS_PATH, FakeRingCentral, drain, sending_platform


@pytest.fixture
def rc() -> Iterator[FakeRingCentral]:
    with FakeRingCentral().running() as fake:
        yield fake


@pytest.fixture
def platform(tmp_path: Path, rc: FakeRingCentral) -> Iterator[Platform]:
    with sending_platform(tmp_path, rc) as p:
        seed_if_empty(p)
        yield p


def runner(api: Any, platform: Platform) -> LocalTaskRunner:
    return LocalTaskRunner(
        platform.store, platform.clock, InProcessDeliverer(api.client.application)
    )


def test_a_failing_send_is_retried_with_backoff_then_dead_lettered(
    api: Any, platform: Platform, rc: FakeRingCentral
) -> None:
    rc.fail_every_sms_with = 500
    post(api, sms("m1", "how much for 20 adults on dec 5 in 90012?"), **VERIFIED)
    started = platform.clock.now()
    drain(runner(api, platform), platform)
    queue = QUEUES_BY_NAME["outbound"]
    attempts = rc.requests_to("POST", SMS_PATH)
    assert len(attempts) == queue.max_attempts  # every attempt reached RingCentral
    # Doubling backoff from 2 s between attempts: 2 + 4 + 8 + 16 + 32 seconds in all.
    waited = sum(min(queue.max_backoff_s, queue.min_backoff_s * 2**n) for n in range(5))
    assert platform.clock.now() - started == timedelta(seconds=waited)
    [task] = [t.data for t in platform.store.query(TASKS) if t.data["target"] == "send-outbound"]
    assert task["state"] == "dead" and task["attempts"] == queue.max_attempts
    [letter] = [d.data for d in platform.store.query(deadletters.COLLECTION)]
    assert (letter["kind"], letter["source"], letter["target"]) == (
        "task",
        "outbound",
        "send-outbound",
    )
    assert letter["key"] == task["name"] and letter["payload"]["to"] == CUSTOMER
    assert letter["last_error"] == "ringcentral_unavailable: RingCentral answered HTTP 500"
    assert "rc-access" not in str(letter)
    assert rc.texts == [] and platform.store.query(OUTBOX) == []  # nothing counts as sent

    # Staff replay it once RingCentral is back; a second (redelivered) replay sends nothing.
    rc.fail_every_sms_with = None
    for _ in range(2):
        response = api.client.post(
            "/send-outbound",
            json=letter["payload"],
            headers={"X-CloudTasks-QueueName": "outbound", "X-CloudTasks-TaskName": task["name"]},
            environ_overrides={"hibachi.internal": True},
        )
        assert response.status_code == 200 and response.get_json()["status"] == "sent"
    assert [t["to"] for t in rc.texts] == [[{"phoneNumber": CUSTOMER}]]


def test_after_stop_no_ai_or_staff_text_reaches_ringcentral_until_start(
    api: Any, platform: Platform, rc: FakeRingCentral
) -> None:
    post(api, sms("m1", "STOP"), **VERIFIED)
    post(api, sms("m2", "how much for 20 adults on dec 5 in 90012?"), **VERIFIED)
    drain(runner(api, platform), platform)
    thread_id = threads.thread_id_for("sms", CUSTOMER)
    api.admin(
        "POST", "/admin-conversations", {"action": "reply", "thread_id": thread_id, "text": "Hi!"}
    )
    drain(runner(api, platform), platform)
    assert [t["text"] for t in rc.texts] == [compliance.STOP_REPLY]
    post(api, sms("m3", "START"), **VERIFIED)
    api.admin(
        "POST",
        "/admin-conversations",
        {"action": "reply", "thread_id": thread_id, "text": "Welcome back!"},
    )
    drain(runner(api, platform), platform)
    assert sorted(t["text"] for t in rc.texts) == sorted(
        [compliance.STOP_REPLY, compliance.START_REPLY, "Welcome back!"]
    )
