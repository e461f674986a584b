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
from typing import Any

from shared.ai.offline import policy
from shared.ai.offline.extract import Extraction, extract
from shared.ai.providers.base import Completion, Message, ToolCall, ToolSpec, Usage

_AGENT = re.compile(r"Your role \((\w+)\)")
_TODAY = re.compile(r"Today is (\d{4}-\d{2}-\d{2})")


def _merge(slots: policy.Slots, found: Extraction) -> None:
    """Later messages override earlier ones, field by field."""
    if found.adults is not None or found.guests is not None:
        slots.adults = found.adults if found.adults is not None else found.guests
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
    name = "offline"
    model = "rules-v1"

    def __init__(self, platform: Any) -> None:
        self._platform = platform

    def _vocabulary(self) -> tuple[dict[str, str], dict[str, str]]:
        from shared.pricing import store as price_books
        from shared.pricing.models import normalise_name

        book = price_books.current(self._platform.store)
        proteins = {
            normalise_name(n): k for k, p in book.proteins.items() for n in (k, p.label, *p.aliases)
        }
        addons = {
            normalise_name(n): k for k, a in book.addons.items() for n in (k, a.label, *a.aliases)
        }
        return proteins, addons

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        system = next((m.content for m in messages if m.role == "system"), "")
        agent = (_AGENT.search(system) or [None, "lead"])[1]
        today_match = _TODAY.search(system)
        today = date.fromisoformat(today_match.group(1)) if today_match else date.today()
        proteins, addons = self._vocabulary()
        slots = policy.Slots()
        last_user = 0
        for i, m in enumerate(messages):
            if m.role == "user":
                _merge(
                    slots,
                    extract(m.content, today=today, known_proteins=proteins, known_addons=addons),
                )
                last_user = i
        results = [
            (m.name or "", json.loads(m.content))
            for m in messages[last_user + 1 :]
            if m.role == "tool"
        ]
        text = messages[last_user].content if messages else ""
        action = policy.decide(agent, slots, text, results, {t.name for t in tools})
        if isinstance(action, policy.Call) and action.tool in {t.name for t in tools}:
            call = ToolCall(f"call_{len(results) + 1}", action.tool, action.arguments)
            return Completion(
                self.name, self.model, tool_calls=(call,), usage=Usage(), finish_reason="tool_calls"
            )
        reply = action.text if isinstance(action, policy.Say) else policy.templates.ASK["clarify"]
        return Completion(self.name, self.model, text=reply, usage=Usage())
