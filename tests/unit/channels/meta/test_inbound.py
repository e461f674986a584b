"""Webhook payload shapes (from Meta's docs) -> the customer messages we accept."""

from __future__ import annotations

from typing import Any

import pytest

from shared.channels.meta.inbound import messages
from shared.channels.meta.payload import MetaWebhook


def wa(*msgs: dict[str, Any], contacts: list[dict[str, Any]] | None = None) -> MetaWebhook:
    value = {"messaging_product": "whatsapp", "contacts": contacts or [], "messages": list(msgs)}
    return MetaWebhook.model_validate(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
        }
    )


def social(obj: str, *events: dict[str, Any]) -> MetaWebhook:
    return MetaWebhook.model_validate(
        {"object": obj, "entry": [{"id": "PAGE", "time": 1, "messaging": list(events)}]}
    )


def found(webhook: MetaWebhook) -> list[tuple[str, str, str, list[str]]]:
    return [(e.sender, e.provider_message_id, e.text, e.media) for e, _ in messages(webhook)]


@pytest.mark.parametrize(
    ("message", "text"),
    [
        ({"type": "text", "text": {"body": "hi"}}, "hi"),
        ({"type": "button", "button": {"text": "Yes, book it", "payload": "BOOK"}}, "Yes, book it"),
        (
            {
                "type": "interactive",
                "interactive": {
                    "type": "button_reply",
                    "button_reply": {"id": "b1", "title": "Dec 5"},
                },
            },
            "Dec 5",
        ),
        (
            {
                "type": "interactive",
                "interactive": {"type": "list_reply", "list_reply": {"id": "r", "title": "Steak"}},
            },
            "Steak",
        ),
    ],
)
def test_whatsapp_text_button_and_interactive(message: dict[str, Any], text: str) -> None:
    webhook = wa({"from": "15551234567", "id": "wamid.1", "timestamp": "1"} | message)
    assert found(webhook) == [("15551234567", "wamid.1", text, [])]


def test_whatsapp_media_keeps_its_caption_or_names_its_kind() -> None:
    webhook = wa(
        {
            "from": "1",
            "id": "w1",
            "type": "image",
            "image": {"id": "MEDIA1", "caption": "our yard"},
        },
        {"from": "1", "id": "w2", "type": "audio", "audio": {"id": "MEDIA2"}},
        {"from": "1", "id": "w3", "type": "location", "location": {"latitude": 1, "longitude": 2}},
    )
    assert found(webhook) == [
        ("1", "w1", "our yard", ["MEDIA1"]),
        ("1", "w2", "[audio]", ["MEDIA2"]),
        ("1", "w3", "[location]", []),
    ]


def test_whatsapp_reactions_and_unsupported_are_skipped() -> None:
    webhook = wa(
        {"from": "1", "id": "w1", "type": "reaction", "reaction": {"emoji": "👍"}},
        {"from": "1", "id": "w2", "type": "unsupported"},
    )
    assert found(webhook) == []


def test_whatsapp_sender_name_comes_from_the_matching_contact() -> None:
    webhook = wa(
        {"from": "2", "id": "w1", "type": "text", "text": {"body": "hey"}},
        contacts=[
            {"wa_id": "1", "profile": {"name": "Other"}},
            {"wa_id": "2", "profile": {"name": "Sheena"}},
        ],
    )
    [(event, raw)] = list(messages(webhook))
    assert event.name == "Sheena" and raw["from"] == "2"


def test_whatsapp_other_fields_are_ignored() -> None:
    webhook = MetaWebhook.model_validate(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "W", "changes": [{"field": "account_update", "value": {}}]}],
        }
    )
    assert found(webhook) == []


def test_messenger_text_attachments_and_postbacks() -> None:
    webhook = social(
        "page",
        {
            "sender": {"id": "P1"},
            "recipient": {"id": "PAGE"},
            "message": {"mid": "m1", "text": "hi"},
        },
        {
            "sender": {"id": "P1"},
            "message": {
                "mid": "m2",
                "attachments": [{"type": "image", "payload": {"url": "https://cdn/x.jpg"}}],
            },
        },
        {"sender": {"id": "P1"}, "postback": {"mid": "m3", "title": "Get a quote", "payload": "Q"}},
    )
    assert found(webhook) == [
        ("P1", "m1", "hi", []),
        ("P1", "m2", "[image]", ["https://cdn/x.jpg"]),
        ("P1", "m3", "Get a quote", []),
    ]
    assert {e.channel for e, _ in messages(webhook)} == {"messenger"}


def test_messenger_echoes_deliveries_reads_and_reactions_are_skipped() -> None:
    webhook = social(
        "page",
        {"sender": {"id": "PAGE"}, "message": {"mid": "m1", "text": "ours", "is_echo": True}},
        {"sender": {"id": "P1"}, "delivery": {"mids": ["m1"], "watermark": 1}},
        {"sender": {"id": "P1"}, "read": {"watermark": 1}},
        {"sender": {"id": "P1"}, "reaction": {"mid": "m1", "action": "react", "emoji": "x"}},
    )
    assert found(webhook) == []


def test_instagram_messages_deleted_and_own_echoes() -> None:
    webhook = social(
        "instagram",
        {"sender": {"id": "IG1"}, "message": {"mid": "i1", "text": "price?"}},
        {"sender": {"id": "IG1"}, "message": {"mid": "i2", "is_deleted": True}},
        {"sender": {"id": "PAGE"}, "message": {"mid": "i3", "text": "our reply"}},
        {"sender": {"id": "IG1"}, "message": {"mid": "i4", "is_unsupported": True}},
    )
    assert found(webhook) == [("IG1", "i1", "price?", [])]
    assert [e.channel for e, _ in messages(webhook)] == ["instagram"]


def test_unknown_objects_and_shapes_yield_nothing() -> None:
    assert found(MetaWebhook.model_validate({"object": "permissions", "entry": [{}]})) == []
    assert found(MetaWebhook.model_validate({"object": "page", "entry": [{"changes": []}]})) == []
