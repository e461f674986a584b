"""The detectors' input: recent AI replies, each summarised from its stored trace with the
customer message it answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.ai.debate.trigger import best_kb_score
from shared.conversation import store as threads
from shared.conversation.store import ChatMessage
from shared.learning.healing.detect import TurnSummary
from shared.platform.docstore import DocumentStore, Filter, Op

LOOK_BACK = 3  # a reply follows its message at once; staff notes may sit between


def _codes(trace: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p["code"] for key in ("blocked", "blocked_again") for p in trace.get(key) or [])


def inbound_of(
    store: DocumentStore, reply: ChatMessage, loaded: dict[str, ChatMessage]
) -> ChatMessage | None:
    """The customer message a reply answered: the nearest one before it (from `loaded`,
    the scan's messages; a message older than the scan is read)."""
    for seq in range(reply.seq - 1, max(0, reply.seq - 1 - LOOK_BACK), -1):
        message_id = f"{reply.thread_id}-{seq:06d}"
        message = loaded.get(message_id)
        if message is None and (data := store.get(threads.MESSAGES, message_id)) is not None:
            message = ChatMessage.model_validate(dict(data) | {"id": message_id})
        if message is not None and message.author == "customer":
            return message
    return None


def summary(reply: ChatMessage, inbound: ChatMessage) -> TurnSummary | None:
    """None for a reply with no routing trace (a system note, a cached or staff message)."""
    trace = reply.trace or {}
    route = trace.get("route")
    if not isinstance(route, dict) or "agent" not in route:
        return None
    escalation = trace.get("escalation") or {}
    return TurnSummary(
        reply_id=reply.id,
        inbound_id=inbound.id,
        thread_id=reply.thread_id,
        at=reply.at,
        text=inbound.text,
        routed=str(route["agent"]),
        agent=str(trace.get("agent") or route["agent"]),
        confidence=float(route.get("confidence") or 0.0),
        unsure=bool(route.get("unsure")),
        escalation=escalation.get("reason"),
        blocked=_codes(trace),
        kb_best=best_kb_score(trace),
        cached=bool(trace.get("cached")),
    )


def recent(store: DocumentStore, since: datetime) -> list[TurnSummary]:
    """Every AI reply since `since`, oldest first. One range scan of the messages (a
    single-field index) pairs replies with their questions in memory."""
    docs = store.query(threads.MESSAGES, [Filter("at", Op.GE, since)])
    loaded = {d.id: ChatMessage.model_validate(d.data | {"id": d.id}) for d in docs}
    found = []
    for reply in loaded.values():
        if reply.author != "ai":
            continue
        inbound = inbound_of(store, reply, loaded)
        turn = summary(reply, inbound) if inbound is not None else None
        if turn is not None:
            found.append(turn)
    return sorted(found, key=lambda t: t.at)
