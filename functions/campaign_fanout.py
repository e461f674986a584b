"""Task `campaigns`: fan a campaign out into one named send task per recipient."""

from functions._app.entry import InternalCall
from shared.marketing.sending import CampaignRef, FanOutResult, fan_out
from shared.platform.http import parse


def handle(call: InternalCall) -> FanOutResult:
    return fan_out(call.platform, parse(CampaignRef, call.payload).campaign_id)
