"""What `admin-training` takes and answers: the dataset's summary with scored examples,
an export job's progress; review decisions and export requests."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.learning.training import collect
from shared.learning.training.examples import Example
from shared.learning.training.jobs import ExportJob, ExportRequest
from shared.learning.training.review import Review, ReviewRecord
from shared.platform.docstore import DocumentStore


class TrainingQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    export: str | None = Field(default=None, max_length=40, description="An export job's id")
    min_score: float | None = Field(default=None, ge=0.0, le=1.0, description="Default: config")
    limit: int = Field(default=50, ge=0, le=500, description="Examples listed, best first")


class TrainingAction(RootModel[Annotated[Review | ExportRequest, Field(discriminator="action")]]):
    """Accept or reject one example (audited), or start an export job."""


class TrainingOutcome(RootModel[ReviewRecord | ExportJob]):
    """A review's record (200), or the export job started (202)."""


class DatasetSummary(BaseModel):
    examples: int
    accepted: int
    rejected: int
    unreviewed: int
    min_score: float
    eligible: int = Field(description="Not rejected and scoring at least min_score")
    corrected: int = Field(description="Examples teaching a staff correction")
    mean_score: float
    items: list[Example] = Field(description="The best `limit` examples, with their scores")


def summary(store: DocumentStore, min_score: float, limit: int) -> DatasetSummary:
    every = [example for example, _ in collect.examples(store)]
    decided = [e.review for e in every]
    every.sort(key=lambda e: (-e.score.value, e.id))
    return DatasetSummary(
        examples=len(every),
        accepted=decided.count("accepted"),
        rejected=decided.count("rejected"),
        unreviewed=decided.count(None),
        min_score=min_score,
        eligible=sum(e.review != "rejected" and e.score.value >= min_score for e in every),
        corrected=sum(e.score.assistant == "staff" for e in every),
        mean_score=round(sum(e.score.value for e in every) / len(every), 4) if every else 0.0,
        items=every[:limit],
    )
