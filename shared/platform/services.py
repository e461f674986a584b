"""The per-process container handlers receive: the cloud ports, plus domain-owned ports.

The app shell (`functions/_app/container.py`) builds it and decides every adapter. A
domain that needs an adapter of its own (payments provider, LLM tiers, SMS client)
declares a typed `Port` key next to its protocol; the shell registers the factory that
serves it, and `platform.adapter(KEY)` builds it once, on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from shared.platform.clock import Clock
from shared.platform.config import Settings
from shared.platform.docstore import DocumentStore
from shared.platform.events import EventBus
from shared.platform.secrets import SecretStore
from shared.platform.tasks import TaskQueue
from shared.platform.vectors import VectorIndex

T = TypeVar("T")


@dataclass(frozen=True)
class Port(Generic[T]):
    """A typed key for a domain-owned adapter. The shell registers factories by the name,
    so it need not import the domain modules (cold starts load only what a call uses)."""

    name: str


Factory = Callable[["Platform"], Any]


@dataclass
class Platform:
    settings: Settings
    store: DocumentStore
    bus: EventBus
    tasks: TaskQueue
    secrets: SecretStore
    clock: Clock
    vectors: VectorIndex
    factories: Mapping[str, Factory] = field(default_factory=dict)
    _built: dict[Port[Any], Any] = field(default_factory=dict, init=False, repr=False)
    # Reentrant: a factory may ask for another port it depends on.
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    def adapter(self, port: Port[T]) -> T:
        """The adapter the shell registered for `port`, built once per platform."""
        if port in self._built:
            return cast(T, self._built[port])
        factory = self.factories.get(port.name)
        if factory is None:
            raise LookupError(f"no adapter registered for port {port.name!r}")
        with self._lock:
            if port not in self._built:
                self._built[port] = factory(self)
            return cast(T, self._built[port])

    def close(self) -> None:
        self.store.close()
