"""What `admin-healing` takes and answers: the proposals (newest first, by status), one
proposal with its replay, and a decision on one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.learning.healing import apply
from shared.learning.healing.records import PROPOSALS, RUNS, Proposal, Run, Status
from shared.platform.docstore import Direction, Filter, Order
from shared.platform.services import Platform

PAGE = 50


class ProposalQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=64, description="One proposal")
    status: Status | None = Field(default=None, description="Only proposals in this status")


class HealingProposals(BaseModel):
    proposals: list[Proposal] = Field(description="Newest first")
    last_run: Run | None = Field(default=None, description="The latest self-heal run")


class ProposalDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["approve", "reject", "rollback"]
    id: str = Field(min_length=1, max_length=64)
    note: str | None = Field(default=None, max_length=500, description="Kept in the audit log")
    title: str | None = Field(
        default=None, min_length=3, max_length=200, description="A knowledge draft's title"
    )
    body: str | None = Field(
        default=None, min_length=10, max_length=20_000, description="A knowledge draft's text"
    )


def read(platform: Platform, query: ProposalQuery) -> Proposal | HealingProposals:
    if query.id is not None:
        return apply.get(platform, query.id)
    store = platform.store
    filters = [Filter.eq("status", query.status)] if query.status else []
    docs = store.query(PROPOSALS, filters, order_by=[Order("at", Direction.DESC)], limit=PAGE)
    runs = store.query(RUNS, order_by=[Order("at", Direction.DESC)], limit=1)
    return HealingProposals(
        proposals=[Proposal.model_validate(d.data | {"id": d.id}) for d in docs],
        last_run=Run.model_validate(runs[0].data | {"id": runs[0].id}) if runs else None,
    )


def decide(platform: Platform, decision: ProposalDecision, actor: str) -> Proposal:
    if decision.action == "approve":
        return apply.approve(
            platform,
            decision.id,
            actor,
            note=decision.note,
            title=decision.title,
            body=decision.body,
        )
    if decision.action == "reject":
        return apply.reject(platform, decision.id, actor, decision.note)
    return apply.rollback(platform, decision.id, actor, decision.note)
