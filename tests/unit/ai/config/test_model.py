"""The AI configuration document: validation names the field, the default is today's values,
and a diff says which agent's prompt, tone or tools and which thresholds changed."""

from __future__ import annotations

from typing import Any

import pytest

from shared.ai.agents import HOUSE_RULES, default_agents
from shared.ai.config.admin import PublishRequest, RollbackRequest, change_of
from shared.ai.config.diff import diff
from shared.ai.config.gates import DEFAULT_THRESHOLDS
from shared.ai.config.model import CACHE_THRESHOLD, ROUTER_THRESHOLD, AIConfig, default_config
from shared.ai.router.model import AGENTS
from shared.ai.tools.business import ALL_TOOLS
from shared.platform.errors import ValidationFailed


def doc(**changes: Any) -> dict[str, Any]:
    """The shipped default as JSON, as an admin screen would send it back edited."""
    return default_config().model_dump(mode="json") | {"version": "v-test"} | changes


def fields_of(body: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failed:
        change_of(body)
    return {e.field: e.message for e in failed.value.errors}


def test_the_shipped_default_is_todays_values() -> None:
    config = default_config()
    assert config.house_rules == HOUSE_RULES
    assert config.agents == default_agents() and set(config.agents) == set(AGENTS)
    assert config.agent("allergen").tone == "careful, caring and precise"
    assert (config.router_threshold, config.cache_threshold) == (ROUTER_THRESHOLD, CACHE_THRESHOLD)
    assert config.learning.thresholds == DEFAULT_THRESHOLDS
    assert all(set(a.tools) <= set(ALL_TOOLS) for a in config.agents.values())


def test_an_unknown_agent_name_speaks_as_the_front_desk() -> None:
    assert default_config().agent("sales") == default_config().agents["lead"]


def test_an_unknown_tool_is_named_with_its_field() -> None:
    agents = doc()["agents"]
    agents["care"]["tools"] = ["get_booking_status", "refund_everything"]
    errors = fields_of({"config": doc(agents=agents), "note": "n"})
    assert list(errors) == ["config.agents.care.tools"]
    assert "refund_everything" in errors["config.agents.care.tools"]


@pytest.mark.parametrize("prompt", ["", "   "])
def test_an_empty_prompt_is_refused(prompt: str) -> None:
    agents = doc()["agents"]
    agents["menu"]["instructions"] = prompt
    assert list(fields_of({"config": doc(agents=agents), "note": "n"})) == [
        "config.agents.menu.instructions"
    ]


def test_every_routed_agent_is_required_and_no_other() -> None:
    agents = doc()["agents"]
    agents["sales"] = agents.pop("distance")
    errors = fields_of({"config": doc(agents=agents), "note": "n"})
    assert list(errors) == ["config.agents"]
    assert (
        "missing distance" in errors["config.agents"] and "unknown sales" in errors["config.agents"]
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("router_threshold", 1.2), ("router_threshold", -0.1), ("cache_threshold", 0.3)],
)
def test_thresholds_out_of_range_are_refused(field: str, value: float) -> None:
    assert list(fields_of({"config": doc(**{field: value}), "note": "n"})) == [f"config.{field}"]


def test_a_gate_row_out_of_range_names_its_path() -> None:
    learning = doc()["learning"]
    learning["thresholds"]["sms"]["accuracy"] = 1.5
    errors = fields_of({"config": doc(learning=learning), "note": "n"})
    assert list(errors) == ["config.learning.thresholds.sms.accuracy"]


def test_a_publish_needs_a_note_and_a_rollback_only_a_version() -> None:
    assert list(fields_of({"config": doc()})) == ["note"]
    assert isinstance(change_of({"config": doc(), "note": "why"}), PublishRequest)
    assert change_of({"version": "v1"}) == RollbackRequest(version="v1")
    assert list(fields_of({"version": "not a version!"})) == ["version"]


def test_a_diff_names_each_changed_field_with_old_and_new() -> None:
    before = default_config()
    agents = doc()["agents"]
    agents["care"]["tone"] = "brisk"
    agents["lead"]["tools"] = ["search_knowledge"]
    learning = doc()["learning"]
    learning["thresholds"]["web"]["samples"] = 50
    after = AIConfig.model_validate(
        doc(agents=agents, router_threshold=0.7, learning=learning, note="other")
    )
    found = diff(before, after).model_dump(mode="json")
    assert (found["a"], found["b"]) == ("default", "v-test")
    assert found["changes"] == [
        {"field": "agents.care.tone", "old": before.agents["care"].tone, "new": "brisk"},
        {
            "field": "agents.lead.tools",
            "old": before.agents["lead"].tools,
            "new": ["search_knowledge"],
        },
        {"field": "learning.thresholds.web.samples", "old": 20_000, "new": 50},
        {"field": "router_threshold", "old": ROUTER_THRESHOLD, "new": 0.7},
    ]


def test_versions_that_behave_alike_have_an_empty_diff() -> None:
    same = AIConfig.model_validate(doc(note="a relabelled copy"))
    assert diff(default_config(), same).changes == []
