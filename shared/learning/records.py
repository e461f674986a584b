"""Where the loop keeps its records: pairs, running tallies per channel x intent, gates
and the notices staff see when the monitor closes one."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.learning.agreement import COMPONENTS, Components, Side
from shared.learning.policy import ChannelGroup
from shared.platform.ids import stable_id

PAIRS = "shadow_pairs"
STATS = "learning_stats"
GATES = "learning_gates"
NOTICES = "learning_notices"

Mode = Literal["shadow", "reverse"]  # reverse: the student answered live, the teacher scored


def gate_key(group: str, intent: str) -> str:
    return f"{group}--{intent}"


def pair_id(reply_id: str) -> str:
    return stable_id("shadow-pair", reply_id)


class Pair(BaseModel):
    id: str
    message_id: str = Field(description="The conversation-turns message scored")
    at: datetime
    thread_id: str
    reply_id: str
    inbound_id: str
    channel: str
    group: ChannelGroup
    intent: str
    agent: str
    mode: Mode
    teacher: Side
    student: Side
    components: Components
    agree: bool
    config_version: str | None = Field(
        default=None, description="The AI configuration version both sides ran under"
    )


class Tally(BaseModel):
    """Shadow pairs of one channel group x intent, summed as they are stored."""

    group: ChannelGroup
    intent: str
    samples: int = 0
    agreed: int = 0
    failed: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(COMPONENTS, 0))
    teacher_escalations: int = 0
    teacher_cost_usd: float = 0.0
    student_cost_usd: float = 0.0
    first_at: datetime | None = None
    last_at: datetime | None = None

    def add(self, pair: Pair) -> Tally:
        failed = dict(self.failed)
        for name in pair.components.failed():
            failed[name] = failed.get(name, 0) + 1
        return self.model_copy(
            update={
                "samples": self.samples + 1,
                "agreed": self.agreed + int(pair.agree),
                "failed": failed,
                "teacher_escalations": self.teacher_escalations
                + int(pair.teacher.escalation is not None),
                "teacher_cost_usd": round(self.teacher_cost_usd + pair.teacher.cost_usd, 8),
                "student_cost_usd": round(self.student_cost_usd + pair.student.cost_usd, 8),
                "first_at": self.first_at or pair.at,
                "last_at": pair.at,
            }
        )


class Gate(BaseModel):
    group: ChannelGroup
    intent: str
    status: Literal["open", "closed"] = "closed"
    opened_at: datetime | None = None
    opened_by: str | None = None
    baseline_escalation: float = Field(
        default=0.0, description="The teacher's escalation rate in shadow when it opened"
    )
    reverse: str = Field(default="", description="Rolling reverse-shadow outcomes, 1 = agreed")
    escalations: str = Field(default="", description="Rolling live turns, 1 = escalated")
    closed_at: datetime | None = None
    closed_by: str | None = None
    closed_reason: str | None = None


class Notice(BaseModel):
    id: str
    at: datetime
    group: ChannelGroup
    intent: str
    text: str


def gate_from(data: dict[str, Any] | None, group: ChannelGroup, intent: str) -> Gate:
    return Gate(group=group, intent=intent) if data is None else Gate.model_validate(data)
