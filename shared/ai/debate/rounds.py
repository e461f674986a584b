"""The panel's rounds: round 1 opens the debate and collects proposals, later rounds the
critiques; each ends by publishing the next step (another critique round, or synthesis).

Every (debate, round, panelist) is one entry under a deterministic id, so a redelivered
event skips the panelists already heard; the next step is published on every delivery
(a lost publish would stall the chain) and is idempotent itself. Rounds stop early when
the panel agrees after proposals or the debate has spent its cost cap (checked before
each call).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.ai.debate import agreement, complexity
from shared.ai.debate import store as debates
from shared.ai.debate.context import Brief, gather, restored
from shared.ai.debate.panel import DEBATE_PANEL, Panelist, Said
from shared.ai.debate.records import (
    CRITIQUE_TOPIC,
    DEBATES,
    SYNTHESIS_TOPIC,
    Debate,
    DebateRequest,
    Entry,
    RoundEvent,
    Stop,
    debate_id,
    entry_id,
)
from shared.ai.providers.base import ProviderError
from shared.platform.docstore import Transaction
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)


@dataclass(frozen=True)
class Step:
    """What one delivery did (for logs and tests)."""

    debate_id: str
    asked: list[str] = field(default_factory=list)  # panelists called this delivery
    published: str | None = None  # the next step's topic
    skipped: str | None = None


def open_and_propose(platform: Platform, request: DebateRequest) -> Step:
    """Round 1. A question debated before is not debated again: its record is reused."""
    found = debate_id(request.question)
    if platform.store.get(DEBATES, found) is None:
        debates.create(platform.store, _new(platform, found, request))
    debate = debates.get(platform.store, found)
    if debate.status == "done":
        return Step(found, skipped="reused")
    return _run(platform, debate, 1)


def critique(platform: Platform, event: RoundEvent) -> Step:
    debate = debates.get(platform.store, event.debate_id)
    if debate.status == "done":
        return Step(debate.id, skipped="done")
    return _run(platform, debate, event.round)


def _new(platform: Platform, found: str, request: DebateRequest) -> Debate:
    brief = gather(platform, request.question)
    assessed = complexity.assess(request.question, brief.kb_score)
    names = [p.name for p in platform.adapter(DEBATE_PANEL)]
    return Debate(
        id=found,
        question=request.question,
        trigger=request.trigger,
        thread_id=request.thread_id,
        message_id=request.message_id,
        requested_by=request.requested_by,
        requested_at=platform.clock.now(),
        complexity=assessed,
        panel=names[:1] if assessed.level == "simple" else names,  # simple: one LLM
        context=list(brief.context),
    )


def _run(platform: Platform, debate: Debate, round_no: int) -> Step:
    store, cap = platform.store, platform.settings.debate_cost_cap_usd
    heard = debates.entries(store, debate.id)
    spent = sum(e.cost_usd for e in heard)
    done = {e.id for e in heard}
    earlier = {e.panelist: e for e in heard if e.round == round_no - 1 and e.ok}
    members = debate.panel if round_no == 1 else [n for n in debate.panel if n in earlier]
    panel = {p.name: p for p in platform.adapter(DEBATE_PANEL)}
    brief = restored(debate.question, debate.context)
    asked: list[str] = []
    capped = False
    for name in members:
        if entry_id(debate.id, round_no, name) in done:
            continue
        if spent >= cap:
            capped = True
            break
        others = [earlier[n].answer for n in members if n != name and n in earlier]
        own = earlier[name].answer if name in earlier else ""
        entry = _hear(platform, debate.id, round_no, name, panel.get(name), brief, own, others)
        if debates.add_entry(store, entry):
            spent += entry.cost_usd
            asked.append(name)
    answers = [e.answer for e in debates.entries(store, debate.id) if e.round == round_no and e.ok]
    stop = _stop(debate, round_no, answers, capped, platform.settings.debate_agreement)
    _note(platform, debate.id, {"cost_usd": round(spent, 8)} | ({"stopped": stop} if stop else {}))
    if stop is None and round_no < debate.complexity.rounds:
        event = RoundEvent(debate_id=debate.id, round=round_no + 1)
        platform.bus.publish(CRITIQUE_TOPIC, event.model_dump())
        return Step(debate.id, asked, CRITIQUE_TOPIC)
    platform.bus.publish(
        SYNTHESIS_TOPIC, RoundEvent(debate_id=debate.id, round=round_no).model_dump()
    )
    return Step(debate.id, asked, SYNTHESIS_TOPIC)


def _note(platform: Platform, debate: str, fields: dict[str, object]) -> None:
    """Record the spend (and why rounds stop) unless the synthesis already closed the
    debate: a late redelivery must not overwrite the final cost."""

    def attempt(tx: Transaction) -> None:
        if (tx.get(DEBATES, debate) or {}).get("status") == "running":
            tx.update(DEBATES, debate, fields)

    platform.store.run_transaction(attempt)


def _stop(
    debate: Debate, round_no: int, answers: list[str], capped: bool, threshold: float
) -> Stop | None:
    if capped:
        return "cost_cap"
    if not answers:
        return "no_answers"
    if debate.complexity.rounds == 1:
        return "single"
    if round_no == 1 and agreement.agree(answers, threshold):
        return "agreed"
    return None


def _hear(
    platform: Platform,
    debate: str,
    round_no: int,
    name: str,
    panelist: Panelist | None,
    brief: Brief,
    own: str,
    others: list[str],
) -> Entry:
    """Ask one panelist; a failure is stored as that panelist's entry, not retried, so one
    vendor's outage neither stalls the debate nor is paid for twice."""
    said, error = Said(""), None
    try:
        if panelist is None:
            raise ProviderError(name, "no longer on the configured panel", retryable=False)
        said = panelist.propose(brief) if round_no == 1 else panelist.critique(brief, own, others)
    except ProviderError as exc:
        log.warning("debate %s round %d: %s failed: %s", debate, round_no, name, exc)
        error = str(exc)[:300]
    return Entry(
        id=entry_id(debate, round_no, name),
        debate_id=debate,
        round=round_no,
        phase="proposal" if round_no == 1 else "critique",
        panelist=name,
        answer=said.answer,
        critique=said.critique,
        error=error,
        cost_usd=said.cost_usd,
        at=platform.clock.now(),
    )
