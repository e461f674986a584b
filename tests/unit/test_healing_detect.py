"""The self-healing detectors: windows, the 2-sigma rule, patterns and the daily lists."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shared.learning.healing import detect
from shared.learning.healing.detect import TurnSummary

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def turn(
    days_ago: float,
    *,
    routed: str = "knowledge",
    agent: str | None = None,
    escalation: str | None = None,
    blocked: tuple[str, ...] = (),
    kb_best: float | None = None,
    text: str = "do you bring the grill?",
    n: int = 0,
) -> TurnSummary:
    return TurnSummary(
        reply_id=f"r{days_ago}-{n}",
        inbound_id=f"i{days_ago}-{n}",
        thread_id=f"t{n}",
        at=NOW - timedelta(days=days_ago),
        text=text,
        routed=routed,
        agent=agent or routed,
        confidence=0.8,
        unsure=False,
        escalation=escalation,
        blocked=blocked,
        kb_best=kb_best,
    )


def many(count: int, days_ago: float, **kwargs: object) -> list[TurnSummary]:
    return [turn(days_ago, n=i, **kwargs) for i in range(count)]  # type: ignore[arg-type]


def test_sigma_is_the_binomial_deviation_at_the_window_size() -> None:
    assert detect.sigma(0.1, 100) == pytest.approx(0.03)
    assert detect.sigma(0.5, 25) == pytest.approx(0.1)


def test_smoothing_keeps_a_clean_baseline_from_alarming_on_one_failure() -> None:
    assert detect.smoothed(0, 98) == pytest.approx(0.01)
    assert not detect.rising(1, 20, 0, 98, min_turns=5)  # 5% vs 1% + 2*2.2%


@pytest.mark.parametrize(
    ("hits", "turns", "base_hits", "base_turns", "expected"),
    [
        (6, 20, 8, 98, True),  # 30% vs ~9% + 2*6.4%
        (3, 20, 8, 98, False),  # 15% is inside the noise
        (4, 4, 0, 98, False),  # too few turns in the window to tell
        (10, 20, 0, 0, False),  # no baseline: nothing to rise above
        (20, 20, 98, 98, False),  # always failed: not rising
    ],
)
def test_rising_rule(
    hits: int, turns: int, base_hits: int, base_turns: int, expected: bool
) -> None:
    assert detect.rising(hits, turns, base_hits, base_turns, min_turns=5) is expected


def test_the_threshold_sits_exactly_two_sigma_above() -> None:
    base = detect.smoothed(18, 98)  # 0.19
    limit = base + 2 * math.sqrt(base * (1 - base) / 100)
    just_above = math.floor(limit * 100) + 1
    assert detect.rising(just_above, 100, 18, 98, min_turns=5)
    assert not detect.rising(just_above - 1, 100, 18, 98, min_turns=5)


def test_rising_rates_splits_window_and_baseline_by_intent() -> None:
    baseline = many(40, 20) + many(40, 20, routed="menu")
    recent = many(6, 2, escalation="human_requested") + many(6, 3)
    recent += many(10, 2, routed="menu")
    old = many(30, 40, escalation="human_requested")  # before the 35 days: ignored
    found = detect.rising_rates(baseline + recent + old, NOW)
    assert [(r.intent, r.metric) for r in found] == [("knowledge", "escalation")]
    hit = found[0]
    assert (hit.window_turns, hit.window_rate) == (12, 0.5)
    assert (hit.baseline_turns, hit.baseline_rate) == (40, 0.0)
    assert hit.sigma == pytest.approx(math.sqrt((1 / 42) * (41 / 42) / 12), abs=1e-4)


def test_failures_are_blocks_and_given_up_clarifications() -> None:
    baseline = many(40, 15)
    recent = many(3, 1, blocked=("price_mismatch",))
    recent += many(3, 1, escalation=detect.CLARIFICATION_REASON) + many(4, 1)
    found = detect.rising_rates(baseline + recent, NOW)
    assert {(r.metric, r.window_rate) for r in found} == {("failure", 0.6), ("escalation", 0.3)}


def test_turns_at_or_after_now_are_not_counted() -> None:
    future = [replace(t, at=NOW) for t in many(10, 0, escalation="legal_threat")]
    assert detect.rising_rates(many(40, 20) + future, NOW) == []
    assert detect.escalation_patterns(future, NOW) == []


def test_escalation_patterns_need_five_of_one_reason_in_seven_days() -> None:
    turns = many(5, 3, escalation="custom_event") + many(4, 2, escalation="human_requested")
    turns += many(3, 9, escalation="custom_event")  # outside the window
    found = detect.escalation_patterns(turns, NOW)
    assert [(p.key, len(p.turns)) for p in found] == [(("knowledge", "custom_event"), 5)]


def test_misroutes_group_router_and_answering_agent() -> None:
    wrong = many(3, 2, routed="lead", agent="distance", text="how far do you go")
    other = many(2, 2, routed="menu", agent="allergen")
    right = many(10, 2, routed="distance")
    cached = [replace(t, cached=True) for t in many(3, 1, routed="care", agent="lead")]
    found = detect.misroutes(wrong + other + right + cached, NOW)
    assert [p.key for p in found] == [("lead", "distance")]
    assert [t.at for t in found[0].turns] == sorted(t.at for t in wrong)


def test_daily_lists() -> None:
    day = [
        turn(0.5, escalation=detect.CLARIFICATION_REASON),
        turn(0.4, blocked=("invented_price",), n=1),
        turn(0.3, kb_best=0.2, n=2),
        turn(0.2, kb_best=0.9, n=3),
    ]
    yesterday = detect.last_day([*day, turn(1.5, blocked=("x",))], NOW)
    assert yesterday == day
    assert detect.clarified(day) == [day[0]]
    assert detect.blocked(day) == [day[1]]
    assert detect.unanswered(day, min_score=0.45) == [day[2]]


def test_distinct_texts_most_frequent_first_case_folded() -> None:
    texts = ["How far?", "how  FAR?", "Do you travel", "how far?", "Do you travel", "x"]
    turns = [turn(1, text=t, n=i) for i, t in enumerate(texts)]
    assert detect.distinct_texts(turns, 2) == ["How far?", "Do you travel"]


def test_stale_items_and_undated_ones_are_due() -> None:
    items = [
        ("fresh", NOW - timedelta(days=10)),
        ("old", NOW - timedelta(days=31)),
        ("undated", None),
    ]
    assert detect.stale(items, NOW, review_days=30) == ["old", "undated"]
