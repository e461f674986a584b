"""What `admin-coach` answers: the latest coach report, or one day's, with its text."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.learning.coach import render
from shared.learning.coach.report import COACH_REPORTS, CoachReport
from shared.platform.docstore import Direction, DocumentStore, Order
from shared.platform.errors import NotFoundError

LocalDate = date  # a model field is named `date`


class CoachQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: LocalDate | None = Field(
        default=None, description="Local day YYYY-MM-DD; unset: the latest"
    )


class CoachView(BaseModel):
    report: CoachReport
    text: str = Field(description="The report as the owner reads it")


def read(store: DocumentStore, query: CoachQuery) -> CoachView:
    if query.date is not None:
        data = store.get(COACH_REPORTS, query.date.isoformat())
        if data is None:
            raise NotFoundError("unknown_report", f"no coach report for {query.date.isoformat()}")
    else:
        docs = store.query(COACH_REPORTS, order_by=[Order("date", Direction.DESC)], limit=1)
        if not docs:
            raise NotFoundError("no_report", "no coach report yet; the first runs at 2:00")
        data = docs[0].data
    report = CoachReport.model_validate(data)
    return CoachView(report=report, text=render.text(report))
