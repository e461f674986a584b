"""Marketing on the embedded runtime: a booking from an ad click is paid, the nightly
sync (run as a job) uploads it as a conversion and joins it with the market's ad spend;
staff read the report, only managers decide, and only an approval changes the account."""

from __future__ import annotations

from datetime import timedelta

from shared.ads.fakes import FakeAdsAccount
from shared.ads.ports import ADS_ACCOUNT
from shared.ads.sync import sync
from tests.integration.conftest import Api
from tests.integration.test_analytics_funnel import run_tasks
from tests.integration.test_booking_api import hold
from tests.integration.test_payments_devpay import pay_path

GCLID = "Cj0KCQiA-test_click"


def _account(api: Api) -> FakeAdsAccount:
    account = api.platform.adapter(ADS_ACCOUNT)
    assert isinstance(account, FakeAdsAccount)
    return account


def test_a_paid_booking_from_an_ad_is_uploaded_and_joined_with_its_market(api: Api) -> None:
    status, booking = hold(api, gclid=GCLID)
    assert status == 201, booking
    assert api.client.post(pay_path(booking["deposit_url"])).status_code == 200
    run_tasks(api)
    api.platform.clock.advance(timedelta(days=1))  # the sync reports whole days up to yesterday
    status, queued = api.admin("POST", "/run-job", {"job": "marketing-sync"})
    assert status == 202, queued
    run_tasks(api)

    (upload,) = _account(api).uploaded
    assert (upload.booking_id, upload.gclid) == (booking["id"], GCLID)
    assert upload.value_cents == booking["total_cents"]
    status, report = api.admin("GET", "/admin-marketing", role="staff")
    assert status == 200, report
    markets = {m["market"]: m for m in report["markets"]}
    assert (
        markets["la"]["bookings"] == 1 and markets["la"]["revenue_cents"] == booking["total_cents"]
    )
    assert markets["la"]["ads"]["cost_cents"] > 0
    assert report["funnel"]["bookings"] == 1 and report["funnel"]["chats"] > 0
    assert report["recommendations"] and report["search_queries"]


def test_a_bad_click_id_is_refused(api: Api) -> None:
    status, problem = hold(api, gclid="not a click id; DROP")
    assert status == 422 and problem["errors"][0]["field"].endswith("gclid")


def test_staff_read_but_only_managers_decide_and_only_approval_sends(api: Api) -> None:
    assert api.admin("GET", "/admin-marketing", role="staff")[0] == 404  # no sync yet
    sync(api.platform)
    status, listed = api.admin(
        "GET", "/admin-marketing", {"view": "recommendations", "status": "pending"}, "staff"
    )
    assert status == 200
    first, second = listed["recommendations"][:2]
    decision = {"action": "approve", "id": first["id"], "note": "go"}
    assert api.admin("POST", "/admin-marketing", decision, "staff")[0] == 403
    assert _account(api).sent == []
    status, applied = api.admin("POST", "/admin-marketing", decision, "manager")
    assert status == 200 and applied["status"] == "applied", applied
    assert [c.model_dump(mode="json") for c in _account(api).sent] == [first["change"]]
    assert api.admin("POST", "/admin-marketing", decision, "manager")[0] == 409
    rejected = {"action": "reject", "id": second["id"]}
    assert api.admin("POST", "/admin-marketing", rejected, "manager")[1]["status"] == "rejected"
    assert len(_account(api).sent) == 1
    assert (
        api.admin("POST", "/admin-marketing", {"action": "approve", "id": "nope"}, "owner")[0]
        == 404
    )
    status, done = api.admin(
        "GET", "/admin-marketing", {"view": "recommendations", "status": "applied"}, "staff"
    )
    assert [r["id"] for r in done["recommendations"]] == [first["id"]]
