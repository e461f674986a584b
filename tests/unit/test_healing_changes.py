"""A proposal's change on a configuration: what is replayed is what gets published."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.ai.config.model import AIConfig, default_config
from shared.learning.healing.changes import candidate
from shared.learning.healing.records import Change, Replay


def test_exemplars_merge_without_duplicates_and_other_fields_stay() -> None:
    base = default_config().model_copy(update={"router_exemplars": {"distance": ["a trip"]}})
    change = Change(add_exemplars={"distance": ["a trip", "up the hill"], "menu": ["steak?"]})
    made = candidate(base, change, "heal-1", "why")
    assert made.router_exemplars == {"distance": ["a trip", "up the hill"], "menu": ["steak?"]}
    assert (made.version, made.note) == ("heal-1", "why")
    assert made.router_threshold == base.router_threshold
    assert made.house_rules == base.house_rules
    assert made.exemplars() == (
        ("menu", "steak?"),
        ("distance", "a trip"),
        ("distance", "up the hill"),
    )
    assert base.router_exemplars == {"distance": ["a trip"]}  # the current one is untouched


def test_threshold_change() -> None:
    made = candidate(default_config(), Change(router_threshold=0.41), "heal-2", "lower")
    assert made.router_threshold == 0.41
    assert made.router_exemplars == {}


def test_exemplars_must_name_router_agents() -> None:
    with pytest.raises(ValidationError, match="unknown agents chef"):
        candidate(default_config(), Change(add_exemplars={"chef": ["hi"]}), "heal-3", "x")
    data = default_config().model_dump() | {"router_exemplars": {"menu": [" "]}}
    with pytest.raises(ValidationError, match="1 to 500 characters"):
        AIConfig.model_validate(data)


@pytest.mark.parametrize(
    ("rate", "regressions", "offered"),
    [(1.0, 0, True), (0.9, 0, True), (0.89, 0, False), (1.0, 1, False)],
)
def test_offered_needs_ninety_percent_and_no_regression(
    rate: float, regressions: int, offered: bool
) -> None:
    assert Replay(pass_rate=rate, regressions=regressions).offered is offered
