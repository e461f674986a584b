"""GET /admin-analytics?report=&period=|from=&to=&by=&market=&channel=: a report as JSON."""

from pydantic import BaseModel

from shared.analytics.costs import COST_MODELS
from shared.analytics.query import ReportQuery
from shared.analytics.reports import run
from shared.analytics.store import ANALYTICS
from shared.platform.http import HttpCall
from shared.pricing.markets import market


def handle(call: HttpCall) -> BaseModel:
    query = call.query(ReportQuery)
    if query.market is not None:
        market(call.platform.store, query.market)  # 422 naming the known markets
    store = call.platform.store
    return run(call.platform.adapter(ANALYTICS), query, costs=lambda: COST_MODELS.current(store))
