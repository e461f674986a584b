"""The local pay page mounted by the dev runtime: it plays Stripe against the real webhook."""

from __future__ import annotations

from functions._app.runtime.devpay import completed_event
from shared.booking.records import BOOKINGS
from shared.payments.local import CHECKOUTS
from tests.integration.test_payments_webhook import held


def pay_path(url: str) -> str:
    return url.split("127.0.0.1:8080", 1)[1]


def test_the_page_shows_the_deposit_and_paying_confirms_the_booking(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    page = api.client.get(pay_path(booking["deposit_url"]))
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Pay $100.00 deposit" in page.get_data(as_text=True)
    paid = api.client.post(pay_path(booking["deposit_url"]))
    assert paid.status_code == 200 and "Payment received" in paid.get_data(as_text=True)
    stored = platform.store.get(BOOKINGS, booking["id"])
    assert stored["status"] == "confirmed" and stored["payment"]["method"] == "stripe"
    again = api.client.post(pay_path(booking["deposit_url"]))  # a double click
    assert again.status_code == 200
    assert platform.store.get(BOOKINGS, booking["id"])["status"] == "confirmed"


def test_unknown_sessions_are_404(api) -> None:  # type: ignore[no-untyped-def]
    assert api.client.get("/_dev/pay/cs_local_nope").status_code == 404
    assert api.client.get("/_dev/elsewhere").status_code == 404


def test_the_event_is_shaped_like_stripes(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = held(api)
    session = platform.store.get(BOOKINGS, booking["id"])["deposit_session_id"]
    evt = completed_event(session, platform.store.get(CHECKOUTS, session), 1_800_000_000)
    obj = evt["data"]["object"]
    assert evt["type"] == "checkout.session.completed" and evt["id"].startswith("evt_local_")
    assert obj["metadata"] == {"booking_id": booking["id"], "purpose": "deposit"}
    assert obj["amount_total"] == booking["deposit_cents"] and obj["payment_status"] == "paid"
