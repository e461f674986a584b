"""The bench market is valid input, and the bench runs and reports a rate."""

from __future__ import annotations

import itertools
from zoneinfo import ZoneInfo

import pytest

from scripts.bench.availability import BOOKINGS, NOW, TZ, bench_availability, bench_market
from shared.booking.availability import events_conflict


def test_bench_market_has_the_promised_bookings_without_conflicts() -> None:
    chefs, busy = bench_market()
    assert len(chefs) == 3
    assert len(busy) == BOOKINGS
    by_chef = itertools.groupby(sorted(busy, key=lambda b: b.chef_id), key=lambda b: b.chef_id)
    for _, events in by_chef:
        for a, b in itertools.combinations(list(events), 2):
            assert not events_conflict((a.start, a.end), (b.start, b.end))
    assert all(event.start > NOW for event in busy)
    assert all(event.start.astimezone(ZoneInfo(TZ)).weekday() != 0 for event in busy)


def test_bench_prints_a_positive_rate(capsys: pytest.CaptureFixture[str]) -> None:
    rate = bench_availability(budget_s=0.05)
    assert rate > 0
    assert "queries/s" in capsys.readouterr().out
