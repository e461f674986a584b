"""Instant-message notifications -> the normalised inbound event (or nothing to answer)."""

from __future__ import annotations

from typing import Any

from shared.channels.sms.webhook import RingCentralNotification, parse_sms


def note(**body: Any) -> RingCentralNotification:
    base = {
        "id": "m1",
        "from": {"phoneNumber": "+1 (213) 555-0142", "name": "Dana"},
        "to": [{"phoneNumber": "+18005550100"}],
        "type": "SMS",
        "direction": "Inbound",
        "subject": "hi there",
        "attachments": [{"id": "1", "type": "Text", "contentType": "text/plain"}],
    }
    return RingCentralNotification.model_validate(
        {
            "uuid": "u1",
            "event": "/restapi/v1.0/account/~/extension/~/message-store/instant",
            "body": base | body,
        }
    )


def test_a_text_becomes_an_sms_event_from_an_e164_number() -> None:
    event = parse_sms(note())
    assert event is not None
    assert (event.channel, event.sender, event.text) == ("sms", "+12135550142", "hi there")
    assert (event.provider_message_id, event.name, event.media) == ("m1", "Dana", [])


def test_a_picture_message_keeps_its_attachments() -> None:
    picture = {
        "id": "2",
        "type": "MmsAttachment",
        "uri": "https://rc/att/2",
        "contentType": "image/jpeg",
    }
    event = parse_sms(note(subject="", attachments=[picture]))
    assert event is not None and event.media == ["https://rc/att/2"] and event.text == "(picture)"


def test_nothing_to_answer() -> None:
    assert parse_sms(note(direction="Outbound")) is None  # our own reply, echoed
    assert parse_sms(note(type="Pager")) is None
    assert parse_sms(note(subject="  ")) is None
    assert parse_sms(note(id="")) is None
    assert parse_sms(note(**{"from": {"phoneNumber": "12"}})) is None  # a short code
