"""Customers rate replies from the web widget; staff take-over replies become corrections."""

from __future__ import annotations

from typing import Any

from shared.learning.feedback import CORRECTIONS, RATINGS
from tests.integration.conftest import Api

QUESTION = "do you cook indoors?"


def _chat(api: Api, session: str, text: str = QUESTION) -> dict[str, Any]:
    status, body = api.call("POST", "/chat", {"text": text, "session_id": session})
    assert status == 200
    return body  # type: ignore[no-any-return]


def _rate(api: Api, answer: dict[str, Any], session: str, helpful: bool) -> tuple[int, Any]:
    return api.call(
        "POST",
        "/rate-reply",
        {
            "thread_id": answer["thread_id"],
            "session_id": session,
            "reply_id": answer["reply_id"],
            "helpful": helpful,
        },
    )


def _ratings_row(api: Api) -> dict[str, Any]:
    _, report = api.admin("GET", "/admin-learning", role="staff")
    [row] = [r for r in report["rows"] if r["ratings"]]
    return row["ratings"]  # type: ignore[no-any-return]


def test_a_visitor_rates_a_reply_and_may_change_their_mind(api: Api) -> None:
    answer = _chat(api, "v-1")
    status, ack = _rate(api, answer, "v-1", helpful=False)
    assert status == 200 and ack == {"reply_id": answer["reply_id"], "helpful": False}
    assert _ratings_row(api)["unhelpful"]["teacher"] == 1
    assert _rate(api, answer, "v-1", helpful=True)[0] == 200  # changed their mind
    ratings = _ratings_row(api)
    assert ratings["helpful"]["teacher"] == 1 and ratings["unhelpful"]["teacher"] == 0
    stored = api.platform.store.get(RATINGS, answer["reply_id"])
    assert stored is not None and stored["helpful"] is True and stored["answered_by"] == "teacher"


def test_only_the_visitor_may_rate_and_only_ai_replies(api: Api) -> None:
    answer = _chat(api, "v-2")
    assert _rate(api, answer, "someone-else", helpful=False)[0] == 404
    own_message = answer["reply_id"][:-6] + "000001"  # the visitor's own message
    assert _rate(api, answer | {"reply_id": own_message}, "v-2", helpful=True)[0] == 404
    other = _chat(api, "v-3")
    assert _rate(api, answer | {"reply_id": other["reply_id"]}, "v-2", helpful=True)[0] == 404
    assert api.platform.store.query(RATINGS) == []


def test_a_staff_take_over_reply_is_kept_as_a_correction_of_the_ai_reply(api: Api) -> None:
    answer = _chat(api, "v-4")
    thread_id = answer["thread_id"]
    better = "Yes - we cook on a propane griddle outdoors; indoors only with a big vent hood."
    status, _ = api.admin(
        "POST",
        "/admin-conversations",
        {"action": "reply", "thread_id": thread_id, "text": better},
        role="staff",
    )
    assert status == 200
    [correction] = [d.data for d in api.platform.store.query(CORRECTIONS)]
    assert correction["reply_id"] == answer["reply_id"]
    assert correction["ai_reply"] == answer["reply"] and correction["staff_reply"] == better
    assert correction["staff"] == "tester" and correction["thread_id"] == thread_id
    # A second staff message corrects nothing further.
    api.admin(
        "POST",
        "/admin-conversations",
        {"action": "reply", "thread_id": thread_id, "text": "Anything else?"},
        role="staff",
    )
    assert len(api.platform.store.query(CORRECTIONS)) == 1
