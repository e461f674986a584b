"""What the router answers: the agent to run, how sure it is, and how the customer feels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Order is the order of `Route.scores` and of the evaluation's confusion matrix.
AGENTS: tuple[str, ...] = (
    "lead",
    "operations",
    "knowledge",
    "menu",
    "allergen",
    "distance",
    "care",
)

Emotion = Literal["frustrated", "anxious", "happy", "neutral"]
Urgency = Literal["low", "normal", "high"]
EscalationReason = Literal["safety_incident", "legal_threat", "human_requested", "custom_event"]
RoutedBy = Literal["embedding", "llm", "smalltalk"]
SmallTalk = Literal["greeting", "thanks", "goodbye"]


@dataclass(frozen=True)
class Route:
    """`confidence` is the calibrated probability of `agent`; `scores` has one per agent.

    `must_escalate` is a reason code when a human has to take over whatever the agent is;
    `routed_by` says whether the LLM fallback overrode the embedding guess, or the message
    was only small talk (`smalltalk` then says which kind; it goes to the front desk).
    `unsure` is a confidence below the router's threshold (the LLM, if any, was asked).
    """

    agent: str
    confidence: float
    emotion: Emotion
    intensity: float
    urgency: Urgency
    must_escalate: EscalationReason | None
    scores: dict[str, float] = field(default_factory=dict)
    routed_by: RoutedBy = "embedding"
    smalltalk: SmallTalk | None = None
    unsure: bool = False
