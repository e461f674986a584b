"""Channel messages: answered once, however often Pub/Sub delivers them; reply queued once."""

from __future__ import annotations

from functions._app.runtime.app import InProcessDeliverer
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.platform.events.envelope import push_body
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.analytics_tasks import run_due_besides_analytics
from tests.support.platform import bearer


def _delivery(platform, message_id: str, text: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return push_body(
        message_id=message_id,
        payload={
            "channel": "sms",
            "sender": "+12135550142",
            "text": text,
            "provider_message_id": f"rc-{message_id}",
        },
        attributes={},
        subscription="projects/p/subscriptions/inbound-messages--handle-inbound-message",
        publish_time=platform.clock.now(),
    )


def test_sms_is_answered_once_and_sent_through_the_outbound_task(api, platform) -> None:  # type: ignore[no-untyped-def]
    body = _delivery(platform, "501", "how much for 20 adults on dec 5 in 90012?")
    for _ in range(2):  # Pub/Sub redelivers
        response = api.client.post(
            "/handle-inbound-message", json=body, headers=bearer(platform, "owner")
        )
        assert response.status_code == 200
    thread_id = threads.thread_id_for("sms", "+12135550142")
    messages = threads.history(platform.store, thread_id)
    assert [m.author for m in messages] == ["customer", "ai"]
    assert "$1,100" in messages[1].text
    runner = LocalTaskRunner(
        platform.store, platform.clock, InProcessDeliverer(api.client.application)
    )
    # One outbound task for the one reply, and the turn's shadow scoring and debate check.
    assert run_due_besides_analytics(runner, platform.store) == 3
    [sent] = platform.store.query(OUTBOX)
    assert sent.data["to"] == "+12135550142" and sent.data["channel"] == "sms"
    assert sent.data["text"] == messages[1].text


def test_same_sender_on_two_channels_is_one_customer(api, platform) -> None:  # type: ignore[no-untyped-def]
    api.client.post(
        "/handle-inbound-message",
        json=_delivery(platform, "601", "hi there"),
        headers=bearer(platform, "owner"),
    )
    status, web = api.call(
        "POST",
        "/chat",
        {"text": "hello", "session_id": "w-1", "contact": {"phone": "(213) 555-0142"}},
    )
    assert status == 200
    sms_thread = threads.get_thread(platform.store, threads.thread_id_for("sms", "+12135550142"))
    web_thread = threads.get_thread(platform.store, web["thread_id"])
    assert sms_thread.id != web_thread.id
    assert sms_thread.customer_id == web_thread.customer_id is not None


def test_whatsapp_sender_is_the_same_customer_as_their_phone(api, platform) -> None:  # type: ignore[no-untyped-def]
    from shared.ai.providers.base import LLM_TIERS
    from shared.ai.turn import Inbound, handle_message

    api.client.post(
        "/handle-inbound-message",
        json=_delivery(platform, "701", "hi"),
        headers=bearer(platform, "owner"),
    )
    whatsapp = handle_message(
        platform,
        Inbound(
            channel="whatsapp",
            text="hello again",
            handle="12135550142",
            handle_kind="whatsapp",
            provider_message_id="wamid.1",
        ),
        platform.adapter(LLM_TIERS),
    )
    sms_thread = threads.get_thread(platform.store, threads.thread_id_for("sms", "+12135550142"))
    assert threads.get_thread(platform.store, whatsapp.thread_id).customer_id == (
        sms_thread.customer_id
    )


def test_a_message_stored_but_never_answered_is_answered_on_redelivery(api, platform) -> None:  # type: ignore[no-untyped-def]
    """A crash between storing the message and answering it: the redelivery answers it once."""
    from shared.ai.providers.base import LLM_TIERS
    from shared.ai.turn import Inbound, handle_message

    sms = Inbound(
        channel="sms",
        text="how much for 20 people?",
        handle="+12135550177",
        handle_kind="phone",
        provider_message_id="rc-crash-1",
    )
    thread = threads.open_thread(
        platform.store, channel="sms", handle=sms.handle, customer_id=None, now=platform.clock.now()
    )
    threads.append(  # what the crashed delivery got done
        platform.store,
        thread.id,
        author="customer",
        text=sms.text,
        now=platform.clock.now(),
        provider_message_id=sms.provider_message_id,
    )
    answered = handle_message(platform, sms, platform.adapter(LLM_TIERS))
    assert not answered.duplicate and answered.reply
    again = handle_message(platform, sms, platform.adapter(LLM_TIERS))  # the same reply, once
    assert again.duplicate and (again.reply, again.reply_id) == (answered.reply, answered.reply_id)
    authors = [m.author for m in threads.history(platform.store, thread.id)]
    assert authors == ["customer", "ai"]
