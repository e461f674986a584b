"""Lost bookings end to end on the embedded runtime: a chat that quotes and goes quiet,
the nightly job a week later through its function, the events recorded, then the lost,
objections and tags reports from the admin endpoint."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from shared.platform.clock import ManualClock
from tests.integration.conftest import Api
from tests.integration.test_analytics_funnel import run_tasks
from tests.integration.test_chat import Conversation
from tests.support.platform import bearer

PERIOD = {"from": "2026-11-01", "to": "2026-12-31"}


def _report(api: Api, name: str) -> dict[str, Any]:
    status, report = api.admin("GET", "/admin-analytics", {"report": name} | PERIOD, "staff")
    assert status == 200, report
    return report  # type: ignore[no-any-return]


def _tag_now(api: Api) -> dict[str, Any]:
    response = api.client.post("/tag-conversations", headers=bearer(api.platform, "owner"))
    assert response.status_code == 200, response.text
    run_tasks(api)
    return response.get_json()  # type: ignore[no-any-return]


def test_a_quote_that_goes_quiet_is_lost_a_week_later(api: Api) -> None:
    chat = Conversation(api)
    chat.say("how much for 20 adults on saturday dec 5 in 90012?")
    chat.say("hmm that's more than we want to spend, my email is jo@example.com")
    run_tasks(api)
    assert _tag_now(api)["lost"] == 0  # not yet: the week has not passed
    assert _report(api, "lost")["lost"] == 0

    clock = api.platform.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(days=8))
    ran = _tag_now(api)
    assert (ran["conversations"], ran["lost"]) == (1, 1)
    again = _tag_now(api)  # the sink holds this state already: nothing is read again
    assert (again["conversations"], again["unchanged"]) == (0, 1)

    lost = _report(api, "lost")
    assert (lost["lost"], lost["recovered"]) == (1, 0) and lost["quoted_cents"] > 0
    [why] = lost["conversations"]
    assert why["reason"] == "price"
    assert why["evidence"] == "hmm that's more than we want to spend, my email is [EMAIL]"
    [objection] = _report(api, "objections")["types"]
    assert (objection["objection"], objection["raised"], objection["booked"]) == ("price", 1, 0)
    tags = {(t["family"], t["tag"]): t["conversations"] for t in _report(api, "tags")["tags"]}
    assert tags[("outcome", "lost")] == 1 and ("outcome", "pending") not in tags
    assert tags[("objections", "price")] == 1
