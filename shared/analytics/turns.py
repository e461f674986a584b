"""Analytics events of one finished AI turn, derived from `conversation-turns`.

The turn publishes once (shared/ai/turn/finish.py); this subscriber reads the two stored
messages it names and emits message in (with the occasion the customer mentions), message
out (with the agent, what its model calls cost, whether an LLM wrote it, whether the
knowledge base missed a question), a quote when the reply priced a party, and an
escalation; all carry the thread's customer. Ids come from the message ids, so a
redelivered turn adds nothing.
"""

from __future__ import annotations

from typing import Any, TypedDict

from shared.ai.turn.models import TurnEvent
from shared.analytics.occasion import detect
from shared.conversation.store import MESSAGES, ChatMessage, get_thread
from shared.platform import analytics as a
from shared.platform.errors import NotFoundError
from shared.platform.events.envelope import ReceivedEvent
from shared.platform.http import parse
from shared.platform.services import Platform

QUOTE_TOOL = "calculate_party_quote"


class _Common(TypedDict):
    thread_id: str
    channel: str
    customer_id: str | None


# Providers that are not an LLM call: the deterministic tier (the cache shows as `cached`).
_NO_LLM = (None, "offline")


def _cost_microusd(trace: dict[str, Any]) -> int:
    return round(float((trace.get("usage") or {}).get("cost_usd") or 0) * 1_000_000)


def _message(platform: Platform, message_id: str) -> ChatMessage:
    data = platform.store.get(MESSAGES, message_id)
    if data is None:
        raise NotFoundError("unknown_message", f"no message {message_id!r}")
    return ChatMessage.model_validate(data | {"id": message_id})


def events_of(platform: Platform, turn: TurnEvent) -> list[a.AnalyticsRow]:
    inbound, reply = _message(platform, turn.inbound_id), _message(platform, turn.reply_id)
    customer = get_thread(platform.store, turn.thread_id).customer_id
    common = _Common(thread_id=turn.thread_id, channel=turn.channel, customer_id=customer)
    trace = reply.trace or {}
    found: list[a.AnalyticsRow] = [
        a.MessageIn(
            event_id=a.event_id("message_in", inbound.id),
            occurred_at=inbound.at,
            occasion=detect(inbound.text),
            **common,
        ),
        a.MessageOut(
            event_id=a.event_id("message_out", reply.id),
            occurred_at=reply.at,
            agent=turn.agent,
            ai_cost_microusd=_cost_microusd(trace),
            llm_used=not turn.cached and turn.provider not in _NO_LLM,
            knowledge_failed=bool(trace.get("unanswered")),
            **common,
        ),
    ]
    quotes = [c for c in trace.get("tool_calls", []) if c.get("name") == QUOTE_TOOL]
    priced = [c["result"] for c in quotes if "total_cents" in (c.get("result") or {})]
    if priced:
        found.append(
            a.Quote(
                event_id=a.event_id("quote", reply.id),
                occurred_at=reply.at,
                amount_cents=priced[-1]["total_cents"],
                market=priced[-1].get("market"),
                **common,
            )
        )
    if turn.escalated:
        found.append(
            a.Escalation(
                event_id=a.event_id("escalation", reply.id), occurred_at=reply.at, **common
            )
        )
    return found


def publish_turn(platform: Platform, event: ReceivedEvent) -> int:
    """Emit the turn's analytics events; returns how many were published."""
    turn = parse(TurnEvent, event.payload, location="message.data")
    emitted = events_of(platform, turn)
    for row in emitted:
        a.emit(platform.bus, row)
    return len(emitted)
