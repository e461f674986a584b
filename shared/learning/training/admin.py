"""What `admin-training` takes and answers: the dataset's summary with scored examples,
an export job's progress; review decisions and export requests."""

from __future__ import annotations

import heapq
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
    items: list[Example] = Field(
        description="The best `limit` examples with their scores (ties: the later id first)"
    )


def summary(store: DocumentStore, min_score: float, limit: int) -> DatasetSummary:
    """Counted as the examples stream past; only the best `limit` are held in memory."""
    counts = dict.fromkeys(("examples", "accepted", "rejected", "eligible", "corrected"), 0)
    total = 0.0
    best: list[tuple[float, str, Example]] = []  # a min-heap of the best `limit`
    for example, _ in collect.examples(store):
        counts["examples"] += 1
        counts[example.review or "unreviewed"] = counts.get(example.review or "unreviewed", 0) + 1
        counts["eligible"] += example.review != "rejected" and example.score.value >= min_score
        counts["corrected"] += example.score.assistant == "staff"
        total += example.score.value
        entry = (example.score.value, example.id, example)
        if len(best) < limit:
            heapq.heappush(best, entry)
        elif limit and entry[:2] > best[0][:2]:
            heapq.heapreplace(best, entry)
    n = counts["examples"]
    return DatasetSummary(
        examples=n,
        accepted=counts["accepted"],
        rejected=counts["rejected"],
        unreviewed=n - counts["accepted"] - counts["rejected"],
        min_score=min_score,
        eligible=counts["eligible"],
        corrected=counts["corrected"],
        mean_score=round(total / n, 4) if n else 0.0,
        items=[e for _, _, e in sorted(best, key=lambda t: t[:2], reverse=True)],
    )
