"""Staff see dead letters and can replay each once."""

from __future__ import annotations

from shared.platform import deadletters
from shared.platform.tasks.local import COLLECTION as TASKS


def test_dead_task_is_listed_and_replayed_once(api, platform) -> None:  # type: ignore[no-untyped-def]
    deadletters.record(
        platform.store,
        deadletters.DeadLetter(
            kind="task",
            source="holds",
            target="release-hold",
            key="t-1",
            payload={"booking_id": "bk_x"},
            attempts=10,
            last_error="HTTP 500",
        ),
        now=platform.clock.now(),
    )
    status, page = api.admin("GET", "/admin-dead-letters", {}, role="staff")
    assert status == 200 and [d["target"] for d in page["dead_letters"]] == ["release-hold"]
    letter_id = page["dead_letters"][0]["id"]
    status, replayed = api.admin("POST", "/admin-dead-letters", {"id": letter_id}, role="staff")
    assert status == 200 and replayed["as"] == f"replay-{letter_id}"
    [task] = [d.data for d in platform.store.query(TASKS)]
    assert task["target"] == "release-hold" and task["body"] == {"booking_id": "bk_x"}
    again = api.admin("POST", "/admin-dead-letters", {"id": letter_id}, role="staff")
    assert again[0] == 409
    _, after = api.admin("GET", "/admin-dead-letters", {})
    assert after["dead_letters"] == []  # replayed ones are hidden unless asked for


def test_dead_event_is_republished_to_its_topic(api, platform) -> None:  # type: ignore[no-untyped-def]
    deadletters.record(
        platform.store,
        deadletters.DeadLetter(
            kind="event",
            source="projects/p/subscriptions/inbound-messages--handle-inbound-message",
            target="handle-inbound-message",
            key="m-1",
            payload={
                "channel": "sms",
                "sender": "+12135550142",
                "text": "hi",
                "provider_message_id": "rc-1",
            },
            attributes={"channel": "sms", deadletters.DELIVERY_COUNT_ATTR: "5"},
            attempts=5,
        ),
        now=platform.clock.now(),
    )
    _, page = api.admin("GET", "/admin-dead-letters", {"kind": "event"})
    status, _ = api.admin("POST", "/admin-dead-letters", {"id": page["dead_letters"][0]["id"]})
    assert status == 200
    [delivery] = [d.data for d in platform.store.query(TASKS)]
    assert delivery["kind"] == "event" and delivery["target"] == "handle-inbound-message"
    assert delivery["body"]["message"]["attributes"] == {"channel": "sms"}
