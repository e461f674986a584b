"""The business's readiness table and the loop's tunables: the one place their numbers live.

Defaults are the business's sign-off table; `HIBACHI_LEARNING_POLICY` (JSON, any subset of
`LearningPolicy`'s fields, a channel group's row given whole) overrides them per
environment, so a threshold change is config, never code.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, Field

ChannelGroup = Literal["social", "sms", "web", "email", "voice"]
# Who signs a gate off. The platform's roles have no "director": an admin signs for one.
SignOff = Literal["manager", "director", "owner"]

_GROUP_OF: dict[str, ChannelGroup] = {
    "web": "web",
    "sms": "sms",
    "whatsapp": "social",
    "messenger": "social",
    "instagram": "social",
    "email": "email",
    "voice": "voice",
}
GROUP_CHANNELS: dict[ChannelGroup, tuple[str, ...]] = {
    group: tuple(c for c, g in _GROUP_OF.items() if g == group)
    for group in ("social", "sms", "web", "email", "voice")
}
# The roles that may sign off at each level (a higher role may sign for a lower one).
SIGNERS: dict[SignOff, tuple[str, ...]] = {
    "manager": ("manager", "admin", "owner"),
    "director": ("admin", "owner"),
    "owner": ("owner",),
}


class GateThreshold(BaseModel):
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

    def threshold(self, group: ChannelGroup) -> GateThreshold:
        return self.thresholds.get(group, DEFAULT_THRESHOLDS[group])


def group_of(channel: str) -> ChannelGroup:
    return _GROUP_OF[channel]


def may_sign(roles: list[str], sign_off: SignOff) -> bool:
    return any(r in SIGNERS[sign_off] for r in roles)


@functools.cache
def _parsed(raw: str | None) -> LearningPolicy:
    if not raw:
        return LearningPolicy()
    given = LearningPolicy.model_validate_json(raw)
    return given.model_copy(update={"thresholds": DEFAULT_THRESHOLDS | given.thresholds})


def policy_of(raw: str | None) -> LearningPolicy:
    """The policy `raw` (the setting's JSON) describes, parsed once per distinct value."""
    return _parsed(raw)
