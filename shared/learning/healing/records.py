"""What self-healing stores: each night's run with its findings, and the proposals staff
review (a change, the evidence, and the replay of the affected turns under it)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.platform.ids import stable_id

RUNS = "healing_runs"
PROPOSALS = "healing_proposals"

Kind = Literal["exemplars", "config", "knowledge"]
Status = Literal["offered", "withheld", "approved", "rejected", "rolled_back"]
PASS_RATE = 0.9  # a proposal is offered when at least this share of the replay passes


def proposal_id(kind: Kind, key: str, day: str) -> str:
    """One proposal per fix per night: a rerun of the same night rewrites it."""
    return stable_id("healing", kind, key, day)[:24]


class Change(BaseModel):
    """What an approved proposal publishes: a new AI config version with these edits."""

    add_exemplars: dict[str, list[str]] = Field(
        default_factory=dict, description="Agent -> messages added to its router exemplars"
    )
    router_threshold: float | None = Field(default=None, ge=0, le=1)


class Draft(BaseModel):
    """A knowledge-base addition for staff to write (a debate may have drafted it)."""

    questions: list[str]
    debate_requested: bool = False


class Case(BaseModel):
    """One past turn replayed: what it did, what it does under the change."""

    reply_id: str
    text: str
    control: bool = Field(description="A turn that went right, replayed to catch regressions")
    expected: str = Field(description="The agent the turn should reach")
    before: str = Field(description="What the turn did: its routed agent, or `escalated`")
    after: str
    passed: bool


class Replay(BaseModel):
    cases: list[Case] = Field(default_factory=list)
    pass_rate: float = Field(description="Share of the affected turns that pass (1 if none)")
    regressions: int = Field(description="Controls that passed before and fail under the change")
    suite_regressions: list[str] = Field(
        default_factory=list,
        description="Standing coach scenarios that pass today and fail under the change",
    )

    @property
    def offered(self) -> bool:
        return self.pass_rate >= PASS_RATE and self.regressions == 0 and not self.suite_regressions


class Proposal(BaseModel):
    id: str
    run_id: str
    at: datetime
    kind: Kind
    title: str
    evidence: str = Field(description="What was found, in numbers")
    reply_ids: list[str] = Field(description="The turns the finding rests on")
    change: Change | None = None
    draft: Draft | None = None
    replay: Replay | None = None
    status: Status
    based_on: str | None = Field(
        default=None, description="The AI configuration version the replay ran the change on"
    )
    config_version: str | None = Field(
        default=None, description="The version the approval published"
    )
    previous_version: str | None = Field(
        default=None, description="The version current before the approval (rollback target)"
    )
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None


class Finding(BaseModel):
    kind: str = Field(description="rising_rate, escalation_pattern, misroute, clarified, ...")
    summary: str
    reply_ids: list[str] = Field(default_factory=list)


class Run(BaseModel):
    id: str
    at: datetime
    turns: int = Field(description="AI replies read (35 days)")
    findings: list[Finding]
    proposals: list[str]
    offered: int
    stale_documents: list[str] = Field(default_factory=list)
    stale_cache: list[str] = Field(default_factory=list)
