"""An export runs as a job: staff start it, a task runs it, its record shows progress
(examples read and written so far) and then the files or why it was refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.learning.training.examples import EXPORTS
from shared.learning.training.validate import FormatReport
from shared.platform.errors import Conflict, NotFoundError
from shared.platform.ids import new_id
from shared.platform.services import Platform

QUEUE = "training"
TARGET = "training-export"

Status = Literal["queued", "running", "succeeded", "failed"]


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["export"]
    format: Literal["openai", "vertex", "both"] = "both"
    min_score: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Default: the configured training_min_score"
    )
    reviewed_only: bool = Field(
        default=False, description="Only accepted examples (otherwise: score >= min_score)"
    )


class ExportTask(BaseModel):
    """The `training` task's body."""

    export_id: str


class ExportJob(BaseModel):
    id: str
    status: Status
    request: ExportRequest
    min_score: float
    requested_by: str
    requested_at: datetime
    processed: int = Field(default=0, description="Examples read so far")
    written: int = Field(default=0, description="Examples selected and written so far")
    progress: str = "queued"
    reports: list[FormatReport] = []
    files: list[str] = []
    error: dict[str, Any] | None = None
    finished_at: datetime | None = None


class PiiLeak(Conflict):
    """A raw phone or email survived scrubbing: the export is refused, nothing published."""

    default_code = "pii_leak"


class InvalidDataset(Conflict):
    """A rendered record breaks its format's rules: the export is refused."""

    default_code = "invalid_dataset"


def start(platform: Platform, request: ExportRequest, actor: str) -> ExportJob:
    job = ExportJob(
        id=new_id("exp"),
        status="queued",
        request=request,
        min_score=platform.settings.training_min_score
        if request.min_score is None
        else request.min_score,
        requested_by=actor,
        requested_at=platform.clock.now(),
    )
    platform.store.create(EXPORTS, job.id, job.model_dump())
    platform.tasks.enqueue(QUEUE, TARGET, {"export_id": job.id}, dedup_name=job.id)
    return job


def get(platform: Platform, export_id: str) -> ExportJob:
    data = platform.store.get(EXPORTS, export_id)
    if data is None:
        raise NotFoundError("unknown_export", f"no export {export_id!r}")
    return ExportJob.model_validate(data)
