"""Authenticate a request's credentials and authorise its roles."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from shared.auth import api_keys, tokens
from shared.platform.config import Settings
from shared.platform.docstore import DocumentStore
from shared.platform.errors import Forbidden, Unauthorized
from shared.platform.principal import Principal
from shared.platform.secrets import SecretStore

if TYPE_CHECKING:
    from werkzeug.datastructures import Headers


def authenticate(
    headers: Mapping[str, str] | Headers,
    *,
    store: DocumentStore,
    secrets: SecretStore,
    settings: Settings,
    now: datetime,
) -> Principal:
    """`Authorization: Bearer <jwt>` or `X-API-Key: <key>`; anything else is 401."""
    api_key = headers.get("X-API-Key")
    if api_key:
        return api_keys.verify(store, api_key.strip())
    scheme, _, credential = (headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise Unauthorized("missing_credentials", "send Authorization: Bearer <token>")
    key = secrets.get(tokens.SIGNING_KEY_SECRET)
    return tokens.verify(credential.strip(), key=key, settings=settings, now=now)


def authorize(principal: Principal, allowed: tuple[str, ...] | list[str]) -> None:
    if not principal.has_any(allowed):
        raise Forbidden(
            "insufficient_role",
            f"this needs one of the roles {', '.join(allowed)}",
        )
