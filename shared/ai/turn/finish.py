"""Step 5-6 of the turn: persist the reply with its trace and the dialogue state in one
transaction, open a handoff when one is due, remember, and publish for the async work."""

from __future__ import annotations

import time
from typing import Any

from shared.ai.turn.models import ChatResponse, ThreadBefore, TurnEvent
from shared.ai.turn.work import Turn
from shared.conversation import handoff
from shared.conversation import state as dialogue
from shared.conversation import store as threads
from shared.customers import memory as memories

TURNS_TOPIC = "conversation-turns"


def finish(
    turn: Turn,
    reply: str,
    *,
    agent: str,
    trace: dict[str, Any],
    cached: bool,
    started: float,
    clarifications: int = 0,
    quick_replies: list[str] | None = None,
) -> ChatResponse:
    platform, thread, state = turn.platform, turn.thread, turn.state
    store, now = platform.store, platform.clock.now()
    escalation = turn.escalation
    if escalation is not None:
        handoff.escalate(
            store, thread.id, reason=escalation["reason"], priority=escalation["priority"], now=now
        )
    trace |= {
        "agent": agent,
        "provider": turn.provider,
        "tool_calls": [r.model_dump(mode="json") for r in turn.records],
        "usage": vars(turn.usage),
        "cached": cached,
        "state": {"flow": state.flow, "asked": state.asked, "slots": sorted(state.slots)},
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        "escalation": escalation,
        "config_version": turn.config.version,
    }
    message = threads.append(
        store,
        thread.id,
        author="ai",
        text=reply,
        now=now,
        trace=trace,
        thread_changes={"last_agent": agent, "clarifications": clarifications},
        also=lambda tx: dialogue.write(tx, thread.id, state),
    )
    assert message is not None
    _remember(turn)
    event = TurnEvent(
        thread_id=thread.id,
        channel=thread.channel,
        inbound_id=turn.inbound.id,
        inbound_seq=turn.inbound.seq,
        reply_id=message.id,
        agent=agent,
        intent=turn.intent,
        provider=turn.provider,
        answered_by=turn.answered_by,
        escalated=escalation is not None,
        cached=cached,
        config_version=turn.config.version,
        state_before=turn.started_from,
        thread_before=ThreadBefore(
            last_agent=thread.last_agent, clarifications=thread.clarifications
        ),
    )
    platform.bus.publish(TURNS_TOPIC, event.model_dump(mode="json"), {"channel": thread.channel})
    booking = state.booking
    return ChatResponse(
        thread_id=thread.id,
        reply=reply,
        agent=agent,
        escalated=escalation is not None,
        quick_replies=[] if escalation else list(quick_replies or ()),
        manage_link=booking.manage_link if booking else None,
        reply_id=message.id,
    )


def _remember(turn: Turn) -> None:
    customer_id = turn.thread.customer_id
    if not customer_id:
        return
    from shared.ai import routing

    learned = routing.memory_from(turn.inbound.text, turn.platform.clock.now().date(), turn.book)
    learned.bookings = [
        r.result["booking_id"]
        for r in turn.records
        if r.name == "create_booking_hold" and "booking_id" in r.result
    ]
    if learned != memories.Memory():
        memories.remember(turn.platform.store, customer_id, learned)
