"""What admin-cost-model takes and answers: the current cost model with every version, a
publish, a rollback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.analytics.costs import COST_MODELS, CostModel
from shared.platform.docstore import DocumentStore
from shared.platform.http import parse
from shared.platform.versioned import NotedVersion, RollbackRequest


class CostModelState(BaseModel):
    current: CostModel
    versions: list[NotedVersion] = Field(description="Newest first")


class PublishRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    costs: CostModel
    note: str = Field(min_length=1, max_length=500, description="Why; kept with the version")
    based_on: str | None = Field(
        default=None, description="The version this edit started from: 409 if another is current"
    )


class CostModelChange(RootModel[PublishRequest | RollbackRequest]):
    """A publish ({costs, note}) or a rollback ({version})."""


def change_of(body: Any) -> PublishRequest | RollbackRequest:
    """The body as one of the two, chosen by shape, so a bad field is named as sent."""
    if isinstance(body, dict) and "version" in body and "costs" not in body:
        return parse(RollbackRequest, body)
    return parse(PublishRequest, body)


def state(store: DocumentStore) -> CostModelState:
    return CostModelState(
        current=COST_MODELS.current(store), versions=COST_MODELS.noted_versions(store)
    )


def apply(
    store: DocumentStore,
    change: PublishRequest | RollbackRequest,
    *,
    actor: str,
    now: datetime,
) -> CostModelState:
    if isinstance(change, RollbackRequest):
        COST_MODELS.rollback(store, change.version, actor=actor, now=now, note=change.note)
    else:
        costs = change.costs.model_copy(update={"note": change.note})
        COST_MODELS.publish(
            store, costs, actor=actor, now=now, based_on=change.based_on, reason=change.note
        )
    return state(store)
