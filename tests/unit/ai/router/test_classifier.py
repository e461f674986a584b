"""The nearest-exemplar classifier on hand-made vectors: scoring, calibration, guards."""

from __future__ import annotations

import numpy as np
import pytest

from shared.ai.router.classifier import NearestExemplars

AGENTS = ("a", "b")


def _cluster(center: list[float], n: int, spread: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = np.array(center) + spread * rng.standard_normal((n, len(center)))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _classifier(spread: float) -> NearestExemplars:
    vectors = np.vstack([_cluster([1, 0, 0], 20, spread, 1), _cluster([0, 1, 0], 20, spread, 2)])
    return NearestExemplars(vectors, AGENTS, ["a"] * 20 + ["b"] * 20)


def _unit(*xs: float) -> np.ndarray:
    v = np.array([xs], dtype=np.float32)
    return v / np.linalg.norm(v)


def test_probabilities_sum_to_one_and_favour_the_nearer_agent() -> None:
    p = _classifier(0.1).probabilities(np.vstack([_unit(1, 0.1, 0), _unit(0.2, 1, 0)]))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert p[0, 0] > 0.9 and p[1, 1] > 0.9


def test_a_query_equidistant_from_both_agents_is_a_coin_flip() -> None:
    a = _cluster([1, 0, 0], 20, 0.3, 1)
    mirrored = a[:, [1, 0, 2]]  # b is a reflected across x = y, so (1, 1, 0) sits between
    classifier = NearestExemplars(np.vstack([a, mirrored]), AGENTS, ["a"] * 20 + ["b"] * 20)
    np.testing.assert_allclose(classifier.probabilities(_unit(1, 1, 0))[0], [0.5, 0.5])


def test_overlapping_agents_fit_a_softer_temperature() -> None:
    """Calibration: the less separable the exemplars, the less sure the classifier is."""
    tight, loose = _classifier(0.05), _classifier(0.8)
    assert loose.temperature > tight.temperature
    query = _unit(1, 0.4, 0)
    assert loose.probabilities(query)[0, 0] < tight.probabilities(query)[0, 0]


def test_each_agent_needs_top_m_exemplars() -> None:
    vectors = _cluster([1, 0, 0], 4, 0.1, 3)
    with pytest.raises(ValueError, match="at least 3"):
        NearestExemplars(vectors, AGENTS, ["a", "a", "b", "b"])
