"""Customer notices from payment events, staged with the event's effect and sent after.

A notice is written in the same transaction as the change it announces (a transactional
outbox), then queued on the customer's channel by `flush`. A crash between the two leaves
it pending for the next flush; the deterministic message id (`confirm-<booking>`) makes
the outbound task named, so queueing it twice still sends once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.booking.models import Booking
from shared.channels import outbound
from shared.conversation.store import THREADS, Channel, thread_id_for
from shared.customers import identity
from shared.platform.docstore import Filter, Transaction
from shared.platform.services import Platform

NOTICES = "payment_notices"


@dataclass(frozen=True)
class Recipient:
    channel: Channel
    to: str
    thread_id: str


def origin_thread(tx: Transaction, booking: Booking) -> dict[str, Any] | None:
    """The conversation the booking was made in (a read: call before the tx writes)."""
    return tx.get(THREADS, booking.origin_thread_id) if booking.origin_thread_id else None


def recipient(booking: Booking, thread: dict[str, Any] | None) -> Recipient | None:
    """The channel the customer used, unless web chat (no way back): then SMS, then email."""
    if booking.origin_channel not in (None, "web") and thread and thread.get("handle"):
        return Recipient(thread["channel"], thread["handle"], str(booking.origin_thread_id))
    # Validated when the hold was made; normalised as inbound messages' handles are.
    if booking.contact.phone:
        phone = identity.normalise_phone(booking.contact.phone)
        return Recipient("sms", phone, thread_id_for("sms", phone))
    if booking.contact.email:
        email = identity.normalise_email(booking.contact.email)
        return Recipient("email", email, thread_id_for("email", email))
    return None


def notice_id(kind: str, booking_id: str) -> str:
    return f"{kind}-{booking_id}"


def stage(
    tx: Transaction,
    booking: Booking,
    thread: dict[str, Any] | None,
    kind: str,
    text_and_subject: tuple[str, str],
    now: datetime,
) -> None:
    """Write the notice with the change; the caller makes sure it is staged once."""
    to = recipient(booking, thread)
    if to is None:
        return
    text, subject = text_and_subject
    message = outbound.OutboundMessage(
        channel=to.channel,
        to=to.to,
        text=text,
        thread_id=to.thread_id,
        message_id=notice_id(kind, booking.id),
        subject=subject if to.channel == "email" else None,
    )
    tx.set(
        NOTICES,
        message.message_id,
        {
            "booking_id": booking.id,
            "message": message.model_dump(),
            "state": "pending",
            "created_at": now,
        },
    )


def flush(platform: Platform, booking_id: str | None = None) -> int:
    """Queue pending notices (of one booking, or all); returns how many were queued."""
    filters = [Filter.eq("state", "pending")]
    if booking_id is not None:
        filters.append(Filter.eq("booking_id", booking_id))
    pending = platform.store.query(NOTICES, filters)
    for doc in pending:
        outbound.queue(platform, outbound.OutboundMessage.model_validate(doc.data["message"]))
        platform.store.update(
            NOTICES, doc.id, {"state": "queued", "queued_at": platform.clock.now()}
        )
    return len(pending)
