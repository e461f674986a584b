"""The tools a rehearsed turn runs: the recorded turn's world, and no side effects.

A call the recorded turn made with the same arguments gets that call's recorded result, so
the rehearsal sees the world the customer's turn saw (even after that turn's own hold took
the slot). Any other call runs for real only if the tool touches nothing outside the turn;
a write (hold, reschedule, cancel) is never executed in a rehearsal.
"""

from __future__ import annotations

import json
from typing import Any

from shared.ai.tools.business import ALL_TOOLS
from shared.ai.tools.registry import ToolContext

# Tools that only read, or only change the turn's own in-memory context. Anything not
# listed, including a tool added later, counts as a write.
SAFE_TOOLS = frozenset(
    {
        "calculate_party_quote",
        "calculate_travel_fee",
        "calculate_protein_costs",
        "check_availability",
        "get_booking_status",
        "cancellation_terms",
        "search_knowledge",
        "escalate_to_human",
    }
)
NOT_EXECUTED = {"error": {"code": "not_executed", "message": "a rehearsed turn changes no booking"}}


def call_key(name: str, arguments: dict[str, Any] | None) -> str:
    return json.dumps([name, arguments or {}], sort_keys=True, default=str)


class Replay:
    def __init__(self, recorded: list[dict[str, Any]]) -> None:
        self._recorded = [(call_key(c["name"], c.get("arguments")), c) for c in recorded]
        self.executed: list[str] = []  # names run for real (reads), for the trace

    def __call__(self, ctx: ToolContext, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        key = call_key(name, arguments)
        for i, (seen, call) in enumerate(self._recorded):
            if seen == key:
                del self._recorded[i]
                result: dict[str, Any] = call.get("result") or {}
                if name == "escalate_to_human":
                    ALL_TOOLS[name].run(ctx, arguments)  # the escalation lives in ctx.state
                return result
        if name in SAFE_TOOLS:
            self.executed.append(name)
            return ALL_TOOLS[name].run(ctx, arguments)
        return NOT_EXECUTED
