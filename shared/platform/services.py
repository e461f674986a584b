"""Wiring: build the adapters the configuration asks for, once per process.

Function handlers reach the cloud only through `current()`; tests and the dev runtime
install their own `Platform` with `install()`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

from shared.platform.clock import Clock, SystemClock
from shared.platform.config import Settings, settings
from shared.platform.docstore import DocumentStore
from shared.platform.events import EventBus
from shared.platform.secrets import SecretNotFound, SecretStore
from shared.platform.tasks import TaskQueue
from shared.platform.vectors import NumpyVectorIndex, VectorIndex

# Local and test runs sign admin tokens with this key unless JWT_SIGNING_KEY is set.
DEV_SECRETS = {
    "jwt-signing-key": "local-dev-signing-key-never-use-in-production",
    # Signs the Stripe events the local pay page simulates (unless STRIPE_WEBHOOK_SECRET is set).
    "stripe-webhook-secret": "whsec_local_dev_never_use_in_production",
}


@dataclass
class Platform:
    settings: Settings
    store: DocumentStore
    bus: EventBus
    tasks: TaskQueue
    secrets: SecretStore
    clock: Clock
    # Exact numpy search in-process unless config names Vertex AI Vector Search.
    vectors: VectorIndex = field(default_factory=NumpyVectorIndex)
    extras: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        self.store.close()


def build(config: Settings) -> Platform:
    if config.is_prod:
        return _build_cloud(config)
    return build_local(config, SystemClock())


def _build_cloud(config: Settings) -> Platform:
    from shared.platform.docstore.firestore import FirestoreDocumentStore
    from shared.platform.events.pubsub import PubSubEventBus
    from shared.platform.secret_manager import SecretManagerSecrets
    from shared.platform.tasks.cloud_tasks import CloudTasksQueue

    project = config.project_id or ""
    return Platform(
        settings=config,
        store=FirestoreDocumentStore(project, database=config.firestore_database),
        bus=PubSubEventBus(project),
        tasks=CloudTasksQueue(
            project, config.region, config.base_url, config.tasks_invoker_sa or ""
        ),
        secrets=SecretManagerSecrets(project),
        clock=SystemClock(),
        vectors=_vertex_vectors(config),
    )


def _vertex_vectors(config: Settings) -> VectorIndex:
    from shared.platform.vertex_vectors import VertexVectorSearch

    return VertexVectorSearch(
        config.project_id or "",
        config.region,
        config.vector_index or "",
        config.vector_index_endpoint or "",
        config.vector_deployed_index or "",
        query_api_endpoint=config.vector_query_endpoint,
    )


def build_local(config: Settings, clock: Clock, store: DocumentStore | None = None) -> Platform:
    """The embedded platform: SQLite store, persisted local tasks, in-process events."""
    from shared.platform.docstore.sqlite import SqliteDocumentStore
    from shared.platform.events.local import LocalEventBus
    from shared.platform.tasks.local import LocalTaskQueue

    store = store or SqliteDocumentStore(config.sqlite_path)
    queue = LocalTaskQueue(store, clock)
    return Platform(
        settings=config,
        store=store,
        bus=LocalEventBus(queue, clock, project=config.project_id or "local"),
        tasks=queue,
        secrets=local_secrets(),
        clock=clock,
    )


class _WithDevDefaults:
    """Environment, then .env, then the built-in development values."""

    def __init__(self, inner: SecretStore) -> None:
        self._inner = inner

    def get(self, name: str) -> str:
        try:
            return self._inner.get(name)
        except SecretNotFound:
            if name in DEV_SECRETS:
                return DEV_SECRETS[name]
            raise


def local_secrets() -> SecretStore:
    from shared.platform.env_secrets import EnvSecrets

    return _WithDevDefaults(EnvSecrets(environ=os.environ, dotenv_path=".env"))


_lock = threading.Lock()
_current: Platform | None = None


def current() -> Platform:
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = build(settings())
    return _current


def install(platform: Platform | None) -> None:
    """Make `platform` the one handlers use (None: rebuild from settings on next use)."""
    global _current
    with _lock:
        _current = platform
