"""Production secrets: Google Secret Manager, latest version, cached in-process.

Values are cached for `ttl_s` so a warm instance does not call Secret Manager on every
request, yet a rotated secret is picked up within the TTL. The SDK is imported on first
use (cold start).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from shared.platform.secrets import SecretNotFound


class SecretManagerSecrets:
    """`SecretStore` over Secret Manager; `clock` is monotonic seconds (injectable for tests)."""

    def __init__(
        self,
        project: str,
        client: Any = None,
        ttl_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._project = project
        self._client = client
        self._ttl_s = ttl_s
        self._clock = clock
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> str:
        now = self._clock()
        with self._lock:
            cached = self._cache.get(name)
        if cached is not None and now < cached[1]:
            return cached[0]
        value = self._fetch(name)
        with self._lock:
            self._cache[name] = (value, now + self._ttl_s)
        return value

    def _fetch(self, name: str) -> str:
        from google.api_core import exceptions

        path = f"projects/{self._project}/secrets/{name}/versions/latest"
        try:
            response = self._secrets_client().access_secret_version(request={"name": path})
        except exceptions.NotFound as exc:
            raise SecretNotFound(name) from exc
        return str(response.payload.data.decode("utf-8"))

    def _secrets_client(self) -> Any:
        with self._lock:
            if self._client is None:
                from google.cloud import secretmanager

                self._client = secretmanager.SecretManagerServiceClient()
            return self._client
