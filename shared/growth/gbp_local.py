"""The local Google Business Profile: seeded reviews in the store, replies recorded there.

What `make dev` and tests use when no profile is configured, so the sync and the approval
flow run offline; nothing reaches Google.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.growth.google_reviews import GoogleReview
from shared.platform.docstore import Direction, DocumentStore, Order

LOCAL_REVIEWS = "gbp_local_reviews"
PARENT = "accounts/local/locations/local"
_SEED = (
    ("r1", "Dana P.", 5, "Chef Ken was amazing, the kids loved the onion volcano!"),
    ("r2", "Luis M.", 4, "Great food, arrived a little late."),
    ("r3", "Sam T.", 2, "The fried rice was cold and the chef rushed."),
)


class LocalGoogleReviews:
    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    def list_reviews(self) -> list[GoogleReview]:
        docs = self._store.query(LOCAL_REVIEWS, order_by=[Order("created_at", Direction.DESC)])
        return [GoogleReview.model_validate(d.data) for d in docs]

    def reply(self, review_id: str, text: str) -> None:
        self._store.update(LOCAL_REVIEWS, review_id.rsplit("/", 1)[-1], {"reply": text})


def seed(store: DocumentStore, now: datetime) -> str:
    """Three reviews of the local profile, once."""
    for n, (key, reviewer, stars, comment) in enumerate(_SEED):
        if store.get(LOCAL_REVIEWS, key) is None:
            review = GoogleReview(
                review_id=f"{PARENT}/reviews/{key}",
                reviewer=reviewer,
                stars=stars,
                comment=comment,
                created_at=now - timedelta(days=3 * (n + 1)),
            )
            store.set(LOCAL_REVIEWS, key, review.model_dump())
    return f"{len(_SEED)} local Google reviews"
