"""The single source of truth for every function, topic, queue and secret.

Terraform (via `schemas/manifest.json`), the local dev runtime, Cloud Build and the
README's function table are all derived from these tables. Adding a function means one
module in `functions/` plus one row here. Kept free of heavy imports: `main.py` reads it
on every cold start.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from shared.booking.policy import HOLD_MINUTES

Role = Literal["owner", "admin", "manager", "staff", "chef"]
ALL_ROLES: tuple[Role, ...] = ("owner", "admin", "manager", "staff", "chef")
STAFF_ROLES: tuple[Role, ...] = ("owner", "admin", "manager", "staff")
ADMIN_ROLES: tuple[Role, ...] = ("owner", "admin")


@dataclass(frozen=True)
class PublicHttp:
    """Reachable by anyone on the internet (web front end, webhooks); rate limited."""

    methods: tuple[str, ...] = ("GET", "POST")
    rate_limit_per_minute: int = 60
    kind: str = "http"
    access: str = "public"


@dataclass(frozen=True)
class AdminHttp:
    """Reachable from the admin front end with a bearer JWT or service API key."""

    roles: tuple[Role, ...] = STAFF_ROLES
    methods: tuple[str, ...] = ("GET", "POST")
    kind: str = "http"
    access: str = "admin"


@dataclass(frozen=True)
class PubSubTrigger:
    """Receives each message published to `topic` through a push subscription."""

    topic: str
    kind: str = "pubsub"


@dataclass(frozen=True)
class TaskTrigger:
    """Receives Cloud Tasks HTTP tasks from `queue`."""

    queue: str
    kind: str = "task"


@dataclass(frozen=True)
class ScheduleTrigger:
    """Called by Cloud Scheduler on `cron` in `timezone`; also runnable now by an admin."""

    cron: str
    timezone: str = "America/Los_Angeles"
    kind: str = "schedule"


Trigger = PublicHttp | AdminHttp | PubSubTrigger | TaskTrigger | ScheduleTrigger

# The proofs public functions take in a header (documented as OpenAPI security schemes).
Credential = Literal[
    "booking_token", "stripe_signature", "meta_signature", "ringcentral_token", "email_token"
]


HTTP_CONCURRENCY = 8


@dataclass(frozen=True)
class Function:
    name: str
    summary: str
    trigger: Trigger
    memory_mb: int = 256
    timeout_s: int = 60
    min_instances: int = 0
    max_instances: int = 10
    # Requests one instance serves at once; None: the trigger kind's default (below).
    concurrency: int | None = None
    secrets: tuple[str, ...] = ()
    # "module:Model" references, resolved only by schema export (keeps cold start light).
    request_model: str | None = None  # the body of every method but GET
    response_model: str | None = None  # what those methods answer (a GET-only function: GET)
    query_model: str | None = None  # GET's query parameters
    # What GET answers when it differs from `response_model` (alternatives: one of them).
    query_response_models: tuple[str, ...] = ()
    query_media_type: str = "application/json"  # of GET's answer
    statuses: tuple[int, ...] = (200,)  # success statuses of the methods but GET
    credential: Credential | None = None  # what a public function checks besides the body
    # Outcomes besides bad input (400/413/415/422), refusals, rate limits and 500/503.
    errors: tuple[int, ...] = ()
    # Runs only in the embedded runtime, standing in for a managed integration that does
    # the same job in production (not packaged, not in Terraform).
    local_only: bool = False

    @property
    def entry_point(self) -> str:
        return self.name.replace("-", "_")

    @property
    def module(self) -> str:
        return f"functions.{self.entry_point}"

    @property
    def request_concurrency(self) -> int:
        """HTTP functions overlap requests on one instance (Google's advice for Python is
        to start at 8, with as many threads); pushes and tasks take one at a time, as a
        2nd gen function does by default, so a burst scales out instead of piling up."""
        if self.concurrency is not None:
            return self.concurrency
        return HTTP_CONCURRENCY if isinstance(self.trigger, PublicHttp | AdminHttp) else 1

    @property
    def service_account_class(self) -> str:
        """Functions of one class share one least-privilege service account."""
        if isinstance(self.trigger, PublicHttp | AdminHttp):
            return f"{self.trigger.access}-http"
        return self.trigger.kind


@dataclass(frozen=True)
class Topic:
    name: str
    summary: str
    payload_model: str | None = None
    max_delivery_attempts: int = 5
    # Production: a BigQuery subscription writes each message into this table of the
    # analytics dataset (columns named like the payload's fields).
    bigquery_table: str | None = None


@dataclass(frozen=True)
class Queue:
    name: str
    summary: str
    max_attempts: int = 5
    min_backoff_s: float = 1.0
    max_backoff_s: float = 300.0
    max_doublings: int = 5
    max_dispatches_per_second: float = 20.0


@dataclass(frozen=True)
class Secret:
    name: str
    summary: str
    required_in_prod: bool = True


@dataclass(frozen=True)
class Index:
    """A Firestore composite index: a query with equality filters plus an order or range on
    another field needs one in production (the emulator does not check)."""

    collection: str
    fields: tuple[tuple[str, Literal["asc", "desc"]], ...]

    @property
    def name(self) -> str:
        return self.collection + "--" + "-".join(f"{f}.{d}" for f, d in self.fields)


DEAD_LETTER_TOPIC = "dead-letters"
ANALYTICS_TOPIC = "analytics-events"  # shared.platform.analytics publishes to it

TOPICS: tuple[Topic, ...] = (
    Topic(
        "inbound-messages",
        "Customer messages from every channel, stored and normalised, waiting for the AI.",
        payload_model="shared.ai.inbound:InboundEvent",
    ),
    Topic(
        "conversation-turns",
        "Each finished AI turn, for shadow evaluation, tagging and training signals.",
        payload_model="shared.ai.turn.models:TurnEvent",
    ),
    Topic(
        "debate-requested",
        "A hard or new question for the panel (unsure knowledge search, validator block, staff).",
        payload_model="shared.ai.debate.records:DebateRequest",
    ),
    Topic(
        "debate-critiques",
        "A debate's next critique round, after its proposals or the previous critiques.",
        payload_model="shared.ai.debate.records:RoundEvent",
    ),
    Topic(
        "debate-synthesis",
        "A debate whose rounds are over (planned, agreed early or capped), for the judge.",
        payload_model="shared.ai.debate.records:RoundEvent",
    ),
    Topic(
        ANALYTICS_TOPIC,
        "Typed analytics events (messages, quotes, holds, deposits, cancellations, refunds,"
        " completed events, escalations), one flat row each, deduplicated by event id.",
        payload_model="shared.platform.analytics:AnalyticsPayload",
        bigquery_table="events",
    ),
    Topic(
        DEAD_LETTER_TOPIC,
        "Messages a subscriber failed to handle after every delivery attempt (the original"
        " payload, with Pub/Sub's CloudPubSubDeadLetter* attributes).",
    ),
)

QUEUES: tuple[Queue, ...] = (
    Queue(
        "outbound",
        "Replies to deliver on their channel, one named task per reply.",
        max_attempts=6,
        min_backoff_s=2.0,
        max_backoff_s=300.0,
    ),
    Queue("jobs", "Scheduled jobs run on demand by staff.", max_attempts=3),
    Queue(
        "voice",
        "Call recordings to transcribe, summarise and follow up.",
        max_attempts=5,
        min_backoff_s=10.0,
        max_backoff_s=600.0,
    ),
    Queue(
        "training",
        "Training-data exports staff start, one task per export job.",
        max_attempts=3,
        min_backoff_s=30.0,
        max_backoff_s=600.0,
    ),
    Queue(
        "campaigns",
        "Campaign fan-outs and sends, one named task per campaign and recipient.",
        max_attempts=6,
        min_backoff_s=10.0,
        max_backoff_s=600.0,
        max_dispatches_per_second=5.0,  # texts leave the business number at about this rate
    ),
    Queue(
        "holds",
        f"Hold expiries, each due {HOLD_MINUTES} minutes after its hold was created.",
        max_attempts=10,
        min_backoff_s=5.0,
        max_backoff_s=600.0,
    ),
)

SECRETS: tuple[Secret, ...] = (
    Secret(
        "jwt-signing-key",
        "HMAC key that signs admin bearer tokens and customers' booking tokens.",
    ),
    *(
        Secret(
            name,
            "LLM API key; providers without a key are left out of the cascade.",
            required_in_prod=False,
        )
        for name in ("openai-api-key", "anthropic-api-key", "mistral-api-key", "gemini-api-key")
    ),
    Secret(
        "google-maps-api-key",
        "Distance Matrix key for road miles; without it travel uses zip-centroid distances.",
        required_in_prod=False,
    ),
    # Payment and channel credentials: optional at deploy time, so the platform can go live
    # before every integration is set up; a function that needs a missing one answers 503.
    *(
        Secret(name, summary, required_in_prod=False)
        for name, summary in (
            ("stripe-secret-key", "Stripe API key for Checkout, refunds and balance links."),
            ("stripe-webhook-secret", "Signing secret of the Stripe webhook endpoint."),
            ("ringcentral-client-id", "RingCentral app client id (SMS and call events)."),
            ("ringcentral-client-secret", "RingCentral app client secret."),
            ("ringcentral-jwt", "RingCentral JWT credential of the business phone user."),
            ("ringcentral-verification-token", "Token RingCentral sends with each webhook."),
            ("meta-app-secret", "Meta app secret: verifies X-Hub-Signature-256 on webhooks."),
            ("meta-verify-token", "Token Meta echoes in the webhook subscription handshake."),
            ("meta-page-token", "Page access token for Messenger and Instagram sends."),
            ("whatsapp-token", "WhatsApp Cloud API token for sends."),
            ("email-inbound-token", "Shared secret the inbound-email provider sends."),
            ("smtp-password", "Password of the SMTP account outbound email is sent from."),
            ("deepgram-api-key", "Deepgram key for transcribing call recordings."),
            (
                "google-business-profile-oauth",
                "Authorized-user JSON (client id, secret, refresh token; business.manage scope)"
                " of a Google Business Profile manager: reads reviews, posts approved replies.",
            ),
        )
    ),
    # Google Ads API: the developer token and the OAuth client and refresh token of a user
    # with access to the account. Search Console and GA4 need none: the functions' service
    # account is added to the property instead.
    *(
        Secret(name, summary, required_in_prod=False)
        for name, summary in (
            ("google-ads-developer-token", "Google Ads API developer token (API Center)."),
            ("google-ads-client-id", "OAuth client id the Google Ads refresh token belongs to."),
            ("google-ads-client-secret", "That OAuth client's secret."),
            ("google-ads-refresh-token", "OAuth refresh token of a user on the ads account."),
        )
    ),
)

BOOKING_SECRETS = ("jwt-signing-key", "google-maps-api-key")
LLM_SECRETS = ("openai-api-key", "anthropic-api-key", "mistral-api-key", "gemini-api-key")
AI_SECRETS = (*BOOKING_SECRETS, *LLM_SECRETS)
GOOGLE_ADS_SECRETS = (
    "google-ads-developer-token",
    "google-ads-client-id",
    "google-ads-client-secret",
    "google-ads-refresh-token",
)

FUNCTIONS: tuple[Function, ...] = (
    Function(
        "healthz",
        "Liveness and store round trip; what uptime checks and `make dev` probe.",
        PublicHttp(methods=("GET",), rate_limit_per_minute=120),
        response_model="shared.platform.health:HealthReport",
    ),
    Function(
        "whoami",
        "The caller's identity and roles, for the admin front end's session check.",
        AdminHttp(roles=ALL_ROLES, methods=("GET",)),
        secrets=("jwt-signing-key",),
        response_model="shared.platform.principal:Principal",
    ),
    Function(
        "staff-console",
        "The staff web app (analytics, escalations, bookings, learning, campaigns) over the admin"
        " endpoints; static files only, the browser signs in with an admin token.",
        # One page load fetches a dozen files (each revalidated, mostly 304s).
        PublicHttp(methods=("GET",), rate_limit_per_minute=600),
        query_media_type="text/html",
        errors=(404,),
    ),
    Function(
        "run-job",
        "Run a scheduled job now (queued through the `jobs` task queue).",
        AdminHttp(roles=ADMIN_ROLES, methods=("POST",)),
        secrets=("jwt-signing-key",),
        request_model="functions._app.jobs:RunJobRequest",
        response_model="functions._app.jobs:RunJobResponse",
        statuses=(202,),
    ),
    Function(
        "housekeeping",
        "Nightly purge of every collection that grows with traffic, by its retention rule.",
        ScheduleTrigger(cron="0 3 * * *"),
        timeout_s=540,
        response_model="shared.platform.housekeeping:HousekeepingReport",
    ),
    Function(
        "quote",
        "Itemised, deterministic price for a party from the current price book.",
        PublicHttp(methods=("POST",)),
        secrets=("google-maps-api-key",),
        request_model="shared.booking.models:EventQuoteRequest",
        response_model="shared.pricing.models:Quote",
    ),
    Function(
        "availability",
        "Free event start times for a date, party size and zip code (or market).",
        PublicHttp(methods=("GET",)),
        secrets=("google-maps-api-key",),
        query_model="shared.booking.models:AvailabilityRequest",
        response_model="shared.booking.models:AvailabilityResponse",
    ),
    Function(
        "create-booking",
        f"Quote, claim a chef window and hold it for {HOLD_MINUTES} minutes; returns the access "
        "token.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=20),
        secrets=BOOKING_SECRETS,
        request_model="shared.booking.models:CreateBookingRequest",
        response_model="shared.booking.models:BookingView",
        statuses=(201,),
        errors=(409,),
    ),
    Function(
        "booking-status",
        "A customer's own booking, by id and booking token.",
        PublicHttp(methods=("GET",)),
        secrets=("jwt-signing-key",),
        query_model="shared.booking.customer:BookingRef",
        response_model="shared.booking.models:BookingView",
        credential="booking_token",
        errors=(404,),
    ),
    Function(
        "cancel-booking",
        "A customer cancels their booking; the deposit policy decides the refund.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=20),
        secrets=BOOKING_SECRETS,
        request_model="shared.booking.customer:CustomerCancel",
        response_model="shared.booking.models:BookingView",
        credential="booking_token",
        errors=(404, 409),
    ),
    Function(
        "reschedule-booking",
        "A customer moves their booking; the old time is kept unless the new one is won.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=20),
        secrets=BOOKING_SECRETS,
        request_model="shared.booking.customer:CustomerReschedule",
        response_model="shared.booking.models:BookingView",
        credential="booking_token",
        errors=(404, 409),
    ),
    Function(
        "admin-bookings",
        "Staff: list and filter bookings; confirm, complete, cancel or reschedule one.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=BOOKING_SECRETS,
        request_model="shared.booking.admin:BookingActionRequest",
        response_model="shared.booking.models:Booking",
        query_model="shared.booking.admin:BookingQuery",
        query_response_models=("shared.booking.admin:BookingPage",),
        errors=(404, 409),
    ),
    Function(
        "admin-chefs",
        "Staff: chefs per market; create, set hours, days off and blackout dates.",
        AdminHttp(roles=("owner", "admin", "manager")),
        secrets=("jwt-signing-key",),
        request_model="shared.booking.chef_admin:ChefAction",
        response_model="shared.booking.catalog:Chef",
        query_model="shared.booking.chef_admin:ChefQuery",
        query_response_models=("shared.booking.chef_admin:ChefList",),
        errors=(404, 409),
    ),
    Function(
        "admin-customers",
        "Staff: find customers by phone, email or name; merge duplicates.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.customers.admin:MergeRequest",
        response_model="shared.customers.identity:Customer",
        query_model="shared.customers.admin:CustomerSearch",
        query_response_models=("shared.customers.admin:CustomerList",),
        errors=(404, 409),
    ),
    Function(
        "admin-price-book",
        "Owners: read the current price book and its versions; publish a new version.",
        AdminHttp(roles=ADMIN_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.pricing.admin:PublishRequest",
        response_model="shared.pricing.admin:PriceBookState",
        statuses=(201,),
        errors=(409,),
    ),
    Function(
        "admin-cost-model",
        "Owners: the cost model profitability is computed with: versions, publish, roll back.",
        AdminHttp(roles=ADMIN_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.analytics.cost_admin:CostModelChange",
        response_model="shared.analytics.cost_admin:CostModelState",
        statuses=(200, 201),
        errors=(404, 409),
    ),
    Function(
        "admin-ai-config",
        "Owners: the AI configuration (agents, thresholds, gates): versions, diff, publish, "
        "roll back.",
        AdminHttp(roles=ADMIN_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.ai.config.admin:AIConfigChange",
        response_model="shared.ai.config.admin:AIConfigState",
        query_model="shared.ai.config.admin:AIConfigQuery",
        query_response_models=(
            "shared.ai.config.admin:AIConfigState",
            "shared.ai.config.diff:ConfigDiff",
        ),
        statuses=(200, 201),
        errors=(404, 409),
    ),
    Function(
        "admin-audit-log",
        "Owners: who changed what and when, with before and after.",
        AdminHttp(roles=ADMIN_ROLES, methods=("GET",)),
        secrets=("jwt-signing-key",),
        response_model="shared.platform.audit:AuditPage",
        query_model="shared.platform.audit:AuditQuery",
    ),
    Function(
        "release-hold",
        f"Expire an unpaid hold {HOLD_MINUTES} minutes after it was made and free its chef window.",
        TaskTrigger("holds"),
    ),
    Function(
        "chat",
        "One web-chat turn with the AI agent (quotes, availability, holds, FAQ, escalation).",
        PublicHttp(methods=("POST",), rate_limit_per_minute=30),
        memory_mb=1024,
        secrets=AI_SECRETS,
        request_model="shared.ai.turn:ChatRequest",
        response_model="shared.ai.turn:ChatResponse",
    ),
    Function(
        "chat-history",
        "A web visitor's thread since a message: AI and staff replies for the chat widget.",
        PublicHttp(methods=("GET",), rate_limit_per_minute=120),
        query_model="shared.conversation.admin:VisitorHistoryQuery",
        response_model="shared.conversation.admin:VisitorHistory",
        errors=(404,),
    ),
    Function(
        "rate-reply",
        "A web visitor rates an AI reply (helpful or not), for the learning loop.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=30),
        request_model="shared.learning.feedback:ReplyRating",
        response_model="shared.learning.feedback:RatingAck",
        errors=(404,),
    ),
    Function(
        "handle-inbound-message",
        "Answer a message from SMS, WhatsApp, Messenger, Instagram, email or voice.",
        PubSubTrigger("inbound-messages"),
        memory_mb=1024,
        timeout_s=120,
        secrets=AI_SECRETS,
        request_model="shared.ai.inbound:InboundEvent",
    ),
    Function(
        "send-outbound",
        "Deliver one reply on its channel; retried with backoff, deduplicated per reply.",
        TaskTrigger("outbound"),
        secrets=(
            "ringcentral-client-id",
            "ringcentral-client-secret",
            "ringcentral-jwt",
            "meta-page-token",
            "whatsapp-token",
            "smtp-password",
        ),
        request_model="shared.channels.outbound:OutboundMessage",
    ),
    Function(
        "admin-conversations",
        "Staff: threads (escalated first), transcripts with traces, take over, reply, release.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.conversation.admin:ConversationAction",
        response_model="shared.conversation.admin:Transcript",
        query_model="shared.conversation.admin:ThreadQuery",
        query_response_models=(
            "shared.conversation.admin:ThreadList",
            "shared.conversation.admin:Transcript",
        ),
        errors=(404, 409),
    ),
    Function(
        "admin-drafts",
        "Staff: AI reply drafts held for review; approve, edit or reject; the review report.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.review.admin:DraftAction",
        response_model="shared.review.admin:DraftResult",
        query_model="shared.review.admin:DraftQuery",
        query_response_models=(
            "shared.review.admin:DraftList",
            "shared.review.report:ReviewReport",
        ),
        errors=(404, 409),
    ),
    Function(
        "admin-knowledge",
        "Staff: read the knowledge base; add or edit a document (versioned, re-embedded).",
        AdminHttp(roles=("owner", "admin", "manager")),
        memory_mb=1024,
        secrets=("jwt-signing-key",),
        request_model="shared.ai.knowledge.base:KnowledgeDoc",
        response_model="shared.ai.knowledge.base:KnowledgeDoc",
        query_response_models=("functions.admin_knowledge:KnowledgeList",),
        statuses=(201,),
    ),
    Function(
        "shadow-turn",
        "Re-run each finished turn on the other model (student, or teacher in reverse) and"
        " store the pair; no customer sees it.",
        PubSubTrigger("conversation-turns"),
        memory_mb=1024,
        timeout_s=120,
        secrets=AI_SECRETS,
    ),
    Function(
        "admin-learning",
        "Staff: the student's readiness per channel and intent; open or close its gate.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.learning.admin:GateAction",
        response_model="shared.learning.records:Gate",
        query_response_models=("shared.learning.report:ReadinessReport",),
        errors=(409,),
    ),
    Function(
        "self-heal",
        "Nightly: find rising escalations, misroutes, blocks and unanswered questions in"
        " recent turns; propose fixes, each replayed on the affected turns.",
        ScheduleTrigger(cron="0 2 * * *"),
        memory_mb=1024,
        timeout_s=540,
        response_model="shared.learning.healing.records:Run",
    ),
    Function(
        "admin-healing",
        "Admins: self-healing proposals with their replays; approve (publishes the change),"
        " reject, or roll an applied configuration change back.",
        AdminHttp(roles=ADMIN_ROLES),
        memory_mb=1024,
        secrets=("jwt-signing-key",),
        request_model="shared.learning.healing.admin:ProposalDecision",
        response_model="shared.learning.healing.records:Proposal",
        query_model="shared.learning.healing.admin:ProposalQuery",
        query_response_models=(
            "shared.learning.healing.admin:HealingProposals",
            "shared.learning.healing.records:Proposal",
        ),
        errors=(404, 409),
    ),
    Function(
        "coach-report",
        "Daily 02:00: yesterday's AI coach report (numbers, standing scenarios, regressions),"
        " stored and sent to the owner.",
        ScheduleTrigger(cron="0 2 * * *"),
        memory_mb=1024,
        timeout_s=540,
        secrets=AI_SECRETS,
        response_model="shared.learning.coach.daily:CoachRun",
    ),
    Function(
        "tag-conversations",
        "Nightly 03:30: tag recent conversations (intent, budget, objections, party, behaviour,"
        " outcome), find those quoted and not booked in time and why, publish the events.",
        ScheduleTrigger(cron="30 3 * * *"),
        memory_mb=512,
        timeout_s=540,
        secrets=LLM_SECRETS,
        response_model="shared.analytics.tagging.job:TagRun",
    ),
    Function(
        "admin-coach",
        "Staff: the daily AI coach report, the latest or one day's, as JSON and text.",
        AdminHttp(roles=STAFF_ROLES, methods=("GET",)),
        secrets=("jwt-signing-key",),
        query_model="shared.learning.coach.admin:CoachQuery",
        response_model="shared.learning.coach.admin:CoachView",
        errors=(404,),
    ),
    Function(
        "admin-training",
        "Managers: training examples with their scores; accept or reject one; export a dataset.",
        AdminHttp(roles=("owner", "admin", "manager")),
        secrets=("jwt-signing-key",),
        request_model="shared.learning.training.admin:TrainingAction",
        response_model="shared.learning.training.admin:TrainingOutcome",
        query_model="shared.learning.training.admin:TrainingQuery",
        query_response_models=(
            "shared.learning.training.admin:DatasetSummary",
            "shared.learning.training.jobs:ExportJob",
        ),
        statuses=(200, 202),
        errors=(404,),
    ),
    Function(
        "training-export",
        "Run a training-data export: scrub, check, validate, then publish OpenAI and Vertex"
        " JSONL with a LoRA config each.",
        TaskTrigger("training"),
        memory_mb=1024,
        timeout_s=540,
        request_model="shared.learning.training.jobs:ExportTask",
        response_model="shared.learning.training.jobs:ExportJob",
    ),
    Function(
        "debate-trigger",
        "Ask the panel about a finished turn whose knowledge search was unsure or whose reply"
        " the validator blocked; the customer's turn is untouched.",
        PubSubTrigger("conversation-turns"),
        memory_mb=512,
    ),
    Function(
        "debate-propose",
        "Open a debate (complexity, grounded context, panel) and collect each proposal.",
        PubSubTrigger("debate-requested"),
        memory_mb=1024,
        timeout_s=300,  # panelists are asked in turn, each with its retries
        secrets=LLM_SECRETS,
        request_model="shared.ai.debate.records:DebateRequest",
    ),
    Function(
        "debate-critique",
        "One critique round of a debate: each panelist reviews the others and revises.",
        PubSubTrigger("debate-critiques"),
        memory_mb=1024,
        timeout_s=300,  # panelists are asked in turn, each with its retries
        secrets=LLM_SECRETS,
        request_model="shared.ai.debate.records:RoundEvent",
    ),
    Function(
        "debate-synthesise",
        "Judge a debate's answers (shuffled), check the synthesis with the validator, store it.",
        PubSubTrigger("debate-synthesis"),
        memory_mb=1024,
        timeout_s=300,  # panelists are asked in turn, each with its retries
        secrets=LLM_SECRETS,
        request_model="shared.ai.debate.records:RoundEvent",
    ),
    Function(
        "admin-debates",
        "Staff: debates per thread with every answer and critique; request one; approve a"
        " synthesis into the knowledge base or the FAQ cache.",
        AdminHttp(roles=STAFF_ROLES),
        memory_mb=1024,
        secrets=("jwt-signing-key",),
        request_model="shared.ai.debate.admin:DebateAction",
        response_model="shared.ai.debate.admin:DebateOutcome",
        query_model="shared.ai.debate.admin:DebateQuery",
        query_response_models=(
            "shared.ai.debate.admin:DebateList",
            "shared.ai.debate.records:Debate",
        ),
        statuses=(200, 202),
        errors=(404, 409),
    ),
    Function(
        "stripe-webhook",
        "Stripe events: deposits confirm bookings, failures notify, refunds and disputes.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=1200),
        secrets=("stripe-secret-key", "stripe-webhook-secret", "jwt-signing-key"),
        response_model="shared.payments.webhook:WebhookAck",
        credential="stripe_signature",
    ),
    Function(
        "request-balance",
        "Daily: complete yesterday's events and send each customer a balance payment link.",
        ScheduleTrigger(cron="0 10 * * *"),
        timeout_s=300,
        secrets=("stripe-secret-key",),
        response_model="shared.payments.balance:BalanceReport",
    ),
    Function(
        "lifecycle-sweep",
        "Every 15 minutes: the same review request to every customer 30 minutes to 2 hours"
        " after their event; loyalty points and referral credits for completed events.",
        ScheduleTrigger(cron="*/15 * * * *"),
        timeout_s=300,
        secrets=("jwt-signing-key",),
        response_model="shared.growth.sweep:AfterEventReport",
    ),
    Function(
        "send-reminders",
        "Hourly in the day: event reminders 7 days and 1 day before (with the balance link),"
        " and a past customer's birthday or anniversary 14 days ahead.",
        ScheduleTrigger(cron="0 9-18 * * *"),
        timeout_s=300,
        secrets=("stripe-secret-key",),
        response_model="shared.growth.sweep:ReminderReport",
    ),
    Function(
        "review-feedback",
        "The private feedback form a review request links to: a rating and comment, stored;"
        " a low rating opens a care handoff; the Google review link is offered either way.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=20),
        secrets=("jwt-signing-key",),
        request_model="shared.growth.reviews:FeedbackRequest",
        response_model="shared.growth.reviews:FeedbackAck",
        errors=(401, 404),  # the link's token, in the body
    ),
    Function(
        "sync-google-reviews",
        "Hourly: read the Google Business Profile's reviews into the staff view.",
        ScheduleTrigger(cron="0 * * * *"),
        secrets=("google-business-profile-oauth",),
        response_model="shared.growth.google_reviews:SyncReport",
    ),
    Function(
        "admin-reviews",
        "Staff: Google reviews with reply drafts; draft a reply; a manager's approval posts it.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key", "google-business-profile-oauth"),
        request_model="shared.growth.google_reviews:ReviewAction",
        response_model="shared.growth.google_reviews:StoredReview",
        query_response_models=("shared.growth.google_reviews:ReviewList",),
        errors=(404, 409),
    ),
    Function(
        "admin-payments",
        "Staff: match pasted Zelle/Venmo payment emails to bookings and confirm them.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.payments.alternative.proposals:PaymentActionRequest",
        response_model="shared.payments.alternative.proposals:PaymentProposal",
        query_response_models=("shared.payments.alternative.proposals:ProposalList",),
        statuses=(200, 201),
        errors=(404, 409),
    ),
    Function(
        "ringcentral-webhook",
        "RingCentral: inbound SMS (STOP/HELP/START handled) and call events.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=1200),
        secrets=("ringcentral-verification-token",),
        request_model="shared.channels.sms.webhook:RingCentralNotification",
        response_model="shared.channels.sms.webhook:RingCentralAck",
        credential="ringcentral_token",
    ),
    Function(
        "meta-webhook",
        "Meta: WhatsApp, Messenger and Instagram messages (verified handshake and signature).",
        PublicHttp(methods=("GET", "POST"), rate_limit_per_minute=1200),
        secrets=("meta-app-secret", "meta-verify-token"),
        request_model="shared.channels.meta.payload:MetaWebhook",
        response_model="shared.channels.meta.payload:WebhookAck",
        query_model="shared.channels.meta.payload:Handshake",
        query_media_type="text/plain",
        credential="meta_signature",
    ),
    Function(
        "email-inbound",
        "Inbound email from the mail provider's webhook, threaded by address and subject.",
        PublicHttp(methods=("POST",), rate_limit_per_minute=600),
        secrets=("email-inbound-token",),
        request_model="shared.channels.email.models:InboundEmail",
        response_model="shared.channels.email.models:EmailAck",
        credential="email_token",
    ),
    Function(
        "process-recording",
        "Transcribe a call recording, add it to the caller's thread, summarise, follow up.",
        TaskTrigger("voice"),
        memory_mb=1024,
        timeout_s=540,
        secrets=(
            "ringcentral-client-id",
            "ringcentral-client-secret",
            "ringcentral-jwt",
            "deepgram-api-key",
            *AI_SECRETS,
        ),
        request_model="shared.channels.voice.models:RecordingTask",
        response_model="shared.channels.voice.models:RecordingOutcome",
    ),
    Function(
        "admin-outbox",
        "Staff: messages sent, recorded locally or suppressed, per thread or channel.",
        AdminHttp(roles=STAFF_ROLES, methods=("GET",)),
        secrets=("jwt-signing-key",),
        query_model="shared.channels.outbox:OutboxQuery",
        response_model="shared.channels.outbox:OutboxPage",
    ),
    Function(
        "admin-campaigns",
        "Staff: newsletters and SMS campaigns: draft (holiday templates, LLM), preview with"
        " segment counts, approve and send (managers), progress; record consent or opt-outs.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key", *LLM_SECRETS),
        request_model="shared.marketing.admin:CampaignRequest",
        response_model="shared.marketing.admin:CampaignAnswer",
        query_model="shared.marketing.admin:CampaignQuery",
        query_response_models=(
            "shared.marketing.admin:CampaignList",
            "shared.marketing.admin:CampaignView",
        ),
        errors=(404, 409),
    ),
    Function(
        "campaign-fanout",
        "Fan an approved campaign out: one named send task per recipient, due in their window.",
        TaskTrigger("campaigns"),
        timeout_s=540,
        request_model="shared.marketing.sending:CampaignRef",
        response_model="shared.marketing.sending:FanOutResult",
    ),
    Function(
        "campaign-send",
        "Send one campaign message to one recipient, at most once, re-checking consent,"
        " quiet hours and the frequency cap.",
        TaskTrigger("campaigns"),
        secrets=(
            "ringcentral-client-id",
            "ringcentral-client-secret",
            "ringcentral-jwt",
            "smtp-password",
            "jwt-signing-key",
        ),
        request_model="shared.marketing.sending:SendTask",
        response_model="shared.marketing.sending:SendOutcome",
    ),
    Function(
        "unsubscribe",
        "Marketing unsubscribe link: GET shows a confirm page, POST (one-click, RFC 8058)"
        " stops marketing on every channel.",
        # Mailbox providers make the one-click POSTs for all their users from a few addresses.
        PublicHttp(methods=("GET", "POST"), rate_limit_per_minute=1200),
        secrets=("jwt-signing-key",),
        query_model="shared.marketing.unsubscribe:UnsubscribeQuery",
        query_media_type="text/html",
    ),
    Function(
        "admin-dead-letters",
        "Staff: work that failed every attempt (events and tasks), to inspect and replay.",
        AdminHttp(roles=STAFF_ROLES),
        secrets=("jwt-signing-key",),
        request_model="shared.platform.deadletters:ReplayRequest",
        response_model="shared.platform.deadletters:ReplayResult",
        query_model="shared.platform.deadletters:DeadLetterQuery",
        query_response_models=("shared.platform.deadletters:DeadLetterPage",),
        errors=(404, 409),
    ),
    Function(
        "derive-turn-analytics",
        "Turns each finished AI turn into analytics events: message in (with the occasion"
        " the customer names), message out, quote, escalation.",
        PubSubTrigger("conversation-turns"),
    ),
    Function(
        "record-analytics-event",
        "Local only: writes each analytics event into the embedded DuckDB file, as the"
        " topic's BigQuery subscription does in production.",
        PubSubTrigger(ANALYTICS_TOPIC),
        local_only=True,
    ),
    Function(
        "admin-analytics",
        "Staff: analytics reports over a period (the funnel by channel, market or occasion; "
        "profitability under the cost model; channel performance; the decision dashboard;"
        " lost bookings, objections, conversation tags).",
        AdminHttp(roles=STAFF_ROLES, methods=("GET",)),
        secrets=("jwt-signing-key",),
        query_model="shared.analytics.query:ReportQuery",
        query_response_models=(
            "shared.analytics.funnel:FunnelReport",
            "shared.analytics.profitability:ProfitabilityReport",
            "shared.analytics.channels:ChannelsReport",
            "shared.analytics.decisions:DecisionsReport",
            "shared.analytics.lost:LostReport",
            "shared.analytics.objections:ObjectionsReport",
            "shared.analytics.tags:TagsReport",
        ),
    ),
    Function(
        "marketing-sync",
        "Nightly: upload paid deposits as Google Ads conversions; snapshot 30 days of Google"
        " Ads, Search Console and GA4; propose ad changes for staff to approve.",
        ScheduleTrigger(cron="30 4 * * *"),
        memory_mb=512,
        timeout_s=540,
        secrets=GOOGLE_ADS_SECRETS,
        response_model="shared.ads.sync:SyncRun",
    ),
    Function(
        "admin-marketing",
        "Staff: the marketing report (ads with real booking CPA/ROAS by market, search,"
        " web funnel) and recommendations; managers approve (sent to Google Ads, audited).",
        AdminHttp(roles=STAFF_ROLES),
        memory_mb=512,
        secrets=("jwt-signing-key", *GOOGLE_ADS_SECRETS),
        request_model="shared.ads.admin:MarketingAction",
        response_model="shared.ads.approvals:StoredRecommendation",
        query_model="shared.ads.admin:MarketingQuery",
        query_response_models=(
            "shared.ads.admin:MarketingReport",
            "shared.ads.admin:RecommendationList",
        ),
        errors=(404, 409),
    ),
    Function(
        "record-dead-letter",
        "Stores every dead-lettered message so staff can see and replay it.",
        PubSubTrigger(DEAD_LETTER_TOPIC),
    ),
)


def _by(collection: str, *equal: str, order: str, direction: Literal["asc", "desc"]) -> Index:
    return Index(collection, (*((f, "asc") for f in equal), (order, direction)))


INDEXES: tuple[Index, ...] = (
    # Availability: a market's active bookings around a date.
    _by("bookings", "market", order="start", direction="asc"),
    # Staff booking lists, filtered by market and/or status, by event date.
    Index("bookings", (("event_date", "asc"), ("start", "asc"))),
    Index("bookings", (("market", "asc"), ("event_date", "asc"), ("start", "asc"))),
    Index("bookings", (("status", "asc"), ("event_date", "asc"), ("start", "asc"))),
    Index(
        "bookings",
        (("market", "asc"), ("status", "asc"), ("event_date", "asc"), ("start", "asc")),
    ),
    # Audit log, newest first, by entity, entity id or actor.
    *(_by("audit_log", f, order="at", direction="desc") for f in ("entity", "entity_id", "actor")),
    # Conversations: a thread's messages, the review queue.
    _by("messages", "thread_id", order="seq", direction="desc"),
    _by("threads", "status", order="last_message_at", direction="desc"),
    # Reply drafts waiting for review, oldest first, optionally of one channel.
    _by("reply_drafts", "status", order="created_at", direction="asc"),
    _by("reply_drafts", "status", "channel", order="created_at", direction="asc"),
    # Outbox and dead letters for staff, newest first.
    *(_by("outbox", f, order="at", direction="desc") for f in ("thread_id", "channel", "to")),
    *(_by("dead_letters", f, order="recorded_at", direction="desc") for f in ("kind", "target")),
    # Debates for the conversation view, newest first.
    _by("debates", "thread_id", order="requested_at", direction="desc"),
    # Housekeeping's purge of finished campaigns and their sends (state + age).
    _by("campaign_sends", "status", order="queued_at", direction="asc"),
    _by("campaigns", "state", order="created_at", direction="asc"),
    # Self-healing proposals by status, newest first.
    _by("healing_proposals", "status", order="at", direction="desc"),
)

FUNCTIONS_BY_NAME: dict[str, Function] = {f.name: f for f in FUNCTIONS}
DEPLOYED_FUNCTIONS: tuple[Function, ...] = tuple(f for f in FUNCTIONS if not f.local_only)
FUNCTIONS_BY_ENTRY_POINT: dict[str, Function] = {f.entry_point: f for f in FUNCTIONS}
QUEUES_BY_NAME: dict[str, Queue] = {q.name: q for q in QUEUES}
TOPICS_BY_NAME: dict[str, Topic] = {t.name: t for t in TOPICS}


def subscribers(topic: str) -> list[Function]:
    return [
        f for f in FUNCTIONS if isinstance(f.trigger, PubSubTrigger) and f.trigger.topic == topic
    ]


def to_json_dict() -> dict[str, object]:
    """The manifest as plain data for Terraform and tooling."""

    return {
        "functions": [
            {
                "name": f.name,
                "summary": f.summary,
                "entry_point": f.entry_point,
                "module": f.module,
                "trigger": asdict(f.trigger),
                "service_account_class": f.service_account_class,
                "memory_mb": f.memory_mb,
                "timeout_s": f.timeout_s,
                "min_instances": f.min_instances,
                "max_instances": f.max_instances,
                "concurrency": f.request_concurrency,
                "secrets": list(f.secrets),
            }
            for f in DEPLOYED_FUNCTIONS
        ],
        "topics": [asdict(t) for t in TOPICS],
        "queues": [asdict(q) for q in QUEUES],
        "secrets": [asdict(s) for s in SECRETS],
        "indexes": [
            {
                "name": i.name,
                "collection": i.collection,
                "fields": [{"field": f, "order": d} for f, d in i.fields],
            }
            for i in INDEXES
        ],
    }
