"""Run a scheduled job now: the same function Cloud Scheduler calls, through a task."""

from __future__ import annotations

from pydantic import BaseModel, Field

from functions.manifest import FUNCTIONS_BY_NAME, ScheduleTrigger
from shared.platform.errors import ValidationFailed
from shared.platform.principal import Principal
from shared.platform.services import Platform

QUEUE = "jobs"


class RunJobRequest(BaseModel):
    job: str = Field(description="Name of a scheduled function, e.g. `housekeeping`")


class RunJobResponse(BaseModel):
    job: str
    task: str
    queued: bool = Field(description="False when the same job was already queued this minute")


def scheduled_jobs() -> list[str]:
    return sorted(n for n, f in FUNCTIONS_BY_NAME.items() if isinstance(f.trigger, ScheduleTrigger))


def run_now(platform: Platform, request: RunJobRequest, principal: Principal) -> RunJobResponse:
    jobs = scheduled_jobs()
    if request.job not in jobs:
        raise ValidationFailed.single("job", f"unknown job; choose one of {', '.join(jobs)}")
    minute = platform.clock.now().strftime("%Y%m%d%H%M")
    task = platform.tasks.enqueue(
        QUEUE,
        request.job,
        {"requested_by": principal.subject},
        dedup_name=f"{request.job}-{minute}",
    )
    return RunJobResponse(job=request.job, task=task.name, queued=task.created)
