"""Replay past turns under a proposed configuration, without any customer seeing it.

Each turn is decided again by the shadow rehearsal (`shadow.rerun`: recorded tool results,
no writes, nothing sent) on the offline provider, so a replay is deterministic and free.
The message is routed again under the candidate; the dialogue state before the turn is not
stored with it, so every replay starts from a fresh state on both sides, and a control
counts as a regression only when it passes under the current configuration and fails
under the candidate (a turn the fresh state breaks either way blames nothing on the fix).
The business's standing coach scenarios run under both as well: one that passes today and
fails under the change withholds it, like a broken control.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared.ai.config.model import AIConfig
from shared.conversation import store as threads
from shared.conversation.state import DialogueState
from shared.conversation.store import ChatMessage
from shared.learning import shadow
from shared.learning.coach import scenarios
from shared.learning.healing.detect import TurnSummary
from shared.learning.healing.records import Case, Replay
from shared.platform.errors import NotFoundError
from shared.platform.services import Platform

ESCALATED = "escalated"


@dataclass(frozen=True)
class Target:
    """A turn to replay and the outcome it should reach: an agent, or `expected_agent`
    None for "answered without escalating" (whichever agent)."""

    turn: TurnSummary
    expected_agent: str | None
    control: bool = False


def outcome(platform: Platform, turn: TurnSummary, config: AIConfig) -> str | None:
    """The routed agent the turn reaches under `config`, `escalated`, or None when the
    turn's messages are gone."""
    store = platform.store
    reply = store.get(threads.MESSAGES, turn.reply_id)
    inbound = store.get(threads.MESSAGES, turn.inbound_id)
    if reply is None or inbound is None:
        return None
    try:
        thread = threads.get_thread(store, turn.thread_id)
    except NotFoundError:
        return None
    thread = thread.model_copy(update={"clarifications": 0})
    draft = shadow.rerun(
        platform,
        thread,
        ChatMessage.model_validate(dict(inbound) | {"id": turn.inbound_id}),
        DialogueState(),
        reply.get("trace") or {},
        None,
        route=None,
        config=config,
    )
    return ESCALATED if draft.turn.escalation is not None else draft.turn.intent


def _passes(target: Target, reached: str | None) -> bool:
    if reached is None or reached == ESCALATED:
        return False
    return target.expected_agent is None or reached == target.expected_agent


def replay(
    platform: Platform, targets: Sequence[Target], current: AIConfig, candidate: AIConfig
) -> Replay:
    cases: list[Case] = []
    regressions = 0
    for target in targets:
        after = outcome(platform, target.turn, candidate)
        passed = _passes(target, after)
        if (
            target.control
            and not passed
            and _passes(target, outcome(platform, target.turn, current))
        ):
            regressions += 1
        cases.append(
            Case(
                reply_id=target.turn.reply_id,
                text=target.turn.text,
                control=target.control,
                expected=target.expected_agent or "answered",
                before=ESCALATED if target.turn.escalation else target.turn.routed,
                after=after or "gone",
                passed=passed,
            )
        )
    affected = [c for c in cases if not c.control]
    rate = sum(c.passed for c in affected) / len(affected) if affected else 1.0
    return Replay(
        cases=cases,
        pass_rate=round(rate, 4),
        regressions=regressions,
        suite_regressions=scenarios.regressed(platform, current, candidate),
    )
