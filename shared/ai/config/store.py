"""Published AI configurations: immutable versions plus a pointer to the current one.

Publishing creates a version, moves the pointer and writes the audit entry in one
transaction; a rollback only moves the pointer back to an earlier version (audited too), so
a turn's `config_version` always names the exact document it ran under
(shared.platform.versioned). A turn pays one small pointer read.
"""

from __future__ import annotations

from datetime import datetime

from shared.ai.config.model import AIConfig, default_config
from shared.platform.docstore import DocumentStore
from shared.platform.versioned import NotedVersion, VersionedDocuments

COLLECTION = "ai_configs"
AI_CONFIGS = VersionedDocuments(
    collection=COLLECTION,
    entity="ai_config",
    label="AI configuration",
    model=AIConfig,
    body="config",
    default=default_config,
    default_published=True,  # what turns ran under before anything was published
)


def get(store: DocumentStore, version: str) -> AIConfig:
    return AI_CONFIGS.get(store, version)


def current(store: DocumentStore) -> AIConfig:
    return AI_CONFIGS.current(store)


def publish(
    store: DocumentStore,
    config: AIConfig,
    *,
    actor: str,
    now: datetime,
    based_on: str | None = None,
) -> AIConfig:
    """Make `config` current (409 for a version that exists, or when `based_on` is no
    longer the current version: two owners editing at once cannot undo each other)."""
    return AI_CONFIGS.publish(
        store, config, actor=actor, now=now, based_on=based_on, reason=config.note or None
    )


def rollback(
    store: DocumentStore, version: str, *, actor: str, now: datetime, note: str | None = None
) -> AIConfig:
    """Make the published `version` current again. The shipped default counts as
    published even in a store seeded before it was stored."""
    return AI_CONFIGS.rollback(store, version, actor=actor, now=now, note=note)


def versions(store: DocumentStore) -> list[NotedVersion]:
    return AI_CONFIGS.noted_versions(store)


def seed(store: DocumentStore, now: datetime) -> str:
    return f"AI configuration {AI_CONFIGS.seed(store, now, reason=default_config().note or None)}"
