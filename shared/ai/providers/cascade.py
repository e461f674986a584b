"""The provider cascade: offline/cheap first, stronger models after, each failure falling
through to the next, so a vendor outage costs a customer a slower answer, not no answer.

`build_cascade` reads the cascade from config (HIBACHI_LLM_CASCADE), e.g.
"offline,openai:gpt-4o-mini,anthropic:claude-haiku-4-5,ollama:llama3.1@http://host:11434",
skipping, with a log line, providers whose API key is not configured.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from shared.ai.providers.base import (
    DEFAULT_POLICY,
    CallPolicy,
    Completion,
    Message,
    Provider,
    ProviderError,
    ToolSpec,
)
from shared.platform.log import get_logger
from shared.platform.secrets import SecretNotFound, SecretStore

log = get_logger(__name__)


class AllProvidersFailed(ProviderError):
    """Every provider in the cascade failed; `failures` holds each one's error, in order."""

    def __init__(self, failures: Sequence[ProviderError]) -> None:
        self.failures = tuple(failures)
        super().__init__(
            "cascade",
            "all providers failed: " + "; ".join(str(f) for f in self.failures),
            retryable=any(f.retryable for f in self.failures),
        )


class Cascade:
    """A Provider that asks its providers in order and returns the first answer. The answer's
    `provider` says who gave it; `last_failures` lists who failed before it (per thread, as
    one cascade serves concurrent requests)."""

    name = "cascade"

    def __init__(self, providers: Sequence[Provider]) -> None:
        if not providers:
            raise ValueError("a cascade needs at least one provider")
        self.providers = tuple(providers)
        self._calls = threading.local()

    @property
    def last_failures(self) -> tuple[ProviderError, ...]:
        """The failures of this thread's latest `complete` call."""
        failures: tuple[ProviderError, ...] = getattr(self._calls, "failures", ())
        return failures

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        failures: list[ProviderError] = []
        self._calls.failures = ()
        for provider in self.providers:
            try:
                completion = provider.complete(
                    messages, tools, temperature=temperature, max_tokens=max_tokens
                )
            except ProviderError as exc:
                failures.append(exc)
            except TimeoutError:
                failures.append(ProviderError(provider.name, "timed out"))
            else:
                self._calls.failures = tuple(failures)
                return completion
            log.warning("LLM provider failed: %s", failures[-1])
        self._calls.failures = tuple(failures)
        raise AllProvidersFailed(failures)


SECRET_NAMES = {
    "openai": "openai-api-key",
    "anthropic": "anthropic-api-key",
    "mistral": "mistral-api-key",
    "gemini": "gemini-api-key",
}
KINDS = {"offline", "vertex", "ollama", *SECRET_NAMES}
SPEC_FORMAT = "kind:model[@url or location], e.g. ollama:llama3.1@http://127.0.0.1:11434"


def build_cascade(
    spec: str,
    secrets: SecretStore,
    offline: Provider | None,
    *,
    policy: CallPolicy = DEFAULT_POLICY,
    vertex_project: str | None = None,
    openai_base_url: str | None = None,
) -> Cascade:
    """The cascade `spec` describes. Kinds: offline, openai, anthropic, mistral, gemini (API
    key), vertex (Gemini on Vertex AI in `vertex_project`; location after "@", default
    global) and ollama (base URL after "@"); `openai_base_url` points the OpenAI adapter at
    an OpenAI-compatible endpoint. A malformed spec raises ValueError: a typo in
    config must fail loudly, not quietly drop a provider."""
    providers: list[Provider] = []
    for entry in filter(None, (e.strip() for e in spec.split(","))):
        kind, _, rest = entry.partition(":")
        model, _, target = rest.partition("@")
        if kind not in KINDS:
            raise ValueError(f"LLM cascade entry {entry!r}: unknown provider ({SPEC_FORMAT})")
        if kind == "offline":
            provider = offline
            if offline is None:
                log.warning("LLM cascade: no offline provider given; skipping it")
        elif not model:
            raise ValueError(f"LLM cascade entry {entry!r} names no model ({SPEC_FORMAT})")
        else:
            provider = _adapter(
                kind, model, target, secrets, policy, vertex_project, openai_base_url
            )
        if provider is not None:
            providers.append(provider)
    if not providers:
        raise ValueError(f"LLM cascade {spec!r} leaves no provider to answer")
    return Cascade(providers)


def _adapter(
    kind: str,
    model: str,
    target: str,
    secrets: SecretStore,
    policy: CallPolicy,
    vertex_project: str | None,
    openai_base_url: str | None = None,
) -> Provider | None:
    """The adapter for one LLM entry, or None (logged) when its API key or project is not
    configured. The adapters are imported here, as few functions build a cascade."""
    from shared.ai.providers.anthropic_messages import AnthropicMessages
    from shared.ai.providers.gemini import GeminiChat, Vertex
    from shared.ai.providers.mistral import MistralChat
    from shared.ai.providers.ollama import OllamaChat
    from shared.ai.providers.openai_chat import OpenAIChat

    if kind == "ollama":
        if not target:
            raise ValueError(f"LLM cascade entry {kind}:{model} needs a base URL ({SPEC_FORMAT})")
        return OllamaChat(model, target, policy=policy)
    if kind == "vertex":
        if vertex_project is None:
            log.warning("LLM cascade: no Google Cloud project; skipping vertex:%s", model)
            return None
        return GeminiChat(model, vertex=Vertex(vertex_project, target or "global"), policy=policy)
    try:
        key = secrets.get(SECRET_NAMES[kind])
    except SecretNotFound:
        log.warning("LLM cascade: no %s secret; skipping %s:%s", SECRET_NAMES[kind], kind, model)
        return None
    if kind == "openai":
        return OpenAIChat(key, model, base_url=openai_base_url, policy=policy)
    if kind == "anthropic":
        return AnthropicMessages(key, model, policy=policy)
    if kind == "mistral":
        return MistralChat(key, model, policy=policy)
    return GeminiChat(model, api_key=key, policy=policy)
