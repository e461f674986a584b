"""GET /admin-marketing?view=report|recommendations&status=: the latest marketing report
or the recommendations; POST {action: approve | reject, id, note}: decide one (managers
and up; an approval sends the change to Google Ads, audited)."""

from shared.ads.admin import (
    MarketingAction,
    MarketingQuery,
    MarketingReport,
    RecommendationList,
    decide,
    read,
)
from shared.ads.approvals import StoredRecommendation
from shared.platform.errors import Unauthorized
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> MarketingReport | RecommendationList | StoredRecommendation:
    if call.method == "GET":
        return read(call.platform, call.query(MarketingQuery))
    if call.principal is None:
        raise Unauthorized()
    return decide(call.platform, call.body(MarketingAction), call.principal)
