"""Steps 1-5 of the turn for a thread the AI answers: route (must-escalate first), the FAQ
cache, understanding, the flows, phrasing and validation, then `finish`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from shared.ai import cache, routing, validator
from shared.ai import commands as c
from shared.ai.config import store as ai_configs
from shared.ai.config.model import AIConfig
from shared.ai.flows import phrases, runner, slots
from shared.ai.flows.context import FlowContext
from shared.ai.providers.base import Message, Provider
from shared.ai.router import Route
from shared.ai.students import STUDENT_GATE
from shared.ai.tools.registry import ToolContext
from shared.ai.turn import phrase
from shared.ai.turn.finish import finish
from shared.ai.turn.models import ChatResponse
from shared.ai.turn.understand import commands_for, llm_tier
from shared.ai.turn.work import ToolRunner, Turn, evidence_for
from shared.conversation import hours
from shared.conversation import state as dialogue
from shared.conversation import store as threads
from shared.conversation.state import DialogueState, Source
from shared.conversation.store import ChatMessage, Thread
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)

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
    return [
        Message(role[m.author], m.text)
        for m in past
        if m.author in role and m.text and m.reached_customer
    ]


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


@dataclass
class Before:
    """What a turn starts from: the dialogue state, and the thread's messages ending with
    the one being answered (loaded live; rebuilt from the turn event by shadow scoring)."""

    state: DialogueState
    past: list[ChatMessage]


@dataclass
class Draft:
    """A decided turn, nothing persisted yet: `answer` finishes it, shadow scoring compares
    it with the turn a customer got."""

    turn: Turn
    reply: str
    agent: str
    trace: dict[str, Any]
    started: float
    cached: bool = False
    clarifications: int = 0
    quick_replies: list[str] = field(default_factory=list)
    cache_entry: tuple[int, str] | None = None  # (kb version, question) to cache the reply


def answer(
    platform: Platform, thread: Thread, inbound: ChatMessage, provider: Provider | None
) -> ChatResponse:
    started = time.perf_counter()
    before = Before(
        state=dialogue.load(platform.store, thread.id),
        past=threads.history(platform.store, thread.id, limit=HISTORY),
    )
    draft = decide(platform, thread, inbound, provider, before, started=started)
    if draft.cache_entry is not None:
        kb_version, question = draft.cache_entry
        cache.save(
            platform.store,
            routing.embedder(),
            agent=draft.agent,
            kb_version=kb_version,
            question=question,
            answer=draft.reply,
            now=platform.clock.now(),
        )
    return finish(
        draft.turn,
        draft.reply,
        agent=draft.agent,
        trace=draft.trace,
        cached=draft.cached,
        started=draft.started,
        clarifications=draft.clarifications,
        quick_replies=draft.quick_replies,
    )


def _live_student(platform: Platform, channel: str, intent: str, confidence: float) -> Any:
    """The student a readiness gate lets answer this channel x intent live, else None. A
    failing gate lookup never costs the customer their turn: the teacher answers."""
    try:
        return platform.adapter(STUDENT_GATE).live_student(channel, intent, confidence)
    except Exception:
        log.exception("student gate lookup failed; the teacher answers")
        return None


def decide(
    platform: Platform,
    thread: Thread,
    inbound: ChatMessage,
    provider: Provider | None,
    before: Before,
    *,
    started: float,
    live: bool = True,
    tools: ToolRunner | None = None,
    route: Route | None = None,
    config: AIConfig | None = None,
) -> Draft:
    """Route, understand, run the flows and phrase, without persisting anything. `live`
    turns consult the FAQ cache and the readiness gates; a rehearsal (`live=False`) runs
    on exactly the provider given, with `tools` standing in for the real ones, the `route`
    the turn took (routing is not the model's part of the turn) and its AI `config`."""
    store, now = platform.store, platform.clock.now()
    book = routing.published_book(store)
    config = config or ai_configs.current(store)
    past, state = before.past, before.state
    decision = route or routing.route(inbound.text, config.router_threshold, config.exemplars())
    routed = decision.agent
    if decision.unsure and not decision.must_escalate:
        routed = thread.last_agent or "lead"  # unsure what this is: stay where we were
    turn = Turn(
        platform=platform,
        thread=thread,
        inbound=inbound,
        state=state,
        book=book,
        config=config,
        ctx=ToolContext(platform, thread.customer_id, thread.id, thread.channel),
        evidence=evidence_for(platform, thread, past[:-1], state),
        book_amounts=validator.price_book_amounts(book),
        intent=routed,
        started_from=state.model_dump(mode="json"),
        tools=tools,
    )
    trace: dict[str, Any] = {"route": routing.trace(decision)}
    if live:
        student = _live_student(platform, thread.channel, routed, decision.confidence)
        if student is not None:
            provider, turn.answered_by = student, "student"
    trace["answered_by"] = turn.answered_by
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
        return Draft(turn, reply, routed, trace, started)

    kb_version = _kb_version(platform)
    idle = not state.stack and state.asked is None
    hit = (
        cache.lookup(
            store,
            routing.embedder(),
            agent=routed,
            kb_version=kb_version,
            question=inbound.text,
            threshold=config.cache_threshold,
        )
        if idle and live
        else None
    )
    if hit is not None:
        trace["cache"] = "hit"
        return Draft(turn, hit, routed, trace, started, cached=True)

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
    if ctx.unanswered:
        trace["unanswered"] = ctx.unanswered
    # Contact details the customer gave in this very message are theirs to see again.
    turn.evidence.own_contacts |= {v for v in (state.get("phone"), state.get("email")) if v}
    if ctx.escalation:
        turn.ctx.state["escalate"] = ctx.escalation
    agent = _agent_for(ctx, routed)
    text = phrase.final_reply(
        turn,
        ctx.reply,
        agent=agent,
        llm=llm,
        history=[*history, Message("user", inbound.text)],
        trace=trace,
    )
    clarifications = thread.clarifications + 1 if ctx.unclear else 0
    if turn.escalation is None and clarifications >= CLARIFICATION_LIMIT:
        turn.ctx.state["escalate"] = {"reason": "repeated_clarification", "priority": "normal"}
        text = ESCALATED_REPLY
    tools_used = [r.name for r in turn.records]
    cacheable = (
        live
        and idle
        and turn.escalation is None
        and not state.stack
        and state.asked is None
        and cache.cacheable(agent, inbound.text, text, tools_used)
    )
    return Draft(
        turn,
        text,
        agent,
        trace,
        started,
        clarifications=clarifications,
        quick_replies=list(ctx.quick_replies),
        cache_entry=(kb_version, inbound.text) if cacheable else None,
    )
