"""The working record of one turn: the state it changes, the tools it ran (each result
folded into the validator's evidence and kept for the admin trace)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from shared.ai import validator
from shared.ai.config.model import AIConfig
from shared.ai.providers.base import Usage
from shared.ai.tools.business import ALL_TOOLS
from shared.ai.tools.registry import ToolContext
from shared.conversation.state import DialogueState
from shared.conversation.store import ChatMessage, Thread
from shared.customers import identity
from shared.platform.services import Platform
from shared.pricing.models import PriceBook

# Runs one tool for a rehearsed turn (shadow scoring replays or sandboxes the real ones).
ToolRunner = Callable[[ToolContext, str, dict[str, Any]], dict[str, Any]]


class ToolCallRecord(BaseModel):
    name: str
    arguments: dict[str, Any]
    result: dict[str, Any]


@dataclass
class Turn:
    platform: Platform
    thread: Thread
    inbound: ChatMessage
    state: DialogueState
    book: PriceBook
    config: AIConfig  # the AI configuration version the turn runs under, read once
    ctx: ToolContext
    evidence: validator.Evidence
    book_amounts: set[int]  # price-book amounts, read once per turn for every validation
    records: list[ToolCallRecord] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    provider: str | None = None
    intent: str = "lead"  # the routed agent: with the channel, what readiness gates key on
    answered_by: Literal["teacher", "student"] = "teacher"
    started_from: dict[str, Any] = field(default_factory=dict)  # the state before the turn
    tools: ToolRunner | None = None  # None: the real tools

    def call(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """Run one tool for a flow step (never raises: errors come back as results)."""
        if self.tools is not None:
            result = self.tools(self.ctx, name, arguments)
        else:
            result = ALL_TOOLS[name].run(self.ctx, arguments)
        self.evidence.absorb(name, result)
        self.records.append(ToolCallRecord(name=name, arguments=arguments, result=result))
        return result

    @property
    def escalation(self) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.ctx.state.get("escalate")
        return found


def evidence_for(
    platform: Platform, thread: Thread, past: list[ChatMessage], state: DialogueState
) -> validator.Evidence:
    """What earlier turns' tools established, plus the customer's own contact details."""
    evidence = validator.Evidence()
    for m in past:
        for call in (m.trace or {}).get("tool_calls", []):
            evidence.absorb(call["name"], call["result"])
    if thread.customer_id:
        customer = identity.get(platform.store, thread.customer_id)
        if customer:
            evidence.own_contacts |= {c for c in (customer.phone, customer.email) if c}
    evidence.own_contacts |= {v for v in (state.get("phone"), state.get("email")) if v}
    return evidence
