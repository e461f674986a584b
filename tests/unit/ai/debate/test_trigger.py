"""Which turns ask for a debate: an unsure knowledge search or a validator block."""

from __future__ import annotations

from typing import Any

from shared.ai.debate.trigger import reason
from shared.ai.flows.service_info import KB_MIN_SCORE


def searched(*scores: float) -> dict[str, Any]:
    results = [{"doc_id": "d", "title": "t", "text": "x", "score": s} for s in scores]
    return {"name": "search_knowledge", "arguments": {}, "result": {"results": results}}


def test_a_search_whose_best_hit_is_below_the_floor_is_unsure() -> None:
    low = KB_MIN_SCORE - 0.05
    assert reason({"tool_calls": [searched(low), searched(low - 0.1)]}) == "kb_unsure"
    assert reason({"tool_calls": [searched()]}) == "kb_unsure"  # nothing found at all


def test_a_confident_search_or_no_search_asks_for_nothing() -> None:
    assert (
        reason({"tool_calls": [searched(KB_MIN_SCORE - 0.1), searched(KB_MIN_SCORE + 0.1)]}) is None
    )
    assert reason({"tool_calls": [{"name": "calculate_party_quote", "result": {}}]}) is None
    assert reason({}) is None


def test_a_validator_block_asks_for_a_debate() -> None:
    trace = {"blocked": [{"code": "ungrounded_price", "detail": "$37"}], "tool_calls": []}
    assert reason(trace) == "validator_block"
