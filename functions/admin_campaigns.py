"""GET /admin-campaigns: campaigns and holiday templates, or one campaign's progress; POST:
create, edit, preview, approve, send or cancel a campaign, record consent or an opt-out."""

from shared.marketing.admin import (
    CampaignAnswer,
    CampaignList,
    CampaignQuery,
    CampaignRequest,
    CampaignView,
    get,
    post,
)
from shared.platform.errors import Unauthorized
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> CampaignList | CampaignView | CampaignAnswer:
    if call.method == "GET":
        return get(call.platform, call.query(CampaignQuery))
    if call.principal is None:  # the entry authenticates admin calls; never reached
        raise Unauthorized("missing_credentials", "sign in")
    return post(call.platform, call.body(CampaignRequest), call.principal)
