"""GET /admin-analytics?report=funnel&from=&to=&by=channel|market|occasion: a report as JSON."""

from shared.analytics.funnel import FunnelQuery, FunnelReport, funnel
from shared.analytics.store import ANALYTICS
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> FunnelReport:
    return funnel(call.platform.adapter(ANALYTICS), call.query(FunnelQuery))
