"""Call recordings: RingCentral event -> task -> recording -> Deepgram -> AI turn -> follow-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.channels.voice.process import CALLBACK_REASON
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.platform.env_secrets import EnvSecrets
from shared.platform.services import Platform
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.test_sms_webhook import VERIFIED, post
from tests.support import fake_deepgram
from tests.support.fake_deepgram import FakeDeepgram
from tests.support.fake_ringcentral import SECRETS, FakeRingCentral, drain, sending_platform
from tests.unit.channels.voice.test_events import party, session

CALLER = "+12135550142"
CALL_EVENT = "/restapi/v1.0/account/~/telephony/sessions"
QUOTE_CALL = (
    b"mp3-quote",
    "Hi, I'm calling to ask how much it would cost for 20 adults on December 5th in 90012. Thanks.",
)
COMPLAINT_CALL = (
    b"mp3-complaint",
    "Hi, this is Dana calling about my party last Saturday. The chef showed up an hour late "
    "and the food was cold. I want a refund.",
)


@pytest.fixture
def rc() -> Iterator[FakeRingCentral]:
    with FakeRingCentral().running() as fake:
        yield fake


@pytest.fixture
def deepgram() -> Iterator[FakeDeepgram]:
    with FakeDeepgram().running() as fake:
        fake.transcripts.update([QUOTE_CALL, COMPLAINT_CALL])
        yield fake


@pytest.fixture
def platform(tmp_path: Path, rc: FakeRingCentral, deepgram: FakeDeepgram) -> Iterator[Platform]:
    with sending_platform(tmp_path, rc, deepgram_base_url=deepgram.base_url) as p:
        p.secrets = EnvSecrets(environ=SECRETS | fake_deepgram.SECRETS)
        seed_if_empty(p)
        yield p


def call_ended(recording_id: str) -> dict[str, Any]:
    """The telephony notification for the caller's party hanging up a recorded call."""
    return {
        "uuid": f"uuid-{recording_id}",
        "event": CALL_EVENT,
        "timestamp": "2026-11-21T12:00:00.000Z",
        "subscriptionId": "sub-1",
        "ownerId": "101",
        "body": session(party(recordings=[{"id": recording_id, "active": False}])),
    }


def run_tasks(api: Any, platform: Platform) -> None:
    runner = LocalTaskRunner(
        platform.store, platform.clock, InProcessDeliverer(api.client.application)
    )
    drain(runner, platform)


def test_a_call_becomes_a_transcript_an_answer_by_text_and_a_summary(
    api: Any, platform: Platform, rc: FakeRingCentral, deepgram: FakeDeepgram
) -> None:
    rc.add_recording("7001", QUOTE_CALL[0])
    assert post(api, call_ended("7001"), **VERIFIED)[1]["outcome"] == "scheduled"
    assert post(api, call_ended("7001"), **VERIFIED)[1]["outcome"] == "ignored"  # repeated
    run_tasks(api, platform)
    thread_id = threads.thread_id_for("voice", CALLER)
    call, answer, note = threads.history(platform.store, thread_id)
    assert (call.author, call.text, call.provider_message_id) == ("customer", QUOTE_CALL[1], "7001")
    assert answer.author == "ai" and "$1,100" in answer.text
    assert note.author == "system" and note.text.startswith("Phone call summary: Hi, I'm calling")
    assert note.trace is not None and note.trace["call"]["follow_up"] == "answered"
    assert "intent: lead" in note.trace["call"]["summary"]
    assert [t["to"] for t in rc.texts] == [[{"phoneNumber": CALLER}]] * len(rc.texts)
    assert " ".join(t["text"] for t in rc.texts) == answer.text
    assert len(deepgram.requests) == 1 and deepgram.requests[0].body == QUOTE_CALL[0]


def test_a_complaint_call_schedules_a_staff_callback_and_texts_nothing(
    api: Any, platform: Platform, rc: FakeRingCentral
) -> None:
    rc.add_recording("7002", COMPLAINT_CALL[0])
    post(api, call_ended("7002"), **VERIFIED)
    run_tasks(api, platform)
    thread_id = threads.thread_id_for("voice", CALLER)
    thread = threads.get_thread(platform.store, thread_id)
    assert (thread.status, thread.priority, thread.escalation_reason) == (
        threads.ThreadStatus.ESCALATED,
        "high",
        CALLBACK_REASON,
    )
    [open_handoff] = handoff.open_handoffs(platform.store)
    assert (open_handoff.thread_id, open_handoff.reason, open_handoff.priority) == (
        thread_id,
        CALLBACK_REASON,
        "high",
    )
    note = threads.history(platform.store, thread_id)[-1]
    assert note.author == "system" and note.text.startswith("Staff callback requested")
    assert rc.texts == []


def test_a_late_recording_is_retried_and_a_redelivered_task_changes_nothing(
    api: Any, platform: Platform, rc: FakeRingCentral, deepgram: FakeDeepgram
) -> None:
    rc.add_recording("7003", QUOTE_CALL[0], not_ready=1)  # 404 at the first attempt
    post(api, call_ended("7003"), **VERIFIED)
    run_tasks(api, platform)
    thread_id = threads.thread_id_for("voice", CALLER)
    assert len(threads.history(platform.store, thread_id)) == 3
    texts = len(rc.texts)
    assert texts >= 1
    payload = {"recording_id": "7003", "caller": CALLER, "telephony_session_id": None}
    response = api.client.post(
        "/process-recording",
        json=payload,
        headers={"X-CloudTasks-QueueName": "voice", "X-CloudTasks-TaskName": "rec-7003"},
        environ_overrides={"hibachi.internal": True},
    )
    assert response.status_code == 200 and response.get_json()["status"] == "answered"
    run_tasks(api, platform)
    assert len(threads.history(platform.store, thread_id)) == 3  # no second transcript or note
    assert len(deepgram.requests) == 1  # not transcribed again
    assert len(rc.texts) == texts  # not texted again


def test_a_silent_recording_is_noted_for_staff_without_an_answer(
    api: Any, platform: Platform, rc: FakeRingCentral, deepgram: FakeDeepgram
) -> None:
    deepgram.transcripts[b"mp3-silence"] = ""
    rc.add_recording("7004", b"mp3-silence")
    post(api, call_ended("7004"), **VERIFIED)
    run_tasks(api, platform)
    [note] = threads.history(platform.store, threads.thread_id_for("voice", CALLER))
    assert (note.author, note.provider_message_id) == ("system", "7004")
    assert rc.texts == []
