"""Steps 1-5 of the turn for a thread the AI answers: route (must-escalate first), the FAQ
cache, understanding, the flows, phrasing and validation, then `finish`."""

from __future__ import annotations

import time
from typing import Any, Literal

from shared.ai import cache, routing, validator
from shared.ai import commands as c
from shared.ai.agents import AGENTS
from shared.ai.flows import phrases, runner, slots
from shared.ai.flows.context import FlowContext
from shared.ai.providers.base import Message, Provider
from shared.ai.tools.registry import ToolContext
from shared.ai.turn import phrase
from shared.ai.turn.finish import finish
from shared.ai.turn.models import ChatResponse
from shared.ai.turn.understand import commands_for, llm_tier
from shared.ai.turn.work import Turn, evidence_for
from shared.conversation import hours
from shared.conversation import state as dialogue
from shared.conversation import store as threads
from shared.conversation.state import Source
from shared.conversation.store import ChatMessage, Thread
from shared.platform.services import Platform

HISTORY = 16
CLARIFICATION_LIMIT = 3
ESCALATED_REPLY = (
    "I've passed this to our team and a person will reply here shortly. Thank you for "
    "your patience."
)
# Which assistant a flow speaks as (agents are configuration: prompt, tone, tools).
FLOW_AGENT = {
    "quote": "lead",
    "availability": "operations",
    "book": "operations",
    "reschedule": "operations",
    "cancel": "operations",
    "booking_status": "operations",
    "payment": "knowledge",
    "handoff": "care",
    "travel": "distance",
    "menu_price": "menu",
}


def _history(past: list[ChatMessage]) -> list[Message]:
    role: dict[str, Literal["user", "assistant"]] = {
        "customer": "user",
        "ai": "assistant",
        "staff": "assistant",
    }
    return [Message(role[m.author], m.text) for m in past if m.author in role and m.text]


def _kb_version(platform: Platform) -> int:
    from shared.ai.knowledge.base import kb_version

    return kb_version(platform.store)


def _agent_for(ctx: FlowContext, routed: str) -> str:
    for flow in reversed(ctx.ran):
        if flow in FLOW_AGENT:
            return FLOW_AGENT[flow]
    return routed


def _must_escalate(turn: Turn, reason: str) -> str:
    """Safety, legal, a person asked for, a custom event: staff take it, said kindly."""
    turn.ctx.state["escalate"] = {"reason": reason, "priority": "high"}
    turn.state.stack.clear()
    lang = turn.state.language
    eta = hours.eta(turn.platform.clock.now(), lang)
    key = f"escalate.{reason}"
    return phrases.say(key if key in phrases.T else "handoff", lang, eta=eta)


def _keep_slots(turn: Turn, commands: list[c.Command], source: Source) -> None:
    for command in commands:
        if isinstance(command, c.SetSlot | c.CorrectSlot):
            slots.apply(turn.state, command, turn.book, source=source, message_id=turn.inbound.id)


def answer(
    platform: Platform, thread: Thread, inbound: ChatMessage, provider: Provider | None
) -> ChatResponse:
    store, now = platform.store, platform.clock.now()
    started = time.perf_counter()
    book = routing.published_book(store)
    past = threads.history(store, thread.id, limit=HISTORY)
    state = dialogue.load(store, thread.id)
    decision = routing.route(inbound.text)
    routed = decision.agent
    if decision.unsure and not decision.must_escalate:
        routed = thread.last_agent or "lead"  # unsure what this is: stay where we were
    turn = Turn(
        platform=platform,
        thread=thread,
        inbound=inbound,
        state=state,
        book=book,
        ctx=ToolContext(platform, thread.customer_id, thread.id, thread.channel),
        evidence=evidence_for(platform, thread, past[:-1], state),
        book_amounts=validator.price_book_amounts(book),
    )
    trace: dict[str, Any] = {"route": routing.trace(decision)}
    found = routing.extraction(inbound.text, now.date(), book)
    if found.language == "es":
        state.language = "es"  # a Spanish message is answered in Spanish, escalations too
    llm = llm_tier(provider)
    history = _history(past[:-1])
    if decision.must_escalate:
        # Staff take it; what the message states (a party of 80, a date) is kept for them.
        commands, source = commands_for(turn, found, agent=routed, llm=llm, history=history)
        _keep_slots(turn, commands, source)
        trace["commands"] = [cmd.model_dump(mode="json") for cmd in commands]
        reply = _must_escalate(turn, decision.must_escalate)
        return finish(turn, reply, agent=routed, trace=trace, cached=False, started=started)

    kb_version = _kb_version(platform)
    idle = not state.stack and state.asked is None
    hit = (
        cache.lookup(
            store,
            routing.embedder(),
            agent=routed,
            kb_version=kb_version,
            question=inbound.text,
            threshold=platform.settings.cache_threshold,
        )
        if idle
        else None
    )
    if hit is not None:
        trace["cache"] = "hit"
        return finish(turn, hit, agent=routed, trace=trace, cached=True, started=started)

    commands, source = commands_for(turn, found, agent=routed, llm=llm, history=history)
    trace["commands"] = [cmd.model_dump(mode="json") for cmd in commands]
    ctx = FlowContext(
        platform=platform,
        state=state,
        text=inbound.text,
        today=now.date(),
        call=turn.call,
        book=book,
        source=source,
        message_id=inbound.id,
    )
    runner.run(ctx, commands)
    # Contact details the customer gave in this very message are theirs to see again.
    turn.evidence.own_contacts |= {v for v in (state.get("phone"), state.get("email")) if v}
    if ctx.escalation:
        turn.ctx.state["escalate"] = ctx.escalation
    agent = _agent_for(ctx, routed)
    spec = AGENTS.get(agent, AGENTS["lead"])
    text = phrase.final_reply(
        turn,
        ctx.reply,
        agent=agent,
        tone=spec.tone,
        llm=llm,
        history=[*history, Message("user", inbound.text)],
        trace=trace,
    )
    clarifications = thread.clarifications + 1 if ctx.unclear else 0
    if turn.escalation is None and clarifications >= CLARIFICATION_LIMIT:
        turn.ctx.state["escalate"] = {"reason": "repeated_clarification", "priority": "normal"}
        text = ESCALATED_REPLY
    tools_used = [r.name for r in turn.records]
    if (
        idle
        and turn.escalation is None
        and not state.stack
        and state.asked is None
        and cache.cacheable(agent, inbound.text, text, tools_used)
    ):
        cache.save(
            store,
            routing.embedder(),
            agent=agent,
            kb_version=kb_version,
            question=inbound.text,
            answer=text,
            now=now,
        )
    return finish(
        turn,
        text,
        agent=agent,
        trace=trace,
        cached=False,
        started=started,
        clarifications=clarifications,
        quick_replies=ctx.quick_replies,
    )
