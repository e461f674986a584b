"""The 2:00 job: yesterday's coach report, made once per local day and sent to the owner.

Idempotent when the scheduler fires twice: a stored report is returned as it is; a new one
is queued for the owner before it is stored, under delivery ids named after the day, so a
run that crashes in between (or races another) still sends each message once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field

from shared.conversation.hours import ZONE
from shared.learning.coach import render
from shared.learning.coach.report import COACH_REPORTS, CoachReport, Delivery, build
from shared.learning.coach.results import ScenarioResult
from shared.platform.docstore import AlreadyExists
from shared.platform.services import Platform

Runner = Callable[[Platform], list[ScenarioResult]]


LocalDate = date  # a model field is named `date`


class CoachRun(BaseModel):
    date: LocalDate
    created: bool = Field(description="False: the day's report already existed (a repeat run)")
    pass_rate: float
    regressions: list[str]
    delivery: Delivery | None


def document(report: CoachReport) -> dict[str, Any]:
    """JSON values, but `generated_at` a datetime so the retention rule can compare it."""
    return report.model_dump(mode="json") | {"generated_at": report.generated_at}


def deliver(platform: Platform, report: CoachReport) -> Delivery:
    """Queue the report on the owner's email and phone, whichever settings name."""
    from shared.channels.outbound import OutboundMessage, queue

    settings, day = platform.settings, report.date.isoformat()
    wanted = [
        ("email", settings.owner_report_email, render.text(report)),
        ("sms", settings.owner_report_phone, render.short(report)),
    ]
    queued = []
    for channel, to, body in wanted:
        if to:
            queue(
                platform,
                OutboundMessage(
                    channel=channel,  # type: ignore[arg-type]
                    to=to,
                    text=body,
                    thread_id=f"coach-{day}",
                    message_id=f"coach-{day}-{channel}",
                    subject=f"AI coach report {day}" if channel == "email" else None,
                ),
            )
            queued.append(channel)
    if not queued:
        note = "stored only: set HIBACHI_OWNER_REPORT_EMAIL or HIBACHI_OWNER_REPORT_PHONE"
        return Delivery(queued=[], note=note)
    return Delivery(queued=queued, note="queued for the owner")


def _run_of(report: CoachReport, created: bool) -> CoachRun:
    return CoachRun(
        date=report.date,
        created=created,
        pass_rate=report.scenarios.pass_rate,
        regressions=report.scenarios.regressions,
        delivery=report.delivery,
    )


def run(platform: Platform, day: date | None = None, runner: Runner | None = None) -> CoachRun:
    """Make `day`'s report (default: yesterday, locally) unless it exists; the scenarios
    run through `runner` (default: the standing ones, imported only when needed)."""
    store, now = platform.store, platform.clock.now()
    day = day or now.astimezone(ZONE).date() - timedelta(days=1)
    existing = store.get(COACH_REPORTS, day.isoformat())
    if existing is not None:
        return _run_of(CoachReport.model_validate(existing), created=False)
    if runner is None:
        from shared.learning.coach.scenarios import run_all

        runner = run_all
    report = build(store, day, runner(platform), now=now)
    report.delivery = deliver(platform, report)
    try:
        store.create(COACH_REPORTS, day.isoformat(), document(report))
    except AlreadyExists:  # a concurrent run stored it first (and queued the same ids)
        return _run_of(
            CoachReport.model_validate(store.get(COACH_REPORTS, day.isoformat()) or {}),
            created=False,
        )
    return _run_of(report, created=True)
