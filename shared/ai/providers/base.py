"""The provider interface every LLM adapter (and the offline provider) implements.

Messages and tool schemas go in; text and/or tool calls, token usage and cost come out.
Adapters translate to and from their API's shapes and raise `ProviderError` (never a
vendor exception), so the cascade can fall through to the next provider. After the
interface come the pieces adapters share: the call policy (timeout, retries), error
mapping that keeps API keys out of messages, and tool-argument parsing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from shared.platform.services import Port

Role = Literal["system", "user", "assistant", "tool"]
T = TypeVar("T")


@dataclass(frozen=True)
class ToolSpec:
    """A tool the model may call; `parameters` is a JSON Schema object."""

    name: str
    description: str
    parameters: dict[str, Any]


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]
    # An opaque token the vendor wants back with the call in later turns (Gemini's thought
    # signature, which Gemini 3 models require); None for the others.
    signature: str | None = None


@dataclass(frozen=True)
class Message:
    role: Role
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None  # for role "tool": which call this answers
    name: str | None = None  # for role "tool": the tool's name


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            round(self.cost_usd + other.cost_usd, 8),
        )


@dataclass(frozen=True)
class Completion:
    provider: str
    model: str
    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = field(default_factory=Usage)
    finish_reason: str = "stop"


class ProviderError(Exception):
    """A provider could not answer (HTTP error, timeout, malformed reply, missing key)."""

    def __init__(self, provider: str, message: str, *, retryable: bool = True) -> None:
        self.provider = provider
        self.retryable = retryable
        super().__init__(f"{provider}: {message}")


class Provider(Protocol):
    name: str

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        """One model turn. Raises ProviderError on any failure."""
        ...


# The LLM tiers (a cascade) the shell builds from config; None: offline only.
LLM_TIERS: Port[Provider | None] = Port("llm-tiers")


@dataclass(frozen=True)
class CallPolicy:
    """Limits on one provider call, so a slow or failing vendor cannot stall a customer's turn
    for long: the cascade would rather move on to the next provider."""

    timeout_s: float = 20.0  # per HTTP attempt
    max_retries: int = 2  # after the first attempt, on 408/409/429/5xx, connection errors, timeouts
    backoff_s: float = 0.5  # first retry delay, then doubling (OpenAI/Anthropic SDKs: their own)


DEFAULT_POLICY = CallPolicy()


def is_retryable_status(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


def _loggable(detail: str, secret: str) -> str:
    """Vendor text shortened, with any echo of the API key removed."""
    return (detail.replace(secret, "[redacted]") if secret else detail)[:300]


def http_failure(provider: str, status: int, detail: str, *, secret: str = "") -> ProviderError:
    return ProviderError(
        provider,
        f"HTTP {status}: {_loggable(detail, secret)}",
        retryable=is_retryable_status(status),
    )


def unexpected_failure(provider: str, exc: Exception, *, secret: str = "") -> ProviderError:
    """An error no adapter rule foresaw (an SDK quirk, a request it refused to build)."""
    detail = _loggable(str(exc), secret)
    return ProviderError(provider, f"unexpected {type(exc).__name__}: {detail}", retryable=False)


def parse_arguments(provider: str, raw: object) -> dict[str, Any]:
    """Tool-call arguments as a dict, from the JSON text (OpenAI, Mistral) or object (others)
    a model produced; anything else is a malformed reply the cascade should fall through."""
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ProviderError(
                provider, "tool call arguments are not valid JSON", retryable=False
            ) from None
    if not isinstance(raw, dict):
        raise ProviderError(provider, "tool call arguments are not a JSON object", retryable=False)
    return raw


def new_call_id() -> str:
    """An id for a tool call whose API gave none (Ollama, some Gemini models), so the tool
    result can still be linked to its call."""
    return f"call_{uuid.uuid4().hex[:16]}"


@contextmanager
def reading_reply(provider: str) -> Iterator[None]:
    """Turn a reply that lacks the fields an adapter reads into a ProviderError."""
    try:
        yield
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ProviderError(
            provider, f"malformed reply ({type(exc).__name__}: {exc})", retryable=False
        ) from None


def merge_turns(turns: Iterable[tuple[str, list[T]]]) -> list[tuple[str, list[T]]]:
    """Consecutive turns of one role joined into one: APIs with strictly alternating roles
    (Anthropic, Gemini) want every tool result answering an assistant turn in one message."""
    merged: list[tuple[str, list[T]]] = []
    for role, parts in turns:
        if merged and merged[-1][0] == role:
            merged[-1][1].extend(parts)
        elif parts:
            merged.append((role, list(parts)))
    return merged


def with_retries(policy: CallPolicy, call: Callable[[], T]) -> T:
    """Run `call`, retrying retryable ProviderErrors with exponential backoff, for adapters
    whose client has no retry count of its own."""
    import tenacity

    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(policy.max_retries + 1),
        wait=tenacity.wait_exponential_jitter(
            initial=policy.backoff_s, max=8, jitter=policy.backoff_s
        ),
        retry=tenacity.retry_if_exception(lambda e: isinstance(e, ProviderError) and e.retryable),
        reraise=True,
    )
    return retrying(call)
