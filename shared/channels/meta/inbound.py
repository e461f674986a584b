"""Turn a verified Meta webhook delivery into customer messages and accept each one.

WhatsApp sends `entry[].changes[].value.messages[]` (statuses ride the same field and are
skipped); Messenger (`object: page`) and Instagram send `entry[].messaging[]`, where echoes
of our own sends, deliveries, reads and reactions are skipped. A message with no text
(a photo, a voice note) is still stored, as `[image]` with its media, so nothing a customer
sends is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shared.ai.inbound import InboundEvent
from shared.channels.inbound import accept
from shared.channels.meta.payload import (
    Entry,
    MessagingEvent,
    MetaWebhook,
    WaMedia,
    WaMessage,
    WaValue,
    WebhookAck,
)
from shared.conversation.store import Channel
from shared.platform.ids import stable_id
from shared.platform.services import Platform

CHANNELS: dict[str, Channel] = {
    "whatsapp_business_account": "whatsapp",
    "page": "messenger",
    "instagram": "instagram",
}
# WhatsApp message types that carry nothing for the AI to answer.
_WA_SKIPPED = {"reaction", "system", "unsupported", "request_welcome", "ephemeral"}
_WA_MEDIA = ("image", "video", "audio", "document", "sticker")
_TEXT_LIMIT = 8000  # InboundEvent.text


def receive(platform: Platform, webhook: MetaWebhook) -> WebhookAck:
    """Accept every customer message in the delivery; redeliveries are counted, not redone."""
    found = list(messages(webhook))
    accepted = sum(accept(platform, event, raw) for event, raw in found)
    return WebhookAck(received=len(found), accepted=accepted, duplicates=len(found) - accepted)


def messages(webhook: MetaWebhook) -> Iterator[tuple[InboundEvent, dict[str, Any]]]:
    channel = CHANNELS.get(webhook.object)
    if channel is None:
        return
    for entry in webhook.entry:
        if channel == "whatsapp":
            for change in entry.changes:
                if change.field in ("", "messages"):
                    yield from _whatsapp(change.value)
        else:
            for event in entry.messaging:
                found = _social(channel, entry, event)
                if found is not None:
                    yield found


def _whatsapp(value: WaValue) -> Iterator[tuple[InboundEvent, dict[str, Any]]]:
    names = {c.wa_id: c.profile.name for c in value.contacts if c.profile}
    for message in value.messages:
        content = _whatsapp_content(message)
        if content is None or not message.sender or not message.id:
            continue
        text, media = content
        event = InboundEvent(
            channel="whatsapp",
            sender=message.sender,
            text=text[:_TEXT_LIMIT],
            provider_message_id=message.id,
            media=media,
            name=names.get(message.sender),
        )
        raw = message.model_dump(by_alias=True, exclude_none=True)
        if value.metadata is not None:
            raw["metadata"] = value.metadata.model_dump(exclude_none=True)
        yield event, raw


def _whatsapp_content(message: WaMessage) -> tuple[str, list[str]] | None:
    """(text, media ids) of a message, or None when there is nothing to answer."""
    if message.type in _WA_SKIPPED:
        return None
    if message.text is not None and message.text.body.strip():
        return message.text.body, []
    if message.button is not None and message.button.text:
        return message.button.text, []
    interactive = message.interactive
    if interactive is not None:
        reply = interactive.button_reply or interactive.list_reply
        return (reply.title, []) if reply is not None and reply.title else None
    if message.type in _WA_MEDIA:
        media: WaMedia | None = getattr(message, message.type)
        if media is not None:
            return media.caption or f"[{message.type}]", [media.id] if media.id else []
    return (f"[{message.type}]", []) if message.type else None


def _social(
    channel: Channel, entry: Entry, event: MessagingEvent
) -> tuple[InboundEvent, dict[str, Any]] | None:
    sender = event.sender.id if event.sender else ""
    if not sender or sender == entry.id:  # our own page or account speaking
        return None
    raw = event.model_dump(exclude_none=True)
    message, postback = event.message, event.postback
    if message is not None:
        if message.is_echo or message.is_deleted or message.is_unsupported or not message.mid:
            return None
        media = [a.payload.url for a in message.attachments if a.payload and a.payload.url]
        kinds = ", ".join(a.type for a in message.attachments if a.type)
        text = (message.text or "").strip() or (f"[{kinds}]" if kinds else "")
        mid = message.mid
    elif postback is not None:
        text = postback.title or postback.payload or ""
        media = []
        mid = postback.mid or f"postback-{stable_id(sender, event.timestamp, postback.payload)}"
    else:
        return None
    if not text:
        return None
    inbound = InboundEvent(
        channel=channel,
        sender=sender,
        text=text[:_TEXT_LIMIT],
        provider_message_id=mid,
        media=media,
    )
    return inbound, raw
