"""The turn's entry: the message is stored before any AI work; a thread staff own gets a
short acknowledgement (never an empty reply); any failure on the AI path escalates."""

from __future__ import annotations

from shared.ai.flows import phrases
from shared.ai.providers.base import Provider
from shared.ai.turn import customer
from shared.ai.turn.models import ChatResponse, Inbound
from shared.ai.turn.phrase import HOLDING_REPLY
from shared.conversation import handoff, hours
from shared.conversation import state as dialogue
from shared.conversation import store as threads
from shared.conversation.store import Thread, ThreadStatus
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)


def handle_message(platform: Platform, inbound: Inbound, provider: Provider | None) -> ChatResponse:
    """Store the message, then answer it (or escalate it when the AI path fails)."""
    from shared.ai.turn.answer import answer

    store, now = platform.store, platform.clock.now()
    customer_id = customer.resolve(platform, inbound)
    thread, message = threads.receive(
        store,
        channel=inbound.channel,
        handle=inbound.handle,
        customer_id=customer_id,
        author="customer",
        text=inbound.text,
        now=now,
        thread_id=inbound.thread_id,
        provider_message_id=inbound.provider_message_id,
    )
    earlier = None
    if message is None and inbound.provider_message_id:
        earlier = threads.redelivered(store, thread.id, inbound.provider_message_id)
    if earlier is not None:
        original, reply = earlier
        if reply is None:
            message = original  # stored, then a crash before the answer: answer it now
        elif reply.author != "customer":
            # Answered the first time: the same reply again, so a send the crash cut off is
            # queued (sends are deduplicated per reply, so nothing goes out twice).
            return ChatResponse(
                thread_id=thread.id,
                reply=reply.text,
                escalated=_staffed(thread),
                duplicate=True,
                reply_id=reply.id,
            )
    if message is None:  # a redelivered channel message: answered the first time
        return ChatResponse(
            thread_id=thread.id, reply="", escalated=_staffed(thread), duplicate=True
        )
    if _staffed(thread):
        return _acknowledge(platform, thread)
    try:
        return answer(platform, thread, message, provider)
    except Exception:
        log.exception("AI turn failed; escalating thread %s", thread.id)
        handoff.escalate(store, thread.id, reason="ai_failure", priority="high", now=now)
        stored = threads.append(
            store,
            thread.id,
            author="ai",
            text=HOLDING_REPLY,
            now=platform.clock.now(),
            trace={"error": "ai_failure"},
        )
        return ChatResponse(
            thread_id=thread.id,
            reply=HOLDING_REPLY,
            escalated=True,
            reply_id=stored.id if stored else None,
        )


def _staffed(thread: Thread) -> bool:
    return thread.status is not ThreadStatus.AI


def _acknowledge(platform: Platform, thread: Thread) -> ChatResponse:
    """Staff own the thread: the message waits for them, and the customer hears so."""
    language = dialogue.load(platform.store, thread.id).language
    eta = hours.eta(platform.clock.now(), language)
    text = phrases.say("handoff.ack", language, eta=eta)
    stored = threads.append(
        platform.store,
        thread.id,
        author="system",
        text=text,
        now=platform.clock.now(),
        trace={"acknowledged_for": thread.status.value},
    )
    return ChatResponse(
        thread_id=thread.id,
        reply=text,
        escalated=True,
        reply_id=stored.id if stored else None,
    )
