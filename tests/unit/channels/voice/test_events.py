"""Telephony session notifications -> the finished recordings of inbound calls."""

from __future__ import annotations

from typing import Any

from shared.channels.voice.events import READY_DELAY, finished_recordings, schedule
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS

CALLER = "+12135550142"


def party(
    code: str = "Disconnected",
    direction: str = "Inbound",
    caller: str = CALLER,
    recordings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "accountId": "400144452008",
        "extensionId": "400144455008",
        "id": "cs171841903434018384-2",
        "direction": direction,
        "to": {"phoneNumber": "+18005550100", "name": "MyHibachi", "extensionId": "101"},
        "from": {"phoneNumber": caller, "name": "WIRELESS CALLER"},
        "status": {"code": code, "reason": "CallFinished"},
        "missedCall": False,
        "standAlone": False,
        "muted": False,
        "recordings": [{"id": "rec-7001", "active": False}] if recordings is None else recordings,
    }


def session(*parties: dict[str, Any]) -> dict[str, Any]:
    return {
        "sequence": 7,
        "sessionId": "402936341008",
        "telephonySessionId": "s-Y3MxNzE4NDE5MDM0",
        "serverId": "10.62.25.111.TAM",
        "eventTime": "2026-11-21T12:00:00.000Z",
        "origin": {"type": "Call"},
        "parties": list(parties),
    }


def test_a_finished_recorded_inbound_call_gives_one_task() -> None:
    [task] = finished_recordings(session(party()))
    assert (task.recording_id, task.caller) == ("rec-7001", CALLER)
    assert task.telephony_session_id == "s-Y3MxNzE4NDE5MDM0"


def test_calls_in_progress_unrecorded_outbound_or_internal_give_none() -> None:
    assert finished_recordings(session(party(code="Answered"))) == []
    assert finished_recordings(session(party(recordings=[]))) == []
    assert finished_recordings(session(party(direction="Outbound"))) == []
    assert finished_recordings(session(party(caller="103"))) == []  # an extension
    assert finished_recordings({"parties": None}) == []


def test_caller_numbers_are_normalised_and_ids_made_task_safe() -> None:
    raw = party(caller="(213) 555-0142", recordings=[{"id": "a/b c", "active": False}])
    [task] = finished_recordings(session(raw))
    assert (task.caller, task.recording_id) == (CALLER, "a-b-c")


def test_each_recording_is_scheduled_once_after_a_delay(platform: Platform) -> None:
    tasks = finished_recordings(session(party()))
    assert schedule(platform, tasks) == 1
    assert schedule(platform, tasks) == 0  # the notification repeated
    [queued] = platform.store.query(TASKS)
    assert queued.data["target"] == "process-recording" and queued.data["source"] == "voice"
    assert queued.data["run_at"] == platform.clock.now() + READY_DELAY
