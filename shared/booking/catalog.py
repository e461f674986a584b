"""Chefs as stored documents, and their conversion to availability inputs (markets are
pricing's: see `shared.pricing.markets`).

Admin edits (hours, days off, blackouts) are plain document writes with an audit entry,
so availability reflects them on the very next query.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator, model_validator

from shared.booking.availability import ChefSchedule, WeeklyHours
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import NotFoundError
from shared.platform.ids import new_id
from shared.pricing.markets import market

CHEFS = "chefs"


def _naive(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("give a local wall-clock time, without a UTC offset")
    return value


# A time of day in the market's own zone: an offset would contradict that zone.
WallTime = Annotated[time, AfterValidator(_naive)]

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS: dict[Weekday, tuple[time, time] | None] = {
    day: (None if day == "mon" else (time(11), time(22))) for day in WEEKDAYS
}


WeeklySchedule = dict[Weekday, tuple[WallTime, WallTime] | None]


def _ordered_hours(value: WeeklySchedule) -> WeeklySchedule:
    for day, span in value.items():
        if span is not None and span[0] >= span[1]:
            raise ValueError(f"{day}: start must be before end")
    return value


class Chef(BaseModel):
    id: str
    name: str = Field(min_length=1, max_length=80)
    market: str
    active: bool = True
    hours: Annotated[WeeklySchedule, AfterValidator(_ordered_hours)] = Field(
        default_factory=lambda: dict(DEFAULT_HOURS),
        description="Working hours per weekday, local time; null = not working that day",
    )
    days_off: list[date] = Field(default_factory=list)
    blackouts: list[date] = Field(default_factory=list)

    @field_validator("hours")
    @classmethod
    def _all_days(cls, value: WeeklySchedule) -> WeeklySchedule:
        return {day: value.get(day) for day in WEEKDAYS}

    def schedule(self) -> ChefSchedule:
        return ChefSchedule(
            chef_id=self.id,
            hours=WeeklyHours(tuple(self.hours.get(day) for day in WEEKDAYS)),
            days_off=frozenset(self.days_off),
            blackouts=frozenset(self.blackouts),
        )


class ChefChanges(BaseModel):
    """A partial update: only the fields given change."""

    model_config = {"extra": "forbid"}

    name: str | None = Field(default=None, min_length=1, max_length=80)
    active: bool | None = None
    hours: Annotated[WeeklySchedule, AfterValidator(_ordered_hours)] | None = Field(
        default=None, description="Weekdays given replace those days; others stay as they are"
    )
    days_off: list[date] | None = None
    blackouts: list[date] | None = None

    @model_validator(mode="after")
    def _something(self) -> ChefChanges:
        if not self.model_fields_set:
            raise ValueError("give at least one field to change")
        return self


def _dump(model: BaseModel, exclude: set[str]) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude=exclude)


# -- chefs -----------------------------------------------------------------------------


def _chef(doc_id: str, data: dict[str, Any]) -> Chef:
    return Chef.model_validate(data | {"id": doc_id})


def chefs(
    store: DocumentStore, market_id: str | None = None, active_only: bool = True
) -> list[Chef]:
    filters = [Filter.eq("market", market_id)] if market_id else []
    found = [_chef(d.id, d.data) for d in store.query(CHEFS, filters)]
    return [c for c in found if c.active or not active_only]


def get_chef(store: DocumentStore, chef_id: str) -> Chef:
    data = store.get(CHEFS, chef_id)
    if data is None:
        raise NotFoundError("unknown_chef", f"no chef {chef_id!r}")
    return _chef(chef_id, data)


def create_chef(
    store: DocumentStore, *, name: str, market_id: str, actor: str, now: datetime
) -> Chef:
    market(store, market_id)  # 422 on an unknown market
    chef = Chef(id=new_id("chef"), name=name, market=market_id)

    def attempt(tx: Transaction) -> None:
        tx.create(CHEFS, chef.id, _dump(chef, {"id"}))
        audit.record(
            tx,
            actor=actor,
            action="chef.create",
            entity="chef",
            entity_id=chef.id,
            now=now,
            after=_dump(chef, set()),
        )

    store.run_transaction(attempt)
    return chef


def update_chef(
    store: DocumentStore, chef_id: str, changes: ChefChanges, *, actor: str, now: datetime
) -> Chef:
    def attempt(tx: Transaction) -> Chef:
        data = tx.get(CHEFS, chef_id)
        if data is None:
            raise NotFoundError("unknown_chef", f"no chef {chef_id!r}")
        before = _chef(chef_id, data)
        update = changes.model_dump(exclude_unset=True)
        if changes.hours is not None:
            update["hours"] = before.hours | changes.hours
        after = before.model_copy(update=update)
        after = Chef.model_validate(after.model_dump())  # re-run the field checks
        tx.set(CHEFS, chef_id, _dump(after, {"id"}))
        audit.record(
            tx,
            actor=actor,
            action="chef.update",
            entity="chef",
            entity_id=chef_id,
            now=now,
            before=_dump(before, set()),
            after=_dump(after, set()),
        )
        return after

    return store.run_transaction(attempt)


# -- seed ------------------------------------------------------------------------------

SEED_CHEFS = {
    "sacramento": ("Kenji Sato", "Maria Lopez", "Dave Chen"),
    "la": ("Hiro Tanaka", "Ana Ruiz", "Sam Park"),
    "miami": ("Luis Garcia", "Yuki Mori", "Tom Reyes"),
}


def seed(store: DocumentStore, now: datetime) -> str:
    """Three chefs in each seeded market (pricing seeds the markets)."""
    batch = store.batch()
    for market_id, names in SEED_CHEFS.items():
        for i, name in enumerate(names, start=1):
            chef = Chef(id=f"{market_id}-chef-{i}", name=name, market=market_id)
            batch.set(CHEFS, chef.id, _dump(chef, {"id"}))
    batch.commit()
    return f"{sum(map(len, SEED_CHEFS.values()))} chefs"
