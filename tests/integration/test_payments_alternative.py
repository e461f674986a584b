"""Zelle/Venmo payments staff paste into /admin-payments: proposals, confirmation, audit."""

from __future__ import annotations

from typing import Any

from shared.booking.records import BOOKINGS
from shared.payments import notices
from shared.payments.messages import usd
from shared.platform import audit
from tests.integration.test_booking_api import hold


def held(api: Any, name: str, start_time: str, phone: str) -> dict[str, Any]:
    status, body = hold(
        api, start_time=start_time, phone=phone, contact={"name": name, "phone": phone}
    )
    assert status == 201, body
    return body


def propose(api: Any, text: str) -> tuple[int, Any]:
    return api.admin("POST", "/admin-payments", {"action": "propose", "text": text}, role="staff")


def confirm(api: Any, proposal: dict[str, Any], booking_id: str) -> tuple[int, Any]:
    body = {"action": "confirm", "proposal_id": proposal["id"], "booking_id": booking_id}
    return api.admin("POST", "/admin-payments", body, role="staff")


def test_a_zelle_deposit_is_matched_by_amount_and_name_then_confirmed(api, platform) -> None:  # type: ignore[no-untyped-def]
    jo = held(api, "Jo Host", "17:00", "+1 213 555 0100")
    held(api, "Sam Park", "11:00", "+1 213 555 0101")  # same deposit, another name
    status, proposal = propose(
        api, f"Chase\nJO HOST sent you {usd(jo['deposit_cents'])} with Zelle\nMemo: hibachi"
    )
    assert status == 201, proposal
    assert proposal["status"] == "open" and proposal["notice"]["provider"] == "zelle"
    [candidate] = proposal["candidates"]
    assert candidate["booking_id"] == jo["id"] and candidate["purpose"] == "deposit"
    assert (
        api.admin("GET", "/admin-payments", role="staff")[1]["proposals"][0]["id"]
        == (proposal["id"])
    )

    status, applied = confirm(api, proposal, jo["id"])
    assert status == 200, applied
    assert applied["status"] == "applied" and applied["applied_to"] == jo["id"]
    booking = platform.store.get(BOOKINGS, jo["id"])
    assert booking["status"] == "confirmed" and booking["deposit_paid"] is True
    assert booking["payment"]["method"] == "zelle"
    trail = audit.read(platform.store, audit.AuditQuery(actor="tester")).entries
    assert {e.action for e in trail} == {"booking.confirmed", "payment.alternative_applied"}
    assert platform.store.get(notices.NOTICES, f"confirm-{jo['id']}")["state"] == "queued"

    again = confirm(api, proposal, jo["id"])
    assert again[0] == 409 and again[1]["code"] == "proposal_closed"
    assert api.admin("GET", "/admin-payments", role="staff")[1]["proposals"] == []


def test_a_memo_naming_the_booking_proposes_it_whatever_the_amount(api) -> None:  # type: ignore[no-untyped-def]
    jo = held(api, "Jo Host", "17:00", "+1 213 555 0100")
    status, proposal = propose(api, f"Someone paid you $10.00 \u2014 memo: {jo['id']}")
    assert status == 201
    [candidate] = proposal["candidates"]
    assert candidate["booking_id"] == jo["id"] and candidate["why"] == "the memo names it"
    short = confirm(api, proposal, jo["id"])
    assert short[0] == 422  # $10 does not cover the deposit


def test_a_venmo_balance_is_recorded_on_a_confirmed_booking(api, platform) -> None:  # type: ignore[no-untyped-def]
    maria = held(api, "Maria Lopez", "17:00", "+1 213 555 0102")
    api.admin("POST", "/admin-bookings", {"action": "confirm", "booking_id": maria["id"]})
    balance = maria["total_cents"] - maria["deposit_cents"]
    _, proposal = propose(api, f"Maria Lopez paid you {usd(balance)} for \u201cdec 5\u201d")
    [candidate] = proposal["candidates"]
    assert candidate["purpose"] == "balance" and candidate["owed_cents"] == balance
    assert confirm(api, proposal, maria["id"])[0] == 200
    stored = platform.store.get(BOOKINGS, maria["id"])
    assert stored["payment"]["balance_paid_cents"] == balance


def test_staff_choices_are_checked(api) -> None:  # type: ignore[no-untyped-def]
    jo = held(api, "Jo Host", "17:00", "+1 213 555 0100")
    other = held(api, "Ana Ruiz", "11:00", "+1 213 555 0103")
    _, proposal = propose(api, f"You received {usd(jo['deposit_cents'])} from Jo Host")
    assert confirm(api, proposal, other["id"])[0] == 422  # not one it proposed
    assert propose(api, "Your Zelle limit changed")[0] == 422  # no amount in it
    dismiss = {"action": "dismiss", "proposal_id": proposal["id"], "reason": "refund sent"}
    status, dismissed = api.admin("POST", "/admin-payments", dismiss, role="staff")
    assert status == 200 and dismissed["status"] == "dismissed"
    assert confirm(api, proposal, jo["id"])[0] == 409


def test_only_staff_may_use_it(api) -> None:  # type: ignore[no-untyped-def]
    body = {"action": "propose", "text": "JO HOST sent you $100.00"}
    assert api.call("POST", "/admin-payments", body)[0] == 401
    assert api.admin("POST", "/admin-payments", body, role="chef")[0] == 403
