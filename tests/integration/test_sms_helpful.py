"""SMS "was this helpful?": asked only when switched on and the reply asked nothing, and a
bare "1"/"2" right after it is a rating, not a message for the AI."""

from __future__ import annotations

from typing import Any

from functions._app.runtime.app import InProcessDeliverer
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.learning.feedback import RATINGS
from shared.platform.events.envelope import push_body
from shared.platform.tasks.local import LocalTaskRunner
from shared.review.helpful import QUESTION
from tests.integration.conftest import Api
from tests.support.platform import bearer

PHONE = "+12135550142"
THREAD = threads.thread_id_for("sms", PHONE)
STATEMENT = "do you cook indoors?"  # answered without a question back
PRICE = "how much for 20 adults on dec 5 in 90012?"  # answered with one ("Want me to...?")


def ask_helpful(api: Api, on: bool = True) -> None:
    body = {"action": "set_policy", "channels": {"sms": {"ask_helpful": on}}}
    assert api.admin("POST", "/admin-drafts", body, "manager")[0] == 200


def text(api: Api, n: int, body: str) -> None:
    delivery = push_body(
        message_id=f"s-{n}",
        payload={"channel": "sms", "sender": PHONE, "text": body, "provider_message_id": f"rc-{n}"},
        attributes={},
        subscription="projects/p/subscriptions/inbound-messages--handle-inbound-message",
        publish_time=api.platform.clock.now(),
    )
    response = api.client.post(
        "/handle-inbound-message", json=delivery, headers=bearer(api.platform, "owner")
    )
    assert response.status_code == 200


def outbox(api: Api) -> dict[str, str]:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    while runner.run_due():
        pass
    return {d.id: d.data["text"] for d in api.platform.store.query(OUTBOX)}


def authors(api: Api) -> list[str]:
    return [m.author for m in threads.history(api.platform.store, THREAD)]


def ratings(api: Api) -> list[dict[str, Any]]:
    return [d.data | {"id": d.id} for d in api.platform.store.query(RATINGS)]


def test_a_bare_answer_right_after_the_question_is_a_rating(api: Api) -> None:
    ask_helpful(api)
    text(api, 1, STATEMENT)
    reply = threads.history(api.platform.store, THREAD)[-1]
    assert outbox(api)[reply.id] == f"{reply.text}\n\n{QUESTION}"
    text(api, 2, " 2 ")
    text(api, 2, " 2 ")  # redelivered: dropped, not answered by the AI
    assert authors(api) == ["customer", "ai", "customer"]
    [rating] = ratings(api)
    assert rating["id"] == reply.id and rating["helpful"] is False and rating["channel"] == "sms"
    text(api, 3, "1")  # the question was answered: now "1" is a message for the AI
    assert authors(api)[-2:] == ["customer", "ai"] and len(ratings(api)) == 1


def test_the_question_is_asked_once_and_never_after_a_reply_that_asks_something(
    api: Api,
) -> None:
    ask_helpful(api)
    text(api, 1, PRICE)
    priced = threads.history(api.platform.store, THREAD)[-1]
    assert "?" in priced.text and outbox(api)[priced.id] == priced.text
    text(api, 2, "1")  # answers the AI ("1" start time?), not a rating
    assert authors(api)[-1] == "ai" and ratings(api) == []
    text(api, 3, STATEMENT)
    text(api, 4, "do you bring the grill?")
    sent = outbox(api)
    asked = [
        m for m in threads.history(api.platform.store, THREAD) if QUESTION in sent.get(m.id, "")
    ]
    assert len(asked) == 1  # once in the thread's recent history


def test_off_by_default_nothing_is_asked_and_digits_go_to_the_ai(api: Api) -> None:
    text(api, 1, STATEMENT)
    reply = threads.history(api.platform.store, THREAD)[-1]
    assert outbox(api)[reply.id] == reply.text
    text(api, 2, "1")
    assert authors(api) == ["customer", "ai", "customer", "ai"] and ratings(api) == []


def test_only_sms_asks(api: Api) -> None:
    body = {"action": "set_policy", "channels": {"email": {"ask_helpful": True}}}
    status, problem = api.admin("POST", "/admin-drafts", body, "manager")
    assert status == 422 and problem["errors"][0]["field"] == "channels.email.ask_helpful"
