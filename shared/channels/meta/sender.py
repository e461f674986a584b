"""Replies on WhatsApp, Messenger and Instagram through the Graph API.

- WhatsApp: `POST /{phone-number-id}/messages` with secret `whatsapp-token`;
- Messenger and Instagram: `POST /me/messages` (the Page the token belongs to, or the
  Instagram account linked to it) with secret `meta-page-token`.
Text limits, from Meta's docs: WhatsApp text body up to 4096 characters; Messenger text
"less than 2000 characters"; Instagram text "1000 bytes or less" of UTF-8.

Free-form replies need the customer's 24-hour window open (see `window`). Outside it,
WhatsApp takes only an approved template: the configured one is sent with the reply as its
body parameter; without one, and on Messenger and Instagram, the reply is suppressed and the
thread escalated to staff. Each part sent is remembered, so a retried task sends only the
parts still missing.
"""

from __future__ import annotations

from typing import Any

from shared.channels.meta import graph, secret, window
from shared.channels.meta.split import Size, split, utf8_size
from shared.channels.outbound import OutboundMessage
from shared.conversation import handoff
from shared.platform.config import Settings
from shared.platform.errors import BadRequest, Unavailable
from shared.platform.services import Platform

LIMITS: dict[str, tuple[int, Size]] = {
    "whatsapp": (4096, len),
    "messenger": (1999, len),
    "instagram": (1000, utf8_size),
}
# A template body parameter: one line (WhatsApp refuses new lines, tabs and runs of spaces).
TEMPLATE_PARAM_LIMIT = 1024
SENT_PARTS = "meta_sent_parts"
WHATSAPP_TOKEN = "whatsapp-token"
PAGE_TOKEN = "meta-page-token"


def format(message: OutboundMessage) -> list[str]:
    limit, size = LIMITS[message.channel]
    return split(message.text, limit, size)


def suppressed(platform: Platform, message: OutboundMessage) -> str | None:
    """None while the window is open (or a WhatsApp template can reopen it); else escalate."""
    if window.is_open(platform, message.thread_id):
        return None
    if message.channel == "whatsapp" and platform.settings.whatsapp_template_name:
        return None
    reason = f"{message.channel}_window_closed"
    handoff.escalate(
        platform.store,
        message.thread_id,
        reason=reason,
        priority="normal",
        now=platform.clock.now(),
    )
    return reason


def send(platform: Platform, message: OutboundMessage, parts: list[str]) -> str:
    """Send every part not sent yet; returns the Graph message ids, comma-separated."""
    if message.channel == "whatsapp":
        path, token_name, payloads = _whatsapp(platform, message, parts)
    else:
        path, token_name = "me/messages", PAGE_TOKEN
        payloads = [
            {"recipient": {"id": message.to}, "messaging_type": "RESPONSE", "message": {"text": p}}
            for p in parts
        ]
    token = secret(platform.secrets, token_name)
    ids: list[str] = list((platform.store.get(SENT_PARTS, message.message_id) or {}).get("ids", []))
    for payload in payloads[len(ids) :]:
        answer = graph.post(platform.settings, path, token, payload)
        ids.append(_message_id(answer))
        platform.store.set(SENT_PARTS, message.message_id, {"ids": ids, "at": platform.clock.now()})
    return ",".join(ids)


def _whatsapp(
    platform: Platform, message: OutboundMessage, parts: list[str]
) -> tuple[str, str, list[dict[str, Any]]]:
    number = platform.settings.whatsapp_phone_number_id
    if not number:
        raise Unavailable("whatsapp_not_configured", "HIBACHI_WHATSAPP_PHONE_NUMBER_ID is not set")
    if window.is_open(platform, message.thread_id):
        contents = [{"type": "text", "text": {"body": part}} for part in parts]
    else:
        contents = [{"type": "template", "template": _template(platform.settings, message.text)}]
    head = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": message.to}
    return f"{number}/messages", WHATSAPP_TOKEN, [head | content for content in contents]


def _template(settings: Settings, text: str) -> dict[str, Any]:
    """The configured template, carrying the reply as its body parameter when it has one."""
    if not settings.whatsapp_template_name:
        raise BadRequest("whatsapp_window_closed", "no template is configured for a closed window")
    body: dict[str, Any] = {
        "name": settings.whatsapp_template_name,
        "language": {"code": settings.whatsapp_template_language},
    }
    if settings.whatsapp_template_has_body_param:
        [param, *_] = split(" ".join(text.split()), TEMPLATE_PARAM_LIMIT) or ["-"]
        body["components"] = [{"type": "body", "parameters": [{"type": "text", "text": param}]}]
    return body


def _message_id(answer: dict[str, Any]) -> str:
    """Messenger answers `message_id`; WhatsApp answers `messages[0].id`."""
    if answer.get("message_id"):
        return str(answer["message_id"])
    sent = answer.get("messages") or [{}]
    return str(sent[0].get("id", ""))
