"""Every report by name: what `admin-analytics?report=` runs, and what it answers.

A report is a function of the analytics store and the common `ReportQuery`; adding one
means a name in `query.ReportName`, an entry here, and its response model among the
manifest's documented answers for `admin-analytics` (a test checks they agree).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from shared.analytics.funnel import funnel
from shared.analytics.lost import lost
from shared.analytics.objections import objections
from shared.analytics.query import ReportName, ReportQuery
from shared.analytics.store import AnalyticsStore
from shared.analytics.tags import tags

Report = Callable[[AnalyticsStore, ReportQuery], BaseModel]

REPORTS: dict[ReportName, Report] = {
    "funnel": funnel,
    "lost": lost,
    "objections": objections,
    "tags": tags,
}


def run(store: AnalyticsStore, query: ReportQuery) -> BaseModel:
    return REPORTS[query.report](store, query)
