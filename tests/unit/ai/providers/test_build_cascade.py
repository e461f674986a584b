"""The cascade from config: providers without a key are skipped (and logged), typos fail."""

from __future__ import annotations

import logging

import pytest

from shared.ai.providers.anthropic_messages import AnthropicMessages
from shared.ai.providers.base import Completion
from shared.ai.providers.cascade import build_cascade
from shared.ai.providers.gemini import GeminiChat
from shared.ai.providers.mistral import MistralChat
from shared.ai.providers.ollama import OllamaChat
from shared.ai.providers.openai_chat import OpenAIChat
from shared.platform.env_secrets import EnvSecrets
from tests.support.fake_llm import FakeLLM, Reply, ollama_reply
from tests.unit.ai.providers.cases import CONVERSATION, Scripted

SPEC = "offline,openai:gpt-4o-mini,anthropic:claude-haiku-4-5,mistral:mistral-small-latest"
ALL_KEYS = {
    "OPENAI_API_KEY": "sk-o",
    "ANTHROPIC_API_KEY": "sk-a",
    "MISTRAL_API_KEY": "m",
    "GEMINI_API_KEY": "g",
}


def test_with_no_keys_only_offline_remains(caplog: pytest.LogCaptureFixture) -> None:
    offline = Scripted("offline")

    with caplog.at_level(logging.WARNING):
        cascade = build_cascade(SPEC, EnvSecrets({}), offline)

    assert cascade.providers == (offline,)
    for secret in ("openai-api-key", "anthropic-api-key", "mistral-api-key"):
        assert any(secret in r.getMessage() for r in caplog.records), secret


def test_providers_follow_the_spec_order_with_their_models() -> None:
    spec = SPEC + ",gemini:gemini-2.0-flash"

    cascade = build_cascade(spec, EnvSecrets(ALL_KEYS), Scripted("offline"))

    kinds = [type(p) for p in cascade.providers[1:]]
    assert kinds == [OpenAIChat, AnthropicMessages, MistralChat, GeminiChat]
    models = [getattr(p, "model", None) for p in cascade.providers[1:]]
    assert models == ["gpt-4o-mini", "claude-haiku-4-5", "mistral-small-latest", "gemini-2.0-flash"]


def test_only_the_keyed_providers_are_kept() -> None:
    cascade = build_cascade(SPEC, EnvSecrets({"ANTHROPIC_API_KEY": "sk-a"}), None)

    assert [p.name for p in cascade.providers] == ["anthropic"]


def test_ollama_takes_its_base_url_from_the_spec(fake: FakeLLM) -> None:
    fake.script("ollama", Reply(body=ollama_reply("Local answer")))

    cascade = build_cascade(f"ollama:llama3.1:8b@{fake.base_url}", EnvSecrets({}), None)
    completion: Completion = cascade.complete(CONVERSATION)

    assert (completion.provider, completion.model) == ("ollama", "llama3.1:8b")
    (request,) = fake.requests_to("ollama")
    assert request.json()["model"] == "llama3.1:8b"
    assert isinstance(cascade.providers[0], OllamaChat)


def test_vertex_needs_a_project() -> None:
    spec = "offline,vertex:gemini-2.0-flash@us-central1"

    without = build_cascade(spec, EnvSecrets({}), Scripted("offline"))
    with_project = build_cascade(spec, EnvSecrets({}), None, vertex_project="hibachi-prod")

    assert [p.name for p in without.providers] == ["offline"]
    assert [p.name for p in with_project.providers] == ["vertex"]


@pytest.mark.parametrize(
    "spec",
    [
        "offline,opneai:gpt-4o-mini",  # unknown kind
        "openai",  # no model
        "ollama:llama3.1",  # no base URL
        "openai:gpt-4o-mini",  # no key, no offline: nothing left to answer
        "",
    ],
)
def test_a_spec_that_leaves_nothing_sensible_is_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        build_cascade(spec, EnvSecrets({}), None)
