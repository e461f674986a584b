"""Holds, expiry, customer self-service and staff actions through the real functions."""

from __future__ import annotations

from datetime import timedelta

from functions._app.runtime.app import InProcessDeliverer
from shared.booking.policy import HOLD_FOR
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.analytics_tasks import run_due_besides_analytics

LA_PARTY = {"adults": 20, "customer_zipcode": "90012", "event_date": "2026-12-05"}


def hold(api, start_time="17:00", phone="+1 213 555 0100", **fields):  # type: ignore[no-untyped-def]
    body = (
        LA_PARTY
        | {
            "start_time": start_time,
            "contact": {"name": "Jo Host", "phone": phone},
            "address": "100 Main St, Los Angeles",
        }
        | fields
    )
    return api.call("POST", "/create-booking", body)


def token_header(created) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"X-Booking-Token": created["access_token"]}


def starts(api, day="2026-12-05", guests=20) -> dict[str, int]:  # type: ignore[no-untyped-def]
    status, body = api.call(
        "GET", "/availability", {"date": day, "guests": guests, "customer_zipcode": "90012"}
    )
    assert status == 200, body
    return {s["local_time"]: s["chefs_free"] for s in body["starts"]}


def test_availability_by_zip(api) -> None:  # type: ignore[no-untyped-def]
    status, body = api.call(
        "GET", "/availability", {"date": "2026-12-05", "guests": 20, "customer_zipcode": "90012"}
    )
    assert status == 200
    assert body["market"] == "la" and body["duration_minutes"] == 150 and body["chefs_needed"] == 1
    assert [s["local_time"] for s in body["starts"]][:2] == ["11:00", "11:30"]
    assert body["starts"][-1]["local_time"] == "20:30"
    assert body["starts"][0]["start"] == "2026-12-05T11:00:00-08:00"


def test_hold_carries_its_quote_and_is_readable_with_its_token(api, platform) -> None:  # type: ignore[no-untyped-def]
    status, created = hold(api)
    assert status == 201, created
    assert created["status"] == "held" and created["total_cents"] == 110_000
    assert created["start"] == "2026-12-05T17:00:00-08:00"
    stored = platform.store.get("bookings", created["id"])
    assert stored["quote"]["total_cents"] == 110_000
    assert stored["price_book_version"] == "2026-11-01"
    assert len(stored["chef_ids"]) == 1
    ok = api.call("GET", "/booking-status", {"booking_id": created["id"]}, **token_header(created))
    assert ok[0] == 200 and ok[1]["access_token"] is None  # shown only once
    assert api.call("GET", "/booking-status", {"booking_id": created["id"]})[0] == 401
    _, other = hold(api, start_time="11:00", phone="+1 213 555 0101")
    wrong = api.call("GET", "/booking-status", {"booking_id": created["id"]}, **token_header(other))
    assert wrong[0] == 403


def test_fourth_hold_on_three_chefs_is_409_with_next_starts(api) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        assert hold(api, phone=f"+1 213 555 01{i:02d}")[0] == 201
    assert starts(api).get("17:00") is None
    status, problem = hold(api, phone="+1 213 555 0199")
    assert status == 409 and problem["code"] == "slot_taken"
    assert problem["next_starts"] and all(
        s["start"] >= "2026-12-05T17:00:00-08:00" for s in problem["next_starts"]
    )


def test_unpaid_hold_expires_and_frees_the_window_once(api, platform) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        hold(api, phone=f"+1 213 555 02{i:02d}")
    assert "17:00" not in starts(api)
    runner = LocalTaskRunner(
        platform.store, platform.clock, InProcessDeliverer(api.client.application)
    )
    platform.clock.advance(HOLD_FOR - timedelta(minutes=1))
    assert run_due_besides_analytics(runner, platform.store) == 0
    platform.clock.advance(timedelta(minutes=1))
    assert run_due_besides_analytics(runner, platform.store) == 3  # one release per hold
    assert starts(api)["17:00"] == 3
    statuses = {d.data["status"] for d in platform.store.query("bookings")}
    assert statuses == {"expired"}
    from shared.booking.lifecycle import release_hold

    booking_id = platform.store.query("bookings")[0].id
    assert release_hold(platform, booking_id) is False  # a second release has no effect
    assert starts(api)["17:00"] == 3


def test_paid_hold_is_not_released(api, platform) -> None:  # type: ignore[no-untyped-def]
    _, created = hold(api)
    assert (
        api.admin(
            "POST",
            "/admin-bookings",
            {"action": "confirm", "booking_id": created["id"]},
            role="staff",
        )[0]
        == 200
    )
    platform.clock.advance(HOLD_FOR + timedelta(minutes=1))
    from shared.booking.lifecycle import release_hold

    assert release_hold(platform, created["id"]) is False
    assert platform.store.get("bookings", created["id"])["status"] == "confirmed"


def test_customer_cancels_with_the_deposit_policy(api, platform) -> None:  # type: ignore[no-untyped-def]
    _, early = hold(api)
    api.admin("POST", "/admin-bookings", {"action": "confirm", "booking_id": early["id"]})
    status, cancelled = api.call(
        "POST", "/cancel-booking", {"booking_id": early["id"]}, **token_header(early)
    )
    assert status == 200 and cancelled["status"] == "cancelled"
    assert cancelled["cancellation"]["refund_cents"] == 10_000  # 14 days out: full refund
    assert starts(api)["17:00"] == 3

    _, late = hold(api, event_date="2026-11-25", start_time="18:00")
    api.admin("POST", "/admin-bookings", {"action": "confirm", "booking_id": late["id"]})
    _, kept = api.call("POST", "/cancel-booking", {"booking_id": late["id"]}, **token_header(late))
    assert kept["cancellation"]["refund_cents"] == 0  # 4 days out: deposit kept


def test_staff_refund_override_needs_a_reason_and_is_audited(api) -> None:  # type: ignore[no-untyped-def]
    _, created = hold(api, event_date="2026-11-25", start_time="18:00")
    api.admin("POST", "/admin-bookings", {"action": "confirm", "booking_id": created["id"]})
    body = {"action": "cancel", "booking_id": created["id"], "refund_cents": 10_000}
    assert api.admin("POST", "/admin-bookings", body)[0] == 422
    status, booking = api.admin("POST", "/admin-bookings", body | {"reason": "family emergency"})
    assert status == 200 and booking["cancellation"]["refund_cents"] == 10_000
    assert booking["cancellation"]["rule"] == "staff override"
    _, log = api.admin("GET", "/admin-audit-log", {"entity_id": created["id"]})
    cancel = next(e for e in log["entries"] if e["action"] == "booking.cancelled")
    assert cancel["actor"] == "tester" and cancel["reason"] == "family emergency"
    assert cancel["before"] == {"status": "confirmed"}


def test_reschedule_moves_the_claim_or_keeps_the_old_one(api) -> None:  # type: ignore[no-untyped-def]
    _, created = hold(api)
    auth = token_header(created)
    status, moved = api.call(
        "POST",
        "/reschedule-booking",
        {"booking_id": created["id"], "event_date": "2026-12-06", "start_time": "12:00"},
        **auth,
    )
    assert status == 200 and moved["start"] == "2026-12-06T12:00:00-08:00"
    assert starts(api)["17:00"] == 3  # old window freed
    assert starts(api, "2026-12-06")["12:00"] == 2
    for i in range(2):  # fill 2026-12-06 11:00..13:30 with the other two chefs
        hold(api, event_date="2026-12-06", start_time="11:30", phone=f"+1 213 555 03{i:02d}")
    status, problem = api.call(
        "POST",
        "/reschedule-booking",
        {"booking_id": created["id"], "event_date": "2026-12-06", "start_time": "11:00"},
        **auth,
    )
    assert status == 200  # its own chef's cells count as free for itself
    status, problem = api.call(
        "POST",
        "/reschedule-booking",
        {"booking_id": created["id"], "event_date": "2026-12-05", "start_time": "09:00"},
        **auth,
    )
    assert status == 422 and problem["code"] == "outside_hours"
    _, after = api.call("GET", "/booking-status", {"booking_id": created["id"]}, **auth)
    assert after["start"] == "2026-12-06T11:00:00-08:00"


def test_create_booking_rejections_are_422_with_reasons(api, platform) -> None:  # type: ignore[no-untyped-def]
    too_soon = hold(api, event_date="2026-11-22", start_time="17:00")
    assert too_soon[0] == 422 and too_soon[1]["code"] == "too_soon"
    # A date no market can book is a field error, before any market rule runs.
    for day, kind in (("2026-11-01", "date_in_past"), ("2027-12-01", "date_beyond_horizon")):
        status, problem = hold(api, event_date=day, start_time="17:00")
        assert status == 422 and problem["code"] == "validation_failed"
        assert problem["errors"][0] | {"message": ""} == {
            "field": "event_date",
            "type": kind,
            "message": "",
        }
    off_grid = hold(api, start_time="17:15")
    assert off_grid[0] == 422 and off_grid[1]["code"] == "off_grid"
    monday = hold(api, event_date="2026-12-07")
    assert monday[0] == 422 and monday[1]["code"] == "market_closed"
    no_contact = hold(api, contact={"name": "Jo"})
    assert no_contact[0] == 422 and no_contact[1]["errors"][0]["field"] == "contact"
    bad_phone = hold(api, phone="12")
    assert bad_phone[0] == 422 and bad_phone[1]["errors"][0]["field"] == "contact.phone"
    too_big = hold(api, adults=61)
    assert too_big[0] == 422 and too_big[1]["code"] == "custom_event"
    assert platform.store.query("bookings") == []


def test_chef_days_off_show_in_availability_at_once(api) -> None:  # type: ignore[no-untyped-def]
    status, listing = api.admin("GET", "/admin-chefs", {"market": "la"}, role="manager")
    assert status == 200 and len(listing["chefs"]) == 3
    for chef in listing["chefs"][:2]:
        body = {"action": "update", "chef_id": chef["id"], "changes": {"days_off": ["2026-12-05"]}}
        assert api.admin("POST", "/admin-chefs", body, role="manager")[0] == 200
    assert set(starts(api).values()) == {1}
    last = listing["chefs"][2]["id"]
    hours = {"sat": ["12:00", "15:00"]}
    api.admin(
        "POST", "/admin-chefs", {"action": "update", "chef_id": last, "changes": {"hours": hours}}
    )
    assert list(starts(api)) == ["12:00", "12:30", "13:00", "13:30", "14:00", "14:30"]
    assert (
        api.admin(
            "POST",
            "/admin-chefs",
            {
                "action": "update",
                "chef_id": last,
                "changes": {"hours": {"sat": ["15:00", "12:00"]}},
            },
        )[0]
        == 422
    )
    assert api.admin("GET", "/admin-chefs", {}, role="staff")[0] == 403


def test_admin_lists_and_filters_bookings(api) -> None:  # type: ignore[no-untyped-def]
    _, a = hold(api)
    _, b = hold(api, event_date="2026-12-06", start_time="12:00", phone="+1 213 555 0400")
    api.admin("POST", "/admin-bookings", {"action": "confirm", "booking_id": b["id"]})
    _, page = api.admin("GET", "/admin-bookings", {"market": "la"}, role="staff")
    assert [x["id"] for x in page["bookings"]] == [a["id"], b["id"]]
    _, confirmed = api.admin("GET", "/admin-bookings", {"status": "confirmed"})
    assert [x["id"] for x in confirmed["bookings"]] == [b["id"]]
    _, day = api.admin(
        "GET", "/admin-bookings", {"date_from": "2026-12-06", "date_to": "2026-12-06"}
    )
    assert [x["id"] for x in day["bookings"]] == [b["id"]]
    _, first = api.admin("GET", "/admin-bookings", {"limit": 1})
    _, second = api.admin("GET", "/admin-bookings", {"limit": 1, "after": first["next_after"]})
    assert [first["bookings"][0]["id"], second["bookings"][0]["id"]] == [a["id"], b["id"]]
    bad = api.admin("POST", "/admin-bookings", {"action": "complete", "booking_id": a["id"]})
    assert bad[0] == 409 and bad[1]["code"] == "invalid_status"


def test_customers_are_one_per_phone_and_can_be_merged(api) -> None:  # type: ignore[no-untyped-def]
    hold(api, phone="(213) 555-0500")
    hold(api, start_time="11:00", phone="+12135550500")  # same number, other format
    hold(
        api, start_time="12:00", phone=None, contact={"name": "Jo Host", "email": "Jo@Example.com"}
    )
    _, by_phone = api.admin("GET", "/admin-customers", {"q": "213-555-0500"}, role="staff")
    _, by_email = api.admin("GET", "/admin-customers", {"q": "jo@example.com"}, role="staff")
    assert len(by_phone["customers"]) == 1 and len(by_email["customers"]) == 1
    source, target = by_email["customers"][0]["id"], by_phone["customers"][0]["id"]
    assert source != target
    status, merged = api.admin(
        "POST", "/admin-customers", {"source_id": source, "target_id": target}
    )
    assert (
        status == 200 and merged["email"] == "jo@example.com" and merged["phone"] == "+12135550500"
    )
    _, again = api.admin("GET", "/admin-customers", {"q": "jo@example.com"})
    assert again["customers"][0]["id"] == target
    _, bookings = api.admin("GET", "/admin-bookings", {})
    assert {b["customer_id"] for b in bookings["bookings"]} == {target}


def test_dst_fall_back_day_offers_pst_starts(api) -> None:  # type: ignore[no-untyped-def]
    status, body = api.call(
        "GET", "/availability", {"date": "2026-11-29", "guests": 10, "market": "la"}
    )
    assert status == 200 and body["starts"][0]["start"] == "2026-11-29T11:00:00-08:00"
    status, body = api.call(
        "GET", "/availability", {"date": "2027-03-14", "guests": 10, "market": "la"}
    )
    assert body["starts"][0]["start"] == "2027-03-14T11:00:00-07:00"  # after spring forward
