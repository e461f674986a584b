"""Every collection that grows with traffic and how long it is kept: housekeeping's table.

The app shell's half of the rules (the platform owns its own): each domain's collection
name comes from that domain, so a rename cannot silently stop its purge. Collections not
listed are business records kept on purpose (bookings and their chef claims, customers and
their handles, threads with their messages and dialogue state, handoffs, payments, SMS
opt-outs, marketing consents, catalog, price books, knowledge, learning tallies and gates);
tests/unit/test_housekeeping.py checks that both lists cover every collection the code
writes.
"""

from __future__ import annotations

from datetime import timedelta

from shared.ads import approvals as ad_approvals
from shared.ads import sync as ad_sync
from shared.ai import cache
from shared.ai.debate import records as debates
from shared.auth import rate_limit
from shared.channels import inbound, outbound
from shared.channels.email import threads as email_threads
from shared.channels.meta import sender as meta_sender
from shared.channels.sms import sender as sms_sender
from shared.conversation import store as conversation_store
from shared.growth import reminders, reviews
from shared.learning import feedback
from shared.learning import records as learning
from shared.learning.coach import report as coach
from shared.learning.healing import records as healing
from shared.learning.training import examples as training
from shared.marketing import campaigns, sending
from shared.platform.housekeeping import PLATFORM_RULES, Retention
from shared.review import drafts

SENT_PARTS_KEEP = timedelta(days=30)  # a send task is retried for hours, never for weeks

RULES: tuple[Retention, ...] = (
    *PLATFORM_RULES,
    Retention(rate_limit.COLLECTION, "expires_at", timedelta(0), "token buckets, once full again"),
    Retention(sms_sender.SENT_PARTS, "at", SENT_PARTS_KEEP, "SMS parts sent per message (dedup)"),
    Retention(meta_sender.SENT_PARTS, "at", SENT_PARTS_KEEP, "Meta parts sent per message (dedup)"),
    Retention(
        email_threads.EMAIL_HEADERS,
        "received_at",
        timedelta(days=180),
        "Message-ID -> thread, so a late reply still joins its thread",
    ),
    Retention(inbound.RAW, "received_at", timedelta(days=30), "raw inbound payloads (replay)"),
    Retention(
        conversation_store.SEEN,
        "at",
        timedelta(days=30),
        "provider message ids already stored; providers redeliver for hours, not weeks",
    ),
    Retention(
        outbound.OUTBOX, "at", timedelta(days=90), "outbound message outcomes (admin outbox)"
    ),
    Retention(cache.COLLECTION, "created_at", timedelta(days=30), "cached FAQ answers"),
    Retention(
        learning.PAIRS,
        "at",
        timedelta(days=365),
        "teacher-student pairs (the tallies that gates read are kept)",
    ),
    Retention(
        coach.COACH_REPORTS,
        "generated_at",
        timedelta(days=365),
        "daily AI coach reports (a year of day-on-day comparisons)",
    ),
    Retention(learning.NOTICES, "at", timedelta(days=90), "gate closures staff were told of"),
    Retention(
        debates.DEBATES,
        "requested_at",
        timedelta(days=365),
        "debates with their synthesis (an approved one lives on in the KB or cache)",
    ),
    Retention(debates.ENTRIES, "at", timedelta(days=365), "debate answers and critiques"),
    Retention(healing.RUNS, "at", timedelta(days=180), "nightly self-healing runs and findings"),
    Retention(
        healing.PROPOSALS,
        "at",
        timedelta(days=365),
        "self-healing proposals with their replays (an applied one lives on as a config version)",
    ),
    Retention(feedback.RATINGS, "at", timedelta(days=365), "customers' ratings of AI replies"),
    Retention(
        feedback.CORRECTIONS, "at", timedelta(days=365), "staff replies correcting an AI reply"
    ),
    Retention(
        drafts.DRAFTS,
        "created_at",
        timedelta(days=365),
        "decided AI reply drafts (pending ones wait; the per-channel counts are kept)",
        only=("status", ("approved", "edited", "rejected")),
    ),
    Retention(
        training.EXAMPLES, "at", timedelta(days=365), "training examples as scored and exported"
    ),
    Retention(training.REVIEWS, "at", timedelta(days=365), "staff reviews of training examples"),
    Retention(
        training.EXPORTS, "requested_at", timedelta(days=365), "training export jobs and files"
    ),
    Retention(
        sending.SENDS,
        "queued_at",
        timedelta(days=365),
        "one record per campaign and recipient (pending ones wait; totals stay on the campaign)",
        only=("status", ("sent", "suppressed", "failed")),
    ),
    Retention(
        sending.LEDGER,
        "last_sent_at",
        sending.CAP_WINDOW,
        "when marketing last reached a customer: the frequency cap looks no further back",
    ),
    Retention(
        campaigns.CAMPAIGNS,
        "created_at",
        timedelta(days=730),
        "finished campaigns with their final counts (approvals are in the audit log)",
        only=("state", ("done", "cancelled")),
    ),
    Retention(
        ad_sync.SNAPSHOTS, "at", timedelta(days=400), "nightly marketing snapshots (a year back)"
    ),
    Retention(
        ad_sync.UPLOADS,
        "at",
        # Longer than Google's 90-day click window the upload query reads, so none repeats.
        timedelta(days=120),
        "deposits uploaded to Google Ads as conversions",
    ),
    Retention(
        ad_approvals.RECOMMENDATIONS,
        "proposed_at",
        timedelta(days=365),
        "ad recommendations with their decisions (each decision is also in the audit log)",
    ),
    Retention(
        reviews.REQUESTS,
        "at",
        timedelta(days=400),
        "review requests sent (one per customer and event day; a year covers any rerun)",
    ),
    Retention(
        reviews.FEEDBACK, "at", timedelta(days=730), "customers' private ratings and comments"
    ),
    Retention(
        reminders.SENT, "at", timedelta(days=400), "reminders sent (a yearly date's once-only key)"
    ),
)
