"""The Stripe webhook through the real function: verification, exactly-once effects, the
customer's confirmation on their own channel, and what staff must see."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from shared.booking import records
from shared.booking.holds import create_hold
from shared.booking.models import CreateBookingRequest
from shared.booking.policy import HOLD_FOR
from shared.booking.records import BOOKINGS
from shared.channels.outbound import OUTBOX
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.payments import notices, staff
from shared.payments.local import CHECKOUTS
from shared.payments.messages import usd
from shared.payments.port import WEBHOOK_SECRET
from shared.platform import audit
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.test_booking_api import LA_PARTY, hold
from tests.support.analytics_tasks import run_due_besides_analytics
from tests.support.fake_stripe import (
    charge_refunded,
    dispute_created,
    event,
    intent_event,
    post_event,
    session_completed,
)

PHONE = "+12135550100"


def created_at(platform: Platform) -> int:
    return int(platform.clock.now().timestamp())


def send(api: Any, evt: dict[str, Any], **kwargs: Any) -> tuple[int, Any]:
    response = post_event(api.client, evt, api.platform.secrets.get(WEBHOOK_SECRET), **kwargs)
    return response.status_code, json.loads(response.get_data())


def run_tasks(api: Any) -> int:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    return run_due_besides_analytics(runner, api.platform.store)


def held(api: Any, **fields: Any) -> dict[str, Any]:
    status, body = hold(api, **fields)
    assert status == 201, body
    return body


def intent_of(platform: Platform, booking_id: str) -> str:
    session = platform.store.get(BOOKINGS, booking_id)["deposit_session_id"]
    return str(platform.store.get(CHECKOUTS, session)["payment_intent_id"])


def paid(api: Any, booking: dict[str, Any], event_id: str = "evt_paid") -> dict[str, Any]:
    platform = api.platform
    intent = intent_of(platform, booking["id"])
    return session_completed(
        event_id, booking["id"], intent, booking["deposit_cents"], created_at(platform)
    )


def booking_doc(platform: Platform, booking_id: str) -> dict[str, Any]:
    return platform.store.get(BOOKINGS, booking_id)


def hold_from_thread(platform: Platform, channel: Any, handle: str, **contact: Any) -> str:
    thread = threads.open_thread(
        platform.store, channel=channel, handle=handle, customer_id=None, now=platform.clock.now()
    )
    request = CreateBookingRequest.model_validate(
        LA_PARTY
        | {
            "start_time": "17:00",
            "contact": {"name": "Jo Host"} | contact,
            "address": "100 Main St, Los Angeles",
        }
    )
    view = create_hold(platform, request, origin_thread_id=thread.id, origin_channel=channel)
    return view.id


def test_a_hold_comes_with_a_local_deposit_link(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    session = booking_doc(platform, booking["id"])["deposit_session_id"]
    assert booking["deposit_url"] == f"{platform.settings.base_url}/_dev/pay/{session}"
    checkout = platform.store.get(CHECKOUTS, session)
    assert checkout["amount_cents"] == booking["deposit_cents"] > 0
    assert checkout["purpose"] == "deposit" and checkout["booking_id"] == booking["id"]


def test_a_signed_payment_confirms_the_hold_and_texts_the_customer(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    status, ack = send(api, paid(api, booking))
    assert status == 200, ack
    assert ack == {
        "received": True,
        "event_id": "evt_paid",
        "type": "checkout.session.completed",
        "handled": True,
        "duplicate": False,
    }
    stored = booking_doc(platform, booking["id"])
    assert stored["status"] == "confirmed" and stored["deposit_paid"] is True
    assert stored["payment"]["method"] == "stripe"
    assert stored["payment"]["deposit_payment_intent_id"] == intent_of(platform, booking["id"])
    assert stored["payment"]["deposit_paid_cents"] == booking["deposit_cents"]
    assert run_tasks(api) == 1
    sent = platform.store.get(OUTBOX, f"confirm-{booking['id']}")
    assert sent["channel"] == "sms" and sent["to"] == PHONE and sent["status"] == "recorded"
    assert "confirmed" in sent["text"] and usd(booking["deposit_cents"]) in sent["text"]
    shown = api.call(
        "GET",
        "/booking-status",
        {"booking_id": booking["id"]},
        **{"X-Booking-Token": booking["access_token"]},
    )[1]
    assert shown["status"] == "confirmed" and shown["deposit_url"] is None


def test_a_redelivered_event_has_one_effect(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    evt = paid(api, booking)
    first, second = send(api, evt), send(api, evt)
    assert first[0] == second[0] == 200
    assert first[1]["duplicate"] is False and second[1]["duplicate"] is True
    entries = audit.read(
        platform.store, audit.AuditQuery(entity="booking", entity_id=booking["id"])
    ).entries
    assert [e.action for e in entries].count("booking.confirmed") == 1
    outbound = [t for t in platform.store.query(TASKS) if t.data["target"] == "send-outbound"]
    assert len(outbound) == 1
    assert run_tasks(api) == 1 and run_tasks(api) == 0


def test_both_events_of_one_payment_confirm_once(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    intent = intent_of(platform, booking["id"])
    succeeded = intent_event(
        "evt_pi",
        "payment_intent.succeeded",
        booking["id"],
        intent,
        booking["deposit_cents"],
        created_at(platform) - 5,
    )
    assert send(api, succeeded)[0] == 200
    assert send(api, paid(api, booking))[0] == 200
    stored = booking_doc(platform, booking["id"])
    assert stored["status"] == "confirmed"
    assert stored["payment"]["deposit_event_created"] == created_at(platform) - 5
    assert [d.id for d in platform.store.query(notices.NOTICES)] == [f"confirm-{booking['id']}"]


def test_a_tampered_body_is_refused(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    evt = paid(api, booking)
    forged = json.loads(json.dumps(evt))
    forged["data"]["object"]["amount_total"] = 1
    response = post_event(
        api.client, evt, platform.secrets.get(WEBHOOK_SECRET), body=json.dumps(forged)
    )
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "invalid_signature"
    assert booking_doc(platform, booking["id"])["status"] == "held"


@pytest.mark.parametrize("offset_s", [-400, -301, 301, 400, 86_400])
def test_a_timestamp_outside_the_tolerance_either_way_is_refused(api, platform, offset_s) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    refused = send(api, paid(api, booking), timestamp=int(time.time()) + offset_s)
    assert refused[0] == 400 and refused[1]["code"] == "invalid_signature"
    assert booking_doc(platform, booking["id"])["status"] == "held"


@pytest.mark.parametrize("offset_s", [-240, 0, 240])
def test_a_timestamp_within_the_tolerance_either_way_is_applied(api, platform, offset_s) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    accepted = send(api, paid(api, booking), timestamp=int(time.time()) + offset_s)
    assert accepted[0] == 200 and accepted[1]["handled"] is True
    assert booking_doc(platform, booking["id"])["status"] == "confirmed"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Stripe-Signature": "garbage"},
        {"Stripe-Signature": "t=1,v1=00"},
        {"Stripe-Signature": f"t={int(time.time())},v0=abc"},
    ],
)
def test_missing_or_malformed_signatures_are_400_not_500(api, headers) -> None:  # type: ignore[no-untyped-def]
    response = api.client.post("/stripe-webhook", data=b'{"id": "evt_x"}', headers=headers)
    assert response.status_code == 400 and response.get_json()["code"] == "invalid_signature"


def test_a_body_signed_with_another_secret_is_refused(api) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    response = post_event(api.client, paid(api, booking), "whsec_someone_else")
    assert response.status_code == 400


def test_unknown_event_types_are_acknowledged_and_ignored(api, platform) -> None:  # type: ignore[no-untyped-def]
    status, ack = send(
        api, event("evt_cus", "customer.created", {"id": "cus_1"}, created_at(platform))
    )
    assert status == 200 and ack["handled"] is False


def test_payment_after_the_hold_expired_is_kept_and_escalated(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking_id = hold_from_thread(platform, "sms", PHONE, phone=PHONE)
    platform.clock.advance(HOLD_FOR + timedelta(minutes=1))
    run_tasks(api)  # the hold-expiry task
    assert booking_doc(platform, booking_id)["status"] == "expired"
    view = records.view(records.get(platform.store, booking_id))
    evt = paid(api, {"id": booking_id, "deposit_cents": view.deposit_cents})
    assert send(api, evt)[0] == 200
    stored = booking_doc(platform, booking_id)
    assert stored["status"] == "expired" and stored["deposit_paid"] is True
    assert stored["payment"]["paid_after_expiry"] is True
    task = platform.store.get(staff.STAFF_TASKS, f"late-payment-{booking_id}")
    assert task["priority"] == "high" and "money taken, no slot" in task["reason"]
    [opened] = handoff.open_handoffs(platform.store)
    assert opened.thread_id == stored["origin_thread_id"] and opened.priority == "high"
    assert platform.store.query(notices.NOTICES) == []  # no "you're confirmed"
    assert send(api, evt)[1]["duplicate"] is True


def test_a_failed_payment_tells_the_customer_and_keeps_the_hold(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    intent = intent_of(platform, booking["id"])
    for n in (1, 2):  # two declined cards: one message
        failed = intent_event(
            f"evt_fail_{n}",
            "payment_intent.payment_failed",
            booking["id"],
            intent,
            booking["deposit_cents"],
            created_at(platform),
        )
        assert send(api, failed)[0] == 200
    assert booking_doc(platform, booking["id"])["status"] == "held"
    assert run_tasks(api) == 1
    sent = platform.store.get(OUTBOX, f"payment-failed-{booking['id']}")
    assert "didn't go through" in sent["text"] and booking["deposit_url"] in sent["text"]
    assert "until 4:30 AM" in sent["text"]  # 30 minutes after the hold, the market's time


def test_a_failure_is_judged_by_when_it_happened_not_when_it_arrived(api, platform) -> None:  # type: ignore[no-untyped-def]
    early, late = held(api), held(api, start_time="11:00", phone="+1 213 555 0101")
    now = created_at(platform)
    for booking in (early, late):
        assert send(api, paid(api, booking, event_id=f"evt_paid_{booking['id']}"))[0] == 200
    for booking, failed_at in ((early, now - 60), (late, now + 60)):
        failed = intent_event(
            f"evt_fail_{booking['id']}",
            "payment_intent.payment_failed",
            booking["id"],
            intent_of(platform, booking["id"]),
            booking["deposit_cents"],
            failed_at,
        )
        assert send(api, failed)[0] == 200
    staged = {d.id for d in platform.store.query(notices.NOTICES)}
    assert f"payment-failed-{early['id']}" in staged  # it failed before the payment
    assert f"payment-failed-{late['id']}" not in staged  # paid before it: nothing to say


def test_a_refund_is_recorded_on_the_booking(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    send(api, paid(api, booking))
    intent = intent_of(platform, booking["id"])
    now = created_at(platform)
    # Charges carry no booking id here: the payment intent leads to the booking.
    for n, (amount, ids) in enumerate([(4000, ["re_1"]), (10000, ["re_1", "re_2"])]):
        assert send(api, charge_refunded(f"evt_re_{n}", intent, amount, ids, now))[0] == 200
    stored = booking_doc(platform, booking["id"])["payment"]
    assert stored["refunded_cents"] == 10000 and stored["refund_ids"] == ["re_1", "re_2"]


def test_a_dispute_escalates_on_the_customers_thread(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking_id = hold_from_thread(platform, "sms", PHONE, phone=PHONE)
    amount = booking_doc(platform, booking_id)["deposit_cents"]
    send(api, paid(api, {"id": booking_id, "deposit_cents": amount}))
    intent = intent_of(platform, booking_id)
    dispute = dispute_created("evt_dp", intent, amount, created_at(platform))
    assert send(api, dispute)[0] == 200
    assert booking_doc(platform, booking_id)["payment"]["disputed"] is True
    task = platform.store.get(staff.STAFF_TASKS, f"dispute-dp_{intent}")
    assert task["priority"] == "high" and task["booking_id"] == booking_id
    [opened] = handoff.open_handoffs(platform.store)
    assert opened.priority == "high" and "dispute" in opened.reason
    thread = threads.get_thread(platform.store, opened.thread_id)
    assert thread.status == threads.ThreadStatus.ESCALATED


@pytest.mark.parametrize(
    ("origin", "handle", "contact", "expected"),
    [
        ("whatsapp", "15551230000", {"phone": PHONE}, ("whatsapp", "15551230000")),
        ("web", "session-1", {"phone": PHONE}, ("sms", PHONE)),
        ("web", "session-2", {"email": "jo@example.com"}, ("email", "jo@example.com")),
    ],
)
def test_the_confirmation_goes_back_on_the_customers_channel(  # type: ignore[no-untyped-def]
    api, platform, origin, handle, contact, expected
) -> None:
    booking_id = hold_from_thread(platform, origin, handle, **contact)
    amount = booking_doc(platform, booking_id)["deposit_cents"]
    assert send(api, paid(api, {"id": booking_id, "deposit_cents": amount}))[0] == 200
    [task] = [t.data for t in platform.store.query(TASKS) if t.data["target"] == "send-outbound"]
    message = task["body"]
    assert (message["channel"], message["to"]) == expected
    assert message["message_id"] == f"confirm-{booking_id}"
    assert (message["subject"] is not None) == (expected[0] == "email")


def test_an_unset_webhook_secret_is_a_503_so_stripe_retries(api, platform, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    evt = paid(api, booking)
    secret = platform.secrets.get(WEBHOOK_SECRET)

    def unset(name: str) -> str:
        raise SecretNotFound(name)

    monkeypatch.setattr(platform.secrets, "get", unset)
    response = post_event(api.client, evt, secret)
    assert response.status_code == 503
    assert response.get_json()["code"] == "payments_not_configured"
