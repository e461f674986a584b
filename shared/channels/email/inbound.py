"""Accept one inbound email: the sender's new text goes to the AI in the sender's thread.

The conversation thread is the sender's address (see `threads` for how replies still thread
under each email's subject). An email that starts a conversation (not a reply) carries its
subject as the first line, since customers often ask there. Bounces and auto-replies are
acknowledged and dropped: answering them would start a mail loop.
"""

from __future__ import annotations

from typing import Any

from shared.ai.inbound import InboundEvent
from shared.channels.email import headers as mailheaders
from shared.channels.email.models import EmailAck, InboundEmail
from shared.channels.email.text import html_to_text, normalise_subject, reply_text
from shared.channels.email.threads import MailHeaders, save
from shared.channels.inbound import accept
from shared.conversation.store import thread_id_for
from shared.platform.ids import stable_id
from shared.platform.services import Platform

_TEXT_LIMIT = 8000  # InboundEvent.text
_RAW_LIMIT = 100_000  # per body kept in the raw record (a document holds 1 MiB)


def receive(platform: Platform, mail: InboundEmail) -> EmailAck:
    name, address = mailheaders.sender(mail.sender)
    block = mailheaders.parse_block(mail.headers)
    ours = (platform.settings.email_from_address or "").lower()
    if address == ours or mailheaders.automatic(address, block):
        return EmailAck(accepted=False, reason="auto_reply")
    subject = normalise_subject(mail.subject or str(block.get("Subject", "")))
    message_id = _first_id(mail.message_id, block.get("Message-ID")) or _derived_id(address, mail)
    in_reply_to = _first_id(mail.in_reply_to, block.get("In-Reply-To"))
    references = mailheaders.message_ids(mail.references or str(block.get("References", "")))
    text = reply_text(mail.text if mail.text.strip() else html_to_text(mail.html))
    if subject and in_reply_to is None and not references:  # it starts a conversation
        text = f"{subject}\n\n{text}".strip()
    if not text:
        return EmailAck(accepted=False, reason="empty")
    save(
        platform.store,
        MailHeaders(
            address=address,
            subject=subject,
            message_id=message_id,
            references=references or ([in_reply_to] if in_reply_to else []),
            to=mail.to,
            received_at=platform.clock.now(),
        ),
    )
    event = InboundEvent(
        channel="email",
        sender=address,
        text=text[:_TEXT_LIMIT],
        provider_message_id=message_id,
        name=name,
    )
    accepted = accept(platform, event, _raw(mail))
    return EmailAck(
        accepted=accepted,
        reason=None if accepted else "duplicate",
        thread_id=thread_id_for("email", address),
    )


def _first_id(*values: Any) -> str | None:
    """The first Message-ID among the given header values."""
    for value in values:
        found = mailheaders.message_ids(str(value) if value else None)
        if found:
            return found[0]
    return None


def _derived_id(address: str, mail: InboundEmail) -> str:
    """A stable stand-in for a missing Message-ID, so a redelivery is still recognised."""
    return f"<{stable_id(address, mail.subject, mail.text, mail.html)}@inbound.invalid>"


def _raw(mail: InboundEmail) -> dict[str, Any]:
    data = mail.model_dump(by_alias=True, exclude_none=True)
    return {k: v[:_RAW_LIMIT] if isinstance(v, str) else v for k, v in data.items()}
