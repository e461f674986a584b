"""Routing and must-escalate quality on held-out customer messages (see scripts/eval.py).

The sets are written apart from the exemplars; `test_no_message_is_an_exemplar` keeps it
so. Thresholds: agent accuracy >= 90% overall, every must-escalate positive caught, at
most 10% of negatives escalated.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest

from scripts.eval import (
    ESCALATION_SET,
    EVALS,
    ROUTING_SET,
    RoutingReport,
    evaluate_escalation,
    evaluate_routing,
    load_set,
)
from shared.ai.embeddings import LocalMiniLM
from shared.ai.router import AGENTS, IntentRouter
from shared.ai.router.exemplars import load_exemplars

ROUTING = load_set(ROUTING_SET)
ESCALATION = load_set(ESCALATION_SET)
DEV = load_set(EVALS / "routing_dev.jsonl")  # what the exemplars were tuned against
REASONS = ("safety_incident", "legal_threat", "human_requested", "custom_event")


@pytest.fixture(scope="module")
def report() -> RoutingReport:
    return evaluate_routing(IntentRouter(), ROUTING)


def test_the_sets_are_big_enough_and_labelled() -> None:
    counts = Counter(row["agent"] for row in ROUTING)
    assert len(ROUTING) >= 150
    assert set(counts) == set(AGENTS) and min(counts.values()) >= 15
    reasons = Counter(row["must_escalate"] for row in ESCALATION)
    assert len(ESCALATION) >= 40
    assert all(reasons[r] >= 5 for r in REASONS) and reasons[None] >= 15
    assert set(reasons) <= {*REASONS, None}


def test_routing_accuracy(report: RoutingReport) -> None:
    assert report.accuracy >= 0.90
    worst = min(AGENTS, key=report.accuracy_of)
    assert report.accuracy_of(worst) >= 0.80, worst


def test_confidence_is_calibrated(report: RoutingReport) -> None:
    """On average, as sure as it is right (the LLM-fallback threshold depends on it)."""
    mean_confidence = sum(r.confidence for r in report.routes) / len(report.routes)
    assert abs(mean_confidence - report.accuracy) < 0.08


def test_every_must_escalate_is_caught_and_few_false_alarms() -> None:
    result = evaluate_escalation(ESCALATION)
    missed = [ESCALATION[i]["text"] for i in result.misses() if result.expected[i]]
    assert result.recall == 1.0, missed
    assert result.false_escalation_rate <= 0.10


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_no_message_is_an_exemplar() -> None:
    """Held out means held out: no exact copy and no near-paraphrase (cosine > 0.95)."""
    exemplars = load_exemplars().texts
    held_out = [row["text"] for row in [*ROUTING, *ESCALATION, *DEV]]
    assert {_normalised(t) for t in held_out}.isdisjoint(_normalised(t) for t in exemplars)
    embedder = LocalMiniLM()
    similarity = embedder.embed(held_out) @ embedder.embed(exemplars).T
    i, j = np.unravel_index(int(similarity.argmax()), similarity.shape)
    assert similarity[i, j] <= 0.95, (held_out[i], exemplars[j])


def test_the_test_set_is_not_the_dev_set() -> None:
    assert {_normalised(r["text"]) for r in ROUTING}.isdisjoint(_normalised(r["text"]) for r in DEV)
