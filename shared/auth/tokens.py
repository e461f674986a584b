"""Admin bearer tokens: JWTs signed with the `jwt-signing-key` secret (HS256 by default)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import jwt
from pydantic import ValidationError

from shared.platform.config import Settings
from shared.platform.errors import Unauthorized
from shared.platform.principal import Principal, Role

SIGNING_KEY_SECRET = "jwt-signing-key"
CLOCK_SKEW_S = 60


def mint(
    *,
    subject: str,
    roles: list[Role],
    key: str,
    settings: Settings,
    now: datetime,
    ttl: timedelta = timedelta(hours=8),
    name: str | None = None,
) -> str:
    claims: dict[str, Any] = {
        "sub": subject,
        "roles": list(roles),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
    }
    if name:
        claims["name"] = name
    return jwt.encode(claims, key, algorithm=settings.jwt_algorithm)


def verify(token: str, *, key: str, settings: Settings, now: datetime) -> Principal:
    """Decode and check signature, issuer, audience and expiry against the injected clock."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={
                "require": ["exp", "sub", "iat"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("invalid_token", f"bearer token rejected: {exc}") from exc
    # Time claims are checked here, against the injected clock, so tests can move time.
    instant = int(now.timestamp())
    if int(claims["exp"]) <= instant:
        raise Unauthorized("token_expired", "bearer token has expired")
    if int(claims.get("nbf", claims["iat"])) > instant + CLOCK_SKEW_S:
        raise Unauthorized("invalid_token", "bearer token is not valid yet")
    try:
        return Principal(
            subject=claims["sub"], roles=claims.get("roles", []), name=claims.get("name")
        )
    except ValidationError as exc:
        raise Unauthorized("invalid_token", "bearer token carries unknown roles") from exc
