"""admin-cost-model end to end: a published cost model drives the profitability report
(which names the version), a rollback brings the old numbers back, bad input is a 422
naming the field, and only owners and admins may change it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.analytics.store import ANALYTICS
from shared.platform import analytics as a
from shared.platform.clock import ManualClock
from tests.integration.conftest import Api

PATH = "/admin-cost-model"
NOVEMBER = {"report": "profitability", "from": "2026-11-01", "to": "2026-11-30"}


def later(api: Api) -> None:
    clock = api.platform.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(minutes=1))


def one_event(api: Api) -> None:
    """A $1,000 event: $850 base, $100 upgrades, $50 travel (net $445 under the defaults)."""
    api.platform.adapter(ANALYTICS).insert(
        [
            a.EventCompleted(
                event_id="done-1",
                occurred_at=datetime(2026, 11, 14, 23, tzinfo=UTC),
                booking_id="bk-1",
                market="la",
                base_cents=85_000,
                upgrades_cents=10_000,
                travel_fee_cents=5_000,
                total_cents=100_000,
            )
        ]
    )


def profit(api: Api) -> dict[str, Any]:
    status, report = api.admin("GET", "/admin-analytics", NOVEMBER, "staff")
    assert status == 200, report
    return report  # type: ignore[no-any-return]


def test_publish_drives_profitability_and_rollback_restores_it(api: Api) -> None:
    one_event(api)
    status, state = api.admin("GET", PATH)
    assert status == 200 and state["current"]["version"] == "default" and state["versions"] == []
    before = profit(api)
    assert before["cost_model_version"] == "default"
    assert before["total"]["net_profit_cents"] == 44_500

    costs = state["current"] | {"version": "2026-12-chef-raise", "chef_cents": 35_000}
    later(api)
    status, state = api.admin(
        "POST", PATH, {"costs": costs, "note": "chefs now get $350", "based_on": "default"}
    )
    assert status == 201, state
    assert [(v["version"], v["note"], v["current"]) for v in state["versions"]] == [
        ("2026-12-chef-raise", "chefs now get $350", True)
    ]
    after = profit(api)
    assert after["cost_model_version"] == "2026-12-chef-raise"
    assert after["total"]["net_profit_cents"] == 44_500 - 5_000

    later(api)
    status, state = api.admin("POST", PATH, {"version": "default", "note": "too early"})
    assert status == 200 and state["current"]["version"] == "default"
    assert profit(api) == before

    status, log = api.admin("GET", "/admin-audit-log", {"entity": "cost_model"})
    assert [(e["action"], e["entity_id"], e["reason"]) for e in log["entries"]] == [
        ("cost_model.rollback", "default", "too early"),
        ("cost_model.publish", "2026-12-chef-raise", "chefs now get $350"),
    ]


def test_bad_input_is_named_and_conflicts_are_409(api: Api) -> None:
    _, state = api.admin("GET", PATH)
    current = state["current"]
    for body, field in (
        (
            {"costs": current | {"version": "x1", "overhead_bps": 12_000}, "note": "n"},
            "costs.overhead_bps",
        ),
        (
            {"costs": current | {"version": "x1", "chef_cents": -100}, "note": "n"},
            "costs.chef_cents",
        ),
        ({"costs": current | {"version": "x1"}}, "note"),
        ({"version": "not a version"}, "version"),
    ):
        status, problem = api.admin("POST", PATH, body)
        assert status == 422 and [e["field"] for e in problem["errors"]] == [field], problem
    status, problem = api.admin("POST", PATH, {"costs": current, "note": "same name"})
    assert status == 409 and problem["code"] == "cost_model_version_exists"
    status, problem = api.admin("POST", PATH, {"version": "never-published"})
    assert status == 404 and problem["code"] == "unknown_cost_model"
    status, problem = api.admin("POST", PATH, {"version": "default"})
    assert status == 409 and problem["code"] == "cost_model_already_current"
    status, problem = api.admin(
        "POST", PATH, {"costs": current | {"version": "x2"}, "note": "n", "based_on": "x0"}
    )
    assert status == 409 and problem["code"] == "cost_model_changed"
    assert api.admin("GET", PATH)[1] == state  # nothing changed


def test_staff_read_reports_but_cannot_touch_the_cost_model(api: Api) -> None:
    _, state = api.admin("GET", PATH)
    change = {"costs": state["current"] | {"version": "x3"}, "note": "not mine"}
    for role in ("manager", "staff"):
        assert api.admin("POST", PATH, change, role=role)[0] == 403
        assert api.admin("GET", PATH, role=role)[0] == 403
    assert profit(api)["cost_model_version"] == "default"  # staff still see profitability


def test_an_empty_period_is_zeros_and_bad_filters_are_named(api: Api) -> None:
    report = profit(api)
    assert report["bookings"] == report["low_margin"] == report["months"] == []
    assert report["total"]["revenue_cents"] == report["total"]["events"] == 0
    for name in ("profitability", "channels", "decisions"):
        for bad, field in (
            ({"period": "2y"}, "period"),
            ({"channel": "fax"}, "channel"),
            ({"market": "atlantis"}, "market"),
        ):
            status, problem = api.admin("GET", "/admin-analytics", {"report": name} | bad, "staff")
            assert status == 422 and field in [e["field"] for e in problem["errors"]], problem
