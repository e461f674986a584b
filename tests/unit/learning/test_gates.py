"""Gate math: the Wilson bound at small and large n, readiness, and the monitor's closes."""

from __future__ import annotations

import pytest

from shared.learning import gates
from shared.learning.policy import (
    DEFAULT_THRESHOLDS,
    GateThreshold,
    LearningPolicy,
    group_of,
    may_sign,
)

WEB = DEFAULT_THRESHOLDS["web"]


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        (0, 0, 0.0),
        (0, 10, 0.0),
        (5, 5, 0.5655),  # five out of five is far from proof
        (10, 10, 0.7225),
        (9, 10, 0.5958),
        (85, 100, 0.7672),
        (50, 50, 0.9287),
        (900, 1000, 0.8798),
    ],
)
def test_wilson_lower_bound_matches_the_published_values(k: int, n: int, expected: float) -> None:
    assert gates.wilson_lower(k, n) == pytest.approx(expected, abs=1e-4)


def test_the_bound_rises_with_evidence_at_the_same_rate_and_never_exceeds_it() -> None:
    bounds = [gates.wilson_lower(9 * m, 10 * m) for m in (1, 10, 100, 1000)]
    assert bounds == sorted(bounds)
    assert all(b < 0.9 for b in bounds)


def test_counts_outside_the_sample_are_refused() -> None:
    with pytest.raises(ValueError):
        gates.wilson_lower(11, 10)


def test_a_perfect_small_sample_never_opens_a_gate() -> None:
    small = GateThreshold(accuracy=0.85, confidence=0.8, samples=5, sign_off="manager")
    for n in (5, 10, 20):  # enough samples by count, every one agreed, bound still too low
        ready = gates.readiness(n, n, small)
        assert not ready.ready and ready.agreement == 1.0
        assert ready.missing is not None and "bound" in ready.missing
    assert gates.readiness(30, 30, small).ready  # 30/30: bound 0.886 clears 0.85


def test_readiness_needs_the_sample_count_first() -> None:
    ready = gates.readiness(19_999, 19_999, WEB)
    assert not ready.ready and ready.missing == "1 more samples"
    assert gates.readiness(19_500, 20_000, WEB).ready  # 97.5%: bound ~0.973


def _policy(**overrides: object) -> LearningPolicy:
    return LearningPolicy.model_validate({"min_window": 10, "window": 50} | overrides)


def test_the_monitor_waits_for_a_full_minimum_window() -> None:
    assert gates.close_reason("0" * 9, "1" * 9, 0.0, WEB, _policy()) is None


def test_degraded_agreement_closes() -> None:
    reason = gates.close_reason("1" * 7 + "0" * 3, "", 0.1, WEB, _policy())
    assert reason is not None and "agreement bound" in reason
    assert gates.close_reason("1" * 50, "", 0.1, WEB, _policy()) is None  # 50/50: 0.929


@pytest.mark.parametrize(
    ("escalated", "baseline", "closes"),
    [
        (30, 0.10, True),  # 30 of 100 against 10%: at least 21.9%
        (20, 0.10, True),  # at least 13.3%: surely 20% over
        (15, 0.10, False),  # 15%, but possibly only 9.3%: not proven
        (10, 0.10, False),  # at baseline
        (0, 0.0, False),  # none before, none now
        (1, 0.0, True),  # none before, some now
    ],
)
def test_escalations_surely_twenty_percent_over_baseline_close(
    escalated: int, baseline: float, closes: bool
) -> None:
    window = "1" * escalated + "0" * (100 - escalated)
    reason = gates.close_reason("1" * 100, window, baseline, WEB, _policy(window=100))
    assert (reason is not None) == closes, reason


def test_windows_keep_the_latest_outcomes() -> None:
    window = ""
    for outcome in (True, False, True, True):
        window = gates.pushed(window, outcome, 3)
    assert window == "011"


def test_the_business_table_is_the_default() -> None:
    table = {
        g: (t.accuracy, t.confidence, t.samples, t.sign_off) for g, t in DEFAULT_THRESHOLDS.items()
    }
    assert table == {
        "social": (0.85, 0.80, 5_000, "manager"),
        "sms": (0.88, 0.82, 10_000, "manager"),
        "web": (0.90, 0.85, 20_000, "director"),
        "email": (0.92, 0.88, 30_000, "owner"),
        "voice": (0.95, 0.92, 50_000, "owner"),
    }


def test_a_configured_row_replaces_only_its_group() -> None:
    policy = LearningPolicy.model_validate_json(
        '{"thresholds": {"sms": {"accuracy": 0.5, "confidence": 0.1, "samples": 3,'
        ' "sign_off": "owner"}}, "reverse_sample": 0.5}'
    )
    assert policy.threshold("sms").samples == 3 and policy.reverse_sample == 0.5
    assert policy.threshold("web") == DEFAULT_THRESHOLDS["web"]
    assert set(policy.thresholds) == set(DEFAULT_THRESHOLDS)
    assert LearningPolicy().thresholds == DEFAULT_THRESHOLDS


@pytest.mark.parametrize(
    ("channel", "group"),
    [("whatsapp", "social"), ("messenger", "social"), ("instagram", "social"), ("sms", "sms"),
     ("web", "web"), ("email", "email"), ("voice", "voice")],
)  # fmt: skip
def test_every_channel_has_a_gate_group(channel: str, group: str) -> None:
    assert group_of(channel) == group


@pytest.mark.parametrize(
    ("roles", "sign_off", "allowed"),
    [
        (["manager"], "manager", True),
        (["staff"], "manager", False),
        (["manager"], "director", False),
        (["admin"], "director", True),  # the platform's director is an admin
        (["admin"], "owner", False),
        (["owner"], "owner", True),
        (["staff", "owner"], "director", True),
        (["chef"], "manager", False),
    ],
)
def test_sign_off_needs_the_named_role_or_a_higher_one(
    roles: list[str], sign_off: str, allowed: bool
) -> None:
    assert may_sign(roles, sign_off) is allowed  # type: ignore[arg-type]
