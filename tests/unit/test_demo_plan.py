"""The demo quarter's plan: repeatable, every outcome in its quota, and each one possible
at `now` (an event that happened lies in the past, a confirmed one ahead, a live hold
within its minutes), on distinct senders."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import get_args

from functions._app.demo.plan import (
    QUARTER,
    QUOTAS,
    plan,
    waiting_for_staff,
)
from shared.analytics.occasion import detect
from shared.booking.availability import LEAD_TIME
from shared.booking.policy import HOLD_FOR
from shared.conversation.store import Channel

NOW = datetime(2026, 12, 2, 16, 30, tzinfo=UTC)


def test_the_same_now_gives_the_same_quarter() -> None:
    assert plan(NOW) == plan(NOW)
    assert plan(NOW) != plan(NOW + timedelta(days=1))


def test_every_outcome_channel_and_language_is_there() -> None:
    stories = plan(NOW)
    assert Counter(s.outcome for s in stories) == Counter(QUOTAS)
    assert {s.channel for s in stories} == set(get_args(Channel))
    assert {s.language for s in stories} == {"en", "es"}
    assert [s.started for s in stories] == sorted(s.started for s in stories)


def test_each_outcome_fits_its_time() -> None:
    for s in plan(NOW):
        assert NOW - QUARTER <= s.started < NOW, s
        assert s.event_date.weekday() != 0, s  # chefs rest on Mondays
        assert s.event_date >= (s.started + LEAD_TIME).date(), s
        if s.outcome in ("completed", "reviewed"):
            assert s.event_date < NOW.date() - timedelta(days=2), s
        if s.outcome in ("confirmed", "held"):
            assert s.event_date > NOW.date(), s
        if s.outcome == "held":
            assert NOW - s.started < HOLD_FOR, s


def test_senders_are_distinct_and_occasions_read_as_planned() -> None:
    stories = plan(NOW)
    assert len({(s.channel, s.handle) for s in stories}) == len(stories)
    assert len({s.phone for s in stories}) == len(stories)
    assert all(detect(s.occasion_text) == s.occasion for s in stories)


def test_only_the_newest_escalations_still_wait() -> None:
    escalated = [s for s in plan(NOW) if s.escalated]
    waiting = [s for s in escalated if waiting_for_staff(s, NOW)]
    assert waiting and len(waiting) < len(escalated)
    assert all(NOW - s.started < timedelta(days=2) for s in waiting)
