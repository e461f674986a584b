"""Outbound replies: queued as named tasks (one per reply), delivered by `send-outbound`.

Locally every channel writes to the outbox collection (readable by staff) instead of
sending. In production each channel's sender is registered in `SENDERS`; a channel with
no sender fails loudly, so the task retries and then dead-letters for staff to see.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel, Field

from shared.conversation.store import Channel
from shared.platform.errors import Unavailable
from shared.platform.services import Platform

QUEUE = "outbound"
FUNCTION = "send-outbound"
OUTBOX = "outbox"


class OutboundMessage(BaseModel):
    channel: Channel
    to: str = Field(description="Recipient handle on that channel")
    text: str
    thread_id: str
    message_id: str = Field(description="The stored reply this delivers (dedup key)")


Sender = Callable[[Platform, OutboundMessage], str]
SENDERS: dict[str, Sender] = {}


def queue(platform: Platform, message: OutboundMessage) -> bool:
    """Schedule delivery once per reply (a redelivered event enqueues nothing new)."""
    task = platform.tasks.enqueue(
        QUEUE, FUNCTION, message.model_dump(), dedup_name=f"out-{message.message_id}"
    )
    return task.created


def record_locally(platform: Platform, message: OutboundMessage, now: datetime) -> str:
    platform.store.set(OUTBOX, message.message_id, message.model_dump() | {"at": now})
    return message.message_id


def deliver(platform: Platform, message: OutboundMessage) -> str:
    """Send through the channel's sender; locally, record in the outbox."""
    if not platform.settings.is_prod:
        return record_locally(platform, message, platform.clock.now())
    sender = SENDERS.get(message.channel)
    if sender is None:
        raise Unavailable("channel_not_configured", f"no sender for {message.channel}")
    return sender(platform, message)
