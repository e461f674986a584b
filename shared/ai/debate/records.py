"""What a debate stores: the record (question, complexity, panel, context, synthesis) and
one entry per (round, panelist), each under a deterministic id so a redelivered round
writes nothing twice."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.platform.ids import stable_id

DEBATES = "debates"
ENTRIES = "debate_entries"

REQUESTED_TOPIC = "debate-requested"
CRITIQUE_TOPIC = "debate-critiques"
SYNTHESIS_TOPIC = "debate-synthesis"

Trigger = Literal["kb_unsure", "validator_block", "staff"]
Level = Literal["simple", "medium", "complex"]
Phase = Literal["proposal", "critique"]
# Why rounds ended before the planned number: the panel agreed, the cost cap, one voice.
Stop = Literal["agreed", "cost_cap", "single", "no_answers"]


def normalised(question: str) -> str:
    return re.sub(r"\s+", " ", question.strip().lower())


def debate_id(question: str) -> str:
    """One debate per question: asking the same question again reuses it at no cost."""
    return stable_id("debate", normalised(question))


def entry_id(debate: str, round_no: int, panelist: str) -> str:
    return stable_id("debate-entry", debate, round_no, panelist)


class DebateRequest(BaseModel):
    """The `debate-requested` payload (and the body staff post to ask for one)."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=3, max_length=2000)
    trigger: Trigger = "staff"
    thread_id: str | None = Field(default=None, max_length=64)
    message_id: str | None = Field(default=None, max_length=64)
    requested_by: str | None = Field(default=None, max_length=120)


class RoundEvent(BaseModel):
    """The `debate-critiques` and `debate-synthesis` payload: which debate, which round."""

    debate_id: str = Field(min_length=1, max_length=64)
    round: int = Field(ge=1, le=10)


class Component(BaseModel):
    """One signal of the complexity score, kept so staff see why a question got its rounds."""

    name: str
    value: float = Field(description="0..1, how strongly the question shows it")
    weight: float
    why: str


class Complexity(BaseModel):
    score: float
    level: Level
    rounds: int = Field(description="Panel rounds planned: 1 proposal (+ critiques)")
    components: list[Component]


class Entry(BaseModel):
    """One panelist's work in one round: its answer (and critique of the others)."""

    id: str
    debate_id: str
    round: int
    phase: Phase
    panelist: str
    answer: str = ""
    critique: str = ""
    error: str | None = None
    cost_usd: float = 0.0
    at: datetime

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.answer)


class Synthesis(BaseModel):
    answer: str
    confidence: float = Field(ge=0, le=1)
    judge: str = Field(description="The panelist who judged, or `agreement` (no LLM judge)")
    order: list[str] = Field(description="Panelists in the order the judge read their answers")
    problems: list[str] = Field(
        default_factory=list, description="What the validator blocked; blocked: not approvable"
    )
    cost_usd: float = 0.0

    @property
    def blocked(self) -> bool:
        return bool(self.problems)


class Approval(BaseModel):
    into: Literal["knowledge", "cache"]
    target: str = Field(description="The knowledge document id, or the cached question")
    by: str
    at: datetime


class Debate(BaseModel):
    id: str
    question: str
    trigger: Trigger
    thread_id: str | None = None
    message_id: str | None = None
    requested_by: str | None = None
    requested_at: datetime
    complexity: Complexity
    panel: list[str]
    context: list[str] = Field(description="The grounded facts every panelist was given")
    status: Literal["running", "done"] = "running"
    stopped: Stop | None = None
    synthesis: Synthesis | None = None
    cost_usd: float = 0.0
    approved: Approval | None = None
    entries: list[Entry] = Field(default_factory=list, description="Filled in when read")
