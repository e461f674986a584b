"""The reply as a MIME message: plain text with a signature, threaded under the customer's email.

"Re: <subject>" with In-Reply-To and References lets every mail client file the reply in
the customer's conversation. The Message-ID is derived from the stored reply, so a retried
send carries the same id and receivers can drop the duplicate. Auto-Submitted (RFC 3834)
tells the customer's auto-responders not to answer an automatic reply.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from shared.channels.email.text import normalise_subject
from shared.channels.email.threads import MailHeaders
from shared.channels.outbound import OutboundMessage
from shared.platform.config import Settings

NEW_SUBJECT = "Your MyHibachi enquiry"
LOCAL_FROM = "myhibachi@localhost"  # locally, when no sender address is configured


def subject_for(message: OutboundMessage, answered: MailHeaders | None) -> str:
    original = normalise_subject(message.subject or (answered.subject if answered else ""))
    return f"Re: {original}" if original else NEW_SUBJECT


def build(
    settings: Settings,
    message: OutboundMessage,
    body: str,
    answered: MailHeaders | None,
    now: datetime,
) -> EmailMessage:
    sender = settings.email_from_address or LOCAL_FROM
    mail = EmailMessage()
    mail["From"] = formataddr((settings.email_from_name, sender))
    mail["To"] = message.to
    mail["Subject"] = subject_for(message, answered)
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = f"<{message.message_id}@{sender.rsplit('@', 1)[-1]}>"
    if answered is not None:
        mail["In-Reply-To"] = answered.message_id
        mail["References"] = " ".join([*answered.references, answered.message_id])
    mail["Auto-Submitted"] = "auto-replied"
    mail.set_content(f"{body.strip()}\n\n-- \n{settings.email_signature}\n")
    return mail
