"""Outbound replies: queued as named tasks (one per reply), delivered by `send-outbound`.

Each channel has a sender module (see `CHANNEL_SENDERS`) with three functions:
- `format(message) -> list[str]`: the parts to send, shaped for the channel (SMS segments,
  Meta message limits, an email body);
- `suppressed(platform, message) -> str | None`: a reason not to send at all (an opted-out
  number, WhatsApp's closed 24-hour window...), or None;
- `send(platform, message, parts) -> str`: deliver through the provider, returning its id.
Locally (and in tests) the formatted parts go to the outbox collection instead of the
provider, so the whole flow runs offline and staff can read what would have been sent; a
sender may also define `record_locally(platform, message, parts)` (email writes files).
"""

from __future__ import annotations

import importlib
from datetime import datetime
from types import ModuleType

from pydantic import BaseModel, Field

from shared.conversation.store import Channel
from shared.platform.errors import Unavailable
from shared.platform.services import Platform

QUEUE = "outbound"
FUNCTION = "send-outbound"
OUTBOX = "outbox"

CHANNEL_SENDERS: dict[str, str] = {
    "sms": "shared.channels.sms.sender",
    "voice": "shared.channels.sms.sender",  # callers get their follow-up by text
    "whatsapp": "shared.channels.meta.sender",
    "messenger": "shared.channels.meta.sender",
    "instagram": "shared.channels.meta.sender",
    "email": "shared.channels.email.sender",
}


class OutboundMessage(BaseModel):
    channel: Channel
    to: str = Field(description="Recipient handle on that channel")
    text: str
    thread_id: str
    message_id: str = Field(description="The stored reply this delivers (dedup key)")
    subject: str | None = Field(default=None, description="Email subject (email only)")


class OutboundResult(BaseModel):
    status: str = Field(description="sent, recorded (local outbox) or suppressed")
    parts: int
    provider_id: str | None = None
    reason: str | None = None


def queue(platform: Platform, message: OutboundMessage) -> bool:
    """Schedule delivery once per reply (a redelivered event enqueues nothing new)."""
    task = platform.tasks.enqueue(
        QUEUE, FUNCTION, message.model_dump(), dedup_name=f"out-{message.message_id}"
    )
    return task.created


def _sender(channel: str) -> ModuleType:
    module = CHANNEL_SENDERS.get(channel)
    if module is None:
        raise Unavailable("channel_not_configured", f"no outbound sender for {channel}")
    return importlib.import_module(module)


def _record(
    platform: Platform,
    message: OutboundMessage,
    status: str,
    parts: list[str],
    now: datetime,
    reason: str | None = None,
    provider_id: str | None = None,
) -> None:
    platform.store.set(
        OUTBOX,
        message.message_id,
        message.model_dump()
        | {
            "parts": parts,
            "status": status,
            "reason": reason,
            "provider_id": provider_id,
            "at": now,
        },
    )


def deliver(platform: Platform, message: OutboundMessage) -> OutboundResult:
    """Format, check suppression, then send (production) or record (local).

    A task redelivered after a successful send finds its outbox record and sends nothing.
    """
    done = platform.store.get(OUTBOX, message.message_id)
    if done is not None and done["status"] in ("sent", "recorded", "suppressed"):
        return OutboundResult(
            status=done["status"],
            parts=len(done["parts"]),
            reason=done.get("reason"),
            provider_id=done.get("provider_id"),
        )
    sender = _sender(message.channel)
    now = platform.clock.now()
    parts: list[str] = sender.format(message)
    reason: str | None = sender.suppressed(platform, message)
    if reason is not None:
        _record(platform, message, "suppressed", parts, now, reason)
        return OutboundResult(status="suppressed", parts=0, reason=reason)
    if not platform.settings.is_prod:
        _record(platform, message, "recorded", parts, now)
        local_copy = getattr(sender, "record_locally", None)  # e.g. email writes .eml files
        if local_copy is not None:
            local_copy(platform, message, parts)
        return OutboundResult(status="recorded", parts=len(parts))
    provider_id: str = sender.send(platform, message, parts)
    _record(platform, message, "sent", parts, now, provider_id=provider_id)
    return OutboundResult(status="sent", parts=len(parts), provider_id=provider_id)
