"""A newsletter email: the body, the postal address, and one-click unsubscribe (RFC 8058).

`List-Unsubscribe` carries the https link and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` tells the mailbox provider it may POST to it without a
browser (Gmail and Yahoo require both of bulk senders). The footer repeats the link and
prints the business's postal address (CAN-SPAM). The Message-ID is derived from the send,
so a retried send carries the same id and receivers can drop a duplicate.
"""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from shared.channels.email.mime import LOCAL_FROM
from shared.platform.config import Settings
from shared.platform.errors import Conflict

ONE_CLICK = "List-Unsubscribe=One-Click"
# The unsubscribe URL is one long token: folded at 78 columns it would become RFC 2047
# encoded words, which no mailbox provider reads as a URL. 998 is RFC 5322's line limit.
POLICY = policy.default.clone(max_line_length=998)


def postal_address(settings: Settings) -> str:
    if not settings.business_postal_address:
        raise Conflict(
            "postal_address_missing",
            "set HIBACHI_BUSINESS_POSTAL_ADDRESS: every marketing email must carry it",
        )
    return settings.business_postal_address


def build(
    settings: Settings,
    *,
    to: str,
    subject: str,
    body: str,
    unsubscribe_url: str,
    send_id: str,
    now: datetime,
) -> EmailMessage:
    sender = settings.email_from_address or LOCAL_FROM
    mail = EmailMessage(policy=POLICY)
    mail["From"] = formataddr((settings.email_from_name, sender))
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = f"<{send_id}@{sender.rsplit('@', 1)[-1]}>"
    mail["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    mail["List-Unsubscribe-Post"] = ONE_CLICK
    footer = (
        f"You get this because you signed up for {settings.email_from_name} news.\n"
        f"Unsubscribe: {unsubscribe_url}\n{postal_address(settings)}"
    )
    mail.set_content(f"{body.strip()}\n\n-- \n{footer}\n")
    return mail
