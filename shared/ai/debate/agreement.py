"""When the panel agrees: every pair of answers close in meaning (MiniLM cosine) and
stating the same money amounts; two answers that read alike but quote different prices
disagree on what matters most. Also the judge of last resort: the answer closest to all
the others, when no LLM can judge (offline, a failed judge, the cost cap)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from shared.ai.validator import money_in


def _similarities(answers: Sequence[str]) -> list[list[float]]:
    from shared.ai.knowledge.base import embedder

    rows = embedder().embed(list(answers))
    sims: list[list[float]] = (rows @ rows.T).tolist()
    return sims


def agree(answers: Sequence[str], threshold: float) -> bool:
    if len(answers) < 2:
        return False
    if len({frozenset(money_in(a)) for a in answers}) > 1:
        return False
    sims = _similarities(answers)
    return all(sims[i][j] >= threshold for i, j in combinations(range(len(answers)), 2))


def consensus(answers: Sequence[str]) -> tuple[int, float]:
    """(index of the answer closest to the others, its mean cosine to them), the latter
    standing in for the judge's confidence. One answer alone: confidence 0.5."""
    if len(answers) == 1:
        return 0, 0.5
    sims = _similarities(answers)
    means = [(sum(row) - row[i]) / (len(answers) - 1) for i, row in enumerate(sims)]
    best = max(range(len(answers)), key=lambda i: (means[i], -i))
    return best, round(max(0.0, min(1.0, means[best])), 3)
