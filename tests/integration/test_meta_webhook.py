"""Meta webhook end to end: the verified handshake, signed deliveries, and each channel's
message answered by the AI through the outbound task, formatted for that channel."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from shared.channels.meta import sender
from shared.channels.outbound import OUTBOX, OutboundMessage
from shared.conversation import store as threads
from shared.conversation.handoff import HANDOFFS
from shared.conversation.store import ThreadStatus
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.analytics_tasks import run_due_besides_analytics

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"


@pytest.fixture(autouse=True)
def meta_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("META_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("META_VERIFY_TOKEN", VERIFY_TOKEN)


def signed(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}"}


def deliver(api: Any, payload: dict[str, Any], **headers: str) -> tuple[int, Any]:
    body = json.dumps(payload).encode()
    response = api.client.post(
        "/meta-webhook",
        data=body,
        content_type="application/json",
        headers=headers or signed(body),
    )
    data = response.get_data()
    return response.status_code, json.loads(data) if data else None


def run_tasks(api: Any) -> int:
    """Run event deliveries and tasks until none is due; returns how many ran."""
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    total = 0
    for _ in range(10):
        ran = run_due_besides_analytics(runner, api.platform.store)
        if not ran:
            return total
        total += ran
    raise AssertionError("tasks kept coming")


def whatsapp(text: str, wamid: str = "wamid.A1", wa_id: str = "16505551234") -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550783881",
                                "phone_number_id": "106540352242922",
                            },
                            "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": wamid,
                                    "timestamp": "1749416383",
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def messaging(obj: str, sender_id: str, text: str, mid: str) -> dict[str, Any]:
    """Messenger (`page`) and Instagram (`instagram`) share the `messaging` shape."""
    return {
        "object": obj,
        "entry": [
            {
                "id": "PAGE-OR-IG-ACCOUNT",
                "time": 1_749_416_383_000,
                "messaging": [
                    {
                        "sender": {"id": sender_id},
                        "recipient": {"id": "PAGE-OR-IG-ACCOUNT"},
                        "timestamp": 1_749_416_383_000,
                        "message": {"mid": mid, "text": text},
                    }
                ],
            }
        ],
    }


# -- the handshake --------------------------------------------------------------------------


def test_handshake_echoes_the_challenge_as_plain_text(api) -> None:  # type: ignore[no-untyped-def]
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = api.client.get("/meta-webhook", query_string=query)
    assert response.status_code == 200
    assert response.get_data() == b"1158201444"
    assert response.mimetype == "text/plain"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.challenge": "1"},
    ],
)
def test_handshake_without_our_token_is_refused(api, query) -> None:  # type: ignore[no-untyped-def]
    response = api.client.get("/meta-webhook", query_string=query)
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "verification_failed"


# -- signatures -----------------------------------------------------------------------------


def test_unsigned_delivery_is_refused_and_not_stored(api) -> None:  # type: ignore[no-untyped-def]
    status, problem = deliver(api, whatsapp("hi"), **{"X-Other": "1"})
    assert status == 401 and problem["code"] == "signature_missing"
    assert api.platform.store.query("inbound_raw") == []


@pytest.mark.parametrize(
    "header",
    [
        "sha256=" + "0" * 64,
        "sha1=0123456789abcdef0123456789abcdef01234567",
        "sha256=not-hex",
    ],
)
def test_forged_signature_is_refused(api, header) -> None:  # type: ignore[no-untyped-def]
    status, problem = deliver(api, whatsapp("hi"), **{"X-Hub-Signature-256": header})
    assert status in (401, 403) and problem["code"].startswith("signature_")
    assert api.platform.store.query("inbound_raw") == []


def test_signature_over_other_bytes_is_refused(api) -> None:  # type: ignore[no-untyped-def]
    """The HMAC covers the raw body: the same JSON re-serialised does not pass."""
    payload = whatsapp("hi")
    other_bytes = json.dumps(payload, indent=2).encode()
    status, problem = deliver(api, payload, **signed(other_bytes))
    assert status == 403 and problem["code"] == "signature_mismatch"


def test_signature_by_another_app_secret_is_refused(api) -> None:  # type: ignore[no-untyped-def]
    payload = whatsapp("hi")
    status, _ = deliver(api, payload, **signed(json.dumps(payload).encode(), "other-secret"))
    assert status == 403


def test_correctly_signed_delivery_is_accepted(api) -> None:  # type: ignore[no-untyped-def]
    status, ack = deliver(api, whatsapp("hello"))
    assert status == 200
    assert ack == {"received": 1, "accepted": 1, "duplicates": 0}
    [raw] = api.platform.store.query("inbound_raw")
    assert raw.data["channel"] == "whatsapp" and raw.data["raw"]["id"] == "wamid.A1"


def test_missing_app_secret_is_503_not_500(api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("META_APP_SECRET")
    status, problem = deliver(api, whatsapp("hi"), **{"X-Hub-Signature-256": "sha256=00"})
    assert status == 503 and problem["code"] == "meta_not_configured"


# -- each channel answered through the outbound task ----------------------------------------


CASES = [
    ("whatsapp", whatsapp("How much for 20 adults on Dec 5 in 90012?", "wamid.Q1"), "16505551234"),
    (
        "messenger",
        messaging("page", "PSID-7", "How much for 20 adults on Dec 5 in 90012?", "m_q1"),
        "PSID-7",
    ),
    (
        "instagram",
        messaging("instagram", "IGSID-9", "How much for 20 adults on Dec 5 in 90012?", "ig_q1"),
        "IGSID-9",
    ),
]


@pytest.mark.parametrize(("channel", "payload", "handle"), CASES, ids=[c[0] for c in CASES])
def test_each_channel_is_answered_once_through_the_outbound_task(  # type: ignore[no-untyped-def]
    api, channel, payload, handle
) -> None:
    for _ in range(2):  # Meta redelivers when it misses our 200
        status, _ = deliver(api, payload)
        assert status == 200
    assert run_tasks(api) == 4  # one AI turn, its shadow scoring and debate check, one send
    thread_id = threads.thread_id_for(channel, handle)
    messages = threads.history(api.platform.store, thread_id)
    assert [m.author for m in messages] == ["customer", "ai"]
    assert "$1,100" in messages[1].text
    [sent] = api.platform.store.query(OUTBOX)
    assert sent.data["channel"] == channel and sent.data["to"] == handle
    assert sent.data["status"] == "recorded" and sent.data["text"] == messages[1].text
    limit, size = sender.LIMITS[channel]
    assert sent.data["parts"] == sender.format(OutboundMessage.model_validate(sent.data))
    assert all(0 < size(part) <= limit for part in sent.data["parts"])


def test_whatsapp_name_and_customer_come_from_the_contact(api) -> None:  # type: ignore[no-untyped-def]
    deliver(api, whatsapp("hi there"))
    run_tasks(api)
    thread = threads.get_thread(
        api.platform.store, threads.thread_id_for("whatsapp", "16505551234")
    )
    customer = api.platform.store.get("customers", thread.customer_id)
    assert customer is not None and customer["name"] == "Sheena Nelson"


def test_statuses_echoes_and_reads_are_acknowledged_without_a_message(api) -> None:  # type: ignore[no-untyped-def]
    status_only = whatsapp("x")
    value = status_only["entry"][0]["changes"][0]["value"]
    value["statuses"] = [{"id": "wamid.OUT", "status": "delivered", "recipient_id": "1"}]
    del value["messages"]
    echo = messaging("page", "PAGE-OR-IG-ACCOUNT", "our own reply", "m_echo")
    echo["entry"][0]["messaging"][0]["message"]["is_echo"] = True
    read = messaging("page", "PSID-7", "", "m_read")
    del read["entry"][0]["messaging"][0]["message"]
    read["entry"][0]["messaging"][0]["read"] = {"watermark": 1}
    for payload in (status_only, echo, read, {"object": "permissions", "entry": []}):
        status, ack = deliver(api, payload)
        assert status == 200 and ack["received"] == 0
    assert run_tasks(api) == 0


def test_whatsapp_reply_after_the_window_closed_is_suppressed_and_escalated(api) -> None:  # type: ignore[no-untyped-def]
    deliver(api, whatsapp("How much for 20 adults on Dec 5 in 90012?"))
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    assert run_due_besides_analytics(runner, api.platform.store) == 1  # the AI turn
    api.platform.clock.advance(timedelta(hours=25))
    # The send, and the shadow scoring and debate check it published.
    assert run_due_besides_analytics(runner, api.platform.store) == 3
    [sent] = api.platform.store.query(OUTBOX)
    assert sent.data["status"] == "suppressed" and sent.data["reason"] == "whatsapp_window_closed"
    thread_id = threads.thread_id_for("whatsapp", "16505551234")
    assert threads.get_thread(api.platform.store, thread_id).status is ThreadStatus.ESCALATED
    handoff = api.platform.store.get(HANDOFFS, thread_id)
    assert handoff is not None and handoff["reason"] == "whatsapp_window_closed"
