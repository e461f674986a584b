"""Texts (SMS replies and voice follow-ups) through RingCentral's SMS API.

`format` splits a reply into messages of at most two segments each (see `segments`);
`suppressed` keeps opted-out numbers silent except for the answers to their own keywords;
`send` posts each part with `POST /restapi/v1.0/account/~/extension/~/sms` from the business
number. Each part sent is remembered, so a retried or redelivered task sends only the parts
still missing and never texts the customer twice.
"""

from __future__ import annotations

from shared.channels.outbound import OutboundMessage
from shared.channels.sms import compliance, ringcentral, segments
from shared.platform.errors import Unavailable
from shared.platform.services import Platform

SENT_PARTS = "sms_sent_parts"
OPTED_OUT = "sms_opted_out"


def format(message: OutboundMessage) -> list[str]:
    return segments.split(message.text)


def suppressed(platform: Platform, message: OutboundMessage) -> str | None:
    if not compliance.is_opted_out(platform, message.to):
        return None
    if compliance.is_keyword_answer(platform, message.message_id):
        return None  # STOP's confirmation, or HELP's answer
    return OPTED_OUT


def send(platform: Platform, message: OutboundMessage, parts: list[str]) -> str:
    """Send every part not sent yet; returns RingCentral's message ids, comma-separated."""
    sender = platform.settings.sms_from_number
    if not sender:
        raise Unavailable("sms_not_configured", "HIBACHI_SMS_FROM_NUMBER is not set")
    sent = platform.store.get(SENT_PARTS, message.message_id) or {}
    ids: list[str] = list(sent.get("ids", []))
    for part in parts[len(ids) :]:
        answer = platform.adapter(ringcentral.RINGCENTRAL).post_json(
            ringcentral.SMS_PATH,
            {"from": {"phoneNumber": sender}, "to": [{"phoneNumber": message.to}], "text": part},
        )
        ids.append(str(answer.get("id", "")))
        platform.store.set(SENT_PARTS, message.message_id, {"ids": ids, "at": platform.clock.now()})
    return ",".join(ids)
