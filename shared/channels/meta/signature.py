"""Meta's two proofs: the subscription handshake and the signature on every delivery.

GET: Meta sends `hub.mode=subscribe`, our `hub.verify_token` and a `hub.challenge` to echo.
POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed by the app
secret>`; the HMAC is over the bytes exactly as received, so it is checked before parsing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from shared.channels.meta import secret
from shared.platform.errors import Forbidden, Unauthorized
from shared.platform.secrets import SecretStore

APP_SECRET = "meta-app-secret"
VERIFY_TOKEN = "meta-verify-token"
SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def challenge(secrets: SecretStore, params: Mapping[str, str]) -> str:
    """The challenge to echo when the handshake carries our verify token; else 403."""
    expected = secret(secrets, VERIFY_TOKEN).encode()
    given = params.get("hub.verify_token", "").encode()
    if params.get("hub.mode") != "subscribe" or not hmac.compare_digest(given, expected):
        raise Forbidden("verification_failed", "unknown verify token or mode")
    return params.get("hub.challenge", "")


def verify(secrets: SecretStore, body: bytes, header: str | None) -> None:
    """Raise 401 without a signature and 403 with a wrong one; return when it matches."""
    if not header or not header.startswith(_PREFIX):
        raise Unauthorized("signature_missing", f"{SIGNATURE_HEADER} is required")
    key = secret(secrets, APP_SECRET).encode()
    expected = hmac.new(key, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(header[len(_PREFIX) :].strip().lower().encode(), expected.encode()):
        raise Forbidden("signature_mismatch", f"{SIGNATURE_HEADER} does not match the body")
