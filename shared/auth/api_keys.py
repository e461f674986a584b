"""Service API keys: shown once at creation, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from shared.platform.docstore import DocumentStore
from shared.platform.errors import Unauthorized
from shared.platform.principal import Principal, Role

COLLECTION = "api_keys"
PREFIX = "hk_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(store: DocumentStore, *, name: str, roles: list[Role], now: datetime) -> str:
    """Create a key and return it; only its hash is kept, so it cannot be shown again."""
    key = PREFIX + secrets.token_urlsafe(32)
    store.create(
        COLLECTION,
        _digest(key),
        {"name": name, "roles": list(roles), "created_at": now, "revoked": False},
    )
    return key


def revoke(store: DocumentStore, key: str) -> None:
    store.update(COLLECTION, _digest(key), {"revoked": True})


def verify(store: DocumentStore, key: str) -> Principal:
    record = store.get(COLLECTION, _digest(key)) if key.startswith(PREFIX) else None
    if record is None or record.get("revoked"):
        raise Unauthorized("invalid_api_key", "API key is unknown or revoked")
    return Principal(
        subject=f"apikey:{record['name']}",
        roles=record["roles"],
        kind="service",
        name=record["name"],
    )
