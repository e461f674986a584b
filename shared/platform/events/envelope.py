"""The Pub/Sub push envelope, built locally and decoded by every event function.

Production: a push subscription POSTs `{"message": {...}, "subscription": ...}` to the
function and functions-framework turns it into a CloudEvent. Locally the dispatcher POSTs
the very same body, so handlers cannot tell the two apart.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.platform.errors import BadRequest


@dataclass(frozen=True)
class ReceivedEvent:
    message_id: str
    payload: dict[str, Any]
    attributes: dict[str, str] = field(default_factory=dict)
    publish_time: datetime | None = None
    ordering_key: str | None = None


def encode_data(payload: Any) -> str:
    return base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def push_body(
    *,
    message_id: str,
    payload: Any,
    attributes: dict[str, str],
    subscription: str,
    publish_time: datetime,
    ordering_key: str | None = None,
    delivery_attempt: int | None = None,
) -> dict[str, Any]:
    """What a Pub/Sub push subscription sends (both field spellings, like the service)."""
    stamp = publish_time.astimezone(UTC).isoformat().replace("+00:00", "Z")
    message: dict[str, Any] = {
        "data": encode_data(payload),
        "attributes": dict(attributes),
        "messageId": message_id,
        "message_id": message_id,
        "publishTime": stamp,
        "publish_time": stamp,
    }
    if ordering_key:
        message["orderingKey"] = ordering_key
    body: dict[str, Any] = {"message": message, "subscription": subscription}
    if delivery_attempt is not None:
        body["deliveryAttempt"] = delivery_attempt
    return body


def decode_message(message: dict[str, Any]) -> ReceivedEvent:
    """Decode the `message` object of a push body or of a Pub/Sub CloudEvent's data."""
    try:
        raw = base64.b64decode(message.get("data") or b"", validate=True)
        payload = json.loads(raw) if raw else {}
        message_id = str(message.get("messageId") or message["message_id"])
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRequest("malformed_event", f"undecodable Pub/Sub message: {exc}") from exc
    if not isinstance(payload, dict):
        raise BadRequest("malformed_event", "event payload must be a JSON object")
    published = message.get("publishTime") or message.get("publish_time")
    return ReceivedEvent(
        message_id=message_id,
        payload=payload,
        attributes={str(k): str(v) for k, v in (message.get("attributes") or {}).items()},
        publish_time=_parse_time(published) if published else None,
        ordering_key=message.get("orderingKey") or message.get("ordering_key") or None,
    )


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
