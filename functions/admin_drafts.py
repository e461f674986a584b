"""GET /admin-drafts: pending AI reply drafts (oldest first) or, with view=report, how
review goes per channel; POST: approve, edit or reject a draft, or set the review policy."""

from shared.platform.errors import Unauthorized
from shared.platform.http import HttpCall
from shared.review.admin import DraftAction, DraftQuery, act, read


def handle(call: HttpCall) -> object:
    if call.method == "GET":
        return read(call.platform, call.query(DraftQuery))
    if call.principal is None:
        raise Unauthorized()
    return act(call.platform, call.body(DraftAction).root, call.principal)
