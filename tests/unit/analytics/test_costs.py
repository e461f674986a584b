"""The cost model: the business's numbers as defaults, what the SQL receives, what a
publish or rollback request may say, and the versions `cost_admin` keeps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.analytics import profitability
from shared.analytics.cost_admin import PublishRequest, apply, change_of, state
from shared.analytics.costs import COST_MODELS, CostModel
from shared.analytics.query import ReportQuery, filters
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.errors import Conflict, NotFoundError, ValidationFailed
from shared.platform.versioned import RollbackRequest

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDocumentStore]:
    db = SqliteDocumentStore(tmp_path / "docs.db")
    yield db
    db.close()


def test_the_defaults_are_the_businesss_numbers() -> None:
    costs = CostModel()
    assert costs.version == "default"
    assert (costs.chef_cents, costs.equipment_cents) == (30_000, 5_000)
    assert (costs.upgrade_cost_bps, costs.travel_cost_bps, costs.addon_cost_bps) == (
        3_500,
        4_000,
        3_000,
    )
    assert (costs.overhead_bps, costs.low_margin_bps) == (1_500, 2_000)


def test_the_sql_takes_exactly_the_cost_parameters() -> None:
    used = set(re.findall(r"\{p:([a-z_]+)\}", profitability._BOOKINGS + profitability._MONTHS))
    query = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30"})
    assert used == set(CostModel().sql_params()) | set(filters(query))
    assert all(isinstance(v, int) for v in CostModel().sql_params().values())
    assert "version" not in CostModel().sql_params()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("chef_cents", -1),
        ("chef_cents", 300.5),
        ("overhead_bps", 10_001),
        ("upgrade_cost_bps", -5),
        ("version", "no spaces allowed"),
        ("version", ""),
        ("surprise", 1),
    ],
)
def test_a_bad_number_is_refused_naming_its_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as bad:
        CostModel.model_validate({field: value})
    assert [e["loc"] for e in bad.value.errors()] == [(field,)]


def test_a_request_is_a_publish_or_a_rollback_by_its_shape() -> None:
    rollback = change_of({"version": "default", "note": "undo"})
    assert rollback == RollbackRequest(version="default", note="undo")
    publish = change_of({"costs": {"version": "v2", "chef_cents": 32_000}, "note": "raise"})
    assert isinstance(publish, PublishRequest) and publish.costs.chef_cents == 32_000
    for body, field in (
        ({"costs": {"version": "v2"}}, "note"),  # a publish says why
        ({"costs": {"version": "v2", "chef_cents": -1}, "note": "x"}, "costs.chef_cents"),
        ({"costs": {"version": "v2"}, "note": "x", "version": "v1"}, "version"),
        ({"version": "bad version"}, "version"),
        ([], ""),  # not an object: the body itself
    ):
        with pytest.raises(ValidationFailed) as refused:
            change_of(body)
        assert [e.field for e in refused.value.errors] == [field], body


def test_publish_keeps_the_note_and_rollback_restores_the_default(
    store: SqliteDocumentStore,
) -> None:
    assert state(store).current == CostModel() and state(store).versions == []
    published = apply(
        store,
        PublishRequest(costs=CostModel(version="unit-v2", chef_cents=35_000), note="chefs' raise"),
        actor="owner",
        now=T0,
    )
    assert published.current == CostModel(version="unit-v2", chef_cents=35_000, note="chefs' raise")
    assert [(v.version, v.note, v.current) for v in published.versions] == [
        ("unit-v2", "chefs' raise", True)
    ]
    assert COST_MODELS.current(store).chef_cents == 35_000
    back = apply(
        store, RollbackRequest(version="default"), actor="owner", now=T0 + timedelta(minutes=1)
    )
    assert back.current == CostModel()
    assert [(v.version, v.current) for v in back.versions] == [("unit-v2", False)]


def test_stale_edits_unknown_versions_and_repeats_are_refused(store: SqliteDocumentStore) -> None:
    change = PublishRequest(costs=CostModel(version="unit-v3"), note="n", based_on="default")
    apply(store, change, actor="a", now=T0)
    with pytest.raises(Conflict) as stale:  # started from default, but unit-v3 is current now
        apply(
            store,
            change.model_copy(update={"costs": CostModel(version="unit-v4")}),
            actor="b",
            now=T0,
        )
    assert stale.value.code == "cost_model_changed"
    with pytest.raises(Conflict) as again:
        apply(
            store, PublishRequest(costs=CostModel(version="unit-v3"), note="n"), actor="a", now=T0
        )
    assert again.value.code == "cost_model_version_exists"
    with pytest.raises(NotFoundError) as unknown:
        apply(store, RollbackRequest(version="never"), actor="a", now=T0)
    assert unknown.value.code == "unknown_cost_model"
