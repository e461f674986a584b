"""Graph API sends against a loopback fake: paths, tokens, bodies and the 24-hour window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from shared.channels.meta import sender
from shared.channels.outbound import OUTBOX, OutboundMessage, deliver
from shared.conversation import store as threads
from shared.conversation.handoff import HANDOFFS
from shared.conversation.store import Channel, ThreadStatus
from shared.platform.errors import BadRequest, Unavailable
from shared.platform.services import Platform
from tests.support.fake_graph import FakeGraph
from tests.support.platform import local_platform
from tests.support.ports import free_port

WA_TOKEN, PAGE_TOKEN = "wa-test-token-123", "page-test-token-456"
NUMBER_ID = "106540352242922"


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph().running() as fake:
        yield fake


@pytest.fixture
def platform(tmp_path, graph, monkeypatch) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WHATSAPP_TOKEN", WA_TOKEN)
    monkeypatch.setenv("META_PAGE_TOKEN", PAGE_TOKEN)
    with local_platform(
        tmp_path, meta_graph_base_url=graph.base_url, whatsapp_phone_number_id=NUMBER_ID
    ) as p:
        yield p


def configure(platform: Platform, **changes: Any) -> None:
    platform.settings = platform.settings.model_copy(update=changes)


def reply(platform: Platform, channel: Channel, to: str, text: str) -> OutboundMessage:
    """A thread where the customer wrote now and the AI answered: the reply to deliver."""
    now = platform.clock.now()
    thread = threads.open_thread(
        platform.store, channel=channel, handle=to, customer_id=None, now=now
    )
    threads.append(platform.store, thread.id, author="customer", text="hello?", now=now)
    stored = threads.append(platform.store, thread.id, author="ai", text=text, now=now)
    assert stored is not None
    return OutboundMessage(
        channel=channel, to=to, text=text, thread_id=thread.id, message_id=stored.id
    )


def send(platform: Platform, message: OutboundMessage) -> str:
    return sender.send(platform, message, sender.format(message))


def test_whatsapp_inside_the_window_sends_free_form_text(platform, graph) -> None:  # type: ignore[no-untyped-def]
    message = reply(platform, "whatsapp", "16505551234", "Your quote is $1,100.")
    assert sender.suppressed(platform, message) is None
    assert send(platform, message) == "wamid.fake1"
    [request] = graph.requests
    assert request.path == f"/v21.0/{NUMBER_ID}/messages" and request.query == ""
    assert request.headers["authorization"] == f"Bearer {WA_TOKEN}"
    assert request.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "16505551234",
        "type": "text",
        "text": {"body": "Your quote is $1,100."},
    }


def test_whatsapp_outside_the_window_sends_the_template(platform, graph) -> None:  # type: ignore[no-untyped-def]
    configure(platform, whatsapp_template_name="reply_waiting", whatsapp_template_language="en")
    message = reply(platform, "whatsapp", "16505551234", "Hi!\n\nYour quote is\t$1,100.")
    platform.clock.advance(timedelta(hours=24, seconds=1))
    assert sender.suppressed(platform, message) is None
    send(platform, message)
    [request] = graph.requests
    assert request.path == f"/v21.0/{NUMBER_ID}/messages"
    assert request.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "16505551234",
        "type": "template",
        "template": {
            "name": "reply_waiting",
            "language": {"code": "en"},
            "components": [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": "Hi! Your quote is $1,100."}],
                }
            ],
        },
    }


def test_a_template_without_parameters_is_sent_bare(platform, graph) -> None:  # type: ignore[no-untyped-def]
    configure(platform, whatsapp_template_name="follow_up", whatsapp_template_has_body_param=False)
    message = reply(platform, "whatsapp", "16505551234", "Anything")
    platform.clock.advance(timedelta(days=3))
    send(platform, message)
    assert graph.requests[0].body["template"] == {
        "name": "follow_up",
        "language": {"code": "en_US"},
    }


def test_closed_window_without_a_template_is_suppressed_and_escalated(platform, graph) -> None:  # type: ignore[no-untyped-def]
    message = reply(platform, "whatsapp", "16505551234", "Late answer")
    platform.clock.advance(timedelta(hours=25))
    assert sender.suppressed(platform, message) == "whatsapp_window_closed"
    thread = threads.get_thread(platform.store, message.thread_id)
    assert thread.status is ThreadStatus.ESCALATED
    assert thread.escalation_reason == "whatsapp_window_closed"
    assert platform.store.get(HANDOFFS, message.thread_id)["status"] == "open"
    assert graph.requests == []


def test_window_counts_from_the_customers_last_message_not_ours(platform) -> None:  # type: ignore[no-untyped-def]
    message = reply(platform, "whatsapp", "16505551234", "first")
    platform.clock.advance(timedelta(hours=23))
    threads.append(
        platform.store, message.thread_id, author="ai", text="nudge", now=platform.clock.now()
    )
    platform.clock.advance(timedelta(hours=2))
    assert sender.suppressed(platform, message) == "whatsapp_window_closed"


def test_messenger_uses_the_send_api_with_the_page_token(platform, graph) -> None:  # type: ignore[no-untyped-def]
    message = reply(platform, "messenger", "PSID-1", "Thanks for asking!")
    assert send(platform, message) == "m_fake1"
    [request] = graph.requests
    assert request.path == "/v21.0/me/messages"
    assert request.headers["authorization"] == f"Bearer {PAGE_TOKEN}"
    assert request.body == {
        "recipient": {"id": "PSID-1"},
        "messaging_type": "RESPONSE",
        "message": {"text": "Thanks for asking!"},
    }


def test_messenger_and_instagram_outside_the_window_escalate(platform) -> None:  # type: ignore[no-untyped-def]
    configure(platform, whatsapp_template_name="reply_waiting")  # WhatsApp only
    late = [reply(platform, c, f"{c}-1", "late") for c in ("messenger", "instagram")]
    platform.clock.advance(timedelta(hours=25))
    assert [sender.suppressed(platform, m) for m in late] == [
        "messenger_window_closed",
        "instagram_window_closed",
    ]


def test_long_instagram_reply_goes_out_in_parts_of_at_most_1000_bytes(platform, graph) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(f"Sentence {i} about hibachi 🍤 and fried rice." for i in range(60))
    message = reply(platform, "instagram", "IGSID-1", text)
    parts = sender.format(message)
    assert len(parts) > 2 and all(len(p.encode()) <= 1000 for p in parts)
    assert all(p.endswith(".") for p in parts)  # cut at sentence ends
    send(platform, message)
    assert [r.body["message"]["text"] for r in graph.requests] == parts
    assert {r.path for r in graph.requests} == {"/v21.0/me/messages"}


def test_a_retry_sends_only_the_parts_still_missing(platform, graph) -> None:  # type: ignore[no-untyped-def]
    message = reply(platform, "messenger", "PSID-1", "Part one. " * 150 + "Part two. " * 150)
    parts = sender.format(message)
    assert len(parts) == 2
    graph.script(200, {"recipient_id": "PSID-1", "message_id": "m_first"})
    graph.script(503, {"error": {"message": "temporarily down", "code": 2}})
    with pytest.raises(Unavailable):
        send(platform, message)
    assert send(platform, message) == "m_first,m_fake3"
    assert [r.body["message"]["text"] for r in graph.requests] == [parts[0], parts[1], parts[1]]


@pytest.mark.parametrize(
    ("status", "error", "raised", "code"),
    [
        (400, {"message": "Invalid parameter", "code": 100}, BadRequest, "graph_rejected"),
        (401, {"message": "Invalid OAuth access token", "code": 190}, BadRequest, "graph_rejected"),
        (429, {"message": "slow down", "code": 4}, Unavailable, "graph_unavailable"),
        (400, {"message": "Spam rate limit hit", "code": 131048}, Unavailable, "graph_unavailable"),
        (500, {"message": "unknown", "code": 1}, Unavailable, "graph_unavailable"),
    ],
)
def test_graph_errors_retry_or_dead_letter(  # type: ignore[no-untyped-def]
    platform, graph, status, error, raised, code
) -> None:
    graph.script(status, {"error": error | {"type": "OAuthException", "fbtrace_id": "x"}})
    with pytest.raises(raised) as caught:
        send(platform, reply(platform, "whatsapp", "1555", "hi"))
    assert caught.value.code == code and str(error["code"]) in (caught.value.detail or "")


def test_the_token_never_appears_in_an_error(platform, graph) -> None:  # type: ignore[no-untyped-def]
    graph.script(400, {"error": {"message": f"bad token {WA_TOKEN}", "code": 190}})
    with pytest.raises(BadRequest) as caught:
        send(platform, reply(platform, "whatsapp", "1555", "hi"))
    assert WA_TOKEN not in str(caught.value) and "***" in str(caught.value)


def test_unreachable_graph_is_retried(platform) -> None:  # type: ignore[no-untyped-def]
    configure(platform, meta_graph_base_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(Unavailable) as caught:
        send(platform, reply(platform, "messenger", "PSID-1", "hi"))
    assert caught.value.code == "graph_unreachable"


def test_missing_configuration_is_unavailable(platform, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("META_PAGE_TOKEN")
    with pytest.raises(Unavailable, match="meta-page-token"):
        send(platform, reply(platform, "instagram", "IG-1", "hi"))
    configure(platform, whatsapp_phone_number_id=None)
    with pytest.raises(Unavailable, match="PHONE_NUMBER_ID"):
        send(platform, reply(platform, "whatsapp", "1555", "hi"))


def test_production_delivery_sends_and_records_in_the_outbox(platform, graph) -> None:  # type: ignore[no-untyped-def]
    configure(platform, env="prod")
    result = deliver(platform, reply(platform, "whatsapp", "16505551234", "Confirmed."))
    assert (result.status, result.parts, result.provider_id) == ("sent", 1, "wamid.fake1")
    [record] = platform.store.query(OUTBOX)
    assert record.data["status"] == "sent" and record.data["parts"] == ["Confirmed."]
