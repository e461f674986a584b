"""Customer access tokens: a signed JWT naming one booking, given once at creation."""

from __future__ import annotations

from datetime import datetime

import jwt

from shared.platform.errors import Forbidden, Unauthorized

SECRET = "jwt-signing-key"  # the signing key's name in the secret store
AUDIENCE = "myhibachi-booking"
HEADER = "X-Booking-Token"


def issue(booking_id: str, *, key: str, now: datetime) -> str:
    return jwt.encode(
        {"sub": booking_id, "aud": AUDIENCE, "iat": int(now.timestamp())}, key, algorithm="HS256"
    )


def verify(token: str | None, booking_id: str, *, key: str) -> None:
    """The token must be ours and name exactly this booking."""
    if not token:
        raise Unauthorized("missing_booking_token", f"send the booking's token in {HEADER}")
    try:
        # Booking tokens do not expire; `iat` is informational, so no wall-clock check.
        claims = jwt.decode(
            token, key, algorithms=["HS256"], audience=AUDIENCE, options={"verify_iat": False}
        )
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("invalid_booking_token", "the booking token is not valid") from exc
    if claims.get("sub") != booking_id:
        raise Forbidden("wrong_booking", "this token belongs to another booking")
