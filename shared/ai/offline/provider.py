"""The offline provider: the same Provider interface as an LLM, with no network.

It reads the agent and today's date from the system prompt, the customer's details from
every user message (deterministic extraction) and the facts from this turn's tool
results, and answers with a tool call or a templated reply. Zero cost, the first tier of
the cascade and the last fallback when every LLM is down.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

from shared.ai.offline import policy
from shared.ai.offline.extract import Extraction
from shared.ai.providers.base import (
    Completion,
    Message,
    ProviderError,
    ToolCall,
    ToolSpec,
    Usage,
)
from shared.ai.routing import extraction

_AGENT = re.compile(r"Your role \((\w+)\)")
_TODAY = re.compile(r"Today is (\d{4}-\d{2}-\d{2})")


def _merge(slots: policy.Slots, found: Extraction) -> None:
    """Later messages override earlier ones, field by field."""
    counted = found.adults if found.adults is not None else found.guests
    if counted is None and found.bare_number is not None and slots.adults is None:
        counted = found.bare_number  # "20" answering "how many guests?"
    if counted is not None:
        slots.adults = counted
        slots.children = found.children or 0
        slots.toddlers = found.toddlers or 0
    elif found.children is not None or found.toddlers is not None:
        slots.children = found.children or slots.children
        slots.toddlers = found.toddlers or slots.toddlers
    for name in ("event_date", "zipcode", "name", "phone", "email", "address"):
        value = getattr(found, name)
        if value is not None:
            setattr(slots, name, value)
    if found.start_time is not None:
        slots.start_time = found.start_time.strftime("%H:%M")
    if found.proteins:
        slots.proteins |= dict(found.proteins)
    slots.ambiguous = list(found.ambiguous_proteins)
    slots.addons = sorted(set(slots.addons) | set(found.addons))
    slots.dietary = sorted(set(slots.dietary) | set(found.allergens) | set(found.dietary))


class OfflineProvider:
    """`confident_only`: raise ProviderError instead of asking the customer to rephrase or
    escalating an unanswerable question, so a configured LLM gets to try first."""

    name = "offline"
    model = "rules-v1"

    def __init__(self, confident_only: bool = False) -> None:
        self.confident_only = confident_only

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        system = next((m.content for m in messages if m.role == "system"), "")
        agent_match = _AGENT.search(system)
        agent = agent_match.group(1) if agent_match else "lead"
        today_match = _TODAY.search(system)
        today = date.fromisoformat(today_match.group(1)) if today_match else date.today()
        slots = policy.Slots()
        last_user = 0
        for i, m in enumerate(messages):
            if m.role == "user":
                _merge(slots, extraction(m.content, today))
                last_user = i
        results = [
            (m.name or "", json.loads(m.content))
            for m in messages[last_user + 1 :]
            if m.role == "tool"
        ]
        text = messages[last_user].content if messages else ""
        previous = next(
            (m.content for m in reversed(messages[:last_user]) if m.role == "assistant"), ""
        )
        action = policy.decide(
            agent,
            slots,
            text,
            results,
            {t.name for t in tools},
            said_yes=extraction(text, today).yes,
            previous_reply=previous,
        )
        if self.confident_only and policy.unsure(action):
            raise ProviderError(self.name, "not confident; leaving this to an LLM")
        if isinstance(action, policy.Call) and action.tool in {t.name for t in tools}:
            call = ToolCall(f"call_{len(results) + 1}", action.tool, action.arguments)
            return Completion(
                self.name, self.model, tool_calls=(call,), usage=Usage(), finish_reason="tool_calls"
            )
        reply = action.text if isinstance(action, policy.Say) else policy.templates.ASK["clarify"]
        return Completion(self.name, self.model, text=reply, usage=Usage())
