"""The readiness table and the learning loop's tunables, as data in the AI configuration.

The learning package applies them (shared.learning.gates, gatekeeping); the model lives
here, below it, because the versioned AI configuration document carries it and ai must not
import learning. These defaults are the business's sign-off table: the one place their
numbers live.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ChannelGroup = Literal["social", "sms", "web", "email", "voice"]
# Who signs a gate off. The platform's roles have no "director": an admin signs for one.
SignOff = Literal["manager", "director", "owner"]


class GateThreshold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accuracy: float = Field(ge=0, le=1, description="Wilson 95% lower bound agreement needs")
    confidence: float = Field(
        ge=0, le=1, description="Router confidence below which the teacher answers a turn"
    )
    samples: int = Field(ge=1, description="Shadow pairs needed before a gate may open")
    sign_off: SignOff


DEFAULT_THRESHOLDS: dict[ChannelGroup, GateThreshold] = {
    "social": GateThreshold(accuracy=0.85, confidence=0.80, samples=5_000, sign_off="manager"),
    "sms": GateThreshold(accuracy=0.88, confidence=0.82, samples=10_000, sign_off="manager"),
    "web": GateThreshold(accuracy=0.90, confidence=0.85, samples=20_000, sign_off="director"),
    "email": GateThreshold(accuracy=0.92, confidence=0.88, samples=30_000, sign_off="owner"),
    "voice": GateThreshold(accuracy=0.95, confidence=0.92, samples=50_000, sign_off="owner"),
}


class LearningPolicy(BaseModel):
    """A channel group's row is given whole; a group left out keeps the business's row."""

    model_config = ConfigDict(extra="forbid")

    thresholds: dict[ChannelGroup, GateThreshold] = Field(
        default_factory=lambda: dict(DEFAULT_THRESHOLDS)
    )
    reply_similarity: float = Field(
        default=0.85, ge=0, le=1, description="Embedding cosine at which two replies match"
    )
    reverse_sample: float = Field(
        default=0.2, ge=0, le=1, description="Share of live student turns the teacher scores"
    )
    window: int = Field(default=500, ge=1, description="Live outcomes the monitor keeps")
    min_window: int = Field(
        default=100, ge=1, description="Live outcomes before the monitor may close a gate"
    )
    escalation_rise: float = Field(
        default=0.20, ge=0, description="Relative rise in escalations over baseline that closes"
    )

    @field_validator("thresholds")
    @classmethod
    def _every_group(
        cls, given: dict[ChannelGroup, GateThreshold]
    ) -> dict[ChannelGroup, GateThreshold]:
        return DEFAULT_THRESHOLDS | given

    def threshold(self, group: ChannelGroup) -> GateThreshold:
        return self.thresholds[group]
