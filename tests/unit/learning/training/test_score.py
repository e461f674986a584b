"""The quality score over every combination of its signals."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from shared.learning.training.score import BASE, POINTS, Signals, score

ALL = [
    Signals(*combo)
    for combo in itertools.product(
        (False, True),
        (False, True),
        (False, True),
        (False, True),
        (None, True, False),
        (False, True),
    )
]
AI_REPLY = ("validator", "escalation", "rating")


def _points(signals: Signals, name: str) -> float:
    [component] = [c for c in score(signals).components if c.name == name]
    return component.points


@pytest.mark.parametrize("signals", ALL, ids=str)
def test_every_point_is_explained_and_the_value_is_their_clamped_sum(signals: Signals) -> None:
    result = score(signals)
    names = [c.name for c in result.components]
    assert names == ["base", *AI_REPLY, "outcome", "correction"]
    assert all(c.reason for c in result.components)
    assert result.value == round(min(1.0, max(0.0, _raw(signals))), 4)


@pytest.mark.parametrize("signals", ALL, ids=str)
def test_a_staff_correction_wins_over_what_the_ai_reply_did(signals: Signals) -> None:
    result = score(signals)
    assert result.assistant == ("staff" if signals.corrected else "ai")
    if signals.corrected:
        assert all(_points(signals, n) == 0 for n in AI_REPLY)
        assert _points(signals, "correction") == POINTS["corrected"]
        for helpful in (None, True, False):  # the AI reply's rating no longer counts
            assert score(replace(signals, helpful=helpful)).value == result.value


def _raw(signals: Signals) -> float:
    """The points before clamping to [0, 1] (where a clamp hides a step)."""
    return sum(c.points for c in score(signals).components)


@pytest.mark.parametrize("signals", [s for s in ALL if not s.corrected], ids=str)
def test_each_signal_moves_the_score_the_right_way(signals: Signals) -> None:
    raw = _raw(signals)
    if signals.helpful is None:
        assert _raw(replace(signals, helpful=True)) > raw > _raw(replace(signals, helpful=False))
    if not signals.validator_blocked:
        assert _raw(replace(signals, validator_blocked=True)) < raw
    if not signals.escalated:
        assert _raw(replace(signals, escalated=True)) < raw
    if not signals.held and not signals.paid:
        assert _raw(replace(signals, paid=True)) > _raw(replace(signals, held=True)) > raw


def test_outcome_counts_a_payment_over_a_hold() -> None:
    assert _points(Signals(held=True, paid=True), "outcome") == POINTS["paid"]
    assert _points(Signals(held=True), "outcome") == POINTS["held"]
    assert _points(Signals(), "outcome") == 0


def test_a_clean_unrated_turn_scores_base_plus_its_clean_points() -> None:
    expected = BASE + POINTS["validator_clean"] + POINTS["not_escalated"]
    assert score(Signals()).value == pytest.approx(expected)
    assert score(Signals(validator_blocked=True, escalated=True, helpful=False)).value == 0.0
