"""RingCentral webhook: handshake, verification, inbound SMS -> AI reply, STOP/HELP/START."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.channels.inbound import RAW
from shared.channels.outbound import OUTBOX
from shared.channels.sms import compliance, segments
from shared.conversation import store as threads
from shared.platform.env_secrets import EnvSecrets
from shared.platform.services import Platform
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.fake_ringcentral import SECRETS, VERIFICATION_TOKEN, drain
from tests.support.platform import local_platform

CUSTOMER = "+12135550142"
SMS_EVENT = "/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS"
VERIFIED = {"Verification-Token": VERIFICATION_TOKEN}


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(tmp_path, rate_limit_enabled=False) as p:
        p.secrets = EnvSecrets(environ=SECRETS)
        seed_if_empty(p)
        yield p


def sms(message_id: str, text: str, direction: str = "Inbound") -> dict[str, Any]:
    """An instant-message notification as RingCentral posts it."""
    return {
        "uuid": f"uuid-{message_id}",
        "event": SMS_EVENT,
        "timestamp": "2026-11-21T12:00:00.000Z",
        "subscriptionId": "sub-1",
        "ownerId": "101",
        "body": {
            "id": message_id,
            "to": [{"phoneNumber": "+18005550100", "name": "MyHibachi"}],
            "from": {"phoneNumber": CUSTOMER, "name": "Dana"},
            "type": "SMS",
            "creationTime": "2026-11-21T12:00:00.000Z",
            "lastModifiedTime": "2026-11-21T12:00:00.000Z",
            "readStatus": "Unread",
            "priority": "Normal",
            "attachments": [{"id": "1", "type": "Text", "contentType": "text/plain"}],
            "direction": direction,
            "availability": "Alive",
            "subject": text,
            "messageStatus": "Received",
            "conversationId": "conv-1",
        },
    }


def post(api: Any, body: Any, **headers: str) -> tuple[int, Any]:
    status, answer = api.call("POST", "/ringcentral-webhook", body, **headers)
    return status, answer


def run_tasks(api: Any, platform: Platform) -> None:
    drain(
        LocalTaskRunner(platform.store, platform.clock, InProcessDeliverer(api.client.application)),
        platform,
    )


def outbox(platform: Platform) -> list[dict[str, Any]]:
    return sorted((d.data for d in platform.store.query(OUTBOX)), key=lambda d: d["message_id"])


def test_subscription_handshake_echoes_the_validation_token(api: Any) -> None:
    response = api.client.post("/ringcentral-webhook", headers={"Validation-Token": "abc-123"})
    assert response.status_code == 200
    assert response.headers["Validation-Token"] == "abc-123"
    assert len(response.get_data()) + sum(len(k) + len(v) for k, v in response.headers) < 1024


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "missing_verification_token"),
        ({"Verification-Token": "forged"}, 403, "invalid_verification_token"),
        ({"Verification-Token": VERIFICATION_TOKEN + "x"}, 403, "invalid_verification_token"),
    ],
)
def test_unverified_notifications_are_refused_and_not_stored(
    api: Any, platform: Platform, headers: dict[str, str], status: int, code: str
) -> None:
    response = api.client.post("/ringcentral-webhook", json=sms("m1", "hi"), headers=headers)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == code
    assert platform.store.query(RAW) == [] and platform.store.query(threads.MESSAGES) == []


def test_an_inbound_sms_is_answered_by_text_through_the_outbound_task(
    api: Any, platform: Platform
) -> None:
    question = "how much for 20 adults on dec 5 in 90012? and what do the kids get?"
    assert post(api, sms("m1", question), **VERIFIED) == (
        200,
        {"outcome": "accepted", "detail": None},
    )
    assert post(api, sms("m1", question), **VERIFIED)[1]["outcome"] == "duplicate"
    run_tasks(api, platform)
    thread_id = threads.thread_id_for("sms", CUSTOMER)
    messages = threads.history(platform.store, thread_id)
    assert [m.author for m in messages] == ["customer", "ai"]
    assert messages[0].provider_message_id == "m1"
    [sent] = outbox(platform)
    assert (sent["channel"], sent["to"], sent["status"]) == ("sms", CUSTOMER, "recorded")
    assert sent["text"] == messages[1].text and "$1,100" in sent["text"]
    assert sent["parts"] == segments.split(sent["text"])
    assert all(segments.count(p).segments <= 2 for p in sent["parts"])


def test_outbound_copies_and_other_events_are_ignored(api: Any, platform: Platform) -> None:
    assert (
        post(api, sms("m2", "See you then!", direction="Outbound"), **VERIFIED)[1]["outcome"]
        == "ignored"
    )
    other = {"uuid": "u", "event": "/restapi/v1.0/account/~/extension/~/presence", "body": {}}
    assert post(api, other, **VERIFIED)[1]["outcome"] == "ignored"
    assert platform.store.query(RAW) == []


def test_stop_is_honoured_until_start(api: Any, platform: Platform) -> None:
    assert post(
        api,
        sms(
            "m1",
            "STOP",
        ),
        **VERIFIED,
    )[1] == {"outcome": "keyword", "detail": "stop"}
    post(api, sms("m2", "how much for 20 adults on dec 5 in 90012?"), **VERIFIED)
    run_tasks(api, platform)
    thread_id = threads.thread_id_for("sms", CUSTOMER)
    status, _ = api.admin(
        "POST", "/admin-conversations", {"action": "reply", "thread_id": thread_id, "text": "Hi!"}
    )
    assert status == 200
    run_tasks(api, platform)
    assert [(d["text"][:20], d["status"], d["reason"]) for d in outbox(platform)] == [
        (compliance.STOP_REPLY[:20], "recorded", None),
        (threads.history(platform.store, thread_id)[3].text[:20], "suppressed", "sms_opted_out"),
        ("Hi!", "suppressed", "sms_opted_out"),
    ]
    post(api, sms("m3", "start"), **VERIFIED)
    run_tasks(api, platform)
    assert outbox(platform)[-1]["text"] == compliance.START_REPLY
    assert outbox(platform)[-1]["status"] == "recorded"


def test_help_is_answered_without_the_ai(api: Any, platform: Platform) -> None:
    assert post(api, sms("m1", "Help"), **VERIFIED)[1]["outcome"] == "keyword"
    run_tasks(api, platform)
    [answer] = outbox(platform)
    assert answer["text"] == compliance.HELP_REPLY
    messages = threads.history(platform.store, threads.thread_id_for("sms", CUSTOMER))
    assert [m.author for m in messages] == ["customer", "system"]
