"""Staff approve a synthesis into the knowledge base (a new, re-embedded document
version) or the FAQ cache. Until then nothing a debate produced can reach a customer;
a synthesis the validator blocked cannot be approved at all."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.ai.debate import store as debates
from shared.ai.debate.records import DEBATES, Approval, Debate
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.errors import Conflict
from shared.platform.http import parse
from shared.platform.services import Platform


class Approve(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["approve"] = "approve"
    debate_id: str = Field(min_length=1, max_length=64)
    into: Literal["knowledge", "cache"]
    doc_id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]{1,62}$",
        description="Knowledge document to write (default: from the question)",
    )
    title: str | None = Field(default=None, min_length=3, max_length=200)


def _slug(question: str) -> str:
    words = re.findall(r"[a-z0-9]+", question.lower())[:8]
    return ("debate-" + "-".join(words))[:63].rstrip("-")


def approve(platform: Platform, request: Approve, actor: str) -> Debate:
    debate = debates.get(platform.store, request.debate_id)
    synthesis = debate.synthesis
    if synthesis is None:
        raise Conflict("debate_running", "the debate has no synthesis yet")
    if synthesis.blocked:
        raise Conflict(
            "synthesis_blocked", "the validator blocked it: " + "; ".join(synthesis.problems)
        )
    if debate.approved is not None:
        raise Conflict("already_approved", f"approved into {debate.approved.into} already")
    now = platform.clock.now()
    if request.into == "knowledge":
        target = _into_knowledge(platform, debate, synthesis.answer, request, actor)
    else:
        target = _into_cache(platform, debate, synthesis.answer)
    approval = Approval(into=request.into, target=target, by=actor, at=now)

    def attempt(tx: Transaction) -> None:
        if (tx.get(DEBATES, debate.id) or {}).get("approved") is not None:
            raise Conflict("already_approved", "approved by someone else meanwhile")
        tx.update(DEBATES, debate.id, {"approved": approval.model_dump()})
        audit.record(
            tx,
            actor=actor,
            action="debate.approve",
            entity="debate",
            entity_id=debate.id,
            now=now,
            after={"into": request.into, "target": target, "confidence": synthesis.confidence},
        )

    platform.store.run_transaction(attempt)
    return debates.get(platform.store, debate.id)


def _into_knowledge(
    platform: Platform, debate: Debate, answer: str, request: Approve, actor: str
) -> str:
    from shared.ai.knowledge.base import KnowledgeDoc, Question, save

    title = request.title or debate.question.replace(": ", " - ")[:200]
    fields = {
        "id": request.doc_id or _slug(debate.question),
        "title": title,
        "body": answer,
        "questions": [Question(text=debate.question[:300])],
    }
    doc = parse(KnowledgeDoc, fields, location="synthesis")  # too short: a 422, not a 500
    saved = save(platform.store, platform.vectors, doc, actor=actor, now=platform.clock.now())
    return saved.id


def _into_cache(platform: Platform, debate: Debate, answer: str) -> str:
    from shared.ai import cache
    from shared.ai.knowledge.base import embedder, kb_version

    agent = cache.CACHEABLE_AGENTS[0]
    if not cache.cacheable(agent, debate.question, answer, ["search_knowledge"]):
        raise Conflict(
            "not_cacheable", "money, dates or party details cannot be served from the FAQ cache"
        )
    cache.save(
        platform.store,
        embedder(),
        agent=agent,
        kb_version=kb_version(platform.store),
        question=debate.question,
        answer=answer,
        now=platform.clock.now(),
    )
    return debate.question
