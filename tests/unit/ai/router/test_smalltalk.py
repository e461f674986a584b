"""Small talk goes to the front desk, is never escalated, and is told apart from requests."""

from __future__ import annotations

import pytest

from shared.ai.router import IntentRouter
from shared.ai.router.smalltalk import small_talk


@pytest.mark.parametrize(
    "text,kind",
    [
        ("hello again", "greeting"),
        ("Hi there!", "greeting"),
        ("good evening 🙂", "greeting"),
        ("hey, it's me again", "greeting"),
        ("yo", "greeting"),
        ("buenas tardes", "greeting"),
        ("hola, ¿qué tal?", "greeting"),
        ("thanks so much", "thanks"),
        ("Thank you!! 🙏", "thanks"),
        ("appreciate it, you guys are great", "thanks"),
        ("mil gracias, muy amable", "thanks"),
        ("ok thanks, bye", "goodbye"),
        ("have a great weekend", "goodbye"),
        ("see you saturday!", "goodbye"),
        ("gracias, hasta luego", "goodbye"),
    ],
)
def test_small_talk(text: str, kind: str) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "hi, how much for 12 adults?",
        "thanks, can you check the 14th too?",
        "hello, I need to cancel",
        "ok great",  # a reply in a flow, not small talk
        "sounds good",
        "yes",
        "hola, quiero reservar para el sábado",
        "",
    ],
)
def test_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


@pytest.fixture(scope="module")
def router() -> IntentRouter:
    return IntentRouter()


@pytest.mark.parametrize(
    "text", ["hello again", "hi there", "good morning!", "thanks so much", "hola, ¿cómo están?"]
)
def test_small_talk_routes_to_the_front_desk(router: IntentRouter, text: str) -> None:
    route = router.route(text)
    assert route.agent == "lead" and route.confidence >= router.threshold
    assert route.must_escalate is None and route.routed_by == "smalltalk"
    assert route.smalltalk is not None


def test_a_request_after_a_greeting_is_routed_by_meaning(router: IntentRouter) -> None:
    route = router.route("hi! we need to move our party to the following weekend")
    assert route.agent == "operations" and route.smalltalk is None
