"""The cascade falls through failing providers to the first that answers, and says who did."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from shared.ai.providers.base import ProviderError
from shared.ai.providers.cascade import AllProvidersFailed, Cascade
from tests.support.fake_llm import FakeLLM
from tests.unit.ai.providers.cases import CASE_IDS, CASES, CONVERSATION, FAST, Case, Scripted

NO_RETRY = dataclasses.replace(FAST, max_retries=0)


def test_first_answer_wins_and_later_providers_are_not_asked() -> None:
    first, second = Scripted("offline"), Scripted("openai")

    completion = Cascade([first, second]).complete(CONVERSATION)

    assert completion.provider == "offline"
    assert (first.calls, second.calls) == (1, 0)


def test_failures_fall_through_and_are_recorded() -> None:
    down = ProviderError("openai", "HTTP 503: overloaded")
    cascade = Cascade(
        [
            Scripted("offline", ProviderError("offline", "cannot answer", retryable=False)),
            Scripted("openai", down),
            Scripted("anthropic"),
        ]
    )

    completion = cascade.complete(CONVERSATION)

    assert completion.provider == "anthropic"
    assert [f.provider for f in cascade.last_failures] == ["offline", "openai"]
    assert cascade.last_failures[1] is down


def test_a_timeout_error_falls_through_like_a_provider_error() -> None:
    cascade = Cascade([Scripted("ollama", TimeoutError()), Scripted("openai")])

    assert cascade.complete(CONVERSATION).provider == "openai"
    (failure,) = cascade.last_failures
    assert failure.provider == "ollama" and "timed out" in str(failure)


def test_all_failing_raises_with_every_failure_listed() -> None:
    cascade = Cascade(
        [
            Scripted("openai", ProviderError("openai", "HTTP 503: down")),
            Scripted("anthropic", ProviderError("anthropic", "HTTP 400: bad", retryable=False)),
        ]
    )

    with pytest.raises(AllProvidersFailed) as raised:
        cascade.complete(CONVERSATION)

    assert isinstance(raised.value, ProviderError)  # a cascade can sit inside a cascade
    assert [f.provider for f in raised.value.failures] == ["openai", "anthropic"]
    assert "openai: HTTP 503: down" in str(raised.value)
    assert "anthropic: HTTP 400: bad" in str(raised.value)
    assert raised.value.retryable  # the 503 may pass
    assert cascade.last_failures == raised.value.failures


def test_a_bug_is_not_hidden_by_falling_through() -> None:
    """Only provider failures fall through; a programming error surfaces at once."""
    later = Scripted("openai")

    with pytest.raises(KeyError):
        Cascade([Scripted("offline", KeyError("slot")), later]).complete(CONVERSATION)
    assert later.calls == 0


def test_last_failures_belong_to_the_calling_thread() -> None:
    cascade = Cascade([Scripted("openai", ProviderError("openai", "down")), Scripted("offline")])
    cascade.complete(CONVERSATION)
    seen_elsewhere: list[tuple[ProviderError, ...]] = []

    thread = threading.Thread(target=lambda: seen_elsewhere.append(cascade.last_failures))
    thread.start()
    thread.join()

    assert seen_elsewhere == [()]
    assert len(cascade.last_failures) == 1


def test_a_cascade_needs_a_provider() -> None:
    with pytest.raises(ValueError):
        Cascade([])


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_real_adapter_failing_then_answering_in_a_cascade(fake: FakeLLM, case: Case) -> None:
    fake.script(case.route, case.error(503, "overloaded"), case.ok("From the real adapter"))
    adapter = case.make(fake.base_url, NO_RETRY)
    cascade = Cascade([adapter, Scripted("offline")])

    assert cascade.complete(CONVERSATION).provider == "offline"
    (failure,) = cascade.last_failures
    assert failure.provider == case.name and "HTTP 503" in str(failure)

    answering = Cascade([Scripted("offline", ProviderError("offline", "no slot")), adapter])
    completion = answering.complete(CONVERSATION)
    assert (completion.provider, completion.text) == (case.name, "From the real adapter")
    assert [f.provider for f in answering.last_failures] == ["offline"]


def test_every_real_adapter_failing_raises_all_providers_failed(fake: FakeLLM) -> None:
    for case in CASES:
        fake.script(case.route, case.error(500, f"{case.name} is down"))
    cascade = Cascade([case.make(fake.base_url, NO_RETRY) for case in CASES])

    with pytest.raises(AllProvidersFailed) as raised:
        cascade.complete(CONVERSATION)

    assert [f.provider for f in raised.value.failures] == CASE_IDS
    assert all("HTTP 500" in str(f) for f in raised.value.failures)
