"""`ringcentral-webhook`: verified RingCentral notifications -> SMS turns and call recordings.

- Subscription handshake: RingCentral's creation request carries a `Validation-Token`
  header, which must come back in the response header with 200 (and a tiny body).
- Every notification carries the `Verification-Token` set on the subscription; it is
  compared in constant time with secret `ringcentral-verification-token`: missing -> 401,
  wrong -> 403, and nothing is read or stored.
- Inbound SMS (`.../message-store/instant?type=SMS`): a compliance keyword (STOP, START,
  HELP...) is handled here without the AI; any other text is accepted (stored once per
  RingCentral message id, then published for the AI turn). Outbound copies are ignored.
- Call events (`.../telephony/sessions`): each finished recording becomes one
  `process-recording` task.
Anything else is acknowledged and ignored: RingCentral blacklists a webhook that fails.
"""

from __future__ import annotations

import hmac
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.ai.inbound import InboundEvent
from shared.channels.inbound import accept
from shared.channels.sms import compliance
from shared.channels.voice import events as voice_events
from shared.customers.identity import normalise_phone
from shared.platform.errors import BadRequest, Forbidden, Unauthorized, Unavailable
from shared.platform.errors import ValidationFailed as InvalidPhone
from shared.platform.http import HttpCall, Reply
from shared.platform.log import get_logger
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform

VERIFICATION_SECRET = "ringcentral-verification-token"
SMS_EVENT = re.compile(r"/message-store/instant\b")
CALL_EVENT = re.compile(r"/telephony/sessions\b")
_TOKEN = re.compile(r"^[\x21-\x7e]{1,512}$")  # printable ASCII: safe to echo in a header
MAX_TEXT = 8000
log = get_logger(__name__)


class RingCentralNotification(BaseModel):
    """The envelope of every RingCentral notification; `body` depends on `event`."""

    model_config = ConfigDict(populate_by_name=True)

    uuid: str | None = Field(default=None, description="Unique id of this notification")
    event: str = Field(default="", description="The event filter that matched")
    subscription_id: str | None = Field(default=None, alias="subscriptionId")
    owner_id: str | None = Field(default=None, alias="ownerId")
    timestamp: str | None = None
    body: dict[str, Any] = Field(default_factory=dict)


class RingCentralAck(BaseModel):
    outcome: Literal["validated", "accepted", "duplicate", "keyword", "scheduled", "ignored"]
    detail: str | None = None


def receive(call: HttpCall) -> Reply | RingCentralAck:
    validation = call.request.headers.get("Validation-Token")
    if validation is not None:
        if not _TOKEN.match(validation):
            raise BadRequest("invalid_validation_token", "Validation-Token is not a token")
        return Reply(body={}, headers={"Validation-Token": validation})
    verify(call.platform, call.request.headers.get("Verification-Token"))
    note = call.body(RingCentralNotification)
    if SMS_EVENT.search(note.event):
        return _sms(call.platform, note)
    if CALL_EVENT.search(note.event):
        new = voice_events.schedule(call.platform, voice_events.finished_recordings(note.body))
        return RingCentralAck(
            outcome="scheduled" if new else "ignored", detail=f"{new} recording(s)"
        )
    return RingCentralAck(outcome="ignored", detail="event not subscribed to")


def verify(platform: Platform, given: str | None) -> None:
    try:
        expected = platform.secrets.get(VERIFICATION_SECRET)
    except SecretNotFound:
        raise Unavailable(
            "webhook_not_configured", f"secret {VERIFICATION_SECRET} is not set"
        ) from None
    if not given:
        raise Unauthorized(
            "missing_verification_token", "the Verification-Token header is required"
        )
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forbidden("invalid_verification_token", "the Verification-Token does not match")


def _sms(platform: Platform, note: RingCentralNotification) -> RingCentralAck:
    event = parse_sms(note)
    if event is None:
        return RingCentralAck(outcome="ignored", detail="not an inbound text from a phone number")
    action = compliance.keyword_of(platform, event.sender, event.text)
    if action is not None:
        result = compliance.handle(platform, event, action)
        return RingCentralAck(outcome="keyword" if result.replied else "duplicate", detail=action)
    accepted = accept(platform, event, raw=note.model_dump(by_alias=True))
    return RingCentralAck(outcome="accepted" if accepted else "duplicate")


def parse_sms(note: RingCentralNotification) -> InboundEvent | None:
    """The inbound text as an `InboundEvent`, or None (our own outbound copy, no sender...)."""
    body = note.body
    if body.get("direction") != "Inbound" or body.get("type", "SMS") != "SMS":
        return None
    sender = body.get("from") or {}
    try:
        phone = normalise_phone(str(sender.get("phoneNumber") or ""))
    except InvalidPhone:
        log.warning("SMS %s from an unusable number ignored", body.get("id"))
        return None
    media = [
        str(a["uri"])
        for a in body.get("attachments") or []
        if a.get("type") == "MmsAttachment" and a.get("uri")
    ]
    text = str(body.get("subject") or "").strip()[:MAX_TEXT] or ("(picture)" if media else "")
    message_id = str(body.get("id") or "")
    if not text or not message_id:
        return None
    return InboundEvent(
        channel="sms",
        sender=phone,
        text=text,
        provider_message_id=message_id,
        media=media,
        name=sender.get("name") or None,
    )
