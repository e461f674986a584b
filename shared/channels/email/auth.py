"""Who may post inbound mail: callers holding secret `email-inbound-token`.

The token travels in the Authorization header, never in the URL (URLs land in access logs):
`Bearer <token>`, or Basic with the token as password for providers that only take a URL
(`https://inbound:<token>@host/email-inbound` becomes a Basic header). Compared in constant
time; anything else is 401.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from shared.channels.email import secret
from shared.platform.errors import Unauthorized
from shared.platform.secrets import SecretStore

TOKEN = "email-inbound-token"


def check(secrets: SecretStore, authorization: str | None) -> None:
    expected = secret(secrets, TOKEN).encode()
    given = _credential(authorization or "")
    if given is None or not hmac.compare_digest(given.encode(), expected):
        raise Unauthorized("invalid_token", "send the inbound-mail token as a Bearer token")


def _credential(header: str) -> str | None:
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None
