"""Gate math, pure: the Wilson lower bound, readiness, and when a live gate must close."""

from __future__ import annotations

import math
from dataclasses import dataclass

from shared.learning.policy import GateThreshold, LearningPolicy

Z95 = 1.959964  # two-sided 95%


def wilson_lower(successes: int, n: int, z: float = Z95) -> float:
    """The Wilson score interval's lower bound for a proportion: 0 with no data, and well
    below the raw rate at small n, so a handful of lucky agreements never opens a gate."""
    if n <= 0:
        return 0.0
    if not 0 <= successes <= n:
        raise ValueError(f"successes {successes} outside 0..{n}")
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


@dataclass(frozen=True)
class Readiness:
    samples: int
    agreed: int
    bound: float
    ready: bool
    missing: str | None  # why not ready, for the report

    @property
    def agreement(self) -> float:
        return self.agreed / self.samples if self.samples else 0.0


def readiness(agreed: int, samples: int, threshold: GateThreshold) -> Readiness:
    bound = wilson_lower(agreed, samples)
    missing = None
    if samples < threshold.samples:
        missing = f"{threshold.samples - samples} more samples"
    elif bound < threshold.accuracy:
        missing = f"bound {bound:.3f} below {threshold.accuracy:.2f}"
    return Readiness(samples, agreed, round(bound, 4), missing is None, missing)


def close_reason(
    reverse: str,
    escalations: str,
    baseline: float,
    threshold: GateThreshold,
    policy: LearningPolicy,
) -> str | None:
    """Why an open gate must close, or None. `reverse` and `escalations` are the monitor's
    rolling windows ("1" agreed / escalated, "0" not); neither judges before `min_window`."""
    if len(reverse) >= policy.min_window:
        bound = wilson_lower(reverse.count("1"), len(reverse))
        if bound < threshold.accuracy:
            return f"agreement bound {bound:.3f} fell below {threshold.accuracy:.2f}"
    if len(escalations) >= policy.min_window:
        # The bound again, so a couple of unlucky turns in a small window do not count as a
        # rise: it closes when escalations are, with 95% confidence, 20% over baseline.
        escalated, n = escalations.count("1"), len(escalations)
        floor = wilson_lower(escalated, n)
        if floor > baseline and floor >= baseline * (1 + policy.escalation_rise):
            return (
                f"escalations {escalated / n:.1%} (at least {floor:.1%}) rose over"
                f" baseline {baseline:.1%}"
            )
    return None


def pushed(window: str, outcome: bool, size: int) -> str:
    """`window` with `outcome` appended, keeping the last `size`."""
    return (window + ("1" if outcome else "0"))[-size:]
