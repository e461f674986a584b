"""The `voice` task's payload and what `process-recording` answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class RecordingTask(BaseModel):
    recording_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="RingCentral's id")
    caller: str = Field(description="The caller's number, E.164")
    telephony_session_id: str | None = None


class RecordingOutcome(BaseModel):
    status: Literal["answered", "callback", "with_staff", "no_speech"] = Field(
        description="answered: the AI's reply goes out by text; callback: a complaint or "
        "escalation, staff call back; with_staff: staff own the thread; no_speech: silence"
    )
    thread_id: str
    summary: str | None = None
    reply_queued: bool = False
