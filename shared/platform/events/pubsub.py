"""Production event bus: Google Cloud Pub/Sub.

The SDK is imported on first publish, not at import time, so functions that never
publish pay nothing for it on cold start. With `PUBSUB_EMULATOR_HOST` set, the SDK talks to
the emulator instead (read when the client is created).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from shared.platform.errors import Unavailable

# `PublisherClient.publish` takes attributes as **kwargs next to these parameters, so an
# attribute with one of these names would be swallowed as an argument instead of sent.
_RESERVED_ATTRIBUTES = frozenset({"topic", "data", "ordering_key", "retry", "timeout"})


class PublishFailed(Unavailable):
    """Pub/Sub did not accept a message; a 503 so the caller (or its queue) retries."""

    default_code = "publish_failed"

    def __init__(self, topic: str, cause: BaseException) -> None:
        self.topic = topic
        super().__init__(detail=f"publishing to {topic!r} failed: {cause!r}")


class PubSubEventBus:
    """`EventBus` over Pub/Sub; `publish` returns only once the server assigned an id.

    A timeout raises `PublishFailed` although the message may still go out later, so
    subscribers must stay idempotent (they already are: redelivery is normal for Pub/Sub).
    """

    def __init__(self, project: str, publisher: Any = None, timeout_s: float = 30.0) -> None:
        self._project = project
        self._publisher = publisher
        self._timeout_s = timeout_s
        self._lock = threading.Lock()

    def publish(
        self,
        topic: str,
        payload: Mapping[str, Any],
        attributes: Mapping[str, str] | None = None,
        ordering_key: str | None = None,
    ) -> str:
        # Byte for byte what the local dispatcher sends (`envelope.encode_data`): compact,
        # non-ASCII escaped, so the wire data is plain ASCII and therefore valid UTF-8.
        data = json.dumps(dict(payload), separators=(",", ":")).encode()
        attrs = {str(k): str(v) for k, v in (attributes or {}).items()}
        clashing = _RESERVED_ATTRIBUTES.intersection(attrs)
        if clashing:
            raise ValueError(f"attribute names {sorted(clashing)} are reserved by the SDK")
        path = f"projects/{self._project}/topics/{topic}"
        publisher = self._client()
        try:
            future = publisher.publish(path, data, ordering_key=ordering_key or "", **attrs)
            return str(future.result(timeout=self._timeout_s))
        except Exception as exc:
            if ordering_key:
                # A failed ordered publish pauses its key until resumed; later events for
                # the same key must not fail forever because of one outage. Resuming a key
                # that is not paused (e.g. after a timeout) raises, which is harmless here.
                with suppress(RuntimeError, ValueError):
                    publisher.resume_publish(path, ordering_key)
            raise PublishFailed(topic, exc) from exc

    def _client(self) -> Any:
        with self._lock:
            if self._publisher is None:
                from google.cloud.pubsub_v1 import PublisherClient, types

                options = types.PublisherOptions(enable_message_ordering=True)
                self._publisher = PublisherClient(publisher_options=options)
            return self._publisher
