"""Settings from the environment; `HIBACHI_ENV` alone picks the adapters.

local  - `make dev`: SQLite file under .local/, in-process events and tasks, env secrets.
test   - as local, but everything is built per test (no shared file, no background work).
prod   - Firestore, Pub/Sub, Cloud Tasks, Secret Manager; refuses to start without the
         settings it needs, naming each missing variable.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from shared.platform.errors import ConfigError

Env = Literal["local", "test", "prod"]

LOCAL_ORIGINS = ["http://localhost:3000", "http://localhost:5173", "http://127.0.0.1:8080"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HIBACHI_", extra="ignore", frozen=True)

    env: Env = "local"
    project_id: str | None = None
    region: str = "us-west2"
    firestore_database: str = "(default)"
    # Base of every function URL, e.g. https://us-west2-PROJECT.cloudfunctions.net
    function_base_url: str | None = None
    # Service account whose OIDC identity Cloud Tasks uses to call task functions.
    tasks_invoker_sa: str | None = None
    data_dir: Path = Path(".local")
    cors_origins: Annotated[list[str], NoDecode] = LOCAL_ORIGINS
    jwt_issuer: str = "myhibachi"
    jwt_audience: str = "myhibachi-admin"
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    # RingCentral (SMS and call recordings): the SDK's server, and the business number
    # (E.164) texts are sent from; tests point the server at a local fake.
    ringcentral_server_url: str = "https://platform.ringcentral.com"
    sms_from_number: str | None = None
    # Deepgram pre-recorded transcription of call recordings.
    deepgram_base_url: str = "https://api.deepgram.com"
    deepgram_model: str = "nova-3"
    # Vertex AI Vector Search (prod's vector port): index and endpoint ids, the deployed
    # index, and the endpoint's public domain (infra/vector_search.tf sets all four).
    vector_index: str | None = None
    vector_index_endpoint: str | None = None
    vector_deployed_index: str | None = None
    vector_query_endpoint: str | None = None
    rate_limit_enabled: bool = True
    # X-Forwarded-For hops our own front end appends; the client is the one the outermost
    # of them wrote. Google's front end appends the caller's address (1 on Cloud Functions
    # and Cloud Run; 2 behind an external load balancer, which adds its own). 0 trusts no
    # header and keys clients by the socket peer. Unset: 1 in prod, 0 elsewhere.
    trusted_proxy_hops: int | None = Field(default=None, ge=0, le=10)
    max_body_bytes: int = 1_000_000
    log_level: str = "INFO"
    # Providers tried in order; `offline` needs no key and answers when every LLM fails.
    llm_cascade: str = "offline"
    # The router and FAQ-cache thresholds and the learning gates are not settings: they are
    # the versioned AI configuration (shared.ai.config, admin-ai-config).
    # The student model shadowing the cascade (one cascade entry, e.g. `ollama:llama3@URL`).
    learning_student: str = "offline"
    # Training-data exports: the score an example needs unless the request sets one, and
    # the Cloud Storage bucket they go to (unset: files under data_dir/exports).
    training_min_score: float = Field(default=0.7, ge=0.0, le=1.0)
    training_export_bucket: str | None = None
    # The debate panel: cascade-style entries, one panelist each (`offline` answers from the
    # knowledge base); the judge by name (e.g. `openai:gpt-4o`; unset: the first LLM);
    # the spend after which a debate asks no one more; the cosine at which answers agree.
    debate_panel: str = "offline"
    debate_judge: str | None = None
    debate_cost_cap_usd: float = Field(default=0.05, ge=0)
    debate_agreement: float = Field(default=0.85, ge=0, le=1)
    # Meta Graph API (WhatsApp Cloud API, Messenger and Instagram Send API).
    meta_graph_base_url: str = "https://graph.facebook.com"
    meta_graph_version: str = "v21.0"
    whatsapp_phone_number_id: str | None = None
    # Approved template sent once WhatsApp's 24-hour window has closed (unset: escalate).
    whatsapp_template_name: str | None = None
    whatsapp_template_language: str = "en_US"
    whatsapp_template_has_body_param: bool = True
    # Outbound email over SMTP with TLS; the password is secret `smtp-password`.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_tls: Literal["starttls", "implicit"] = "starttls"
    smtp_username: str | None = None
    smtp_ca_file: Path | None = None  # extra CA to trust (a private relay); None: system CAs
    email_from_address: str | None = None
    email_from_name: str = "MyHibachi"
    email_signature: str = "MyHibachi - private hibachi chefs at your home"
    # The business's postal address, printed in every marketing email (CAN-SPAM); email
    # campaigns cannot be approved without it.
    business_postal_address: str | None = None
    port: int = 8080
    # `make dev`'s server processes on that port (the first one seeds and runs cron).
    dev_servers: int = Field(default_factory=lambda: min(os.cpu_count() or 1, 4), ge=1, le=16)
    # Payments: Stripe in prod, the offline LocalPayments elsewhere unless set to "stripe".
    payments_provider: Literal["stripe", "local"] | None = None
    # Where the Stripe SDK sends requests (tests point it at a local fake); None: Stripe's own.
    stripe_api_base: str | None = None
    # Where Stripe Checkout sends the customer back; {booking_id} is filled in.
    payment_success_url: str = "http://localhost:3000/bookings/{booking_id}?paid=1"
    payment_cancel_url: str = "http://localhost:3000/bookings/{booking_id}"
    # The customer's own page for a booking; the chat gives it out once the hold is made.
    manage_booking_url: str = "http://localhost:3000/bookings/{booking_id}?token={token}"
    # Reviews (shared.growth): the private feedback form every review request links to, and
    # the business's public "write a review" link on Google (unset: the form alone).
    feedback_url: str = "http://localhost:3000/feedback?booking={booking_id}&token={token}"
    google_review_url: str | None = None
    # Google Business Profile (reading reviews, posting approved replies): the account and
    # location ids; unset, a local fake with seeded reviews serves (make dev, tests).
    gbp_account_id: str | None = None
    gbp_location_id: str | None = None
    gbp_api_base: str = "https://mybusiness.googleapis.com"
    # Where the daily AI coach report goes (shared.learning.coach): the owner's email gets
    # the full text, their phone (E.164) a one-text summary; both unset: stored only.
    owner_report_email: str | None = None
    owner_report_phone: str | None = None
    # OpenAI-compatible endpoint for the OpenAI adapter (a proxy, Azure, a local fake in
    # tests); None: OpenAI's own.
    openai_base_url: str | None = None
    # Analytics: the BigQuery dataset the analytics topic's subscription fills (prod; its
    # project is project_id). Elsewhere an embedded DuckDB file under data_dir.
    analytics_dataset: str = "analytics"
    # Which engine serves the reports: None is BigQuery in prod and DuckDB elsewhere.
    analytics_engine: Literal["bigquery", "duckdb"] | None = None
    # Marketing (shared.ads): `google` is the real APIs, `fake` the seeded local data;
    # None is google in prod, fake elsewhere. The ads account (digits, no dashes), the
    # manager account it is reached through, the offline conversion action deposits are
    # uploaded to, the Search Console property and the GA4 property id.
    marketing_provider: Literal["google", "fake"] | None = None
    google_ads_customer_id: str | None = None
    google_ads_login_customer_id: str | None = None
    google_ads_conversion_action_id: str | None = None
    search_console_site: str | None = None
    ga4_property_id: str | None = None
    # Where the clients connect (tests point them at local fakes); None: Google's own.
    google_ads_endpoint: str | None = None
    search_console_endpoint: str | None = None
    ga4_endpoint: str | None = None
    # `make dev` writes a quarter of demo activity (conversations, bookings, analytics) into
    # a store that has none yet; tests turn it off (tests/conftest.py) unless they ask.
    seed_demo_activity: bool = True
    # Days after its first quote a conversation that has not booked counts as lost
    # (the nightly `tag-conversations` job, the `lost` report).
    loss_after_days: int = Field(default=7, ge=1, le=90)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @property
    def is_prod(self) -> bool:
        return self.env == "prod"

    @property
    def proxy_hops(self) -> int:
        """`trusted_proxy_hops`, defaulted for where the process runs."""
        if self.trusted_proxy_hops is not None:
            return self.trusted_proxy_hops
        return 1 if self.is_prod else 0

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "hibachi.db"

    @property
    def analytics_path(self) -> Path:
        return self.data_dir / "analytics.duckdb"

    @property
    def base_url(self) -> str:
        if self.function_base_url:
            return self.function_base_url.rstrip("/")
        if self.is_prod:
            return f"https://{self.region}-{self.project_id}.cloudfunctions.net"
        return f"http://127.0.0.1:{self.port}"

    def check(self) -> Settings:
        """Fail fast, naming every variable production needs but lacks."""
        if not self.is_prod:
            return self
        missing = [
            f"HIBACHI_{name.upper()}"
            for name in (
                "project_id",
                "tasks_invoker_sa",
                "vector_index",
                "vector_index_endpoint",
                "vector_deployed_index",
            )
            if not getattr(self, name)
        ]
        if not self.cors_origins or self.cors_origins == LOCAL_ORIGINS:
            missing.append("HIBACHI_CORS_ORIGINS")
        for name in ("payment_success_url", "payment_cancel_url"):
            if "localhost" in getattr(self, name):  # Stripe would send customers nowhere
                missing.append(f"HIBACHI_{name.upper()}")
        if missing:
            raise ConfigError("HIBACHI_ENV=prod needs these settings: " + ", ".join(missing))
        return self


@functools.cache
def settings() -> Settings:
    """The process-wide settings, read once and validated."""
    return Settings().check()
