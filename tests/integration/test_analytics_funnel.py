"""The data path end to end on the embedded runtime: a chat that quotes and holds, a paid
deposit, the event work run to the end, then the funnel from the admin endpoint."""

from __future__ import annotations

from typing import Any

from functions._app.runtime.app import InProcessDeliverer
from shared.analytics.store import ANALYTICS
from shared.booking.records import BOOKINGS
from shared.conversation import store as threads
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.conftest import Api
from tests.integration.test_booking_api import hold, token_header
from tests.integration.test_chat import Conversation, tools
from tests.integration.test_payments_devpay import pay_path
from tests.support.platform import bearer

PERIOD = {"from": "2026-11-01", "to": "2026-12-31"}


def run_tasks(api: Api) -> int:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    total = 0
    while ran := runner.run_due():
        total += ran
    return total


def _rows(api: Api) -> int:
    [row] = api.platform.adapter(ANALYTICS).query("SELECT COUNT(*) AS n FROM analytics_events", {})
    return int(row["n"])


def _funnel(api: Api, by: str = "channel", **period: str) -> dict[str, Any]:
    status, report = api.admin(
        "GET", "/admin-analytics", {"report": "funnel", "by": by} | (period or PERIOD), "staff"
    )
    assert status == 200, report
    return report  # type: ignore[no-any-return]


def _book_a_birthday_on_the_web(api: Api) -> str:
    chat = Conversation(api)
    chat.say("hi! how much is a hibachi party for 20 adults? it's my wife's birthday")
    chat.say("saturday dec 5, we're in 90012")
    chat.say("yes please")
    chat.say("6pm works")
    chat.say("I'm Jo Host, 213-555-0100, 100 Main St, Los Angeles")
    chat.say("yes")
    booking_id: str = tools(chat.trace())["create_booking_hold"]["result"]["booking_id"]
    return booking_id


def test_a_chat_that_quotes_holds_and_pays_shows_in_the_funnel(api: Api) -> None:
    booking_id = _book_a_birthday_on_the_web(api)
    Conversation(api, session="just-asking").say("do you cook indoors?")
    url = api.platform.store.get(BOOKINGS, booking_id)["deposit_url"]
    assert api.client.post(pay_path(url)).status_code == 200
    assert run_tasks(api) > 0

    report = _funnel(api)
    assert report["from"] == "2026-11-01" and report["by"] == "channel"
    [web] = report["segments"]
    assert web == {
        "segment": "web",
        "inquiry": 2,
        "quote": 1,
        "hold": 1,
        "deposit_paid": 1,
        "event_completed": 0,
        "review": 0,
    }
    assert report["total"] == web | {"segment": "all"}
    by_occasion = {r["segment"]: r["inquiry"] for r in _funnel(api, "occasion")["segments"]}
    assert by_occasion == {"birthday": 1, "unknown": 1}
    market = {r["segment"]: (r["inquiry"], r["hold"]) for r in _funnel(api, "market")["segments"]}
    booked_in = api.platform.store.get(BOOKINGS, booking_id)["market"]
    assert market == {booked_in: (1, 1), "unknown": (1, 0)}  # the question named no place

    # Every event is stored once, however often its facts were published.
    rows = api.platform.adapter(ANALYTICS).query(
        "SELECT kind, COUNT(*) AS n FROM analytics_events GROUP BY kind ORDER BY kind", {}
    )
    counts = {r["kind"]: r["n"] for r in rows}
    thread_id = api.platform.store.get(BOOKINGS, booking_id)["origin_thread_id"]
    priced = [
        m
        for m in threads.history(api.platform.store, thread_id, limit=50)
        if "calculate_party_quote" in tools(m.trace or {"tool_calls": []})
    ]
    assert counts["hold"] == 1 and counts["deposit_paid"] == 1
    assert counts["quote"] == len(priced) >= 1  # one per reply that priced the party
    assert counts["message_in"] == counts["message_out"] == 7


def test_a_redelivered_turn_adds_no_rows(api: Api) -> None:
    Conversation(api).say("How much for 20 people on Dec 5 in 90012?")
    run_tasks(api)
    before, stored = _funnel(api)["total"], _rows(api)
    [delivery] = [
        d.data
        for d in api.platform.store.query(TASKS)
        if d.data["target"] == "derive-turn-analytics"
    ]
    for _ in range(2):  # Pub/Sub delivers at least once
        response = api.client.post(
            "/derive-turn-analytics", json=delivery["body"], headers=bearer(api.platform, "owner")
        )
        assert response.status_code == 200
    assert run_tasks(api) > 0  # the events were published again
    assert _funnel(api)["total"] == before and before["quote"] == 1
    assert _rows(api) == stored == 3  # message in, message out, quote


def test_bad_input_names_the_field_and_an_empty_period_is_zeros(api: Api) -> None:
    for bad, field in (
        ({"by": "planet"}, "by"),
        ({"from": "soon"}, "from"),
        ({"report": "weather"}, "report"),
        ({"channel": "fax"}, "channel"),
        ({"market": "mars"}, "market"),
    ):
        status, problem = api.admin(
            "GET", "/admin-analytics", {"report": "funnel"} | PERIOD | bad, "staff"
        )
        assert status == 422, problem
        assert [e["field"] for e in problem["errors"]] == [field]
    for bad_period, field in (({"period": "fortnight"}, "period"), ({"period": "7d"}, "")):
        status, problem = api.admin(
            "GET", "/admin-analytics", {"report": "funnel"} | PERIOD | bad_period, "staff"
        )
        assert status == 422, problem
        assert [e["field"] for e in problem["errors"]] == [field]
    empty = _funnel(api, **{"from": "2020-01-01", "to": "2020-01-31"})
    assert empty["segments"] == [] and empty["total"]["inquiry"] == 0
    assert api.call("GET", "/admin-analytics", PERIOD)[0] == 401


def test_a_web_form_booking_counts_with_the_occasion_it_gives_and_a_cancellation(
    api: Api,
) -> None:
    status, created = hold(api, occasion="corporate")
    assert status == 201, created
    assert api.platform.store.get(BOOKINGS, created["id"])["occasion"] == "corporate"
    cancelled = api.call(
        "POST", "/cancel-booking", {"booking_id": created["id"]}, **token_header(created)
    )
    assert cancelled[0] == 200, cancelled
    run_tasks(api)
    [corporate] = _funnel(api, "occasion")["segments"]
    assert corporate["segment"] == "corporate" and corporate["hold"] == 1
    assert corporate["inquiry"] == 1 and corporate["deposit_paid"] == 0
    rows = api.platform.adapter(ANALYTICS).query(
        "SELECT kind FROM analytics_events WHERE booking_id = $id ORDER BY kind",
        {"id": created["id"]},
    )
    assert [r["kind"] for r in rows] == ["cancellation", "hold"]
    assert hold(api, occasion="prom")[0] == 422
