"""The router end to end on the real model: routes, calibrated scores, the LLM hook."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from shared.ai.router import AGENTS, IntentRouter, Route

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def router() -> IntentRouter:
    return IntentRouter()


def test_a_route_has_every_field(router: IntentRouter) -> None:
    route = router.route("the chef is an hour late and not answering!! unacceptable")
    assert route.agent == "care"
    assert list(route.scores) == list(AGENTS)
    assert sum(route.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert route.confidence == route.scores["care"] == max(route.scores.values())
    assert route.emotion == "frustrated" and route.intensity > 0.5
    assert route.urgency == "high"
    assert route.must_escalate is None
    assert route.routed_by == "embedding"


@pytest.mark.parametrize(
    "text,agent",
    [
        ("what would a dinner for 14 cost us", "lead"),
        ("we need to move our booking to the 21st", "operations"),
        ("can the party be moved a week out?", "operations"),
        ("quiero cambiar la fecha de mi fiesta", "operations"),
        ("¿cuánto cuesta para 15 personas?", "lead"),
        ("¿qué incluye el paquete?", "knowledge"),
        ("mi hija es alérgica a la soya", "allergen"),
        ("if it rains do you still come", "knowledge"),
        ("can we get scallops and filet", "menu"),
        ("my son is allergic to sesame", "allergen"),
        ("do you cover pasadena", "distance"),
        ("I want my money back", "care"),
    ],
)
def test_one_plain_message_per_agent(router: IntentRouter, text: str, agent: str) -> None:
    assert router.route(text).agent == agent


def test_escalation_is_reported_and_raises_urgency(router: IntentRouter) -> None:
    route = router.route("my daughter had an allergic reaction after your shrimp last week")
    assert route.must_escalate == "safety_incident"
    assert route.urgency == "high"


def test_the_llm_is_asked_only_below_the_threshold() -> None:
    asked: list[tuple[str, Route]] = []

    def llm(text: str, guess: Route) -> str:
        asked.append((text, guess))
        return "knowledge"

    always = IntentRouter(llm_fallback=llm, threshold=1.01)
    route = always.route("how much for 12 people")
    assert route.agent == "knowledge" and route.routed_by == "llm"
    assert asked[0][0] == "how much for 12 people" and asked[0][1].agent == "lead"
    assert route.scores == asked[0][1].scores  # the embedding view is kept for the record

    never = IntentRouter(llm_fallback=llm, threshold=0.0)
    sure = never.route("how much for 12 people")
    assert sure.agent == "lead" and not sure.unsure
    assert len(asked) == 1
    assert route.unsure  # the LLM's pick is still an unsure route, for the turn to weigh


def test_the_threshold_defaults_to_the_shipped_configuration_and_a_call_may_set_its_own(
    router: IntentRouter,
) -> None:
    from shared.ai.config.model import default_config

    assert router.threshold == default_config().router_threshold
    text = "how much for 12 people"
    assert not router.route(text).unsure
    assert router.route(text, threshold=1.01).unsure  # a turn passes its configuration's
    assert not router.route(text).unsure  # for that call only


@pytest.mark.parametrize("answer", [None, "lead", "sales", RuntimeError("LLM down")])
def test_a_failing_or_odd_llm_keeps_the_embedding_guess(answer: object) -> None:
    def llm(text: str, guess: Route) -> str | None:
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]

    route = IntentRouter(llm_fallback=llm, threshold=1.01).route("how much for 12 people")
    assert route.agent == "lead" and route.routed_by == "embedding"


def test_concurrent_first_routes_load_once() -> None:
    fresh = IntentRouter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        routes = list(pool.map(fresh.route, ["do you come to fresno"] * 8))
    assert {r.agent for r in routes} == {"distance"}


def test_importing_the_router_loads_no_model_runtime() -> None:
    code = (
        "import sys, shared.ai.router\n"
        "print(sorted({'numpy', 'onnxruntime', 'tokenizers'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
