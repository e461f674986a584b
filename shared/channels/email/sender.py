"""Email replies: one plain-text message per reply, sent over SMTP with TLS.

Locally nothing is sent: `record_locally` writes the exact message as an .eml file under
`<data_dir>/mail/`, so a developer can open what the customer would have received.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from shared.channels.email import mime, secret, smtp, threads
from shared.channels.outbound import OutboundMessage
from shared.platform.services import Platform

PASSWORD = "smtp-password"


def format(message: OutboundMessage) -> list[str]:
    return [message.text.strip()]


def suppressed(platform: Platform, message: OutboundMessage) -> str | None:
    return None  # email has no sending window


def compose(platform: Platform, message: OutboundMessage, parts: list[str]) -> EmailMessage:
    answered = threads.answered(platform.store, message.thread_id, message.message_id, message.to)
    body = "\n\n".join(parts)
    return mime.build(platform.settings, message, body, answered, platform.clock.now())


def send(platform: Platform, message: OutboundMessage, parts: list[str]) -> str:
    password = secret(platform.secrets, PASSWORD) if platform.settings.smtp_username else None
    mail = compose(platform, message, parts)
    smtp.deliver(platform.settings, password, mail)
    return str(mail["Message-ID"])


def local_path(platform: Platform, message: OutboundMessage) -> Path:
    return platform.settings.data_dir / "mail" / f"{message.message_id}.eml"


def record_locally(platform: Platform, message: OutboundMessage, parts: list[str]) -> None:
    path = local_path(platform, message)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(compose(platform, message, parts).as_bytes())
