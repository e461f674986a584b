"""Published AI configurations: immutable versions plus a pointer to the current one.

Publishing creates a version, moves the pointer and writes the audit entry in one
transaction; a rollback only moves the pointer back to an earlier version (audited too), so
a turn's `config_version` always names the exact document it ran under. Versions are never
rewritten, which makes parsing each one once per process safe: a turn pays one small
pointer read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from shared.ai.config.model import DEFAULT_VERSION, AIConfig, default_config
from shared.platform import audit
from shared.platform.docstore import AlreadyExists, Direction, DocumentStore, Order, Transaction
from shared.platform.errors import Conflict, NotFoundError

COLLECTION = "ai_configs"
POINTER = ("_meta", "ai_config")

_parsed: dict[str, AIConfig] = {}  # versions are immutable, so parsing once is safe


class AIConfigVersion(BaseModel):
    version: str
    note: str
    published_at: datetime
    published_by: str
    current: bool = False


def _parse(version: str, data: dict[str, Any]) -> AIConfig:
    if version not in _parsed:
        _parsed[version] = AIConfig.model_validate(data["config"])
    return _parsed[version]


def get(store: DocumentStore, version: str) -> AIConfig:
    if version in _parsed:  # published versions are never rewritten or deleted
        return _parsed[version]
    data = store.get(COLLECTION, version)
    if data is None and version == DEFAULT_VERSION:
        return default_config()  # what turns ran under before anything was published
    if data is None:
        raise NotFoundError("unknown_ai_config", f"no AI configuration version {version!r}")
    return _parse(version, data)


def current(store: DocumentStore) -> AIConfig:
    pointer = store.get(*POINTER)
    if pointer is None:
        return default_config()
    return get(store, pointer["version"])


def _pointer_version(tx: Transaction) -> str | None:
    pointer = tx.get(*POINTER)
    return pointer["version"] if pointer else None


def publish(
    store: DocumentStore,
    config: AIConfig,
    *,
    actor: str,
    now: datetime,
    based_on: str | None = None,
) -> AIConfig:
    """Make `config` current. Its version must be new (409 otherwise); with `based_on` (the
    version the editor started from) a publish that someone else's overtook is a 409 too,
    so two owners editing at once cannot silently undo each other."""

    def attempt(tx: Transaction) -> None:
        before = _pointer_version(tx)
        if based_on is not None and based_on != (before or DEFAULT_VERSION):
            raise Conflict(
                "ai_config_changed",
                f"version {before} was published after {based_on}; review it and publish again",
            )
        if tx.get(COLLECTION, config.version) is not None:
            raise Conflict("ai_config_version_exists", f"version {config.version} already exists")
        tx.create(
            COLLECTION,
            config.version,
            {"config": config.model_dump(mode="json"), "published_at": now, "published_by": actor},
        )
        tx.set(*POINTER, {"version": config.version})
        audit.record(
            tx,
            actor=actor,
            action="ai_config.publish",
            entity="ai_config",
            entity_id=config.version,
            now=now,
            before={"version": before} if before else None,
            after={"version": config.version},
            reason=config.note or None,
        )

    try:
        store.run_transaction(attempt)
    except AlreadyExists as exc:
        raise Conflict("ai_config_version_exists", str(exc)) from exc
    return config


def rollback(
    store: DocumentStore, version: str, *, actor: str, now: datetime, note: str | None = None
) -> AIConfig:
    """Make the published `version` current again (the pointer moves; nothing is copied).
    The shipped default counts as published even in a store seeded before it was stored."""

    def attempt(tx: Transaction) -> None:
        before = _pointer_version(tx)
        if tx.get(COLLECTION, version) is None and version != DEFAULT_VERSION:
            raise NotFoundError("unknown_ai_config", f"no AI configuration version {version!r}")
        if (before or DEFAULT_VERSION) == version:
            raise Conflict("ai_config_already_current", f"version {version} is already current")
        tx.set(*POINTER, {"version": version})
        audit.record(
            tx,
            actor=actor,
            action="ai_config.rollback",
            entity="ai_config",
            entity_id=version,
            now=now,
            before={"version": before} if before else None,
            after={"version": version},
            reason=note,
        )

    store.run_transaction(attempt)
    return get(store, version)


def versions(store: DocumentStore) -> list[AIConfigVersion]:
    pointer = store.get(*POINTER) or {}
    docs = store.query(COLLECTION, order_by=[Order("published_at", Direction.DESC)])
    return [
        AIConfigVersion(
            version=d.id,
            note=d.data["config"].get("note", ""),
            published_at=d.data["published_at"],
            published_by=d.data["published_by"],
            current=d.id == pointer.get("version"),
        )
        for d in docs
    ]


def seed(store: DocumentStore, now: datetime) -> str:
    if store.get(*POINTER) is None:
        publish(store, default_config(), actor="seed", now=now)
    return f"AI configuration {current(store).version}"
