"""Every report by name: what `admin-analytics?report=` runs, and what it answers.

A report is a function of the analytics store and the common `ReportQuery`; adding one
means a name in `query.ReportName`, an entry here, and its response model among the
manifest's documented answers for `admin-analytics` (a test checks they agree). A report
computed under the cost model goes in `COSTED_REPORTS` and gets the current version.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from shared.analytics.channels import channels
from shared.analytics.costs import CostModel
from shared.analytics.decisions import decisions
from shared.analytics.funnel import funnel
from shared.analytics.profitability import profitability
from shared.analytics.query import ReportName, ReportQuery
from shared.analytics.store import AnalyticsStore

Report = Callable[[AnalyticsStore, ReportQuery], BaseModel]
CostedReport = Callable[[AnalyticsStore, ReportQuery, CostModel], BaseModel]

REPORTS: dict[ReportName, Report] = {
    "funnel": funnel,
    "channels": channels,
    "decisions": decisions,
}
COSTED_REPORTS: dict[ReportName, CostedReport] = {
    "profitability": profitability,
}


ALL_REPORTS: dict[ReportName, Callable[..., BaseModel]] = {**REPORTS, **COSTED_REPORTS}


def run(
    store: AnalyticsStore, query: ReportQuery, costs: Callable[[], CostModel] = CostModel
) -> BaseModel:
    """`costs` gives the cost model (read only for the reports that use it; the shipped
    default when not given)."""
    if query.report in COSTED_REPORTS:
        return COSTED_REPORTS[query.report](store, query, costs())
    return REPORTS[query.report](store, query)
