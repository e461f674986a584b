"""admin-ai-config end to end: a published version drives the next chat turn (its trace
records the version), a rollback brings the old behaviour back, a weak role changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from shared.platform.clock import ManualClock
from tests.integration.conftest import Api

PATH = "/admin-ai-config"
QUESTION = "do you cook indoors?"  # the router is sure: knowledge


def later(api: Api) -> None:
    """A minute on, so versions and audit entries (newest first) have distinct times."""
    clock = api.platform.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(minutes=1))


def turn(api: Api, session: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """One web chat turn in a new thread: (the reply, its stored trace)."""
    status, reply = api.call("POST", "/chat", {"text": QUESTION, "session_id": session})
    assert status == 200, reply
    status, read = api.admin("GET", "/admin-conversations", {"thread_id": reply["thread_id"]})
    assert status == 200, read
    trace: dict[str, Any] = [m for m in read["messages"] if m["author"] == "ai"][-1]["trace"]
    return reply, trace


def edited(current: dict[str, Any], version: str) -> dict[str, Any]:
    """Route everything to the LLM (none configured: the turn stays with the front desk),
    and speak more briskly when handling complaints."""
    agents = current["agents"] | {"care": current["agents"]["care"] | {"tone": "brisk"}}
    return current | {"version": version, "router_threshold": 1.0, "agents": agents}


def test_publish_drives_the_next_turn_and_rollback_restores_it(api: Api) -> None:
    status, state = api.admin("GET", PATH)
    assert status == 200 and state["current"]["version"] == "default"
    before, trace = turn(api, "s-before")
    assert trace["config_version"] == "default" and not trace["route"]["unsure"]
    assert before["agent"] == "knowledge"

    change = {"config": edited(state["current"], "2026-12-02a"), "note": "LLM routes more"}
    later(api)
    status, state = api.admin("POST", PATH, change | {"based_on": "default"})
    assert status == 201, state
    assert [(v["version"], v["current"]) for v in state["versions"]] == [
        ("2026-12-02a", True),
        ("default", False),
    ]
    assert state["versions"][0]["note"] == "LLM routes more"
    after, trace = turn(api, "s-after")
    assert trace["config_version"] == "2026-12-02a" and trace["route"]["unsure"]
    assert after["agent"] == "lead"  # unsure, no earlier agent: the front desk answers

    status, diff = api.admin("GET", PATH, {"diff": "default,2026-12-02a"})
    assert status == 200 and [(c["field"], c["new"]) for c in diff["changes"]] == [
        ("agents.care.tone", "brisk"),
        ("router_threshold", 1.0),
    ]

    later(api)
    status, state = api.admin("POST", PATH, {"version": "default", "note": "back"})
    assert status == 200 and state["current"]["version"] == "default"
    again, trace = turn(api, "s-again")
    assert trace["config_version"] == "default" and not trace["route"]["unsure"]
    assert again["agent"] == before["agent"]

    status, log = api.admin("GET", "/admin-audit-log", {"entity": "ai_config"})
    assert [(e["action"], e["entity_id"], e["actor"]) for e in log["entries"]][:2] == [
        ("ai_config.rollback", "default", "tester"),
        ("ai_config.publish", "2026-12-02a", "tester"),
    ]


def test_a_weak_role_changes_nothing(api: Api) -> None:
    _, state = api.admin("GET", PATH)
    change = {"config": edited(state["current"], "2026-12-02b"), "note": "not mine to make"}
    for role in ("manager", "staff"):
        status, problem = api.admin("POST", PATH, change, role=role)
        assert status == 403, problem
        assert api.admin("GET", PATH, role=role)[0] == 403
    _, unchanged = api.admin("GET", PATH)
    assert unchanged == state
    _, log = api.admin("GET", "/admin-audit-log", {"entity": "ai_config"})
    assert [e["actor"] for e in log["entries"]] == ["seed"]


def test_bad_input_is_named_and_an_existing_version_is_409(api: Api) -> None:
    _, state = api.admin("GET", PATH)
    current = state["current"]
    agents = current["agents"] | {"lead": current["agents"]["lead"] | {"tools": ["teleport"]}}
    status, problem = api.admin(
        "POST", PATH, {"config": current | {"version": "x1", "agents": agents}, "note": "n"}
    )
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["config.agents.lead.tools"]
    status, problem = api.admin("POST", PATH, {"config": current, "note": "same name"})
    assert status == 409 and problem["code"] == "ai_config_version_exists"
    status, problem = api.admin("POST", PATH, {"version": "never-published"})
    assert status == 404 and problem["code"] == "unknown_ai_config"
    status, problem = api.admin("GET", PATH, {"diff": "default"})
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["diff"]
