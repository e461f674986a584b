"""Staff decide a proposal: approve (the change is published as a new AI configuration
version, or the drafted document is written to the knowledge base), reject, or roll an
approved configuration change back. Every decision is audited; nothing applies otherwise.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from shared.ai.config import store as ai_configs
from shared.learning.healing import changes
from shared.learning.healing.records import PROPOSALS, Proposal, Status
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.errors import Conflict, NotFoundError, ValidationFailed
from shared.platform.services import Platform


def get(platform: Platform, proposal_id: str) -> Proposal:
    data = platform.store.get(PROPOSALS, proposal_id)
    if data is None:
        raise NotFoundError("unknown_proposal", f"no self-healing proposal {proposal_id!r}")
    return Proposal.model_validate(data | {"id": proposal_id})


def _decide(
    platform: Platform,
    proposal: Proposal,
    *,
    was: tuple[Status, ...],
    status: Status,
    actor: str,
    now: datetime,
    note: str | None,
    extra: dict[str, Any] | None = None,
) -> Proposal:
    """Move the proposal from one of `was` to `status`, audited, unless someone else did."""
    fields: dict[str, Any] = {"status": status, "decided_by": actor, "decided_at": now}
    fields |= {"note": note} if note else {}
    fields |= extra or {}

    def attempt(tx: Transaction) -> None:
        data = tx.get(PROPOSALS, proposal.id) or {}
        if data.get("status") not in was:
            raise Conflict("proposal_decided", f"the proposal is {data.get('status')} already")
        tx.update(PROPOSALS, proposal.id, fields)
        audit.record(
            tx,
            actor=actor,
            action=f"healing.{status}",
            entity="healing_proposal",
            entity_id=proposal.id,
            now=now,
            before={"status": data.get("status")},
            after={k: v for k, v in fields.items() if k in ("status", "config_version")},
            reason=note,
        )

    platform.store.run_transaction(attempt)
    return get(platform, proposal.id)


def approve(
    platform: Platform,
    proposal_id: str,
    actor: str,
    *,
    note: str | None = None,
    title: str | None = None,
    body: str | None = None,
) -> Proposal:
    proposal = get(platform, proposal_id)
    now = platform.clock.now()
    if proposal.status != "offered":
        raise Conflict("proposal_not_offered", f"the proposal is {proposal.status}")
    if proposal.draft is not None:
        doc_id = _write_knowledge(platform, proposal, actor, now, title, body)
        return _decide(
            platform,
            proposal,
            was=("offered",),
            status="approved",
            actor=actor,
            now=now,
            note=note or f"knowledge document {doc_id}",
        )
    assert proposal.change is not None
    current = ai_configs.current(platform.store)
    if proposal.based_on is not None and proposal.based_on != current.version:
        # What is approved must be what was replayed: the next run replays it on the new one.
        raise Conflict(
            "ai_config_changed",
            f"replayed on version {proposal.based_on}, but {current.version} is current now",
        )
    version = changes.version_for(proposal.id)
    published = changes.candidate(current, proposal.change, version, proposal.title)
    ai_configs.publish(platform.store, published, actor=actor, now=now, based_on=current.version)
    return _decide(
        platform,
        proposal,
        was=("offered",),
        status="approved",
        actor=actor,
        now=now,
        note=note,
        extra={"config_version": version, "previous_version": current.version},
    )


def _write_knowledge(
    platform: Platform,
    proposal: Proposal,
    actor: str,
    now: datetime,
    title: str | None,
    body: str | None,
) -> str:
    from shared.ai.knowledge.base import DOCS, KnowledgeDoc, Question, save

    if not title or not body:
        field = "title" if not title else "body"
        raise ValidationFailed.single(
            field, "a knowledge draft is approved with its title and body"
        )
    assert proposal.draft is not None
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])[:63].rstrip("-")
    slug = slug if len(slug) > 1 else f"healing-{proposal.id[:8]}"
    if platform.store.get(DOCS, slug) is not None:  # a draft adds; it never rewrites a doc
        raise Conflict("kb_doc_exists", f"document {slug} exists; choose another title")
    doc = KnowledgeDoc(
        id=slug,
        title=title,
        body=body,
        questions=[Question(text=q[:300]) for q in proposal.draft.questions if len(q) >= 3],
    )
    return save(platform.store, platform.vectors, doc, actor=actor, now=now).id


def reject(platform: Platform, proposal_id: str, actor: str, note: str | None) -> Proposal:
    proposal = get(platform, proposal_id)
    return _decide(
        platform,
        proposal,
        was=("offered", "withheld"),
        status="rejected",
        actor=actor,
        now=platform.clock.now(),
        note=note,
    )


def rollback(platform: Platform, proposal_id: str, actor: str, note: str | None) -> Proposal:
    """Back to the version current before the approval, only while the approved version
    is still current: rolling back over a later publish would silently undo it too."""
    proposal = get(platform, proposal_id)
    if proposal.status != "approved" or proposal.previous_version is None:
        raise Conflict("proposal_not_applied", "only an approved configuration change rolls back")
    current = ai_configs.current(platform.store).version
    if current != proposal.config_version:
        raise Conflict(
            "ai_config_changed",
            f"version {current} is current now; roll back from admin-ai-config instead",
        )
    now = platform.clock.now()
    ai_configs.rollback(
        platform.store,
        proposal.previous_version,
        actor=actor,
        now=now,
        note=note or f"self-healing proposal {proposal.id} rolled back",
    )
    return _decide(
        platform,
        proposal,
        was=("approved",),
        status="rolled_back",
        actor=actor,
        now=now,
        note=note,
    )
