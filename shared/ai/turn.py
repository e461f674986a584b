"""One AI turn, from an inbound customer message to a validated, persisted reply.

1. Resolve the customer and the thread; store the inbound message before any AI work.
2. Route (agent, emotion, urgency, must-escalate).
3. Tool-calling loop through the provider (a cascade; the offline provider is its base).
4. Validate the reply: blocked once -> regenerate with the reasons; blocked twice -> a safe
   holding reply and a handoff to staff.
5. Persist the reply with its trace, update memory, publish the turn for async work.
If anything fails on the AI path the message is escalated, never dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.ai import cache, validator
from shared.ai.agents import AGENTS, Agent
from shared.ai.providers.base import Completion, Message, Provider, ToolCall, Usage
from shared.ai.tools.business import ALL_TOOLS
from shared.ai.tools.registry import ToolContext
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.conversation.store import Channel, ChatMessage, Thread, ThreadStatus
from shared.customers import identity
from shared.customers import memory as memories
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)

TURNS_TOPIC = "conversation-turns"
MAX_TOOL_STEPS = 5
HISTORY = 16
CLARIFICATION_LIMIT = 3
HOLDING_REPLY = (
    "Thanks for your message! I want to get this exactly right, so I've passed it to our team "
    "and a person will get back to you shortly."
)
ESCALATED_REPLY = (
    "I've passed this to our team and a person will reply here shortly. Thank you for "
    "your patience."
)


class ContactDetails(BaseModel):
    name: str | None = Field(default=None, max_length=120)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)


class ChatRequest(BaseModel):
    text: str = Field(min_length=1, max_length=4000)
    thread_id: str | None = Field(default=None, max_length=64)
    session_id: str | None = Field(default=None, max_length=128, description="Web visitor id")
    contact: ContactDetails | None = None


class ToolCallRecord(BaseModel):
    name: str
    arguments: dict[str, Any]
    result: dict[str, Any]


class UsageReport(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0


class ChatResponse(BaseModel):
    thread_id: str
    reply: str
    agent: str | None
    emotion: str | None
    escalated: bool
    tool_calls: list[ToolCallRecord]
    cached: bool
    provider: str | None
    usage: UsageReport
    duplicate: bool = Field(default=False, description="A redelivered message; no new reply")
    reply_id: str | None = Field(default=None, description="Stored id of the reply message")


@dataclass
class Inbound:
    """A customer message from any channel, before it is stored."""

    channel: Channel
    text: str
    handle: str | None = None  # session id, phone, email or social id
    thread_id: str | None = None
    contact: ContactDetails | None = None
    provider_message_id: str | None = None
    handle_kind: identity.HandleKind | None = None


@dataclass
class _Turn:
    """Working state of one turn."""

    platform: Platform
    thread: Thread
    inbound: ChatMessage
    ctx: ToolContext
    evidence: validator.Evidence
    book_amounts: set[int]  # price-book amounts, read once per turn for every validation
    records: list[ToolCallRecord] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    provider: str | None = None


def _customer(platform: Platform, inbound: Inbound) -> str | None:
    handles: list[tuple[identity.HandleKind, str]] = []
    contact = inbound.contact or ContactDetails()
    if inbound.handle_kind and inbound.handle:
        handles.append((inbound.handle_kind, inbound.handle))
        if inbound.handle_kind == "whatsapp":  # a WhatsApp id is the sender's phone number
            handles.append(("phone", identity.normalise_phone("+" + inbound.handle.lstrip("+"))))
    if contact.phone:
        handles.append(("phone", identity.normalise_phone(contact.phone, "contact.phone")))
    if contact.email:
        handles.append(("email", identity.normalise_email(contact.email, "contact.email")))
    if not handles:
        return None
    return identity.resolve(platform.store, handles, now=platform.clock.now(), name=contact.name)


def handle_message(platform: Platform, inbound: Inbound, provider: Provider) -> ChatResponse:
    """Store the message, then answer it (or escalate it when the AI path fails)."""
    store, now = platform.store, platform.clock.now()
    customer_id = _customer(platform, inbound)
    thread = threads.open_thread(
        store,
        channel=inbound.channel,
        handle=inbound.handle,
        customer_id=customer_id,
        now=now,
        thread_id=inbound.thread_id,
    )
    message = threads.append(
        store,
        thread.id,
        author="customer",
        text=inbound.text,
        now=now,
        provider_message_id=inbound.provider_message_id,
    )
    thread = threads.get_thread(store, thread.id)
    if message is None:  # a redelivered channel message: answered the first time
        return _silent(thread, duplicate=True)
    if thread.status is not ThreadStatus.AI:
        return _silent(thread)
    try:
        return _answer(platform, thread, message, provider)
    except Exception:
        log.exception("AI turn failed; escalating thread %s", thread.id)
        handoff.escalate(store, thread.id, reason="ai_failure", priority="high", now=now)
        threads.append(
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
            agent=None,
            emotion=None,
            escalated=True,
            tool_calls=[],
            cached=False,
            provider=None,
            usage=UsageReport(),
        )


def _silent(thread: Thread, duplicate: bool = False) -> ChatResponse:
    """No AI reply: staff own the thread (the message waits for them), or a redelivery."""
    return ChatResponse(
        thread_id=thread.id,
        reply="",
        agent=None,
        emotion=None,
        escalated=thread.status is not ThreadStatus.AI,
        tool_calls=[],
        cached=False,
        provider=None,
        usage=UsageReport(),
        duplicate=duplicate,
    )


def _evidence(platform: Platform, thread: Thread, past: list[ChatMessage]) -> validator.Evidence:
    evidence = validator.Evidence()
    for m in past:
        for call in (m.trace or {}).get("tool_calls", []):
            evidence.absorb(call["name"], call["result"])
    if thread.customer_id:
        customer = identity.get(platform.store, thread.customer_id)
        if customer:
            evidence.own_contacts |= {c for c in (customer.phone, customer.email) if c}
    return evidence


def _history_messages(past: list[ChatMessage]) -> list[Message]:
    role: dict[str, Literal["user", "assistant"]] = {
        "customer": "user",
        "ai": "assistant",
        "staff": "assistant",
    }
    return [Message(role[m.author], m.text) for m in past if m.author in role and m.text]


def _answer(
    platform: Platform, thread: Thread, inbound: ChatMessage, provider: Provider
) -> ChatResponse:
    from shared.ai import routing

    store, now = platform.store, platform.clock.now()
    started = time.perf_counter()
    past = threads.history(store, thread.id, limit=HISTORY)
    decision = routing.route(inbound.text)
    chosen = _continuing(platform, thread, past, inbound.text) or decision.agent
    if decision.confidence < platform.settings.router_threshold and not decision.must_escalate:
        chosen = thread.last_agent or "lead"  # unsure what this is: stay where we were
    agent = AGENTS[chosen]
    turn = _Turn(
        platform=platform,
        thread=thread,
        inbound=inbound,
        ctx=ToolContext(platform, thread.customer_id, thread.id, thread.channel),
        evidence=_evidence(platform, thread, past[:-1]),
        book_amounts=_book_amounts(platform),
    )
    trace: dict[str, Any] = {"route": routing.trace(decision), "agent": agent.name}
    if decision.must_escalate is None and agent.name != decision.agent:
        trace["continued_from"] = thread.last_agent

    if decision.must_escalate:
        reply = routing.escalation_reply(decision.must_escalate)
        turn.ctx.state["escalate"] = {"reason": decision.must_escalate, "priority": "high"}
        return _finish(turn, reply, agent, decision, trace, cached=False, started=started)

    kb_version = _kb_version(platform)
    hit = cache.lookup(
        store,
        routing.embedder(),
        agent=agent.name,
        kb_version=kb_version,
        question=inbound.text,
        threshold=platform.settings.cache_threshold,
    )
    if hit is not None:
        trace["cache"] = "hit"
        return _finish(turn, hit, agent, decision, trace, cached=True, started=started)

    memory = memories.read(store, thread.customer_id).summary()
    messages = [
        Message(
            "system",
            agent.system_prompt(today=_today(platform), memory=memory, channel=thread.channel),
        ),
        *_history_messages(past),
    ]
    reply = _complete(turn, agent, messages, provider)
    verdict = _validated(turn, reply)
    if not verdict.ok and all(p.code != "too_long" for p in verdict.problems):
        trace["blocked"] = [vars(p) for p in verdict.problems]
        retry = [*messages, Message("assistant", reply), Message("system", _retry_note(verdict))]
        reply = _complete(turn, agent, retry, provider)
        verdict = _validated(turn, reply)
    if not verdict.ok:
        if all(p.code == "too_long" for p in verdict.problems):
            text = _trim(verdict.text, validator.CHANNEL_LIMITS.get(thread.channel, 1500))
        else:
            trace["blocked_again"] = [vars(p) for p in verdict.problems]
            turn.ctx.state["escalate"] = {"reason": "validator_blocked", "priority": "normal"}
            text = HOLDING_REPLY
    else:
        text = verdict.text
    tools_used = [r.name for r in turn.records]
    if not turn.ctx.state.get("escalate") and cache.cacheable(
        agent.name, inbound.text, text, tools_used
    ):
        cache.save(
            store,
            routing.embedder(),
            agent=agent.name,
            kb_version=kb_version,
            question=inbound.text,
            answer=text,
            now=now,
        )
    return _finish(turn, text, agent, decision, trace, cached=False, started=started)


def _continuing(
    platform: Platform, thread: Thread, past: list[ChatMessage], text: str
) -> str | None:
    """The agent to stay with when the customer is answering its question.

    "Dec 5th, zip 90012" after "what date and zip?" is the lead agent's conversation, even
    though on its own it reads like a travel question.
    """
    from shared.ai import routing

    previous = next((m for m in reversed(past) if m.author == "ai"), None)
    if (
        thread.last_agent in AGENTS
        and previous is not None
        and previous.text.rstrip().endswith("?")
        and "?" not in text
        and routing.understood_something(text, platform.clock.now().date())
    ):
        return thread.last_agent
    return None


def _kb_version(platform: Platform) -> int:
    from shared.ai.knowledge.base import kb_version

    return kb_version(platform.store)


def _today(platform: Platform) -> str:
    return platform.clock.now().date().isoformat()


def _retry_note(verdict: validator.Verdict) -> str:
    reasons = "; ".join(p.detail for p in verdict.problems)
    return (
        f"Your last reply was blocked: {reasons}. Rewrite it. State only amounts returned by "
        "tools in this conversation, and only claim a booking a tool confirmed."
    )


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > limit // 2 else cut.rstrip() + "…"


def _book_amounts(platform: Platform) -> set[int]:
    from shared.pricing import store as price_books

    return validator.price_book_amounts(price_books.current(platform.store))


def _validated(turn: _Turn, reply: str) -> validator.Verdict:
    return validator.check(
        reply,
        evidence=turn.evidence,
        book_amounts=turn.book_amounts,
        channel=turn.thread.channel,
        agent=turn.ctx.state.get("agent", ""),
    )


def _complete(turn: _Turn, agent: Agent, messages: list[Message], provider: Provider) -> str:
    """The tool-calling loop: call the model, run the tools it asks for, until it answers."""
    turn.ctx.state["agent"] = agent.name
    specs = [ALL_TOOLS[name].spec() for name in agent.tools]
    convo = list(messages)
    completion: Completion | None = None
    for _ in range(MAX_TOOL_STEPS):
        completion = provider.complete(convo, specs)
        turn.usage += completion.usage
        turn.provider = completion.provider
        if not completion.tool_calls:
            return completion.text
        convo.append(Message("assistant", completion.text, tool_calls=completion.tool_calls))
        for call in completion.tool_calls:
            convo.append(_run_tool(turn, agent, call))
    # The model kept calling tools: answer from what it has, conservatively.
    return completion.text if completion and completion.text else HOLDING_REPLY


def _run_tool(turn: _Turn, agent: Agent, call: ToolCall) -> Message:
    import json

    tool = ALL_TOOLS.get(call.name)
    if tool is None or call.name not in agent.tools:
        result: dict[str, Any] = {"error": {"code": "unknown_tool", "message": call.name}}
    else:
        result = tool.run(turn.ctx, call.arguments)
    turn.evidence.absorb(call.name, result)
    turn.records.append(ToolCallRecord(name=call.name, arguments=call.arguments, result=result))
    return Message("tool", json.dumps(result, default=str), tool_call_id=call.id, name=call.name)


def _finish(
    turn: _Turn,
    reply: str,
    agent: Agent,
    decision: Any,
    trace: dict[str, Any],
    *,
    cached: bool,
    started: float,
) -> ChatResponse:
    platform, thread = turn.platform, turn.thread
    store, now = platform.store, platform.clock.now()
    escalation = turn.ctx.state.get("escalate")
    clarifications = _clarifications(turn, reply, decision)
    if escalation is None and clarifications >= CLARIFICATION_LIMIT:
        escalation = {"reason": "repeated_clarification", "priority": "normal"}
        reply = ESCALATED_REPLY
    if escalation is not None:
        handoff.escalate(
            store, thread.id, reason=escalation["reason"], priority=escalation["priority"], now=now
        )
    trace |= {
        "provider": turn.provider,
        "tool_calls": [r.model_dump(mode="json") for r in turn.records],
        "usage": vars(turn.usage),
        "cached": cached,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        "escalation": escalation,
    }
    message = threads.append(
        store,
        thread.id,
        author="ai",
        text=reply,
        now=now,
        trace=trace,
        thread_changes={"last_agent": _next_agent(agent, turn), "clarifications": clarifications},
    )
    assert message is not None
    _remember(platform, thread, turn)
    platform.bus.publish(
        TURNS_TOPIC,
        {
            "thread_id": thread.id,
            "inbound_id": turn.inbound.id,
            "reply_id": message.id,
            "agent": agent.name,
            "provider": turn.provider,
            "escalated": escalation is not None,
        },
        {"channel": thread.channel},
    )
    return ChatResponse(
        thread_id=thread.id,
        reply=reply,
        agent=agent.name,
        emotion=decision.emotion,
        escalated=escalation is not None,
        tool_calls=turn.records,
        cached=cached,
        provider=turn.provider,
        usage=UsageReport(**vars(turn.usage)),
        reply_id=message.id,
    )


BOOKING_TOOLS = ("check_availability", "create_booking_hold")


def _next_agent(agent: Agent, turn: _Turn) -> str:
    """Once times are offered the conversation is about booking: operations carries it on."""
    if any(r.name in BOOKING_TOOLS and "error" not in r.result for r in turn.records):
        return "operations"
    return agent.name


def _clarifications(turn: _Turn, reply: str, decision: Any) -> int:
    """Consecutive turns where the customer's message moved nothing forward."""
    from shared.ai import routing

    today = turn.platform.clock.now().date()
    understood = bool(turn.records) or routing.understood_something(turn.inbound.text, today)
    if understood or not reply.rstrip().endswith("?"):
        return 0
    return turn.thread.clarifications + 1


def _remember(platform: Platform, thread: Thread, turn: _Turn) -> None:
    if not thread.customer_id:
        return
    from shared.ai import routing

    learned = routing.memory_from(turn.inbound.text, platform.clock.now().date())
    learned.bookings = list(turn.ctx.state.get("bookings", []))
    if learned != memories.Memory():
        memories.remember(platform.store, thread.customer_id, learned)
