"""Build the process's `Platform`: the one place that decides which adapter serves each port.

Configuration alone picks the adapters (Firestore, Pub/Sub, Cloud Tasks, Secret Manager
and Vertex AI Vector Search in prod; SQLite, in-process events, persisted local tasks,
env secrets and numpy locally). Domain ports are served by the factories in `ADAPTERS`.
Function handlers reach the cloud only through `current()`; tests and the dev runtime
install their own with `install()`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from functions._app.topology import TOPOLOGY
from shared.platform.clock import Clock, SystemClock
from shared.platform.config import Settings, settings
from shared.platform.docstore import DocumentStore
from shared.platform.errors import ConfigError
from shared.platform.secrets import SecretNotFound, SecretStore
from shared.platform.services import Factory, Platform
from shared.platform.topology import Topology
from shared.platform.vectors import NumpyVectorIndex, VectorIndex

if TYPE_CHECKING:
    from shared.ads.ports import AdsAccount, SearchConsole, WebAnalytics
    from shared.ai.debate.panel import Panelist
    from shared.ai.providers.base import Provider
    from shared.ai.students import StudentGate
    from shared.analytics.store import AnalyticsStore
    from shared.booking.payments_port import BookingPayments
    from shared.channels.sms.ringcentral import RingCentral
    from shared.learning.training.sink import ExportSink
    from shared.payments.port import Payments

# Local and test runs sign admin tokens with this key unless JWT_SIGNING_KEY is set.
DEV_SECRETS = {
    "jwt-signing-key": "local-dev-signing-key-never-use-in-production",
    # Signs the Stripe events the local pay page simulates (unless STRIPE_WEBHOOK_SECRET is set).
    "stripe-webhook-secret": "whsec_local_dev_never_use_in_production",
}


def _payments(platform: Platform) -> Payments:
    """Stripe in production; the local pay page elsewhere unless config names Stripe."""
    from shared.payments.port import SECRET_KEY, secret

    config = platform.settings
    if (config.payments_provider or ("stripe" if config.is_prod else "local")) == "stripe":
        from shared.payments.stripe_adapter import StripePayments

        return StripePayments(
            secret(platform, SECRET_KEY),
            api_base=config.stripe_api_base,
            success_url=config.payment_success_url,
            cancel_url=config.payment_cancel_url,
        )
    from shared.payments.local import LocalPayments

    return LocalPayments(platform.store, config.base_url)


def _booking_payments(platform: Platform) -> BookingPayments:
    """Booking's deposits and refunds, through whichever payments provider serves PAYMENTS."""
    from shared.payments.deposits import ProviderBookingPayments

    return ProviderBookingPayments(platform)


def _llm_tiers(platform: Platform) -> Provider | None:
    """The configured LLM cascade (None: the offline provider answers alone)."""
    from shared.ai import routing
    from shared.ai.offline.provider import OfflineProvider
    from shared.ai.providers.cascade import build_cascade
    from shared.ai.turn.understand import llm_tier

    config = platform.settings
    tiers = llm_tier(
        build_cascade(
            config.llm_cascade,
            platform.secrets,
            OfflineProvider(),
            vertex_project=config.project_id,
            openai_base_url=config.openai_base_url,
        )
    )
    if tiers is not None:
        routing.use_llm_for_unsure_routes(tiers)
    return tiers


def _student(platform: Platform) -> Provider:
    """The model shadowing the cascade: the offline provider, or one cascade entry."""
    from shared.ai.offline.provider import OfflineProvider
    from shared.ai.providers.cascade import build_cascade

    config = platform.settings
    if config.learning_student.strip() == "offline":
        return OfflineProvider()
    return build_cascade(
        config.learning_student,
        platform.secrets,
        None,
        vertex_project=config.project_id,
        openai_base_url=config.openai_base_url,
    )


def _student_gate(platform: Platform) -> StudentGate:
    from shared.learning.students import GateSwitch

    return GateSwitch(platform)


def _debate_panel(platform: Platform) -> list[Panelist]:
    """One panelist per configured provider of the debate panel (offline without keys)."""
    from shared.ai.debate.panel import build_panel

    config = platform.settings
    return build_panel(
        config.debate_panel,
        platform.secrets,
        vertex_project=config.project_id,
        openai_base_url=config.openai_base_url,
    )


def _ringcentral(platform: Platform) -> RingCentral:
    from shared.channels.sms.ringcentral import build_client

    return build_client(platform)


def _export_sink(platform: Platform) -> ExportSink:
    """Training exports: the configured bucket (prod), else a folder beside the local store."""
    bucket = platform.settings.training_export_bucket
    if platform.settings.is_prod and not bucket:  # an instance's disk is gone with it
        raise ConfigError("HIBACHI_TRAINING_EXPORT_BUCKET is needed for exports in prod")
    if bucket:
        from shared.learning.training.gcs_sink import GcsSink

        return GcsSink(bucket, platform.settings.project_id)
    from shared.learning.training.sink import LocalSink

    return LocalSink(platform.settings.data_dir / "exports")


def _analytics(platform: Platform) -> AnalyticsStore:
    """BigQuery (the dataset the analytics topic feeds) in prod; DuckDB under .local/ else,
    fed in batches through the store, unless config names the engine."""
    config = platform.settings
    if (config.analytics_engine or ("bigquery" if config.is_prod else "duckdb")) == "bigquery":
        from shared.analytics.bigquery_store import BigQueryAnalytics

        return BigQueryAnalytics(config.project_id or "", config.analytics_dataset)
    from shared.analytics.duckdb_store import DuckDbAnalytics
    from shared.analytics.staged import StagedAnalytics

    return StagedAnalytics(platform.store, DuckDbAnalytics(config.analytics_path), platform.clock)


def _real_marketing(config: Settings) -> bool:
    return (config.marketing_provider or ("google" if config.is_prod else "fake")) == "google"


def _needed(value: str | None, name: str) -> str:
    if not value:
        raise ConfigError(f"HIBACHI_{name.upper()} is needed for the Google marketing APIs")
    return value


def _ads_account(platform: Platform) -> AdsAccount:
    """Google Ads through its SDK (prod); the seeded fake account elsewhere."""
    config = platform.settings
    if not _real_marketing(config):
        from shared.ads.fakes import FakeAdsAccount

        return FakeAdsAccount()
    from shared.ads.google_ads import GoogleAdsAccount, credentials_from

    return GoogleAdsAccount(
        credentials_from(platform.secrets),
        customer_id=_needed(config.google_ads_customer_id, "google_ads_customer_id"),
        login_customer_id=config.google_ads_login_customer_id,
        conversion_action_id=config.google_ads_conversion_action_id,
        endpoint=config.google_ads_endpoint,
    )


def _search_console(platform: Platform) -> SearchConsole:
    config = platform.settings
    if not _real_marketing(config):
        from shared.ads.fakes import FakeSearchConsole

        return FakeSearchConsole()
    from shared.ads.search_console import GoogleSearchConsole

    return GoogleSearchConsole(
        _needed(config.search_console_site, "search_console_site"),
        endpoint=config.search_console_endpoint,
    )


def _web_analytics(platform: Platform) -> WebAnalytics:
    config = platform.settings
    if not _real_marketing(config):
        from shared.ads.fakes import FakeWebAnalytics

        return FakeWebAnalytics()
    from shared.ads.ga4 import Ga4WebAnalytics

    return Ga4WebAnalytics(
        _needed(config.ga4_property_id, "ga4_property_id"), endpoint=config.ga4_endpoint
    )


# Port name -> factory; each domain module declares its `Port` key with the same name.
ADAPTERS: dict[str, Factory] = {
    "payments": _payments,
    "booking-payments": _booking_payments,
    "llm-tiers": _llm_tiers,
    "ringcentral": _ringcentral,
    "learning-student": _student,
    "student-gate": _student_gate,
    "training-export-sink": _export_sink,
    "debate-panel": _debate_panel,
    "analytics": _analytics,
    "ads-account": _ads_account,
    "search-console": _search_console,
    "web-analytics": _web_analytics,
}


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
            project, config.region, config.base_url, config.tasks_invoker_sa or "", TOPOLOGY
        ),
        secrets=SecretManagerSecrets(project),
        clock=SystemClock(),
        vectors=_vertex_vectors(config),
        factories=ADAPTERS,
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


def build_local(
    config: Settings,
    clock: Clock,
    store: DocumentStore | None = None,
    topology: Topology = TOPOLOGY,
    factories: Mapping[str, Factory] = ADAPTERS,
) -> Platform:
    """The embedded platform: SQLite store, persisted local tasks, in-process events
    (routed by the manifest's topology unless a bench compares another), and the adapters
    `factories` names (the dev runtime's worker replaces one)."""
    from shared.platform.docstore.sqlite import SqliteDocumentStore
    from shared.platform.events.local import LocalEventBus
    from shared.platform.tasks.local import LocalTaskQueue

    store = store or SqliteDocumentStore(config.sqlite_path)
    queue = LocalTaskQueue(store, clock, topology)
    return Platform(
        settings=config,
        store=store,
        bus=LocalEventBus(queue, clock, project=config.project_id or "local"),
        tasks=queue,
        secrets=local_secrets(),
        clock=clock,
        vectors=NumpyVectorIndex(),
        factories=factories,
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
