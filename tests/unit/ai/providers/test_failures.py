"""Every adapter against the fake server: retries, persistent errors, timeouts, dead hosts,
malformed replies. Each must end in a ProviderError, never a vendor exception."""

from __future__ import annotations

import dataclasses
import logging
import time

import pytest

from shared.ai.providers.base import ProviderError
from tests.support.fake_llm import FakeLLM, Reply
from tests.support.ports import free_port
from tests.unit.ai.providers.cases import CASE_IDS, CASES, CONVERSATION, FAST, Case

EVERY_ADAPTER = pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
KEYED_ADAPTERS = pytest.mark.parametrize("case", [c for c in CASES if c.key], ids=lambda c: c.name)


@EVERY_ADAPTER
def test_rate_limit_then_success_is_retried(fake: FakeLLM, case: Case) -> None:
    fake.script(case.route, case.error(429, "rate limited"), case.ok("Back again"))

    completion = case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert completion.text == "Back again"
    assert completion.provider == case.name
    assert len(fake.requests_to(case.route)) == 2


@EVERY_ADAPTER
@pytest.mark.parametrize("status", [500, 503])
def test_persistent_server_error_fails_after_bounded_retries(
    fake: FakeLLM, case: Case, status: int
) -> None:
    fake.script(case.route, *[case.error(status, "backend down")] * 3)

    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert raised.value.provider == case.name
    assert raised.value.retryable
    assert f"HTTP {status}" in str(raised.value)
    assert len(fake.requests_to(case.route)) == 1 + FAST.max_retries


@EVERY_ADAPTER
def test_client_error_is_not_retried(fake: FakeLLM, case: Case) -> None:
    fake.script(case.route, case.error(400, "bad request"))

    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert not raised.value.retryable
    assert len(fake.requests_to(case.route)) == 1


@EVERY_ADAPTER
def test_slow_server_times_out_within_the_policy(fake: FakeLLM, case: Case) -> None:
    policy = dataclasses.replace(FAST, timeout_s=0.3, max_retries=1)
    fake.script(case.route, *[dataclasses.replace(case.ok(), delay_s=30)] * 2)

    started = time.monotonic()
    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, policy).complete(CONVERSATION)

    assert "timed out" in str(raised.value)
    assert raised.value.retryable
    assert len(fake.requests_to(case.route)) == 2  # a timeout is retried once, then given up
    assert time.monotonic() - started < 3  # 2 x 0.3 s plus backoff, far from the 30 s hold


@EVERY_ADAPTER
def test_unreachable_host_is_a_provider_error(case: Case) -> None:
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    policy = dataclasses.replace(FAST, max_retries=0)

    with pytest.raises(ProviderError, match="connection failed"):
        case.make(dead, policy).complete(CONVERSATION)


@EVERY_ADAPTER
@pytest.mark.parametrize("body", ["<html>502 from a proxy</html>", "{}"])
def test_malformed_reply_is_a_provider_error(fake: FakeLLM, case: Case, body: str) -> None:
    fake.script(case.route, Reply(200, body))

    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert raised.value.provider == case.name
    assert not raised.value.retryable  # the cascade moves on; the same request would fail again


@KEYED_ADAPTERS
def test_api_key_never_appears_in_the_error(fake: FakeLLM, case: Case) -> None:
    assert case.key
    fake.script(case.route, case.error(401, f"Incorrect API key provided: {case.key}"))

    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert "HTTP 401" in str(raised.value)
    assert case.key not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


@EVERY_ADAPTER
def test_tool_call_with_malformed_arguments_is_a_provider_error(fake: FakeLLM, case: Case) -> None:
    truncated = '{"guests": 12, "zip": '
    fake.script(case.route, Reply(body=case.reply(calls=[("call_1", "get_quote", truncated)])))

    with pytest.raises(ProviderError) as raised:
        case.make(fake.base_url, FAST).complete(CONVERSATION)

    assert raised.value.provider == case.name
    assert not raised.value.retryable


@KEYED_ADAPTERS
def test_api_key_never_appears_in_any_log(
    fake: FakeLLM, case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    """SDK debug logs included: a retried call, a success and a rejected key."""
    assert case.key
    fake.script(case.route, case.error(429), case.ok(), case.error(401, f"bad key {case.key}"))
    provider = case.make(fake.base_url, FAST)

    with caplog.at_level(logging.DEBUG):
        provider.complete(CONVERSATION)
        with pytest.raises(ProviderError):
            provider.complete(CONVERSATION)

    assert len(caplog.records) > 0  # the SDKs did log, at debug level
    assert case.key not in caplog.text
    assert all(case.key not in r.getMessage() for r in caplog.records)
