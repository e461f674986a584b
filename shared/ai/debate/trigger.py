"""Which finished turns ask for a debate: the knowledge base had nothing close enough to
the question, or the validator blocked the reply. Runs on `conversation-turns`, after the
customer has their answer (or a handoff), so a debate never adds to their wait; the turn
itself is untouched."""

from __future__ import annotations

from typing import Any

from shared.ai.debate.records import REQUESTED_TOPIC, DebateRequest, Trigger
from shared.ai.turn.models import TurnEvent
from shared.conversation import store as threads
from shared.platform.events.envelope import ReceivedEvent
from shared.platform.http import parse
from shared.platform.services import Platform


def best_kb_score(trace: dict[str, Any]) -> float | None:
    """The best knowledge-search score the turn saw (-1 for no hit), None if none ran."""
    searches = [c for c in trace.get("tool_calls") or [] if c.get("name") == "search_knowledge"]
    if not searches:
        return None
    return max(
        (
            float(hit["score"])
            for c in searches
            for hit in (c.get("result") or {}).get("results") or []
        ),
        default=-1.0,
    )


def reason(trace: dict[str, Any]) -> Trigger | None:
    from shared.ai.flows.service_info import KB_MIN_SCORE

    if trace.get("blocked"):
        return "validator_block"
    best = best_kb_score(trace)
    return "kb_unsure" if best is not None and best < KB_MIN_SCORE else None


def consider(platform: Platform, event: ReceivedEvent) -> DebateRequest | None:
    """The debate this turn asks for (published), or None. A redelivery publishes again;
    the debate itself is keyed by the question, so it still runs once."""
    turn = parse(TurnEvent, event.payload, location="message.data")
    if turn.cached:
        return None
    reply = platform.store.get(threads.MESSAGES, turn.reply_id)
    asked = platform.store.get(threads.MESSAGES, turn.inbound_id)
    if reply is None or asked is None:
        return None
    why = reason(reply.get("trace") or {})
    question = str(asked.get("text") or "").strip()[:2000]
    if why is None or len(question) < 3:
        return None
    request = DebateRequest(
        question=question, trigger=why, thread_id=turn.thread_id, message_id=turn.reply_id
    )
    platform.bus.publish(REQUESTED_TOPIC, request.model_dump(mode="json"))
    return request
