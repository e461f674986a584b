"""What went wrong lately, as plain statistics over turn summaries (no store, no model).

Rates compare the last 7 days with the 28 days before them. A rate is "rising" when it is
more than 2 sigma above the baseline, sigma being the binomial standard deviation of the
baseline rate at the 7-day sample size: the noise a 7-day count would show if nothing had
changed. The baseline rate is Laplace-smoothed ((k + 1) / (n + 2)), so a baseline with no
failures does not make sigma 0 and every single failure an alarm.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

WINDOW = timedelta(days=7)
BASELINE = timedelta(days=28)
DAY = timedelta(days=1)
SIGMAS = 2.0
MIN_WINDOW_TURNS = 5  # fewer turns in 7 days say nothing about a rate
PATTERN_ESCALATIONS = 5  # escalations of one (intent, reason) in 7 days
MISROUTES = 3  # turns of one wrong route in 7 days before exemplars are proposed
CLARIFICATION_REASON = "repeated_clarification"

Metric = Literal["escalation", "failure"]


@dataclass(frozen=True)
class TurnSummary:
    """One AI reply, reduced to what the detectors read (built from its stored trace)."""

    reply_id: str
    inbound_id: str
    thread_id: str
    at: datetime
    text: str  # the customer's message it answered
    routed: str  # the router's agent
    agent: str  # the agent that answered (the flow that ran decides)
    confidence: float
    unsure: bool
    escalation: str | None  # the escalation reason, if the turn escalated
    blocked: tuple[str, ...]  # validator codes that blocked a draft
    kb_best: float | None  # best knowledge-search score, None when no search ran
    cached: bool = False

    @property
    def failed(self) -> bool:
        """The reply did not stand as drafted: the validator blocked it, or the AI gave up
        after asking too often."""
        return bool(self.blocked) or self.escalation == CLARIFICATION_REASON

    @property
    def misrouted(self) -> bool:
        return self.routed != self.agent


@dataclass(frozen=True)
class Rising:
    intent: str
    metric: Metric
    window_rate: float
    window_turns: int
    baseline_rate: float
    baseline_turns: int
    sigma: float


@dataclass(frozen=True)
class Pattern:
    """Turns sharing one cause: (intent, escalation reason), or (routed, answering agent)."""

    key: tuple[str, str]
    turns: tuple[TurnSummary, ...]


def sigma(baseline_rate: float, window_turns: int) -> float:
    return math.sqrt(baseline_rate * (1 - baseline_rate) / window_turns)


def smoothed(hits: int, turns: int) -> float:
    return (hits + 1) / (turns + 2)


def rising(hits: int, turns: int, baseline_hits: int, baseline_turns: int, min_turns: int) -> bool:
    """More than SIGMAS sigma above the (smoothed) baseline, on enough turns to tell."""
    if turns < min_turns or baseline_turns == 0:
        return False
    base = smoothed(baseline_hits, baseline_turns)
    return hits / turns > base + SIGMAS * sigma(base, turns)


def _windows(
    turns: Iterable[TurnSummary], now: datetime
) -> tuple[list[TurnSummary], list[TurnSummary]]:
    recent = [t for t in turns if now - WINDOW <= t.at < now]
    start = now - WINDOW - BASELINE
    baseline = [t for t in turns if start <= t.at < now - WINDOW]
    return recent, baseline


def rising_rates(
    turns: Iterable[TurnSummary], now: datetime, min_turns: int = MIN_WINDOW_TURNS
) -> list[Rising]:
    """Intents (routed agents) whose escalation or failure rate rose, by intent then metric."""
    recent, baseline = _windows(list(turns), now)
    tests: dict[Metric, Callable[[TurnSummary], bool]] = {
        "escalation": lambda t: t.escalation is not None,
        "failure": lambda t: t.failed,
    }
    found = []
    for intent in sorted({t.routed for t in recent}):
        now_turns = [t for t in recent if t.routed == intent]
        then_turns = [t for t in baseline if t.routed == intent]
        for metric, test in tests.items():
            hits = sum(map(test, now_turns))
            then_hits = sum(map(test, then_turns))
            if rising(hits, len(now_turns), then_hits, len(then_turns), min_turns):
                base = smoothed(then_hits, len(then_turns))
                found.append(
                    Rising(
                        intent=intent,
                        metric=metric,
                        window_rate=round(hits / len(now_turns), 4),
                        window_turns=len(now_turns),
                        baseline_rate=round(then_hits / len(then_turns), 4),
                        baseline_turns=len(then_turns),
                        sigma=round(sigma(base, len(now_turns)), 4),
                    )
                )
    return found


def _grouped(
    turns: Iterable[TurnSummary], key: Callable[[TurnSummary], tuple[str, str]], least: int
) -> list[Pattern]:
    groups: dict[tuple[str, str], list[TurnSummary]] = defaultdict(list)
    for turn in turns:
        groups[key(turn)].append(turn)
    return [
        Pattern(key, tuple(sorted(group, key=lambda t: t.at)))
        for key, group in sorted(groups.items())
        if len(group) >= least
    ]


def escalation_patterns(
    turns: Iterable[TurnSummary], now: datetime, least: int = PATTERN_ESCALATIONS
) -> list[Pattern]:
    """(intent, reason) pairs escalated at least `least` times in the last 7 days."""
    recent, _ = _windows(list(turns), now)
    escalated = [t for t in recent if t.escalation is not None]
    return _grouped(escalated, lambda t: (t.routed, t.escalation or ""), least)


def misroutes(turns: Iterable[TurnSummary], now: datetime, least: int = MISROUTES) -> list[Pattern]:
    """(routed, answering agent) pairs that disagreed at least `least` times in 7 days:
    the flow that ran knew better than the router, so those messages are exemplars."""
    recent, _ = _windows(list(turns), now)
    wrong = [t for t in recent if t.misrouted and not t.cached]
    return _grouped(wrong, lambda t: (t.routed, t.agent), least)


def last_day(turns: Iterable[TurnSummary], now: datetime) -> list[TurnSummary]:
    return [t for t in turns if now - DAY <= t.at < now]


def clarified(turns: Iterable[TurnSummary]) -> list[TurnSummary]:
    """Messages the AI gave up on after asking for clarification too often."""
    return [t for t in turns if t.escalation == CLARIFICATION_REASON]


def blocked(turns: Iterable[TurnSummary]) -> list[TurnSummary]:
    return [t for t in turns if t.blocked]


def unanswered(turns: Iterable[TurnSummary], min_score: float) -> list[TurnSummary]:
    """Turns whose knowledge search found nothing close enough (what a debate answers)."""
    return [t for t in turns if t.kb_best is not None and t.kb_best < min_score]


def distinct_texts(turns: Iterable[TurnSummary], limit: int) -> list[str]:
    """The most frequent messages first (ties in first-seen order), case-folded once."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for turn in turns:
        key = " ".join(turn.text.lower().split())
        counts[key] += 1
        first.setdefault(key, turn.text.strip())
    return [first[key] for key, _ in counts.most_common(limit)]


def stale(
    items: Iterable[tuple[str, datetime | None]], now: datetime, review_days: int
) -> list[str]:
    """Ids of items last updated more than `review_days` ago (never dated counts as due)."""
    due = now - timedelta(days=review_days)
    return [item for item, updated in items if updated is None or updated < due]
