"""Google Business Profile reviews: read into our store, answered only after approval.

`GoogleReviews` is the port (Google's API in production, `gbp_local.LocalGoogleReviews`
with seeded reviews elsewhere). `sync` mirrors the profile's reviews into
`google_reviews`; staff draft a reply, and only a manager's approval posts it (`approve`),
once: the approval, the post and the record commit as one decision, audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, Field, RootModel

from shared.platform import audit
from shared.platform.docstore import Direction, Order, Transaction
from shared.platform.errors import Conflict, Forbidden, NotFoundError, Unavailable
from shared.platform.log import get_logger
from shared.platform.principal import Principal
from shared.platform.services import Platform, Port

log = get_logger(__name__)

REVIEWS = "google_reviews"
APPROVERS = ("owner", "admin", "manager")
SECRET = "google-business-profile-oauth"  # authorized-user JSON with a refresh token
ReplyStatus = Literal["none", "drafted", "replied"]


class GoogleReview(BaseModel):
    """One review as the profile shows it (Google's `name` is its id here)."""

    review_id: str = Field(description="accounts/<a>/locations/<l>/reviews/<id>")
    reviewer: str
    stars: int = Field(ge=1, le=5)
    comment: str | None = None
    created_at: datetime
    reply: str | None = Field(default=None, description="The reply already on Google")


class GoogleReviews(Protocol):
    def list_reviews(self) -> list[GoogleReview]:
        """Every review of the location, newest first."""
        ...

    def reply(self, review_id: str, text: str) -> None:
        """Post (or replace) the business's public reply to one review."""
        ...


GOOGLE_REVIEWS: Port[GoogleReviews] = Port("google-reviews")


class NoProfile:
    """Production before a profile is connected: the hourly sync finds nothing (and says
    so in the log) instead of failing every hour; a reply cannot be posted."""

    def list_reviews(self) -> list[GoogleReview]:
        log.warning("no Google Business Profile configured: no reviews to sync")
        return []

    def reply(self, review_id: str, text: str) -> None:
        raise Unavailable("google_profile_not_configured", "no Google Business Profile is set up")


class StoredReview(GoogleReview):
    reply_status: ReplyStatus = "none"
    draft: str | None = None
    drafted_by: str | None = None
    approved_by: str | None = None
    synced_at: datetime


class ReviewList(BaseModel):
    reviews: list[StoredReview]


class SyncReport(BaseModel):
    seen: int
    new: int


class DraftReply(BaseModel):
    action: Literal["draft"]
    review_id: str = Field(max_length=300)
    text: str = Field(min_length=1, max_length=4000)


class ApproveReply(BaseModel):
    action: Literal["approve"]
    review_id: str = Field(max_length=300)


class ReviewAction(RootModel[Annotated[DraftReply | ApproveReply, Field(discriminator="action")]]):
    pass


def _doc_id(review_id: str) -> str:
    return review_id.replace("/", "~")


def sync(platform: Platform) -> SyncReport:
    """Mirror the profile's reviews, keeping our drafts and decisions."""
    now, store = platform.clock.now(), platform.store
    reviews = platform.adapter(GOOGLE_REVIEWS).list_reviews()
    new = 0
    for review in reviews:
        doc_id = _doc_id(review.review_id)
        known = store.get(REVIEWS, doc_id)
        fields = review.model_dump() | {"synced_at": now}
        if known is None:
            new += 1
            status: ReplyStatus = "replied" if review.reply else "none"
            store.set(REVIEWS, doc_id, fields | {"reply_status": status})
        else:
            store.update(REVIEWS, doc_id, fields)
    return SyncReport(seen=len(reviews), new=new)


def listing(platform: Platform) -> ReviewList:
    docs = platform.store.query(REVIEWS, order_by=[Order("created_at", Direction.DESC)], limit=200)
    return ReviewList(reviews=[StoredReview.model_validate(d.data) for d in docs])


def _get(tx: Transaction, review_id: str) -> StoredReview:
    data = tx.get(REVIEWS, _doc_id(review_id))
    if data is None:
        raise NotFoundError("unknown_review", f"no Google review {review_id!r}")
    return StoredReview.model_validate(data)


def draft(platform: Platform, action: DraftReply, principal: Principal) -> StoredReview:
    """Any staff member drafts; nothing reaches Google until it is approved."""
    now = platform.clock.now()

    def attempt(tx: Transaction) -> StoredReview:
        review = _get(tx, action.review_id)
        changes = {"draft": action.text, "drafted_by": principal.subject, "reply_status": "drafted"}
        tx.update(REVIEWS, _doc_id(action.review_id), changes)
        audit.record(
            tx,
            actor=principal.subject,
            action="google_review.draft",
            entity="google_review",
            entity_id=action.review_id,
            now=now,
            before={"draft": review.draft},
            after={"draft": action.text},
        )
        return review.model_copy(update=changes)

    result: StoredReview = platform.store.run_transaction(attempt)
    return result


def approve(platform: Platform, action: ApproveReply, principal: Principal) -> StoredReview:
    """A manager approves the draft: posted to Google, then recorded as replied."""
    if not principal.has_any(APPROVERS):
        raise Forbidden("approver_role_required", "a manager, admin or owner approves replies")
    now = platform.clock.now()
    review = platform.store.run_transaction(lambda tx: _get(tx, action.review_id))
    if review.reply_status != "drafted" or not review.draft:
        raise Conflict("no_draft_to_approve", f"the review is {review.reply_status}; draft first")
    text = review.draft
    platform.adapter(GOOGLE_REVIEWS).reply(review.review_id, text)  # PUT: a retry replaces

    def attempt(tx: Transaction) -> StoredReview:
        current = _get(tx, action.review_id)
        changes = {"reply_status": "replied", "reply": text, "approved_by": principal.subject}
        tx.update(REVIEWS, _doc_id(action.review_id), changes)
        audit.record(
            tx,
            actor=principal.subject,
            action="google_review.reply",
            entity="google_review",
            entity_id=action.review_id,
            now=now,
            before={"reply": current.reply},
            after={"reply": text, "drafted_by": current.drafted_by},
        )
        return current.model_copy(update=changes)

    result: StoredReview = platform.store.run_transaction(attempt)
    return result
