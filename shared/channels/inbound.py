"""Accepting an inbound channel message: record it, then publish it for the AI turn.

Every webhook calls `accept` after verifying and parsing. The raw record is created
(create-if-absent by channel + provider message id) before the webhook answers 2xx, so
nothing is lost and a provider's redelivery is recognised and dropped here.
"""

from __future__ import annotations

from typing import Any

from shared.ai.inbound import INBOUND_TOPIC, InboundEvent
from shared.channels.sms.compliance import is_stop
from shared.customers import consent
from shared.platform.docstore import AlreadyExists
from shared.platform.ids import stable_id
from shared.platform.services import Platform

RAW = "inbound_raw"


def accept(platform: Platform, event: InboundEvent, raw: dict[str, Any] | None = None) -> bool:
    """Store and publish once; False when this provider message was already accepted."""
    doc_id = stable_id(event.channel, event.provider_message_id)
    try:
        platform.store.create(
            RAW,
            doc_id,
            event.model_dump() | {"raw": raw or {}, "received_at": platform.clock.now()},
        )
    except AlreadyExists:
        return False
    kind = event.to_inbound().handle_kind
    if kind is not None and is_stop(event.text):
        now = platform.clock.now()
        consent.opt_out_handle(
            platform.store, kind, event.sender, source=f"{event.channel}:stop", now=now
        )
    try:
        platform.bus.publish(
            INBOUND_TOPIC, event.model_dump(), {"channel": event.channel}, ordering_key=event.sender
        )
    except Exception:
        # Not published: forget it, so the provider's retry (after our 5xx) is not a "duplicate".
        platform.store.delete(RAW, doc_id)
        raise
    return True
