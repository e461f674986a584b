"""Reading mail headers: addresses with display names, Message-IDs, automatic-mail markers."""

from __future__ import annotations

import re
from email.message import Message
from email.parser import HeaderParser
from email.policy import default

from shared.customers.identity import normalise_email

_MSGID = re.compile(r"<[^<>\s]+>")
_ROBOTS = {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"}


def sender(from_header: str) -> tuple[str | None, str]:
    """(display name, normalised address) of a From header; 422 when it holds no address."""
    parsed = default.header_factory("from", from_header)
    addresses = getattr(parsed, "addresses", ())
    address = addresses[0].addr_spec if addresses else from_header
    name = addresses[0].display_name if addresses else ""
    return (name or None), normalise_email(address, "from")


def parse_block(block: str | None) -> Message:
    """A raw header block (as SendGrid posts it) as a message with headers only."""
    return HeaderParser(policy=default).parsestr(block or "", headersonly=True)


def message_ids(value: str | list[str] | None) -> list[str]:
    """The `<id@host>` tokens of a Message-ID, In-Reply-To or References value, in order."""
    joined = " ".join(value) if isinstance(value, list) else (value or "")
    found = _MSGID.findall(joined)
    if not found and joined.strip():  # a bare id without angle brackets
        found = [f"<{token}>" for token in joined.split() if "@" in token]
    return found


def automatic(address: str, headers: Message) -> bool:
    """Bounces, auto-replies and bulk mail: answering them would start a mail loop."""
    if address.split("@", 1)[0] in _ROBOTS:
        return True
    auto = str(headers.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(headers.get("Precedence", "")).strip().lower()
    return (
        auto != "no"
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or "X-Autoreply" in headers
        or "X-Autorespond" in headers
    )
