"""Telephony session notifications -> one `process-recording` task per finished recording.

RingCentral reports each call party's state (`/telephony/sessions` event filter); a party
of an inbound call that reaches `Disconnected` while listing `recordings` has a recording
to fetch. Its content appears shortly after the call ends, so the task starts
`READY_DELAY` later and the `voice` queue's retries cover a slower recording. The task is
named after the recording, so the repeated notifications of one call enqueue it once.
Outbound calls (staff calling a customer) are left to staff.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from shared.channels.voice.models import RecordingTask
from shared.customers.identity import normalise_phone
from shared.platform.errors import ValidationFailed
from shared.platform.services import Platform

QUEUE = "voice"
FUNCTION = "process-recording"
READY_DELAY = timedelta(seconds=30)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def finished_recordings(body: dict[str, Any]) -> list[RecordingTask]:
    """The recordings of inbound calls from a phone number that this notification ends."""
    found: list[RecordingTask] = []
    for party in body.get("parties") or []:
        status = (party.get("status") or {}).get("code")
        if status != "Disconnected" or party.get("direction") != "Inbound":
            continue
        try:
            caller = normalise_phone(str((party.get("from") or {}).get("phoneNumber") or ""))
        except ValidationFailed:
            continue  # an internal extension or a withheld number: nobody to text back
        for recording in party.get("recordings") or []:
            recording_id = _UNSAFE.sub("-", str(recording.get("id") or ""))[:64]
            if recording_id:
                found.append(
                    RecordingTask(
                        recording_id=recording_id,
                        caller=caller,
                        telephony_session_id=body.get("telephonySessionId"),
                    )
                )
    return found


def schedule(platform: Platform, tasks: list[RecordingTask]) -> int:
    """Enqueue each recording once; returns how many were new."""
    run_at = platform.clock.now() + READY_DELAY
    return sum(
        platform.tasks.enqueue(
            QUEUE, FUNCTION, task.model_dump(), run_at=run_at, dedup_name=f"rec-{task.recording_id}"
        ).created
        for task in tasks
    )
