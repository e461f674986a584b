"""The owners' reports from real emissions: a web chat that books a birthday, pays the
deposit and is completed by staff, then profitability, channels and decisions from the
admin endpoint, checked against the booking's own quote and the stored messages."""

from __future__ import annotations

from typing import Any

from shared.booking.records import BOOKINGS
from shared.conversation import store as threads
from tests.integration.conftest import Api
from tests.integration.test_analytics_funnel import PERIOD, _book_a_birthday_on_the_web, run_tasks
from tests.integration.test_payments_devpay import pay_path


def report(api: Api, name: str) -> dict[str, Any]:
    status, answer = api.admin("GET", "/admin-analytics", {"report": name} | PERIOD, "staff")
    assert status == 200, answer
    return answer  # type: ignore[no-any-return]


def test_a_booked_paid_and_completed_chat_in_every_report(api: Api) -> None:
    booking_id = _book_a_birthday_on_the_web(api)
    stored = api.platform.store.get(BOOKINGS, booking_id)
    assert api.client.post(pay_path(stored["deposit_url"])).status_code == 200
    status, done = api.admin(
        "POST", "/admin-bookings", {"action": "complete", "booking_id": booking_id}
    )
    assert status == 200 and done["status"] == "completed", done
    run_tasks(api)
    lines = {kind: 0 for kind in ("guests", "upgrade", "travel", "addon", "tax")}
    for line in stored["quote"]["lines"]:
        kind = {"minimum": "guests", "surcharge": "guests", "third_protein": "upgrade"}.get(
            line["kind"], line["kind"]
        )
        lines[kind] += line["amount_cents"]

    [event] = report(api, "profitability")["bookings"]
    revenue = lines["guests"] + lines["upgrade"] + lines["travel"] + lines["addon"]
    assert (event["booking_id"], event["channel"], event["guests"]) == (booking_id, "web", 20)
    assert (event["base_cents"], event["tax_cents"], event["revenue_cents"]) == (
        lines["guests"],
        lines["tax"],
        revenue,
    )
    assert revenue + lines["tax"] == stored["total_cents"]
    direct = 30_000 + 5_000 + round(lines["upgrade"] * 0.35) + round(lines["travel"] * 0.4)
    direct += round(lines["addon"] * 0.3)
    assert event["direct_cost_cents"] == direct
    assert event["net_profit_cents"] == revenue - direct - round(revenue * 0.15)

    messages = threads.history(api.platform.store, stored["origin_thread_id"], limit=50)
    [web] = report(api, "channels")["channels"]
    assert web["channel"] == "web" and web["conversations"] == 1
    assert web["messages_per_conversation"] == len(
        [m for m in messages if m.author in ("customer", "ai")]
    )
    assert (web["conversion"], web["revenue_cents"]) == (1.0, stored["total_cents"])
    assert (web["llm_free_share"], web["ai_cost_microusd"]) == (1.0, 0)  # the offline tier
    assert web["first_response_seconds"] is not None and web["escalation_rate"] == 0.0

    decisions = report(api, "decisions")
    assert (decisions["inquiries"], decisions["inquiries_needed"]) == (1, 49)
