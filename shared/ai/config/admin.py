"""What admin-ai-config takes and answers: the current configuration with every version,
a diff of two versions, a publish, a rollback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.ai.config import store as ai_configs
from shared.ai.config.diff import ConfigDiff, diff
from shared.ai.config.model import AIConfig
from shared.platform.docstore import DocumentStore
from shared.platform.http import parse
from shared.platform.versioned import NotedVersion, RollbackRequest


class AIConfigState(BaseModel):
    current: AIConfig
    versions: list[NotedVersion] = Field(description="Newest first")


class AIConfigQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    diff: str | None = Field(
        default=None,
        pattern=r"^[^,]+,[^,]+$",
        description="Two versions, `a,b`: what changed from a to b",
    )


class PublishRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    config: AIConfig
    note: str = Field(min_length=1, max_length=500, description="Why; kept with the version")
    based_on: str | None = Field(
        default=None, description="The version this edit started from: 409 if another is current"
    )


class AIConfigChange(RootModel[PublishRequest | RollbackRequest]):
    """A publish ({config, note}) or a rollback ({version})."""


def change_of(body: Any) -> PublishRequest | RollbackRequest:
    """The body as one of the two, chosen by shape, so a bad field is named as sent (a
    union's errors would be prefixed with the branch tried)."""
    if isinstance(body, dict) and "version" in body and "config" not in body:
        return parse(RollbackRequest, body)
    return parse(PublishRequest, body)


def state(store: DocumentStore) -> AIConfigState:
    return AIConfigState(current=ai_configs.current(store), versions=ai_configs.versions(store))


def read(store: DocumentStore, query: AIConfigQuery) -> AIConfigState | ConfigDiff:
    if query.diff is None:
        return state(store)
    a, b = (v.strip() for v in query.diff.split(","))
    return diff(ai_configs.get(store, a), ai_configs.get(store, b))


def apply(
    store: DocumentStore,
    change: PublishRequest | RollbackRequest,
    *,
    actor: str,
    now: datetime,
) -> AIConfigState:
    if isinstance(change, RollbackRequest):
        ai_configs.rollback(store, change.version, actor=actor, now=now, note=change.note)
    else:
        config = change.config.model_copy(update={"note": change.note})
        ai_configs.publish(store, config, actor=actor, now=now, based_on=change.based_on)
    return state(store)
