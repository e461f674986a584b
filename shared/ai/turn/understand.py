"""Step 3 of the turn: the message as commands. An LLM tier (when configured) is asked
first and cross-checked against deterministic extraction; offline understanding answers
when there is no LLM or none gave usable commands."""

from __future__ import annotations

from typing import Any

from shared.ai import commands as c
from shared.ai.offline.provider import OfflineProvider
from shared.ai.providers.base import Message, Provider
from shared.ai.providers.cascade import Cascade
from shared.ai.turn.work import Turn
from shared.ai.understanding import llm as llm_understanding
from shared.ai.understanding.offline import understand
from shared.conversation.state import Source


def llm_tier(provider: Provider | None) -> Provider | None:
    """The LLM providers of `provider` (a cascade without its offline tiers), or None."""
    if provider is None or isinstance(provider, OfflineProvider):
        return None
    if isinstance(provider, Cascade):
        llms = [p for p in provider.providers if not isinstance(p, OfflineProvider)]
        return Cascade(llms) if llms else None
    return provider


def commands_for(
    turn: Turn,
    found: Any,
    *,
    agent: str,
    llm: Provider | None,
    history: list[Message],
) -> tuple[list[c.Command], Source]:
    text, state = turn.inbound.text, turn.state
    today = turn.platform.clock.now().date()
    offline = understand(text, found, state, agent=agent, today=today)
    if llm is None:
        turn.provider = "offline"
        return offline, "offline"
    emitted, provider, usage = llm_understanding.ask(llm, text, history, state, today.isoformat())
    turn.usage += usage
    if emitted is None:
        turn.provider = "offline"
        return offline, "offline"
    turn.provider = provider
    return llm_understanding.cross_check(emitted, offline, state.language), "llm"
