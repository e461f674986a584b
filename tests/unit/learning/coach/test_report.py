"""The coach report's pure parts: the local day, the scenario days, what counts as a
regression, and the texts the owner reads."""

from datetime import UTC, date, datetime, timedelta

from shared.learning.coach import render
from shared.learning.coach.metrics import Count, Day, DayMetrics, compute
from shared.learning.coach.report import (
    PASS_BAR,
    CoachReport,
    HealingItem,
    summarise,
    window_of,
)
from shared.learning.coach.results import ScenarioResult
from shared.learning.coach.scenarios import scenario_day
from shared.pricing.models import FixedPeakDate

DAY = date(2026, 11, 20)


def result(id_: str, passed: bool) -> ScenarioResult:
    return ScenarioResult(
        id=id_,
        behaviour=f"does {id_}",
        passed=passed,
        failures=[] if passed else [f"{id_} broke"],
        transcript=[],
        cost_usd=0.0,
    )


def empty_metrics() -> DayMetrics:
    w = window_of(DAY)
    return compute(Day(window=w, channels={}, messages=[], bookings=[]))


def report(results: list[ScenarioResult], before: CoachReport | None = None) -> CoachReport:
    return CoachReport(
        date=DAY,
        timezone="America/Los_Angeles",
        generated_at=datetime(2026, 11, 21, 10, tzinfo=UTC),
        metrics=empty_metrics(),
        gates=[],
        healing=[HealingItem(id="hp_1", status="proposed", summary="retry the quote")],
        scenarios=summarise(results, before),
    )


def test_the_day_is_local_midnight_to_midnight_even_across_dst() -> None:
    w = window_of(DAY)
    assert (w.start, w.end) == (
        datetime(2026, 11, 20, 8, tzinfo=UTC),
        datetime(2026, 11, 21, 8, tzinfo=UTC),
    )
    fall_back = window_of(date(2026, 11, 1))  # 25 hours long in Los Angeles
    assert fall_back.end - fall_back.start == timedelta(hours=25)


def test_scenario_days() -> None:
    today = date(2026, 11, 21)  # a Saturday
    assert scenario_day("weekend", today, ()) == date(2026, 12, 26)
    assert scenario_day("weekend", date(2026, 11, 23), ()).weekday() == 5
    christmas = FixedPeakDate(name="Christmas Day", month=12, day=25)
    assert scenario_day("peak", today, (christmas,)) == date(2026, 12, 25)
    assert scenario_day("peak", date(2026, 12, 20), (christmas,)) == date(2027, 12, 25)
    assert scenario_day("peak", today, ()) is None


def test_above_the_bar_nothing_is_called_a_regression() -> None:
    results = [result(f"s{i}", i != 0) for i in range(10)]  # 9 of 10
    summary = summarise(results, None)
    assert summary.pass_rate == 0.9 >= PASS_BAR and summary.regressions == []


def test_below_the_bar_regressions_are_what_passed_last_time_or_is_new() -> None:
    before = report([result("a", True), result("b", False), result("c", True)])
    now = [result("a", False), result("b", False), result("c", True), result("d", False)]
    summary = summarise(now, before)
    assert summary.pass_rate == 0.25 and summary.compared_with == DAY.isoformat()
    assert summary.regressions == ["does a", "does d"]  # b was already failing


def test_the_texts_name_what_failed() -> None:
    before = report([result("a", True), result("b", True)])
    now = report([result("a", False), result("b", True)], before)
    text = render.text(now)
    assert "Scenarios: 1/2 passed (50%), AI cost $0.0000" in text
    assert f"Regressed since {DAY.isoformat()}: does a" in text
    assert "FAIL a: a broke" in text and "hp_1: retry the quote (proposed)" in text
    sms = render.short(now)
    assert sms.startswith(f"MyHibachi {DAY.isoformat()}: 0 chats") and "failing: a." in sms
    assert "Objections: none" in text


def test_sms_names_at_most_three_failures() -> None:
    sms = render.short(report([result(f"s{i}", False) for i in range(5)]))
    assert "failing: s0, s1, s2..." in sms


def test_counts_render_in_order() -> None:
    m = empty_metrics()
    m.objections.top = [Count(name="price", count=3), Count(name="minimum", count=1)]
    r = report([result("a", True)]).model_copy(update={"metrics": m})
    assert "Objections: price 3, minimum 1" in render.text(r)
