"""The daily balance request: after the party (the market's date), once per booking."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from shared.booking.records import BOOKINGS
from shared.channels import outbound
from shared.channels.outbound import OUTBOX
from shared.payments import balance, notices
from shared.payments.messages import usd
from shared.platform.docstore import Filter
from shared.platform.tasks.local import COLLECTION as TASKS
from tests.integration.test_payments_webhook import held, paid, run_tasks, send

DEC_5_11PM_LA = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)
DEC_6_10AM_LA = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)


def confirmed(api: Any, **fields: Any) -> dict[str, Any]:
    booking = held(api, **fields)
    assert send(api, paid(api, booking, event_id=f"evt_{booking['id']}"))[0] == 200
    return booking


def run_job(api: Any) -> dict[str, Any]:
    status, report = api.admin("POST", "/request-balance", {})
    assert status == 200, report
    return dict(report)


def balance_messages(platform: Any) -> list[dict[str, Any]]:
    return [
        t.data["body"]
        for t in platform.store.query(TASKS)
        if t.data["target"] == "send-outbound" and t.data["body"]["message_id"].startswith("bal")
    ]


def test_the_balance_is_asked_for_the_day_after_the_party_once(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    platform.clock.set(DEC_5_11PM_LA)  # the party is over, but it is still Dec 5 in LA
    assert run_job(api)["requested"] == []
    platform.clock.set(DEC_6_10AM_LA)
    report = run_job(api)
    assert report == {
        "completed": [booking["id"]],
        "requested": [booking["id"]],
        "notices_queued": 1,
    }
    stored = platform.store.get(BOOKINGS, booking["id"])
    assert stored["status"] == "completed"
    url = stored["payment"]["balance_url"]
    assert "/_dev/pay/cs_local_" in url
    run_tasks(api)
    sent = platform.store.get(OUTBOX, f"balance-{booking['id']}")
    owed = usd(booking["total_cents"] - booking["deposit_cents"])
    assert sent["channel"] == "sms" and owed in sent["text"] and url in sent["text"]
    assert run_job(api) == {"completed": [], "requested": [], "notices_queued": 0}
    assert len(balance_messages(platform)) == 1


def test_a_booking_staff_completed_by_hand_is_still_asked(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    platform.clock.set(DEC_6_10AM_LA)
    api.admin("POST", "/admin-bookings", {"action": "complete", "booking_id": booking["id"]})
    report = run_job(api)
    assert report["completed"] == [] and report["requested"] == [booking["id"]]
    assert len(balance_messages(platform)) == 1


def test_unpaid_holds_are_not_asked(api, platform) -> None:  # type: ignore[no-untyped-def]
    held(api)
    platform.clock.set(DEC_6_10AM_LA)
    assert run_job(api)["requested"] == []


def test_a_crash_before_queueing_is_finished_by_the_next_run(  # type: ignore[no-untyped-def]
    api, platform, monkeypatch
) -> None:
    booking = confirmed(api)
    platform.clock.set(DEC_6_10AM_LA)

    def down(*_: Any) -> bool:
        raise RuntimeError("task queue unavailable")

    monkeypatch.setattr(outbound, "queue", down)
    with pytest.raises(RuntimeError):
        balance.request_balances(platform)
    [pending] = platform.store.query(notices.NOTICES, [Filter.eq("state", "pending")])
    assert pending.id == f"balance-{booking['id']}"
    monkeypatch.undo()
    report = balance.request_balances(platform)
    assert report.requested == [] and report.notices_queued == 1
    assert len(balance_messages(platform)) == 1
