"""Draft review end to end: email replies held as drafts, approved, edited or rejected by
staff through admin-drafts, and the "first N" reached."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.conversation.store import ThreadStatus
from shared.learning.feedback import CORRECTIONS
from shared.platform.audit import COLLECTION as AUDIT
from shared.platform.errors import AppError
from shared.platform.events.envelope import push_body
from shared.platform.tasks.local import LocalTaskRunner
from shared.review import drafts
from shared.review.drafts import DRAFTS, Decision
from shared.review.policy import POLICY
from tests.integration.conftest import Api
from tests.support.platform import bearer

ADDRESS = "jane@example.com"
QUESTION = "How much for 20 adults on Dec 5 in 90012?"
THREAD = threads.thread_id_for("email", ADDRESS)


@pytest.fixture(autouse=True)
def configured(api: Api) -> None:
    api.platform.settings = api.platform.settings.model_copy(
        update={"email_from_address": "hello@myhibachi.test"}
    )


def review(api: Api, first: int | None = None, channel: str = "email") -> tuple[int, Any]:
    rule: dict[str, Any] = {"require_review": True} | ({"first": first} if first else {})
    return api.admin(
        "POST", "/admin-drafts", {"action": "set_policy", "channels": {channel: rule}}, "manager"
    )


def inbound(api: Api, n: int, text: str = QUESTION) -> None:
    body = push_body(
        message_id=f"m-{n}",
        payload={
            "channel": "email",
            "sender": ADDRESS,
            "text": text,
            "provider_message_id": f"<q{n}@mail.example.com>",
        },
        attributes={},
        subscription="projects/p/subscriptions/inbound-messages--handle-inbound-message",
        publish_time=api.platform.clock.now(),
    )
    response = api.client.post(
        "/handle-inbound-message", json=body, headers=bearer(api.platform, "owner")
    )
    assert response.status_code == 200


def sent(api: Api) -> list[dict[str, Any]]:
    """Run every due task (sends, shadow turns), then what reached the outbox."""
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    while runner.run_due():
        pass
    return [d.data | {"id": d.id} for d in api.platform.store.query(OUTBOX)]


def pending(api: Api) -> list[dict[str, Any]]:
    status, body = api.admin("GET", "/admin-drafts", {"channel": "email"}, "staff")
    assert status == 200
    return body["drafts"]  # type: ignore[no-any-return]


def decide(api: Api, action: str, draft_id: str, **fields: str) -> tuple[int, Any]:
    return api.admin(
        "POST", "/admin-drafts", {"action": action, "draft_id": draft_id} | fields, "staff"
    )


def channel_report(api: Api) -> dict[str, Any]:
    status, body = api.admin("GET", "/admin-drafts", {"view": "report"}, "staff")
    assert status == 200
    [row] = [r for r in body["channels"] if r["channel"] == "email"]
    return row  # type: ignore[no-any-return]


def test_a_held_reply_reaches_nobody_until_approved_and_is_sent_once(api: Api) -> None:
    assert review(api)[0] == 200
    inbound(api, 1)
    inbound(api, 1)  # Pub/Sub redelivers: still one draft
    [draft] = pending(api)
    assert sent(api) == []
    ai = threads.history(api.platform.store, THREAD)[-1]
    assert ai.author == "ai" and ai.id == draft["id"] and draft["text"] == ai.text
    assert (ai.trace or {})["review"] == {"status": "pending"}  # shown as a draft, not sent

    status, approved = decide(api, "approve", draft["id"])
    assert status == 200 and approved["status"] == "approved"
    assert approved["decided_by"] == "tester" and approved["sent_message_id"] == draft["id"]
    again = decide(api, "approve", draft["id"])  # a retried click: same answer, no resend
    assert again == (200, approved)
    inbound(api, 1)  # a late redelivery after the decision holds and sends nothing new
    [out] = sent(api)
    assert out["id"] == draft["id"] and out["text"] == draft["text"] and out["to"] == ADDRESS
    assert pending(api) == [] and api.platform.store.query(DRAFTS)[0].data["status"] == "approved"
    marked = threads.history(api.platform.store, THREAD)[-1].trace or {}
    assert marked["review"] == {"status": "approved"}
    [entry] = [
        d.data for d in api.platform.store.query(AUDIT) if d.data["action"] == "draft.approved"
    ]
    assert entry["actor"] == "tester" and entry["entity_id"] == draft["id"]


def test_an_edit_sends_the_staff_text_and_keeps_the_correction(api: Api) -> None:
    review(api)
    inbound(api, 1)
    [draft] = pending(api)
    better = "Hi Jane, for 20 adults on Dec 5 it is $1,100 before travel. Shall I hold it?"
    status, edited = decide(api, "edit", draft["id"], text=better)
    assert status == 200 and edited["status"] == "edited" and edited["sent_text"] == better
    assert decide(api, "edit", draft["id"], text=better) == (200, edited)  # a retried click
    [out] = sent(api)
    assert out["text"] == better and out["id"] == edited["sent_message_id"] != draft["id"]
    *_, ai, staff = threads.history(api.platform.store, THREAD)
    assert staff.author == "staff" and staff.text == better and staff.id == out["id"]
    assert ai.id == draft["id"] and (ai.trace or {})["review"] == {"status": "edited"}
    [correction] = [d.data for d in api.platform.store.query(CORRECTIONS)]
    assert correction["reply_id"] == draft["id"] and correction["ai_reply"] == draft["text"]
    assert correction["staff_reply"] == better and correction["source"] == "draft_edit"
    assert correction["staff"] == "tester"
    # Editing again with other text, or approving it now, is refused: it was decided.
    for action, fields in (("edit", {"text": "something else"}), ("approve", {})):
        status, problem = decide(api, action, draft["id"], **fields)
        assert status == 409 and problem["code"] == "draft_already_decided"
    assert len(sent(api)) == 1


def test_a_rejected_draft_is_not_sent_and_the_thread_goes_to_staff(api: Api) -> None:
    review(api)
    inbound(api, 1)
    [draft] = pending(api)
    status, rejected = decide(api, "reject", draft["id"], reason="quoted the wrong date")
    assert status == 200 and rejected["status"] == "rejected" and rejected["sent_text"] is None
    assert sent(api) == []
    thread = threads.get_thread(api.platform.store, THREAD)
    assert thread.status is ThreadStatus.ESCALATED
    assert "quoted the wrong date" in (thread.escalation_reason or "")
    row = channel_report(api)
    assert (row["rejected"], row["rejection_rate"], row["sent_after_review"]) == (1, 1.0, 0)


def test_once_the_first_n_are_approved_replies_go_straight_out(api: Api) -> None:
    review(api, first=1)
    assert channel_report(api)["remaining"] == 1
    [entry] = [
        d.data for d in api.platform.store.query(AUDIT) if d.data["entity"] == "review_policy"
    ]
    assert entry["action"] == "review_policy.set" and entry["actor"] == "tester"
    assert entry["after"]["channels"]["email"]["first"] == 1
    inbound(api, 1)
    [draft] = pending(api)
    decide(api, "approve", draft["id"])
    assert channel_report(api)["remaining"] == 0
    inbound(api, 2, "Do you bring the grill?")
    assert pending(api) == []
    replies = [m for m in threads.history(api.platform.store, THREAD) if m.author == "ai"]
    assert {o["id"] for o in sent(api)} == {r.id for r in replies} and len(replies) == 2


def test_a_weak_role_changes_nothing(api: Api) -> None:
    status, _ = api.admin(
        "POST",
        "/admin-drafts",
        {"action": "set_policy", "channels": {"email": {"require_review": True}}},
        "staff",
    )
    assert status == 403  # staff decide drafts; managers and up set the policy
    review(api)
    inbound(api, 1)
    [draft] = pending(api)
    for action in ("approve", "reject"):
        body = {"action": action, "draft_id": draft["id"], "reason": "no"}
        assert api.admin("POST", "/admin-drafts", body, "chef")[0] == 403
    assert api.admin("GET", "/admin-drafts", {}, "chef")[0] == 403
    assert pending(api) == [draft] and sent(api) == []


def test_web_chat_cannot_be_reviewed(api: Api) -> None:
    status, problem = review(api, channel="web")
    assert status == 422 and problem["errors"][0]["field"] == "channels.web"
    assert api.platform.store.get(*POLICY) is None


def test_racing_approve_and_reject_exactly_one_wins(api: Api) -> None:
    review(api)
    inbound(api, 1)
    [draft] = pending(api)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def run(decision: Decision) -> None:
        start.wait()
        try:
            drafts.decide(api.platform, draft["id"], decision, actor=decision.status)
            outcomes.append(decision.status)
        except AppError as exc:
            outcomes.append(exc.code)

    racers = [
        threading.Thread(target=run, args=(Decision(status="approved"),)),
        threading.Thread(target=run, args=(Decision(status="rejected", reason="no"),)),
    ]
    for t in racers:
        t.start()
    for t in racers:
        t.join()
    assert sorted(outcomes)[0] == "draft_already_decided" and len(outcomes) == 2
    winner = next(o for o in outcomes if o != "draft_already_decided")
    stored = api.platform.store.get(DRAFTS, draft["id"])
    assert stored is not None and stored["status"] == winner
    assert len(sent(api)) == (1 if winner == "approved" else 0)
