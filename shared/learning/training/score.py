"""How good one AI turn is as a training example, with every point explained.

Pure: the signals come from the turn's trace, the thread's bookings, the customer's rating
and any staff correction. A staff correction wins: the example then teaches the staff
reply, so what the AI reply did (its validator verdict, escalation, rating) no longer
counts; what followed in the thread still does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

BASE = 0.5
POINTS = {
    "validator_clean": 0.1,
    "validator_blocked": -0.3,
    "not_escalated": 0.1,
    "escalated": -0.3,
    "held": 0.2,
    "paid": 0.3,
    "helpful": 0.2,
    "unhelpful": -0.4,
    "corrected": 0.4,
}


@dataclass(frozen=True)
class Signals:
    validator_blocked: bool = False
    escalated: bool = False
    held: bool = False  # a hold was created by this turn or later in the thread
    paid: bool = False  # a booking from the thread has its deposit paid
    helpful: bool | None = None  # the customer's rating of this reply, if any
    corrected: bool = False  # staff replied in its place


class Component(BaseModel):
    name: str
    points: float
    reason: str


class Score(BaseModel):
    value: float = Field(ge=0.0, le=1.0)
    assistant: Literal["ai", "staff"] = Field(description="Whose reply the example teaches")
    components: list[Component]


def _ai_reply(signals: Signals) -> list[Component]:
    if signals.corrected:
        why = "about the AI reply, which the staff reply replaces"
        return [
            Component(name=n, points=0.0, reason=why) for n in ("validator", "escalation", "rating")
        ]
    rating = (
        Component(name="rating", points=0.0, reason="not rated")
        if signals.helpful is None
        else Component(
            name="rating",
            points=POINTS["helpful" if signals.helpful else "unhelpful"],
            reason="the customer found it helpful"
            if signals.helpful
            else "the customer found it unhelpful",
        )
    )
    return [
        Component(
            name="validator",
            points=POINTS["validator_blocked"],
            reason="the validator blocked a draft",
        )
        if signals.validator_blocked
        else Component(
            name="validator",
            points=POINTS["validator_clean"],
            reason="passed the validator first time",
        ),
        Component(name="escalation", points=POINTS["escalated"], reason="handed to staff")
        if signals.escalated
        else Component(
            name="escalation", points=POINTS["not_escalated"], reason="answered without staff"
        ),
        rating,
    ]


def _outcome(signals: Signals) -> Component:
    if signals.paid:
        return Component(
            name="outcome", points=POINTS["paid"], reason="a deposit was paid in this thread"
        )
    if signals.held:
        return Component(
            name="outcome", points=POINTS["held"], reason="a hold followed in this thread"
        )
    return Component(name="outcome", points=0.0, reason="no hold or payment followed")


def score(signals: Signals) -> Score:
    components = [
        Component(name="base", points=BASE, reason="every turn starts here"),
        *_ai_reply(signals),
        _outcome(signals),
        Component(
            name="correction", points=POINTS["corrected"], reason="staff wrote the reply taught"
        )
        if signals.corrected
        else Component(name="correction", points=0.0, reason="no staff correction"),
    ]
    total = sum(c.points for c in components)
    return Score(
        value=round(min(1.0, max(0.0, total)), 4),
        assistant="staff" if signals.corrected else "ai",
        components=components,
    )
