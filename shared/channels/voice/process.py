"""One call recording: download, transcribe, answer in the caller's thread, follow up.

The transcript is the customer's message in the caller's `voice` thread (handle = their
number, provider message id = the recording id), answered by the same AI turn as every
channel. Then, once per recording:
- a complaint (the turn chose the `care` agent, or escalated: a must-escalate case, the
  validator or a failed AI path) gets a staff callback: the handoff is opened (or raised)
  with priority high and reason `callback_requested`, and no AI text goes out;
- any other call gets the AI's reply by text (outbound channel `voice` uses the SMS sender);
- a `system` message in the thread carries the call summary (and the callback request).
Every step is idempotent, so a retried task neither transcribes a stored call again nor
texts or escalates twice.
"""

from __future__ import annotations

from typing import Any, Literal

from shared.ai.providers.base import LLM_TIERS
from shared.ai.turn import Inbound, handle_message
from shared.channels.outbound import OutboundMessage, queue
from shared.channels.sms import ringcentral
from shared.channels.voice import deepgram
from shared.channels.voice.models import RecordingOutcome, RecordingTask
from shared.channels.voice.summary import summarise
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.conversation.store import ChatMessage, ThreadStatus
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import BadRequest, Unavailable
from shared.platform.services import Platform

CALLBACK_REASON = "callback_requested"
NO_SPEECH = "Phone call: the recording has no speech."
MAX_TRANSCRIPT = 8000  # the inbound message limit
RECORDING_PATH = "/restapi/v1.0/account/~/recording/{id}"


def process(platform: Platform, task: RecordingTask) -> RecordingOutcome:
    thread_id = threads.thread_id_for("voice", task.caller)
    call = _stored_call(platform.store, thread_id, task.recording_id)
    if call is None:
        call = _transcribe_and_answer(platform, task, thread_id)
    if call.author == "system":
        return RecordingOutcome(status="no_speech", thread_id=thread_id)
    reply = _reply_to(platform.store, thread_id, call)
    trace: dict[str, Any] = (reply.trace if reply else None) or {}
    route = trace.get("route") or {}
    summary = summarise(call.text, agent=trace.get("agent"), emotion=route.get("emotion"))
    escalated = threads.get_thread(platform.store, thread_id).status is not ThreadStatus.AI
    status: Literal["answered", "callback", "with_staff"]
    if reply is None:
        status = "with_staff"
    elif trace.get("agent") == "care" or escalated:
        status = "callback"
        _request_callback(platform, thread_id)
    else:
        status = "answered"
        queue(
            platform,
            OutboundMessage(
                channel="voice",
                to=task.caller,
                text=reply.text,
                thread_id=thread_id,
                message_id=reply.id,
            ),
        )
    _note(platform, thread_id, task, status, summary)
    return RecordingOutcome(
        status=status, thread_id=thread_id, summary=summary, reply_queued=status == "answered"
    )


def _stored_call(store: DocumentStore, thread_id: str, recording_id: str) -> ChatMessage | None:
    found = store.query(
        threads.MESSAGES,
        [Filter.eq("thread_id", thread_id), Filter.eq("provider_message_id", recording_id)],
        limit=1,
    )
    return ChatMessage.model_validate(found[0].data | {"id": found[0].id}) if found else None


def _transcribe_and_answer(platform: Platform, task: RecordingTask, thread_id: str) -> ChatMessage:
    audio, content_type = _recording(platform, task.recording_id)
    transcript = deepgram.transcribe(platform, audio, content_type)[:MAX_TRANSCRIPT]
    if transcript:
        handle_message(
            platform,
            Inbound(
                channel="voice",
                text=transcript,
                handle=task.caller,
                provider_message_id=task.recording_id,
                handle_kind="phone",
            ),
            platform.adapter(LLM_TIERS),
        )
    else:  # keep the call visible to staff, once, even with nothing to answer
        threads.receive(
            platform.store,
            channel="voice",
            handle=task.caller,
            customer_id=None,
            author="system",
            text=NO_SPEECH,
            now=platform.clock.now(),
            thread_id=thread_id,
            provider_message_id=task.recording_id,
        )
    call = _stored_call(platform.store, thread_id, task.recording_id)
    assert call is not None  # stored above (or by a concurrent attempt)
    return call


def _recording(platform: Platform, recording_id: str) -> tuple[bytes, str]:
    """The audio, via the recording's metadata (its content may live on a media host)."""
    rc = platform.adapter(ringcentral.RINGCENTRAL)
    try:
        meta = rc.get_json(RECORDING_PATH.format(id=recording_id))
        return rc.get_bytes(str(meta["contentUri"]))
    except BadRequest as err:
        if err.extra.get("provider_status") == 404:  # not processed yet: retry later
            raise Unavailable("recording_not_ready", "the recording is not available yet") from None
        raise


def _reply_to(store: DocumentStore, thread_id: str, call: ChatMessage) -> ChatMessage | None:
    """The AI's answer to the call: its first message after the transcript, if any."""
    later = (m for m in threads.history(store, thread_id, limit=50) if m.seq > call.seq)
    return next((m for m in later if m.author == "ai"), None)


def _request_callback(platform: Platform, thread_id: str) -> None:
    """Open a high-priority callback handoff, or turn the turn's escalation into one."""
    store, now = platform.store, platform.clock.now()
    if handoff.escalate(store, thread_id, reason=CALLBACK_REASON, priority="high", now=now):
        return

    def raise_priority(tx: Transaction) -> None:
        thread = tx.get(threads.THREADS, thread_id)
        if thread is None or thread["status"] != ThreadStatus.ESCALATED.value:
            return  # staff already took it over
        existing = tx.get(handoff.HANDOFFS, thread_id) or {}
        tx.update(
            threads.THREADS, thread_id, {"escalation_reason": CALLBACK_REASON, "priority": "high"}
        )
        tx.set(
            handoff.HANDOFFS,
            thread_id,
            handoff.Handoff(
                thread_id=thread_id,
                reason=CALLBACK_REASON,
                priority="high",
                status="open",
                created_at=existing.get("created_at", now),
            ).model_dump(),
        )

    store.run_transaction(raise_priority)


def _note(
    platform: Platform, thread_id: str, task: RecordingTask, status: str, summary: str
) -> None:
    """The summary for staff, once per recording."""
    heading = "Staff callback requested (high priority). " if status == "callback" else ""
    threads.append(
        platform.store,
        thread_id,
        author="system",
        text=f"{heading}Phone call summary: {summary}",
        now=platform.clock.now(),
        trace={
            "call": {
                "recording_id": task.recording_id,
                "telephony_session_id": task.telephony_session_id,
                "summary": summary,
                "follow_up": status,
            }
        },
        provider_message_id=f"{task.recording_id}#summary",
    )
