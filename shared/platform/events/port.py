"""Publishing side of the event bus.

Payloads are JSON objects; attributes are string pairs (Pub/Sub's rule). Subscribers are
event functions listed in the manifest; they receive the envelope a Pub/Sub push
subscription delivers, so the same handler code runs locally and in production.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class PublishedMessage:
    topic: str
    message_id: str
    payload: dict[str, Any]
    attributes: dict[str, str] = field(default_factory=dict)
    ordering_key: str | None = None


class EventBus(Protocol):
    def publish(
        self,
        topic: str,
        payload: Mapping[str, Any],
        attributes: Mapping[str, str] | None = None,
        ordering_key: str | None = None,
    ) -> str:
        """Publish one message and return its message id once the bus has accepted it."""
        ...
