"""GET /admin-reviews: Google reviews with our drafts; POST: draft a reply, or approve one
(a manager or above), which posts it to Google."""

from shared.growth.google_reviews import (
    DraftReply,
    ReviewAction,
    ReviewList,
    StoredReview,
    approve,
    draft,
    listing,
)
from shared.platform.errors import Unauthorized
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> ReviewList | StoredReview:
    if call.method == "GET":
        return listing(call.platform)
    action = call.body(ReviewAction).root
    if call.principal is None:
        raise Unauthorized()
    if isinstance(action, DraftReply):
        return draft(call.platform, action, call.principal)
    return approve(call.platform, action, call.principal)
