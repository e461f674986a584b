"""Staff actions on chefs: list, create, and change hours, days off and blackouts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.booking import catalog
from shared.booking.catalog import Chef, ChefChanges
from shared.platform.http import HttpCall
from shared.platform.services import Platform


class ChefQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    market: str | None = None
    include_inactive: bool = False


class ChefList(BaseModel):
    chefs: list[Chef]


class CreateChef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["create"]
    name: str = Field(min_length=1, max_length=80)
    market: str


class UpdateChef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["update"]
    chef_id: str
    changes: ChefChanges


class ChefAction(RootModel[Annotated[CreateChef | UpdateChef, Field(discriminator="action")]]):
    """One of the actions, chosen by its `action` field."""


def list_chefs(call: HttpCall) -> ChefList:
    query = call.query(ChefQuery)
    found = catalog.chefs(call.platform.store, query.market, not query.include_inactive)
    return ChefList(chefs=sorted(found, key=lambda c: (c.market, c.name)))


def apply(platform: Platform, action: CreateChef | UpdateChef, actor: str) -> Chef:
    now = platform.clock.now()
    if isinstance(action, CreateChef):
        return catalog.create_chef(
            platform.store, name=action.name, market_id=action.market, actor=actor, now=now
        )
    return catalog.update_chef(platform.store, action.chef_id, action.changes, actor=actor, now=now)
