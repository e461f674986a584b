"""Shadow scoring: each finished turn re-run on the other model, compared, stored.

A teacher turn is rehearsed on the student (shadow); a turn the student answered live is
rehearsed on the teacher for a sample of turns (reverse shadow). The rehearsal starts from
the dialogue state the turn event carries, replays the recorded tools and executes no
write, persists nothing of the turn and sends nothing: the customer never sees it. It runs
on the `conversation-turns` event, so it adds nothing to the customer's wait.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.ai.config import store as ai_configs
from shared.ai.config.model import AIConfig
from shared.ai.providers.base import LLM_TIERS, Provider
from shared.ai.router import Route
from shared.ai.turn.answer import HISTORY, Before, Draft, decide
from shared.ai.turn.models import TurnEvent
from shared.conversation import store as threads
from shared.conversation.state import DialogueState
from shared.conversation.store import ChatMessage, Thread
from shared.learning import agreement, gatekeeping
from shared.learning.agreement import Side
from shared.learning.policy import LearningPolicy, group_of, policy_of
from shared.learning.records import PAIRS, STATS, Pair, gate_key, pair_id
from shared.learning.sandbox import Replay
from shared.learning.students import STUDENT, is_offline
from shared.platform.docstore import Transaction
from shared.platform.errors import NotFoundError
from shared.platform.events.envelope import ReceivedEvent
from shared.platform.http import parse
from shared.platform.idempotency import run_once
from shared.platform.ids import stable_id
from shared.platform.services import Platform


@dataclass(frozen=True)
class Outcome:
    """What scoring one turn event did (for logs and tests)."""

    pair: Pair | None = None
    skipped: str | None = None  # why no pair was stored
    closed: str | None = None  # why the monitor closed the gate, if it did


def sampled(reply_id: str, rate: float) -> bool:
    """Deterministic per reply, so a redelivery makes the same choice."""
    return int(stable_id("reverse-sample", reply_id)[:8], 16) / 0x1_0000_0000 < rate


def score(platform: Platform, event: ReceivedEvent, similarity: agreement.Similarity) -> Outcome:
    turn = parse(TurnEvent, event.payload, location="message.data")
    store = platform.store
    policy = policy_of(store)
    if turn.cached:
        return Outcome(skipped="cached")  # a cached FAQ answer: no model ran
    if store.get(PAIRS, pair_id(turn.reply_id)) is not None:
        return Outcome(skipped="already_scored")
    live = turn.answered_by == "student"
    teacher = platform.adapter(LLM_TIERS)
    if live:
        if teacher is None or not sampled(turn.reply_id, policy.reverse_sample):
            return _observe_only(platform, event.message_id, turn, policy)
        other: Provider | None = teacher
    else:
        student = platform.adapter(STUDENT)
        if teacher is None and is_offline(student):
            return Outcome(skipped="teacher_is_student")  # no LLM: nothing to learn from
        other = student
    rehearsed = rehearse(platform, turn, other)
    if rehearsed is None:
        return Outcome(skipped="turn_gone")
    recorded, redone = rehearsed
    teacher_side, student_side = (redone, recorded) if live else (recorded, redone)
    components = agreement.judge(teacher_side, student_side, similarity, policy.reply_similarity)
    pair = Pair(
        id=pair_id(turn.reply_id),
        message_id=event.message_id,
        at=platform.clock.now(),
        thread_id=turn.thread_id,
        reply_id=turn.reply_id,
        inbound_id=turn.inbound_id,
        channel=turn.channel,
        group=group_of(turn.channel),
        intent=turn.intent,
        agent=turn.agent,
        mode="reverse" if live else "shadow",
        teacher=teacher_side,
        student=student_side,
        components=components,
        agree=components.agree,
        config_version=turn.config_version,
    )
    return _store(platform, pair, escalated=turn.escalated, policy=policy)


def _store(platform: Platform, pair: Pair, *, escalated: bool, policy: LearningPolicy) -> Outcome:
    key = gate_key(pair.group, pair.intent)
    now = platform.clock.now()

    def attempt(tx: Transaction) -> Outcome:
        if tx.get(PAIRS, pair.id) is not None:
            return Outcome(skipped="already_scored")
        closed = None
        if pair.mode == "reverse":
            closed = gatekeeping.observe_live(
                tx,
                pair.group,
                pair.intent,
                escalated=escalated,
                agreed=pair.agree,
                policy=policy,
                now=now,
            )
        else:
            tally = gatekeeping.tally_of(tx.get(STATS, key), pair.group, pair.intent).add(pair)
            tx.set(STATS, key, tally.model_dump())
        tx.create(PAIRS, pair.id, pair.model_dump(exclude={"id"}))
        return Outcome(pair=pair, closed=closed)

    done: Outcome = platform.store.run_transaction(attempt)
    return done


def _observe_only(
    platform: Platform, message_id: str, turn: TurnEvent, policy: LearningPolicy
) -> Outcome:
    """A live student turn the teacher does not score: its escalation still counts."""

    def effect(tx: Transaction) -> str | None:
        return gatekeeping.observe_live(
            tx,
            group_of(turn.channel),
            turn.intent,
            escalated=turn.escalated,
            agreed=None,
            policy=policy,
            now=platform.clock.now(),
        )

    done = run_once(platform.store, f"learning-live:{message_id}", effect, now=platform.clock.now())
    return Outcome(skipped="live_unsampled", closed=done.result)


def rehearse(
    platform: Platform, turn: TurnEvent, provider: Provider | None
) -> tuple[Side, Side] | None:
    """(the turn as it happened, the turn re-run on `provider`), or None when the turn's
    thread or messages are gone (purged or deleted before the event was handled)."""
    store = platform.store
    reply = _message(platform, turn.reply_id)
    inbound = _message(platform, turn.inbound_id)
    if reply is None or inbound is None:
        return None
    trace = reply.trace or {}
    recorded = side_of_trace(reply.text, trace)
    try:
        thread = threads.get_thread(store, turn.thread_id)
    except NotFoundError:
        return None
    thread = thread.model_copy(update=turn.thread_before.model_dump())
    started = time.perf_counter()
    draft = rerun(
        platform,
        thread,
        inbound,
        DialogueState.model_validate(turn.state_before),
        trace,
        provider,
        route=route_of(trace),
        config=ai_configs.get(store, turn.config_version) if turn.config_version else None,
    )
    return recorded, side_of_draft(draft, (time.perf_counter() - started) * 1000)


def rerun(
    platform: Platform,
    thread: Thread,
    inbound: ChatMessage,
    state: DialogueState,
    trace: dict[str, Any],
    provider: Provider | None,
    *,
    route: Route | None,
    config: AIConfig | None,
) -> Draft:
    """Decide `inbound` again from `state` with the thread's stored history, the recorded
    tool results (`trace`) and no side effect; `route` None routes the message again (the
    self-healing replay does, under a changed configuration)."""
    first = max(1, inbound.seq - HISTORY + 1)
    past = [m for seq in range(first, inbound.seq + 1) if (m := _seq(platform, thread.id, seq))]
    return decide(
        platform,
        thread,
        inbound,
        provider,
        Before(state, past),
        started=time.perf_counter(),
        live=False,
        tools=Replay(trace.get("tool_calls") or []),
        route=route,
        config=config,
    )


def route_of(trace: dict[str, Any]) -> Route | None:
    """The route the turn took, from its trace (None: route the message again)."""
    recorded = trace.get("route")
    if not isinstance(recorded, dict):
        return None
    known = {f.name for f in dataclasses.fields(Route)}
    return Route(**{k: v for k, v in recorded.items() if k in known})


def _message(platform: Platform, message_id: str) -> ChatMessage | None:
    data = platform.store.get(threads.MESSAGES, message_id)
    return None if data is None else ChatMessage.model_validate(dict(data) | {"id": message_id})


def _seq(platform: Platform, thread_id: str, seq: int) -> ChatMessage | None:
    return _message(platform, f"{thread_id}-{seq:06d}")


def _codes(trace: dict[str, Any]) -> list[str]:
    return [p["code"] for key in ("blocked", "blocked_again") for p in trace.get(key) or []]


def side_of_trace(reply: str, trace: dict[str, Any]) -> Side:
    usage = trace.get("usage") or {}
    state = trace.get("state") or {}
    return Side(
        provider=trace.get("provider"),
        commands=trace.get("commands") or [],
        tool_calls=[
            {"name": c["name"], "arguments": c.get("arguments") or {}}
            for c in trace.get("tool_calls") or []
        ],
        reply=reply,
        blocked=_codes(trace),
        escalation=(trace.get("escalation") or {}).get("reason"),
        flow=state.get("flow"),
        asked=state.get("asked"),
        latency_ms=float(trace.get("latency_ms") or 0.0),
        input_tokens=int(usage.get("input_tokens") or 0),
        output_tokens=int(usage.get("output_tokens") or 0),
        cost_usd=float(usage.get("cost_usd") or 0.0),
    )


def side_of_draft(draft: Draft, latency_ms: float) -> Side:
    turn = draft.turn
    escalation = turn.escalation
    return Side(
        provider=turn.provider,
        commands=draft.trace.get("commands") or [],
        tool_calls=[{"name": r.name, "arguments": r.arguments} for r in turn.records],
        reply=draft.reply,
        blocked=_codes(draft.trace),
        escalation=escalation["reason"] if escalation else None,
        flow=turn.state.flow,
        asked=turn.state.asked,
        latency_ms=round(latency_ms, 2),
        input_tokens=turn.usage.input_tokens,
        output_tokens=turn.usage.output_tokens,
        cost_usd=turn.usage.cost_usd,
    )


def embedding_similarity() -> Callable[[str, str], float]:
    """Cosine of the two replies' MiniLM embeddings (rows come L2-normalised)."""
    from shared.ai import routing

    def similarity(a: str, b: str) -> float:
        rows = routing.embedder().embed([a, b])
        return float(rows[0] @ rows[1])

    return similarity
