"""One training example per AI reply: the conversation up to it, the reply taught (the
staff correction when there is one) and its score; where reviews and exports are kept."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.learning.training.score import Score

EXAMPLES = "training_examples"  # each exported example as scored, keyed by reply id
REVIEWS = "training_reviews"  # staff decisions, keyed by reply id
EXPORTS = "training_exports"  # export jobs: request, progress, result

Decision = Literal["accepted", "rejected"]
Role = Literal["user", "assistant"]


class Turn(BaseModel):
    role: Role
    text: str


class Example(BaseModel):
    id: str = Field(description="The AI reply's message id")
    thread_id: str
    channel: str
    intent: str
    at: datetime
    turns: list[Turn] = Field(description="User and assistant turns, ending with the reply taught")
    score: Score
    review: Decision | None = None
